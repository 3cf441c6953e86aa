# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import new_test_user

from .common import AftersalesCommon


class BillingCommon(AftersalesCommon):
    """Repairs with a sale order and invoices, without taxes so that every figure is exact."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.part_battery | cls.part_controller | cls.product_labour).write({"taxes_id": False})
        cls.accountant = new_test_user(
            cls.env, login="as_accountant", groups="account.group_account_invoice"
        )
        cls.cash_journal = cls.env["account.journal"].search(
            [
                *cls.env["account.journal"]._check_company_domain(cls.company),
                ("type", "=", "cash"),
            ],
            limit=1,
        )
        cls.bank_journal = cls.env["account.journal"].search(
            [
                *cls.env["account.journal"]._check_company_domain(cls.company),
                ("type", "=", "bank"),
            ],
            limit=1,
        )

    @classmethod
    def _create_repair(cls, parts=None, hours=0.0, **vals):
        """A paid repair of the customer's forklift, the technician responsible: parts is a
        list of (product, quantity)."""
        parts = parts if parts is not None else [(cls.part_battery, 1.0)]
        values = {
            "partner_id": cls.customer.id,
            "product_id": cls.product_unit.id,
            "lot_id": cls._create_serial(f"BILL-{cls.env['repair.order'].search_count([])}").id,
            "user_id": cls.technician.id,
            "move_ids": [
                Command.create(
                    {"product_id": p.id, "product_uom_qty": qty, "repair_line_type": "add"}
                )
                for p, qty in parts
            ],
        }
        if hours:
            values["labour_ids"] = [
                Command.create({"product_id": cls.product_labour.id, "hours": hours})
            ]
        values.update(vals)
        return cls.env["repair.order"].create(values)

    def _invoice(self, repair, post=True):
        """Quote the repair, confirm the sale order and invoice it."""
        if not repair.sale_order_id:
            repair.action_create_sale_order()
        order = repair.sale_order_id
        if order.state == "draft":
            order.action_confirm()
        invoice = order._create_invoices()
        if post:
            invoice.action_post()
        return invoice

    def _pay(self, invoice, amount):
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"amount": amount, "journal_id": self.bank_journal.id})
        )
        return wizard._create_payments()
