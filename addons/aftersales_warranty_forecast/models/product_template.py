# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    aftersales_reliability_ids = fields.One2many(
        "aftersales.part.reliability", "part_tmpl_id", string="Reliability"
    )
    aftersales_reliability_chart = fields.Html(
        string="Failure Probability",
        compute="_compute_aftersales_reliability_chart",
        sanitize=False,
    )

    def _compute_aftersales_reliability_chart(self):
        company = self.env.company
        for template in self:
            fit = template.aftersales_reliability_ids.filtered(
                lambda r, c=company: r.company_id == c
            )[:1]
            template.aftersales_reliability_chart = fit.chart if fit else False
