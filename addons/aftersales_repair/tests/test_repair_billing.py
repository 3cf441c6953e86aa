# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import Form, tagged

from .billing_common import BillingCommon


@tagged("post_install", "-at_install")
class TestRepairBilling(BillingCommon):
    def test_status_quote_invoice_partial_payment_paid(self):
        repair = self._create_repair(hours=2.0)
        # 1 battery at 4,200 + 2 h labour at 65: estimated at list price
        self.assertEqual(repair.amount_estimated, 4330.0)
        # billable work, nothing on a sale order yet
        self.assertEqual(repair.billing_status, "to_invoice")
        self.assertEqual(repair.amount_charged, 0.0)

        repair.action_create_sale_order()
        self.assertEqual(repair.amount_charged, 4330.0)
        self.assertEqual(repair.billing_status, "to_invoice")

        invoice = self._invoice(repair)
        self.assertEqual(repair.amount_invoiced, 4330.0)
        self.assertEqual(repair.amount_residual, 4330.0)
        self.assertEqual(repair.billing_status, "invoiced")
        self.assertEqual(repair.aftersales_invoice_ids, invoice)

        self._pay(invoice, 1330.0)
        self.assertEqual(repair.amount_paid, 1330.0)
        self.assertEqual(repair.amount_residual, 3000.0)
        self.assertEqual(repair.billing_status, "partially_paid")

        payment = self._pay(invoice, 3000.0)
        self.assertEqual(repair.amount_paid, 4330.0)
        self.assertEqual(repair.amount_residual, 0.0)
        self.assertEqual(repair.billing_status, "paid")
        self.assertIn(payment, repair.aftersales_payment_ids)
        self.assertFalse(repair.billing_difference)

    def test_difference_names_the_amount_and_the_lines(self):
        repair = self._create_repair(parts=[(self.part_battery, 1.0), (self.part_controller, 2.0)])
        invoice = self._invoice(repair, post=False)
        battery_line = invoice.invoice_line_ids.filtered(
            lambda line: line.product_id == self.part_battery
        )
        # the battery is invoiced at 3,950 instead of 4,200, and a call-out nobody quoted
        invoice.write(
            {
                "invoice_line_ids": [
                    Command.update(battery_line.id, {"price_unit": 3950.0}),
                    Command.create({"name": "Call-out fee", "quantity": 1, "price_unit": 90.0}),
                ]
            }
        )
        invoice.action_post()
        self.assertEqual(repair.amount_charged, 6120.0)  # 4,200 + 2 x 960
        self.assertEqual(repair.amount_invoiced, 5960.0)  # 3,950 + 1,920 + 90
        self.assertEqual(repair.billing_status, "difference")
        self.assertEqual(repair.billing_difference, -160.0)
        details = repair.billing_difference_details
        self.assertIn(self.part_battery.name, details)
        self.assertIn("Call-out fee", details)
        self.assertNotIn(self.part_controller.name, details)

        # a credit note of 250 on the battery: the invoiced amount and the difference follow
        refund = invoice._reverse_moves([{"invoice_date": invoice.invoice_date}])
        refund_battery = refund.invoice_line_ids.filtered(
            lambda line: line.product_id == self.part_battery
        )
        refund.write(
            {
                "invoice_line_ids": [
                    Command.update(refund_battery.id, {"price_unit": 250.0}),
                    *[
                        Command.delete(line.id)
                        for line in refund.invoice_line_ids - refund_battery
                    ],
                ]
            }
        )
        refund.action_post()
        self.assertEqual(repair.amount_invoiced, 5710.0)
        self.assertEqual(repair.billing_difference, -410.0)
        self.assertEqual(repair.billing_status, "difference")

    def test_warranty_repair_is_covered_and_has_nothing_to_bill(self):
        repair = self._create_repair(
            parts=[(self.part_battery, 1.0), (self.part_controller, 1.0)], under_warranty=True
        )
        self.assertEqual(repair.amount_covered, 5160.0)  # 4,200 + 960 at sales price
        self.assertEqual(repair.amount_covered_cost, 3710.0)  # 3,100 + 610 at cost
        repair.action_create_sale_order()
        self.assertEqual(repair.amount_charged, 0.0)
        self.assertEqual(repair.amount_covered, 5160.0)
        self.assertEqual(repair.billing_status, "nothing_to_bill")

    def test_internal_repair_is_covered_by_the_one_rule(self):
        """An internal repair (inspection, tool upkeep, training) charges nobody: the billing
        figures, the settlement and the coverage rule agree that every line is given and that
        there is nothing to bill (they disagreed before issue 15)."""
        repair = self._create_repair(hours=2.0, service_category="internal")
        lines = [*repair.move_ids, *repair.labour_ids]
        self.assertEqual(len(lines), 2)
        self.assertTrue(all(repair._aftersales_line_is_covered(line) for line in lines))
        # 1 battery at 4,200 + 2 h labour at 65, all given
        self.assertEqual(repair.amount_estimated, 4330.0)
        self.assertEqual(repair.amount_covered, 4330.0)
        self.assertEqual(
            repair.amount_covered_cost, 3100.0 + 2 * self.product_labour.standard_price
        )
        self.assertEqual(repair.billing_status, "nothing_to_bill")
        totals = repair._aftersales_settlement_totals()
        self.assertEqual((totals["covered"], totals["charged"]), (4330.0, 0.0))

    def test_partly_covered_repair(self):
        """Only the lines priced at zero on the sale order count as covered."""
        repair = self._create_repair(parts=[(self.part_battery, 1.0), (self.part_controller, 1.0)])
        repair.action_create_sale_order()
        repair.sale_order_id.order_line.filtered(
            lambda line: line.product_id == self.part_controller
        ).price_unit = 0.0
        self.assertEqual(repair.amount_charged, 4200.0)
        self.assertEqual(repair.amount_covered, 960.0)
        self.assertEqual(repair.amount_covered_cost, 610.0)

    def test_reconciliation_filters(self):
        to_invoice = self._create_repair()
        to_invoice.action_create_sale_order()
        warranty = self._create_repair(under_warranty=True)
        Repair = self.env["repair.order"]
        self.assertIn(to_invoice, Repair.search([("billing_status", "=", "to_invoice")]))
        self.assertNotIn(warranty, Repair.search([("billing_status", "=", "to_invoice")]))
        groups = Repair._read_group(
            [("id", "in", (to_invoice | warranty).ids)], ["billing_status"], ["amount_charged:sum"]
        )
        self.assertEqual(dict(groups), {"to_invoice": 4200.0, "nothing_to_bill": 0.0})

    def test_accountant_reads_the_reconciliation(self):
        repair = self._create_repair()
        invoice = self._invoice(repair)
        rows = (
            self.env["repair.order"]
            .with_user(self.accountant)
            .search_read(
                [("id", "=", repair.id)],
                ["amount_charged", "amount_invoiced", "aftersales_invoice_ids", "billing_status"],
            )
        )
        self.assertEqual(rows[0]["aftersales_invoice_ids"], invoice.ids)
        self.assertEqual(rows[0]["billing_status"], "invoiced")
        action = repair.with_user(self.accountant).action_view_aftersales_invoices()
        self.assertEqual(action["res_id"], invoice.id)

    def test_accountant_opens_the_billing_form(self):
        repair = self._create_repair(hours=1.0)
        self._invoice(repair)
        self.env["aftersales.repair.collection"].create(
            {"repair_id": repair.id, "name": "R-FORM", "amount": 100.0}
        )
        action = repair.with_user(self.accountant).action_open_repair_form()
        view = self.env.ref("aftersales_repair.repair_order_view_form_reconciliation")
        self.assertEqual(action["views"], [(view.id, "form")])
        form = Form(repair.with_user(self.accountant), view=view)
        self.assertEqual(form.amount_invoiced, 4265.0)
        self.assertEqual(form.billing_status, "invoiced")
        self.assertEqual(len(form.collection_ids), 1)
        # an after-sales user gets the full repair form
        action = repair.with_user(self.frontdesk).action_open_repair_form()
        self.assertEqual(action["views"], [(False, "form")])

    def test_billing_is_computed_in_batch(self):
        """The number of queries to compute the billing of repairs does not grow with the
        number of repairs."""

        def queries_for(count):
            repairs = self.env["repair.order"]
            for __ in range(count):
                repair = self._create_repair(hours=1.0)
                repair.action_create_sale_order()
                self._invoice(repair)
                repairs |= repair
            self.env.flush_all()
            self.env.invalidate_all()
            fields_to_compute = [
                repairs._fields[fname]
                for fname in ("amount_charged", "amount_estimated", "amount_collected")
            ]
            for field in fields_to_compute:
                self.env.add_to_compute(field, repairs)
            before = self.cr.sql_log_count
            repairs.flush_recordset()
            self.assertEqual(repairs.mapped("billing_status"), ["invoiced"] * count)
            return self.cr.sql_log_count - before

        self.assertEqual(queries_for(2), queries_for(6))

    def test_not_invoiced_reminder_cron(self):
        repair = self._create_repair()
        repair.action_create_sale_order()
        with freeze_time(datetime(2026, 3, 2, 10, 0)):
            repair.write({"state": "done"})
            self.assertEqual(repair.date_repaired, datetime(2026, 3, 2, 10, 0))
        activity_type = self.env.ref("aftersales_repair.mail_activity_type_repair_to_invoice")
        Repair = self.env["repair.order"]

        def reminders():
            return repair.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

        with freeze_time(datetime(2026, 3, 8, 6, 0)):  # 6 days: within the 7 days
            Repair._cron_aftersales_invoice_reminder()
        self.assertFalse(reminders())
        with freeze_time(datetime(2026, 3, 10, 6, 0)):
            Repair._cron_aftersales_invoice_reminder()
            Repair._cron_aftersales_invoice_reminder()
        self.assertEqual(len(reminders()), 1)
        self.assertEqual(reminders().user_id, self.technician)


@tagged("post_install", "-at_install")
class TestRepairValuationEntries(BillingCommon):
    """Warranty cost in the books: the journal entries of the stock valuation of the parts a
    repair consumed are visible from the repair."""

    def test_valuation_entries_of_the_parts(self):
        self.categ_part.property_valuation = "real_time"
        repair = self._create_repair(
            parts=[(self.part_controller, 2.0)], under_warranty=True, service_category="free"
        )
        repair.action_validate()
        self.assertEqual(repair.valuation_line_count, 0)
        move = repair.move_ids
        move.quantity = 2.0
        move.picked = True
        move._action_done()
        lines = repair._aftersales_valuation_move_lines()
        self.assertEqual(len(lines), 2)
        self.assertEqual(sum(lines.mapped("debit")), 1220.0)  # 2 x 610 at standard cost
        self.assertEqual(sum(lines.mapped("credit")), 1220.0)
        self.assertEqual(lines.move_id.stock_move_id, move)
        repair.invalidate_recordset(["valuation_line_count"])
        self.assertEqual(repair.valuation_line_count, 2)
        action = repair.action_view_valuation_lines()
        self.assertEqual(self.env["account.move.line"].search(action["domain"]), lines)
        self.assertEqual(repair.amount_covered_cost, 1220.0)
