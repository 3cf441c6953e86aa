# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AftersalesWarrantyForecast(models.Model):
    """Expected warranty claims and their cost by month, product and part, for the units still
    in warranty: the part's fitted rate x the units at risk x the part's average cost per
    claim (labour included). Replaced by each refit; nobody edits it."""

    _name = "aftersales.warranty.forecast"
    _description = "Warranty Claims Forecast"
    _order = "date, product_id, part_id"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(string="Month", required=True, index=True, readonly=True)
    product_id = fields.Many2one("product.product", required=True, index=True, readonly=True)
    part_id = fields.Many2one("product.product", required=True, index=True, readonly=True)
    expected_claims = fields.Float(readonly=True, aggregator="sum")
    expected_cost = fields.Monetary(readonly=True, aggregator="sum")
    expected_qty = fields.Float(
        string="Expected Parts", readonly=True, digits="Product Unit of Measure", aggregator="sum"
    )
