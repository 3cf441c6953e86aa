# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .test_approval import ApprovalCommon


@tagged("post_install", "-at_install")
class TestApprovalCannotBeBypassed(ApprovalCommon):
    """Issue 14 point 1 on repairs' price approval: what was tried over RPC, as each role."""

    def test_manager_cannot_hand_his_request_to_another_user(self):
        repair = self._repair(400.0, user=self.manager)
        repair.with_user(self.manager).action_request_approval()
        with self.assertRaisesRegex(UserError, "set by the approval process only"):
            repair.with_user(self.manager).write({"approval_requested_by_id": self.manager_2.id})
        self.assertEqual(repair.approval_requested_by_id, self.manager)
        self.assertEqual(repair.approval_review_ids.requested_by_id, self.manager)
        with self.assertRaisesRegex(UserError, "your own request"):
            repair.with_user(self.manager).action_approve()
        self.assertEqual(repair.approval_state, "pending")

    def test_inspector_cannot_freeze_a_repair(self):
        repair = self._repair(700.0)
        with self.assertRaisesRegex(UserError, "Approval Status|set by the approval process"):
            repair.with_user(self.inspector).write({"approval_request_state": "pending"})
        self.assertEqual(repair.approval_request_state, "none")
        self.assertEqual(repair.approval_state, "to_request")
        # writing the value it already has changes nothing and is accepted
        repair.with_user(self.frontdesk).write({"approval_request_state": "none"})

    def test_reviews_and_create_refused(self):
        repair = self._repair(700.0)
        repair.with_user(self.frontdesk).action_request_approval()
        review = repair.approval_review_ids
        with self.assertRaisesRegex(UserError, "set by the approval process only"):
            repair.with_user(self.manager).write(
                {"approval_review_ids": [Command.unlink(review.id)]}
            )
        with self.assertRaises(AccessError):
            review.with_user(self.manager).write({"status": "approved"})
        self.assertEqual(review.status, "pending")
        values = {
            "partner_id": self.customer.id,
            "product_id": self.product_unit.id,
            "service_category": "paid",
        }
        Repair = self.env["repair.order"].with_user(self.frontdesk)
        for field, value in (
            ("approval_request_state", "approved"),
            ("approval_requested_by_id", self.manager.id),
        ):
            with self.subTest(field=field), self.assertRaisesRegex(UserError, "approval process"):
                Repair.create(dict(values, **{field: value}))
        # a default given in the context is no way around either
        repair = Repair.with_context(
            default_approval_request_state="approved",
            default_approval_requested_by_id=self.manager.id,
        ).create(values)
        self.assertEqual(repair.approval_request_state, "none")
        self.assertFalse(repair.approval_requested_by_id)

    def test_read_only_accountant_cannot_restart(self):
        accountant = new_test_user(
            self.env, login="as_accountant", groups="account.group_account_invoice"
        )
        repair = self._repair(700.0)
        repair.with_user(self.frontdesk).action_request_approval()
        repair.with_user(self.manager).action_approve()
        with self.assertRaises(AccessError):
            repair.with_user(accountant).action_restart_approval()
        self.assertEqual(repair.approval_state, "approved")
        self.assertEqual(repair.approval_review_ids.status, "approved")

    def test_zero_amount_and_amount_without_rule_refused(self):
        repair = self._repair(700.0)
        repair.labour_ids.price_unit = 0.0
        with self.assertRaisesRegex(
            UserError,
            r"its amount to approve \(Repair Service Price\) is .*0\.00.*must be positive",
        ):
            repair.with_user(self.frontdesk).action_request_approval()
        self.assertFalse(repair.approval_review_ids)
        repair.labour_ids.price_unit = 700.0
        # the company removed the band of 700: never approved automatically
        self.Rule.search(
            [("document_type", "=", "repair_price"), ("amount_to", "=", 1000)]
        ).active = False
        with self.assertRaisesRegex(
            UserError,
            r"covers Repair Service Price for .*700\.00.*configure a rule for this amount",
        ):
            repair.with_user(self.frontdesk).action_request_approval()
        self.assertEqual(repair.approval_request_state, "none")
        self.assertFalse(repair.approval_review_ids)


@tagged("post_install", "-at_install")
class TestSearchProtocol(ApprovalCommon):
    """Issue 14 point 8: a search method never returns NotImplemented (Odoo 18 would pass it
    on as a domain): an unsupported operator gets a clear message."""

    def test_unsupported_operator_refused_supported_one_works(self):
        for model, fname in (
            ("repair.order", "has_overdue_collection"),
            ("aftersales.repair.collection", "is_overdue"),
        ):
            Model = self.env[model].with_user(self.manager)
            with self.subTest(model=model), self.assertRaisesRegex(UserError, "supports only"):
                Model.search([(fname, "in", [True])])
            self.assertFalse(Model.search([(fname, "=", True)]))
            self.assertEqual(Model.search_count([(fname, "!=", True)]), Model.search_count([]))
