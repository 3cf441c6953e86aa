# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class StockWarehouseOrderpoint(models.Model):
    _inherit = "stock.warehouse.orderpoint"

    aftersales_demand_3 = fields.Float(
        string="Warranty Demand 3 Months",
        compute="_compute_aftersales_demand",
        digits="Product Unit of Measure",
        help="Parts the warranty repairs are expected to consume in the next 3 months "
        "(warranty forecast of the company).",
    )
    aftersales_demand_6 = fields.Float(
        string="Warranty Demand 6 Months",
        compute="_compute_aftersales_demand",
        digits="Product Unit of Measure",
    )
    aftersales_demand_12 = fields.Float(
        string="Warranty Demand 12 Months",
        compute="_compute_aftersales_demand",
        digits="Product Unit of Measure",
    )

    def _compute_aftersales_demand(self):
        fits = self.env["aftersales.part.reliability"].search(
            [("part_id", "in", self.product_id.ids), ("company_id", "in", self.company_id.ids)]
        )
        by_key = {(fit.part_id.id, fit.company_id.id): fit for fit in fits}
        for orderpoint in self:
            fit = by_key.get((orderpoint.product_id.id, orderpoint.company_id.id))
            orderpoint.aftersales_demand_3 = fit.demand_3 if fit else 0.0
            orderpoint.aftersales_demand_6 = fit.demand_6 if fit else 0.0
            orderpoint.aftersales_demand_12 = fit.demand_12 if fit else 0.0
