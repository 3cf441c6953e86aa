# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    aftersales_complaint_ids = fields.One2many("aftersales.complaint", "sale_order_id")
    aftersales_complaint_count = fields.Integer(
        string="Complaints", compute="_compute_aftersales_complaint_count"
    )

    def _compute_aftersales_complaint_count(self):
        counts = dict(
            self.env["aftersales.complaint"]._read_group(
                [("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"]
            )
        )
        for order in self:
            order.aftersales_complaint_count = counts.get(order, 0)

    def action_view_aftersales_complaints(self):
        self.ensure_one()
        return self.env["aftersales.complaint"]._get_link_action(
            [("sale_order_id", "=", self.id)],
            {
                "default_sale_order_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
            },
        )
