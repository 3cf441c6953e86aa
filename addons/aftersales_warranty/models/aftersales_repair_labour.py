# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models


class AftersalesRepairLabour(models.Model):
    _name = "aftersales.repair.labour"
    _inherit = ["aftersales.repair.labour", "aftersales.warranty.coverage.mixin"]

    warranty_part_id = fields.Many2one(
        "product.product",
        string="Part Worked On",
        help="Labour on a part follows that part's coverage; empty, it follows the coverage "
        "of the whole unit.",
    )

    def _aftersales_coverage_depends(self):
        return [
            "repair_id",
            "warranty_part_id",
            "repair_id.product_id",
            "repair_id.lot_id",
            "repair_id.under_warranty",
            "repair_id.schedule_date",
            "repair_id.failure_cause",
        ]

    def _aftersales_repair(self):
        return self.repair_id

    def _aftersales_is_labour(self):
        return True

    def _aftersales_coverage_product(self):
        return self.warranty_part_id or self.repair_id.product_id

    @api.depends("warranty_charged")
    def _compute_price_unit(self):
        res = super()._compute_price_unit()
        for line in self:
            if line.repair_id and not line.warranty_charged:
                line.price_unit = 0.0
        return res

    def _aftersales_customer_price(self):
        self.ensure_one()
        return self.price_unit

    def _aftersales_sale_line_values(self):
        vals = super()._aftersales_sale_line_values()
        if self.warranty_reason:
            label = _("Charged") if self.warranty_charged else _("Free")
            vals["name"] = "%s\n%s: %s" % (
                vals.get("name") or self.name,
                label,
                self.warranty_reason,
            )
        if not self.warranty_charged:
            vals["price_unit"] = 0.0
        return vals
