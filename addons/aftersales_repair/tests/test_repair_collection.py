# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .billing_common import BillingCommon


@tagged("post_install", "-at_install")
class TestRepairCollection(BillingCommon):
    def _collect(self, repair, amount, receipt, **vals):
        return (
            self.env["aftersales.repair.collection"]
            .with_user(self.technician)
            .create(
                dict(
                    {"repair_id": repair.id, "amount": amount, "name": receipt, "method": "cash"},
                    **vals,
                )
            )
        )

    def test_collection_registered_on_the_invoice(self):
        repair = self._create_repair(hours=2.0)
        invoice = self._invoice(repair)
        collection = self._collect(repair, 1000.0, "R-0001")
        self.assertEqual(collection.technician_id, self.technician)
        self.assertEqual(collection.journal_id, self.cash_journal)
        self.assertEqual(repair.amount_collected_pending, 1000.0)
        # a technician cannot play the accountant
        with self.assertRaises(AccessError):
            collection.with_user(self.technician).action_register_payment()

        collection.with_user(self.accountant).action_register_payment()
        self.assertEqual(collection.state, "registered")
        self.assertEqual(collection.invoice_id, invoice)
        payment = collection.payment_id
        self.assertEqual(payment.amount, 1000.0)
        self.assertEqual(payment.partner_id, self.customer)
        self.assertEqual(payment.journal_id, self.cash_journal)
        self.assertTrue(collection.payment_reconciled)
        self.assertEqual(invoice.amount_residual, 3330.0)
        self.assertEqual(repair.billing_status, "partially_paid")
        self.assertEqual(repair.amount_collected, 1000.0)
        self.assertEqual(repair.amount_collected_pending, 0.0)
        self.assertIn(payment, repair.aftersales_payment_ids)

        with self.assertRaisesRegex(UserError, "cannot be registered twice"):
            collection.with_user(self.accountant).action_register_payment()
        with self.assertRaises(UserError):
            collection.amount = 50.0

    def test_collection_before_the_invoice(self):
        repair = self._create_repair()
        collection = self._collect(repair, 4200.0, "R-0002")
        collection.with_user(self.accountant).action_register_payment()
        payment = collection.payment_id
        self.assertEqual(payment.state, "in_process")
        self.assertFalse(collection.invoice_id)
        self.assertFalse(collection.payment_reconciled)

        # posting the repair's invoice matches the payment with it
        invoice = self._invoice(repair)
        self.assertEqual(collection.invoice_id, invoice)
        self.assertTrue(collection.payment_reconciled)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(repair.billing_status, "paid")

        # undone by hand, the accountant matches it again from the collection
        partial = invoice.line_ids.matched_credit_ids
        invoice.js_remove_outstanding_partial(partial.id)
        collection.invalidate_recordset(["payment_reconciled"])
        self.assertFalse(collection.payment_reconciled)
        self.assertEqual(repair.billing_status, "invoiced")
        collection.with_user(self.accountant).action_reconcile_invoice()
        collection.invalidate_recordset(["payment_reconciled"])
        self.assertTrue(collection.payment_reconciled)
        self.assertEqual(repair.billing_status, "paid")

    def test_bad_amounts_are_refused(self):
        repair = self._create_repair()
        with self.assertRaisesRegex(ValidationError, "must be positive"):
            self._collect(repair, 0.0, "R-0003")
        with self.assertRaisesRegex(ValidationError, "must be positive"):
            self._collect(repair, -20.0, "R-0004")

    def test_receipt_number_used_twice(self):
        repair = self._create_repair()
        self._collect(repair, 100.0, "R-0005")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._collect(repair, 100.0, "R-0005")

    def test_cancelled_invoice_is_refused(self):
        repair = self._create_repair()
        invoice = self._invoice(repair)
        invoice.button_draft()
        invoice.button_cancel()
        collection = self._collect(repair, 500.0, "R-0006")
        collection.invoice_id = invoice
        with self.assertRaisesRegex(UserError, "is cancelled"):
            collection.with_user(self.accountant).action_register_payment()
        self.assertEqual(collection.state, "collected")
        self.assertFalse(collection.payment_id)

    def test_overdue_collections_cron(self):
        repair = self._create_repair()
        collection = self._collect(repair, 300.0, "R-0007", date=date(2026, 1, 5))
        self.assertEqual(collection.date_due, date(2026, 2, 4))
        Collection = self.env["aftersales.repair.collection"]
        activity_type = self.env.ref("aftersales_repair.mail_activity_type_collection_handover")

        def activities():
            return collection.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

        with freeze_time("2026-02-04"):
            self.assertFalse(collection.is_overdue)
            Collection._cron_overdue_collections()
        self.assertFalse(activities())
        with freeze_time("2026-02-05"):
            collection.invalidate_recordset(["is_overdue"])
            self.assertTrue(collection.is_overdue)
            self.assertIn(collection, Collection.search([("is_overdue", "=", True)]))
            self.assertIn(
                repair, self.env["repair.order"].search([("has_overdue_collection", "=", True)])
            )
            Collection._cron_overdue_collections()
            Collection._cron_overdue_collections()
        self.assertEqual(len(activities()), 1)
        self.assertEqual(activities().user_id, self.technician)
        # listed per technician
        groups = Collection._read_group(
            [("id", "=", collection.id), ("state", "=", "collected")],
            ["technician_id"],
            ["amount:sum"],
        )
        self.assertEqual(groups, [(self.technician, 300.0)])
        # handing it over closes the activity
        collection.with_user(self.accountant).action_register_payment()
        self.assertFalse(activities())
