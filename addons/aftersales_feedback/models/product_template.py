# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    aftersales_complaint_count = fields.Integer(
        string="Complaints", compute="_compute_aftersales_complaint_count"
    )

    def _compute_aftersales_complaint_count(self):
        counts = dict(
            self.env["aftersales.complaint"]._read_group(
                [("product_tmpl_id", "in", self.ids)], ["product_tmpl_id"], ["__count"]
            )
        )
        for template in self:
            template.aftersales_complaint_count = counts.get(template, 0)

    def action_view_aftersales_complaints(self):
        self.ensure_one()
        return self.env["aftersales.complaint"]._get_link_action(
            [("product_tmpl_id", "=", self.id)],
            {
                "default_product_id": self.product_variant_id.id,
                "default_category": "product_quality",
            },
        )
