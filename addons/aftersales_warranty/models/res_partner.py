# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    warranty_unit_count = fields.Integer(
        string="Units under Warranty", compute="_compute_warranty_unit_count"
    )

    def _compute_warranty_unit_count(self):
        if not self.env["aftersales.warranty"].has_access("read"):
            self.warranty_unit_count = 0
            return
        groups = dict(
            self.env["aftersales.warranty"]._read_group(
                [
                    ("commercial_partner_id", "in", self.commercial_partner_id.ids),
                    ("state", "=", "active"),
                ],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.warranty_unit_count = groups.get(partner.commercial_partner_id, 0)

    def action_view_warranty_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_warranty.aftersales_warranty_action"
        )
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"search_default_filter_active": 1}
        action["name"] = _("Units of %(customer)s", customer=self.display_name)
        return action
