# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    aftersales_preferred_call_time = fields.Float(
        string="Preferred Call Time",
        help="When the customer prefers to be called back (hour of the day, caller's time zone).",
    )
    aftersales_complaint_count = fields.Integer(
        string="Complaints", compute="_compute_aftersales_complaint_count"
    )

    def _compute_aftersales_complaint_count(self):
        counts = dict(
            self.env["aftersales.complaint"]._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.aftersales_complaint_count = counts.get(partner.commercial_partner_id, 0)

    @api.constrains("aftersales_preferred_call_time")
    def _check_aftersales_preferred_call_time(self):
        for partner in self:
            if not 0 <= partner.aftersales_preferred_call_time < 24:
                raise ValidationError(_("The preferred call time is an hour between 0 and 24."))

    def action_view_aftersales_complaints(self):
        self.ensure_one()
        return self.env["aftersales.complaint"]._get_link_action(
            [("commercial_partner_id", "=", self.commercial_partner_id.id)],
            {"default_partner_id": self.id},
        )
