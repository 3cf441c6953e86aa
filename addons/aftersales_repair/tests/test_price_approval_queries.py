# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .test_approval import ApprovalCommon


@tagged("post_install", "-at_install")
class TestPriceApprovalQueries(ApprovalCommon):
    """The price approval's hot path (issue 15 point 6): what a request and an approval cost
    per repair once Odoo's caches are warm (`SuiteFlow.approve_price` of scripts/bench.py)."""

    def test_request_and_approve_in_bounded_queries(self):
        self._isolate_rules([("general_manager", "sequential")])
        self.general_manager.notification_type = "email"
        # e-mails queued, not sent within the test (Odoo sends them after the commit)
        repairs = (self._repair(300.0) | self._repair(400.0)).with_context(
            mail_notify_force_send=False
        )
        warm, measured = repairs
        for repair in (warm, measured):
            self.assertEqual(repair.approval_state, "to_request")
        warm.with_user(self.frontdesk).action_request_approval()
        warm.with_user(self.general_manager).action_approve()
        self.env.flush_all()
        # request: reviews, followers, tasks (each naming its review), the note, the e-mail
        # and its recipients, the notifications (whom the note reached), the repair's state;
        # approval: reviews, tasks archived, the note, the repair's state with its row lock;
        # at the commit: Odoo's bus message of the new tasks to the approvers' browsers (not
        # counted by scripts/bench, whose transactions are rolled back)
        with self.assertQueryCount(13):
            measured.with_user(self.frontdesk).action_request_approval()
            measured.with_user(self.general_manager).action_approve()
            self.env.flush_all()
        self.assertEqual(measured.approval_state, "approved")
        request = measured.message_ids.filtered(lambda m: "Approval requested" in m.body)
        self.assertIn(self.general_manager.partner_id, request.notified_partner_ids)
        self.assertIn(self.general_manager.partner_id, measured.message_partner_ids)
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", request.id)])
        self.assertIn(self.general_manager.partner_id, mail.recipient_ids)
        self.assertEqual(request.subject, measured.display_name)
        self.assertFalse(self._approval_activities(measured))
        # the approver's task, done, names the step it asked to decide
        review = measured.approval_review_ids
        done = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search([("aftersales_approval_review_id", "=", review.id)])
        )
        self.assertIn(self.general_manager, done.user_id)
        self.assertEqual(review.with_context(active_test=False).activity_ids, done)
        self.assertFalse(any(done.mapped("active")))
