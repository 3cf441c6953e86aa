# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import FeedbackCommon


@tagged("post_install", "-at_install")
class TestEnquiryDeadline(FeedbackCommon):
    """Issue 19 point 4 (§3, 001 §3.1): an enquiry is answered within 8 working hours, a
    company setting; complaints keep their own delay."""

    @freeze_time("2026-03-02 09:00:00")  # a Monday; calendar Mon-Fri 8-12, 13-17 (UTC)
    def test_enquiry_answered_within_8_working_hours(self):
        values = {
            "subject": "How do I charge the battery?",
            "partner_id": self.customer.id,
            "reported_date": datetime(2026, 3, 2, 9, 0),
        }
        Complaint = self.env["aftersales.complaint"].with_user(self.salesperson)
        enquiry = Complaint.create(dict(values, kind="enquiry"))
        # Mon 9-12 (3 h), 13-17 (4 h), Tue 8-9 (1 h)
        self.assertEqual(enquiry.answer_deadline, datetime(2026, 3, 3, 9, 0))
        complaint = Complaint.create(dict(values, kind="complaint"))
        # seed 003: a complaint's 48 hours are calendar hours by default (issue 14 point 7)
        self.assertEqual(complaint.answer_deadline, datetime(2026, 3, 4, 9, 0))
        self.company.aftersales_enquiry_answer_hours = 4.0
        later = Complaint.create(dict(values, kind="enquiry"))
        self.assertEqual(later.answer_deadline, datetime(2026, 3, 2, 14, 0))
