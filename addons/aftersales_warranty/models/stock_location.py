# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models


class StockLocation(models.Model):
    _inherit = "stock.location"

    aftersales_quarantine = fields.Boolean(
        string="Warranty Quarantine",
        help="Returned defective parts wait here for the Service and Quality inspections; "
        "they cannot leave it (or be scrapped) before both are recorded.",
    )

    @api.model
    def _aftersales_create_quarantine_locations(self, companies=None):
        """One "Warranty Quarantine" internal location per company (under its first
        warehouse), set as the company's quarantine location. Idempotent."""
        companies = companies or self.env["res.company"].search([])
        for company in companies:
            if company.aftersales_quarantine_location_id:
                continue
            warehouse = self.env["stock.warehouse"].search(
                [("company_id", "=", company.id)], limit=1
            )
            if not warehouse:
                continue
            location = self.search(
                [
                    ("aftersales_quarantine", "=", True),
                    ("company_id", "=", company.id),
                    ("location_id", "=", warehouse.view_location_id.id),
                ],
                limit=1,
            ) or self.create(
                {
                    "name": _("Warranty Quarantine"),
                    "usage": "internal",
                    "location_id": warehouse.view_location_id.id,
                    "company_id": company.id,
                    "aftersales_quarantine": True,
                }
            )
            company.aftersales_quarantine_location_id = location
        return True
