# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import FeedbackCommon

MONDAY_9 = datetime(2026, 3, 2, 9, 0)


@tagged("post_install", "-at_install")
class TestComplaintServiceLevels(FeedbackCommon):
    """Issue 15 point 2 and issue 19 point 4 §3: the deadlines of the complaint and enquiry
    register are targets of the service-level engine, seeded with the numbers of
    (readme/CONFIGURE.md, "Complaint deadlines") and set per company in Settings."""

    def _policy(self, kind):
        return self.env.ref(f"aftersales_feedback.aftersales_sla_policy_{kind}")

    def test_seeded_targets_are_the_company_settings(self):
        self.assertEqual(
            [
                (p.target_kind, p.duration, p.duration_unit)
                for p in (
                    self._policy("forward"),
                    self._policy("enquiry_answer"),
                    self._policy("complaint_answer"),
                    self._policy("callback"),
                )
            ],
            [
                ("forward", 4.0, "working_hours"),
                ("enquiry_answer", 8.0, "working_hours"),
                ("complaint_answer", 48.0, "calendar_hours"),
                ("callback", 24.0, "calendar_hours"),
            ],
        )
        company = self.company
        self.assertEqual(company.aftersales_complaint_ack_hours, 4.0)
        self.assertEqual(company.aftersales_enquiry_answer_hours, 8.0)
        self.assertEqual(company.aftersales_complaint_answer_hours, 48.0)
        self.assertEqual(company.aftersales_callback_hours, 24.0)
        new_company = self.env["res.company"].create({"name": "Branch Co"})
        self.assertEqual(new_company.aftersales_callback_hours, 24.0)
        policies = self.env["aftersales.sla.policy"].search(
            [("company_id", "=", new_company.id), ("target_kind", "=", "callback")]
        )
        self.assertEqual(len(policies), 1, "a new company gets its own callback target")

    @freeze_time(MONDAY_9)
    def test_request_deadlines_are_engine_targets(self):
        complaint = self._complaint(reported_date=MONDAY_9)
        kinds = {d.target_kind: d for d in complaint.sla_deadline_ids}
        self.assertEqual(set(kinds), {"forward", "complaint_answer", "callback"})
        self.assertEqual(kinds["forward"].policy_id, self._policy("forward"))
        self.assertEqual(kinds["forward"].deadline_datetime, complaint.acknowledge_deadline)
        self.assertEqual(complaint.acknowledge_deadline, datetime(2026, 3, 2, 14, 0))
        self.assertEqual(complaint.callback_deadline, datetime(2026, 3, 3, 9, 0))
        enquiry = self._complaint(kind="enquiry", reported_date=MONDAY_9)
        self.assertEqual(
            set(enquiry.sla_deadline_ids.mapped("target_kind")),
            {"forward", "enquiry_answer", "callback"},
        )
        # a complaint turned into an enquiry gets the enquiry's answer target
        complaint.kind = "enquiry"
        self.assertEqual(
            set(complaint.sla_deadline_ids.mapped("target_kind")),
            {"forward", "enquiry_answer", "callback"},
        )
        self.assertEqual(complaint.answer_deadline, datetime(2026, 3, 3, 9, 0))

    def test_acknowledge_and_call_back_meet_their_targets(self):
        with freeze_time(MONDAY_9):
            complaint = self._complaint(reported_date=MONDAY_9)
        with freeze_time(datetime(2026, 3, 2, 11, 0)):
            complaint.action_acknowledge()
        forward = complaint.sla_deadline_ids.filtered(lambda d: d.target_kind == "forward")
        self.assertEqual(forward.state, "met")
        with freeze_time(datetime(2026, 3, 3, 10, 0)):  # 25 hours later
            complaint.action_call_back()
        callback = complaint.sla_deadline_ids.filtered(lambda d: d.target_kind == "callback")
        self.assertEqual(callback.state, "met_late")
        self.assertEqual(complaint.called_back_date, datetime(2026, 3, 3, 10, 0))
        with self.assertRaisesRegex(UserError, "already called back"):
            complaint.action_call_back()

    @freeze_time(MONDAY_9)
    def test_callback_setting_writes_the_policy(self):
        settings = Form(self.env["res.config.settings"])
        settings.aftersales_callback_hours = 12
        settings.save().execute()
        self.assertEqual(self._policy("callback").duration, 12.0)
        complaint = self._complaint(reported_date=MONDAY_9)
        self.assertEqual(complaint.callback_deadline, datetime(2026, 3, 2, 21, 0))
