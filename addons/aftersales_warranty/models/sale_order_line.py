# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    aftersales_labour_ids = fields.One2many(
        "aftersales.repair.labour", "sale_line_id", string="Repair Labour"
    )

    def _aftersales_coverage_records(self):
        """The repair lines (parts; labour when present) this quotation line bills."""
        self.ensure_one()
        moves = self.move_ids._aftersales_part_lines(active=False)
        return moves or self.aftersales_labour_ids

    def _aftersales_warranty_free(self):
        self.ensure_one()
        records = self._aftersales_coverage_records()
        return bool(records) and not any(records.mapped("warranty_charged"))

    def _compute_price_unit(self):
        free = self.filtered(
            lambda line: (
                line.order_id and not line.qty_invoiced and line._aftersales_warranty_free()
            )
        )
        for line in free:
            line.price_unit = 0.0
            line.technical_price_unit = 0.0
        return super(SaleOrderLine, self - free)._compute_price_unit()

    def _aftersales_apply_coverage(self):
        """Price and describe lines billing repair lines from their coverage."""
        for line in self.filtered(lambda line: not line.qty_invoiced):
            records = line._aftersales_coverage_records()
            if not records:
                continue
            reasons = list(dict.fromkeys(filter(None, records.mapped("warranty_reason"))))
            base = line.with_context(
                lang=line.order_id._get_lang()
            )._get_sale_order_line_multiline_description_sale()
            name = base
            if reasons:
                label = _("Free") if line._aftersales_warranty_free() else _("Charged")
                name = "%s\n%s: %s" % (base, label, " ".join(reasons))
            vals = {"name": name}
            if line._aftersales_warranty_free():
                vals.update(price_unit=0.0, technical_price_unit=0.0)
            else:
                price = records[:1]._aftersales_customer_price()
                if line.currency_id.compare_amounts(price, line.price_unit):
                    vals["price_unit"] = price
            line.write(vals)
