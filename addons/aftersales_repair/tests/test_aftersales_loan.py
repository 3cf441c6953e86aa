# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .workshop_common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestAftersalesLoan(WorkshopCommon):
    """Issue 3 point 6: a company-owned unit lent with an Odoo delivery and taken back with
    Odoo's return; the repair is not closed while the unit is out unless a manager overrides."""

    def _create_loan(self, repair, lot=None, expected=None, user=None):
        form = Form(self.env["aftersales.loan"].with_user(user or self.frontdesk))
        form.repair_id = repair
        form.product_id = self.product_unit
        form.lot_id = lot or self.loan_lot
        form.expected_return_date = expected or date(2026, 12, 1)
        return form.save()

    def _lot_location(self, lot):
        quant = self.env["stock.quant"].search(
            [("lot_id", "=", lot.id), ("quantity", ">", 0)], limit=1
        )
        return quant.location_id

    def test_lend_and_return(self):
        repair = self._start(self._create_repair())
        loan = self._create_loan(repair)
        self.assertEqual(loan.state, "draft")
        self.assertEqual(loan.partner_id, self.customer)
        self.assertTrue(loan.name.startswith("LOAN/"))
        loan.action_lend()
        self.assertEqual(loan.state, "out")
        out = loan.out_picking_id
        self.assertEqual(out.state, "done")
        self.assertEqual(out.picking_type_id, self.env.ref("stock.warehouse0").out_type_id)
        self.assertEqual(out.partner_id, self.customer)
        self.assertEqual(out.move_line_ids.lot_id, self.loan_lot)
        self.assertEqual(self._lot_location(self.loan_lot).usage, "customer")
        self.assertTrue(repair.has_loan_out)
        self.assertEqual(repair.loan_count, 1)
        self.assertIn("lent to", repair.message_ids[0].body)

        loan.with_user(self.frontdesk).action_return()
        self.assertEqual(loan.state, "returned")
        back = loan.return_picking_id
        self.assertEqual(back.state, "done")
        self.assertEqual(back.return_id, out)
        self.assertEqual(back.move_line_ids.lot_id, self.loan_lot)
        self.assertEqual(self._lot_location(self.loan_lot), self.stock_location)
        self.assertFalse(repair.has_loan_out)
        self.assertTrue(loan.date_returned)

    def test_returning_a_loan_not_out_refused(self):
        repair = self._start(self._create_repair())
        loan = self._create_loan(repair)
        with self.assertRaisesRegex(UserError, "not out with the customer"):
            loan.action_return()
        self.assertFalse(loan.return_picking_id)
        loan.action_lend()
        loan.action_return()
        with self.assertRaisesRegex(UserError, "not out with the customer"):
            loan.action_return()
        self.assertEqual(
            self.env["stock.picking"].search_count([("return_id", "=", loan.out_picking_id.id)]), 1
        )

    def test_lending_a_customer_unit_refused(self):
        repair = self._start(self._create_repair())
        customer_lot = repair.lot_id  # the customer's own unit, in the workshop
        loan = self._create_loan(repair, lot=customer_lot)
        with self.assertRaisesRegex(UserError, "company-owned"):
            loan.action_lend()
        self.assertEqual(loan.state, "draft")
        self.assertFalse(loan.out_picking_id)

    def test_lending_a_unit_already_out_refused(self):
        repair = self._start(self._create_repair())
        self._create_loan(repair).action_lend()
        second = self._create_loan(self._start(self._create_repair()))
        with self.assertRaises(UserError):
            second.action_lend()

    def test_closing_with_loan_out_refused_then_manager_override(self):
        repair = self._start(self._create_repair())
        loan = self._create_loan(repair)
        loan.action_lend()
        repair.with_user(self.technician).action_repair_end()
        repair.with_user(self.inspector).action_inspection_pass()
        self._tick_checklist(repair)
        with self.assertRaisesRegex(UserError, "still out with the customer"):
            repair.with_user(self.frontdesk).action_handover()
        self.assertFalse(repair.handover_date)
        # the front desk cannot override
        with self.assertRaises(AccessError):
            repair.with_user(self.frontdesk).action_loan_override("Customer keeps it a week")
        wizard = Form(
            self.env["aftersales.loan.override.wizard"]
            .with_user(self.manager)
            .with_context(default_repair_id=repair.id)
        )
        wizard.reason = "Customer's site is closed until Monday; unit collected then."
        wizard.save().action_confirm()
        self.assertRecordValues(
            repair,
            [
                {
                    "loan_override_reason": (
                        "Customer's site is closed until Monday; unit collected then."
                    ),
                    "loan_override_user_id": self.manager.id,
                }
            ],
        )
        self.assertIn("closed until Monday", repair.message_ids[0].body)
        repair.with_user(self.frontdesk).action_handover()
        self.assertTrue(repair.handover_date)
        self.assertEqual(loan.state, "out", "the loan itself stays out and overdue-tracked")

    def test_closing_after_loan_returned(self):
        repair = self._start(self._create_repair())
        loan = self._create_loan(repair)
        loan.action_lend()
        self._to_done_from_repair(repair)
        self._tick_checklist(repair)
        loan.action_return()
        repair.with_user(self.frontdesk).action_handover()
        self.assertEqual(repair.handover_user_id, self.frontdesk)

    def _to_done_from_repair(self, repair):
        repair.with_user(self.technician).action_repair_end()
        repair.with_user(self.inspector).action_inspection_pass()

    def test_overdue_cron_creates_one_activity(self):
        repair = self._start(self._create_repair())
        with freeze_time(datetime(2026, 3, 1, 9, 0)):
            loan = self._create_loan(repair, expected=date(2026, 3, 10))
            loan.action_lend()
        loan_model = self.env["aftersales.loan"]
        with freeze_time(datetime(2026, 3, 10, 9, 0)):
            self.assertFalse(loan.is_overdue)
            loan_model._cron_overdue_loans()
            self.assertFalse(loan.activity_ids)
        with freeze_time(datetime(2026, 3, 12, 9, 0)):
            loan.invalidate_recordset(["is_overdue"])
            self.assertTrue(loan.is_overdue)
            self.assertIn(loan, loan_model.search([("is_overdue", "=", True)]))
            loan_model._cron_overdue_loans()
            loan_model._cron_overdue_loans()
            self.assertEqual(len(loan.activity_ids), 1)
            self.assertEqual(loan.activity_ids.user_id, self.frontdesk)
            self.assertEqual(loan.activity_ids.summary, "Loan unit overdue")
            # once back, it is no longer overdue and the activity is done
            loan.action_return()
            self.assertFalse(loan.activity_ids)
            self.assertNotIn(loan, loan_model.search([("is_overdue", "=", True)]))
