# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    aftersales_complaint_count = fields.Integer(
        string="Complaints", compute="_compute_aftersales_complaint_count"
    )

    def _compute_aftersales_complaint_count(self):
        counts = dict(
            self.env["aftersales.complaint"]._read_group(
                [("invoice_id", "in", self.ids)], ["invoice_id"], ["__count"]
            )
        )
        for move in self:
            move.aftersales_complaint_count = counts.get(move, 0)

    def action_view_aftersales_complaints(self):
        self.ensure_one()
        return self.env["aftersales.complaint"]._get_link_action(
            [("invoice_id", "=", self.id)],
            {
                "default_invoice_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
            },
        )
