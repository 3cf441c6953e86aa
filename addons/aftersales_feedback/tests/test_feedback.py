# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import FeedbackCommon

GOOD = {
    "rating_attitude": "very_satisfied",
    "rating_skill": "satisfied",
    "rating_arrival": "fair",
    "rating_promise": "satisfied",
}


@tagged("post_install", "-at_install")
class TestFeedbackRequest(FeedbackCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.repair = cls._done_repair("SN-FB-REQ")
        cls.request = cls.repair.aftersales_feedback_request_ids

    def test_every_repair_gets_a_request_and_email(self):
        self.assertEqual(len(self.request), 1)
        self.assertEqual(self.request.technician_id, self.technician)
        self.assertEqual(self.request.partner_id, self.customer)
        self.assertTrue(self.repair.date_repaired)
        token = self.request.access_token
        self.assertGreaterEqual(len(token), 40)
        message = self.request.message_ids.filtered(lambda m: self.customer in m.partner_ids)
        self.assertTrue(message, "the customer was emailed")
        self.assertIn(f"/aftersales/feedback/{self.request.id}/{token}", message[0].body)
        # no sampling: a second repair gets its own request; a batch of repairs too
        repair2 = self._done_repair("SN-FB-REQ2")
        self.assertEqual(len(repair2.aftersales_feedback_request_ids), 1)
        self.assertNotEqual(repair2.aftersales_feedback_request_ids.access_token, token)
        # calling again creates nothing twice
        self.env["aftersales.feedback.request"]._create_for_repairs(self.repair | repair2)
        self.assertEqual(
            self.env["aftersales.feedback.request"].search_count(
                [("repair_id", "in", (self.repair | repair2).ids)]
            ),
            2,
        )

    def test_expiry_setting(self):
        self.company.aftersales_feedback_expiry_days = 10
        with freeze_time("2026-04-01 10:00:00"):
            repair = self._done_repair("SN-FB-EXP")
            request = repair.aftersales_feedback_request_ids
            self.assertEqual(
                request.expiry_date, fields.Datetime.to_datetime("2026-04-11 10:00:00")
            )
            self.assertTrue(request._check_token(request.access_token))
        with freeze_time("2026-04-12 10:00:00"):
            self.assertFalse(request._check_token(request.access_token))

    def test_token_checks(self):
        token = self.request.access_token
        self.assertTrue(self.request._check_token(token))
        self.assertFalse(
            self.request._check_token(token[:-1] + ("A" if token[-1] != "A" else "B"))
        )
        self.assertFalse(self.request._check_token(""))
        self.assertFalse(self.request._check_token(None))

    def test_good_answer(self):
        self.request._submit_answer(dict(GOOD, comment="Fine work"))
        self.assertEqual(self.request.state, "answered")
        self.assertEqual(self.request.answer_channel, "web")
        self.assertFalse(self.request.is_negative)
        self.assertFalse(self.request.complaint_id)
        self.assertFalse(self.request._check_token(self.request.access_token))

    def test_answer_twice_refused(self):
        self.request._submit_answer(GOOD)
        with self.assertRaisesRegex(UserError, "already answered"):
            self.request._submit_answer(GOOD)
        with self.assertRaisesRegex(UserError, "already answered"):
            self.request.rating_skill = "unsatisfied"
        self.assertEqual(self.request.rating_skill, "satisfied")

    def test_rating_outside_levels_refused(self):
        with self.assertRaisesRegex(ValidationError, "must be one of"):
            self.request._submit_answer(dict(GOOD, rating_skill="excellent"))
        with self.assertRaisesRegex(ValidationError, "Please rate"):
            self.request._submit_answer(dict(GOOD, rating_promise=False))
        self.assertEqual(self.request.state, "pending")
        self.assertFalse(self.request.rating_attitude, "nothing half-saved")

    def test_unsatisfied_opens_complaint_and_tells_manager(self):
        self.request._submit_answer(dict(GOOD, rating_attitude="unsatisfied"))
        complaint = self.request.complaint_id
        self.assertTrue(self.request.is_negative)
        self.assertTrue(complaint)
        self.assertEqual(complaint.category, "staff_attitude")
        self.assertEqual(complaint.technician_id, self.technician)
        self.assertEqual(complaint.repair_id, self.repair)
        self.assertEqual(complaint.channel, "feedback")
        self.assertTrue(
            complaint.message_ids.filtered(lambda m: self.manager.partner_id in m.partner_ids)
        )

    def test_negative_comment_opens_complaint(self):
        self.request._submit_answer(dict(GOOD, comment="The technician was RUDE to our staff."))
        self.assertTrue(self.request.complaint_id)
        self.assertEqual(self.request.complaint_id.category, "other")

    def test_phone_entry_by_staff(self):
        request = self.request.with_user(self.frontdesk)
        request.write(dict(GOOD, comment="Said on the phone: all good"))
        request.action_record_phone_answer()
        self.assertEqual(request.state, "answered")
        self.assertEqual(request.answer_channel, "phone")

    def test_expired_web_answer_refused(self):
        self.request.expiry_date = fields.Datetime.now() - timedelta(days=1)
        with self.assertRaisesRegex(UserError, "no longer valid"):
            self.request._submit_answer(GOOD)

    def test_closed_by_user_without_feedback_rights(self):
        """The inspector who passes the repair has no right on feedback records; the
        request is created all the same."""
        Request = self.env["aftersales.feedback.request"].with_user(self.inspector)
        self.assertFalse(Request.has_access("read"))
        repair = self._done_repair("SN-FB-INSP")
        self.assertEqual(repair.state, "done")
        self.assertEqual(len(repair.aftersales_feedback_request_ids), 1)

    def test_completed_on_site_visit_gets_a_request(self):
        lot = self._create_serial("SN-FB-SITE")
        vals = {
            "partner_id": self.customer.id,
            "product_id": self.product_unit.id,
            "lot_id": lot.id,
            "user_id": self.technician.id,
        }
        if "service_mode" in self.env["repair.order"]._fields:
            vals["service_mode"] = "on_site"
        repair = self.env["repair.order"].create(vals)
        dispatch = (
            self.env["aftersales.dispatch"]
            .sudo()
            .create(
                {
                    "repair_id": repair.id,
                    "technician_ids": [(6, 0, self.technician_2.ids)],
                    "planned_start": fields.Datetime.now(),
                    "planned_end": fields.Datetime.now() + timedelta(hours=3),
                }
            )
        )
        dispatch = dispatch.with_user(self.technician_2)
        dispatch.action_check_in()
        dispatch.action_check_out()
        request = self.env["aftersales.feedback.request"].search(
            [("dispatch_id", "=", dispatch.id)]
        )
        self.assertEqual(len(request), 1)
        self.assertEqual(request.technician_id, self.technician_2)
        self.assertEqual(request.repair_id, repair)
        self.assertTrue(request.message_ids.filtered(lambda m: self.customer in m.partner_ids))
        # checked out by a write of the state (RPC) as well: the same request
        second = (
            dispatch.sudo()
            .copy(
                {
                    "planned_start": fields.Datetime.now() + timedelta(hours=4),
                    "planned_end": fields.Datetime.now() + timedelta(hours=7),
                }
            )
            .with_user(self.technician_2)
        )
        second.write({"state": "on_site"})
        second.write({"state": "returned"})
        self.assertEqual(
            self.env["aftersales.feedback.request"].search_count(
                [("dispatch_id", "=", second.id)]
            ),
            1,
        )
