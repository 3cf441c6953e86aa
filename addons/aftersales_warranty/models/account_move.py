# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        invoices = posted.filtered(lambda m: m.move_type == "out_invoice")
        orders = invoices.line_ids.sale_line_ids.order_id
        if orders:
            # The accountant posting the invoice need not edit warranties: the invoice
            # date is a fact the warranty's clock may start from.
            warranties = (
                self.env["aftersales.warranty"]
                .sudo()
                .search([("sale_order_id", "in", orders.ids), ("invoice_date", "=", False)])
            )
            for warranty in warranties:
                dates = invoices.filtered(
                    lambda m, o=warranty.sale_order_id: o in m.line_ids.sale_line_ids.order_id
                ).mapped("invoice_date")
                if dates:
                    warranty.invoice_date = min(dates)
        return posted

    def _aftersales_warranty_lines(self):
        """(readme/CONFIGURE.md, "Warranty periods on the customer's documents"): the warranty
        period of each part of the units this invoice sells, printed on the invoice."""
        self.ensure_one()
        if (
            self.move_type != "out_invoice"
            or not self.company_id.aftersales_print_warranty_periods
        ):
            return self.env["aftersales.warranty.line"]
        products = self.invoice_line_ids.product_id
        orders = self.invoice_line_ids.sale_line_ids.order_id
        if not orders:
            return self.env["aftersales.warranty.line"]
        # sudo: the customer's own document states what the customer was promised; the
        # accountant printing it need not read warranties
        return (
            self.env["aftersales.warranty"]
            .sudo()
            .search(
                [
                    ("sale_order_id", "in", orders.ids),
                    ("product_id", "in", products.ids),
                    ("state", "=", "active"),
                ]
            )
            .line_ids
        )
