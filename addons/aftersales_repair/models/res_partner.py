# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, models
from odoo.exceptions import ValidationError

from ..tools.geo import check_coordinates


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.constrains("partner_latitude", "partner_longitude")
    def _check_aftersales_coordinates(self):
        """The site distance of a repair is computed from the customer's coordinates: refuse
        coordinates that are not on Earth instead of silently ignoring them."""
        for partner in self:
            if not check_coordinates(
                partner.partner_latitude or 0.0, partner.partner_longitude or 0.0
            ):
                raise ValidationError(
                    _(
                        "The coordinates of %(name)s are out of range: the latitude must be "
                        "between -90 and 90 and the longitude between -180 and 180 degrees.",
                        name=partner.display_name,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if {"partner_latitude", "partner_longitude"} & set(vals):
            self._aftersales_refresh_repair_deadlines()
        return res

    def _aftersales_refresh_repair_deadlines(self):
        """The customer's site moved: its open repairs get their site distance recomputed and
        their service deadlines re-planned (arrival band) as for any address change."""
        # sudo: the deadlines follow from the address whoever edits it; only the open repairs
        # of these partners are re-planned.
        repairs = (
            self.env["repair.order"]
            .sudo()
            .search(
                [
                    ("state", "not in", ("done", "cancel")),
                    "|",
                    ("site_partner_id", "in", self.ids),
                    ("partner_id", "in", self.ids),
                ]
            )
        )
        if repairs:
            self.env["aftersales.sla.deadline"]._sla_refresh(repairs)
