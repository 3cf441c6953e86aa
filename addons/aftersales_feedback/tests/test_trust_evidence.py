# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .trust_common import TrustCommon


@tagged("post_install", "-at_install")
class TestTrustEvidence(TrustCommon):
    """Issue 14 point 3: what a company relies on is archived or cancelled, never deleted, and
    deleting what evidence points to is refused, not silently emptied or cascaded."""

    def _assert_restricted(self, record):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            record.unlink()
        self.assertTrue(record.exists())

    def test_policy_of_a_warranty_cannot_be_deleted(self):
        """The manager deleted a warranty policy: the warranties lost their policy."""
        self.assertEqual(self.warranty.policy_id, self.policy)
        self._assert_restricted(self.policy.with_user(self.manager))
        self.policy.with_user(self.manager).active = False  # archiving is the way
        self.assertEqual(self.warranty.policy_id, self.policy)

    def test_partner_of_a_complaint_cannot_be_deleted(self):
        partner = self.env["res.partner"].create({"name": "Complaining Customer Test"})
        complaint = self._complaint(partner_id=partner.id)
        self._assert_restricted(partner)
        self.assertEqual(complaint.partner_id, partner)

    def test_partner_of_a_warranty_cannot_be_deleted(self):
        self._assert_restricted(self.warranty.partner_id)

    def test_fault_code_of_a_repair_cannot_be_deleted(self):
        code = self.env["aftersales.fault.code"].create(
            {"name": "Test Mast leaks", "code": "T-ML"}
        )
        self.repair_done.fault_code_id = code
        self._assert_restricted(code.with_user(self.manager))
        self.assertEqual(self.repair_done.fault_code_id, code)

    def test_callback_plan_of_a_callback_cannot_be_deleted(self):
        plan = self.env["aftersales.callback.plan"].create({"name": "Test plan"})
        callback = self.env["aftersales.callback"].create(
            {
                "name": "Test call",
                "source_key": "test-trust-1",
                "plan_id": plan.id,
                "trigger": "delivery",
                "partner_id": self.customer.id,
                "due_date": "2026-01-10 10:00:00",
                "call_at": "2026-01-10 10:00:00",
            }
        )
        self._assert_restricted(plan.with_user(self.manager))
        self.assertTrue(callback.exists())

    def test_warranty_with_repairs_cannot_be_deleted(self):
        self._repair(self.lot_sold, "2025-09-01 10:00:00")
        with self.assertRaisesRegex(UserError, "end it instead"):
            self.warranty.with_user(self.manager).unlink()

    def test_closed_complaint_cannot_be_deleted(self):
        complaint = self._complaint()
        complaint.state = "closed"
        with self.assertRaisesRegex(UserError, "closed complaint"):
            complaint.with_user(self.manager).unlink()
        self._complaint().with_user(self.manager).unlink()  # a new one may go

    def test_answered_feedback_cannot_be_deleted(self):
        request = self.env["aftersales.feedback.request"].search(
            [("repair_id", "=", self.repair_done.id)]
        )
        self.assertTrue(request)
        request.state = "answered"
        with self.assertRaisesRegex(UserError, "Answered feedback"):
            request.with_user(self.manager).unlink()

    def test_running_contract_cannot_be_deleted(self):
        contract = self.env["aftersales.warranty.contract"].create(
            {"partner_id": self.customer.id, "date_end": "2099-12-31"}
        )
        contract.state = "running"
        with self.assertRaisesRegex(UserError, "cancel it instead"):
            contract.with_user(self.manager).unlink()

    def test_sent_supplier_claim_cannot_be_deleted(self):
        claim = self.env["aftersales.supplier.claim"].create(
            {"partner_id": self.vendor.id, "product_id": self.part_seal.id}
        )
        claim.state = "claimed"
        with self.assertRaisesRegex(UserError, "draft supplier claim"):
            claim.with_user(self.manager).unlink()

    def test_collected_cash_cannot_be_deleted(self):
        collection = (
            self.env["aftersales.repair.collection"]
            .with_user(self.technician)
            .create(
                {
                    "repair_id": self.repair_done.id,
                    "amount": 120.0,
                    "name": "R-TRUST-1",
                    "method": "cash",
                }
            )
        )
        for state in ("collected", "cancel"):
            collection.sudo().state = state
            with self.assertRaisesRegex(UserError, "Collected cash"):
                collection.with_user(self.manager).unlink()

    def test_inspected_return_and_approved_request_cannot_be_deleted(self):
        request = self._issued_request()
        with self.assertRaises(UserError):
            request.with_user(self.manager).unlink()
        part_return = request.return_ids
        self.assertTrue(part_return)
        part_return.sudo().state = "accepted"
        with self.assertRaisesRegex(UserError, "part return"):
            part_return.with_user(self.manager).unlink()
