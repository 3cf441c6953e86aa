# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo.tests import tagged

from .common import FeedbackCommon


@tagged("post_install", "-at_install")
class TestFeedbackWorkbook(FeedbackCommon):
    """Issue 8 point 6: the monthly workbook has the complaints by category and the
    technicians' ratings (readme/CONFIGURE.md, "Technician ratings")."""

    def _find_row(self, sheet, label):
        for row in sheet.iter_rows(values_only=True):
            if row and row[0] == label:
                return row
        self.fail(f"No row {label!r} in sheet {sheet.title}")

    @freeze_time("2026-10-12 09:00:00")
    def test_workbook_complaints_and_ratings(self):
        first = self._done_repair("SN-FB-WB1").aftersales_feedback_request_ids
        second = self._done_repair("SN-FB-WB2").aftersales_feedback_request_ids
        first._submit_answer(
            {
                "rating_attitude": "very_satisfied",
                "rating_skill": "satisfied",
                "rating_arrival": "fair",
                "rating_promise": "satisfied",
            }
        )
        # an unsatisfied answer opens a staff-attitude complaint against the technician
        second._submit_answer(
            {
                "rating_attitude": "unsatisfied",
                "rating_skill": "very_satisfied",
                "rating_arrival": "very_satisfied",
                "rating_promise": "very_satisfied",
            }
        )
        self.assertEqual(second.complaint_id.category, "staff_attitude")
        self._complaint(category="product_quality", severity="serious", compensation_amount=200.0)
        answered = self._complaint(category="product_quality")
        answered.write(
            {"state": "closed", "closed_date": "2026-10-12 09:00:00", "answer_hours": 6.5}
        )
        self._complaint(kind="suggestion", category="product_quality", subject="Add a horn")

        __, data = self.env["aftersales.monthly.workbook"]._aftersales_workbook_generate(
            date(2026, 10, 1), self.company
        )
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        self.assertIn("Complaints", book.sheetnames)
        self.assertIn("Technician ratings", book.sheetnames)

        complaints = book["Complaints"]
        # category, complaints, serious or critical, still open, answered late, average hours
        # to answer (of the answered one), reopened, compensation; the suggestion is not counted
        self.assertEqual(
            self._find_row(complaints, "Product quality")[:8],
            ("Product quality", 2, 1, 1, 0, 6.5, 0, 200.0),
        )
        self.assertEqual(self._find_row(complaints, "Staff attitude")[1], 1)
        self.assertEqual(self._find_row(complaints, "Total")[1], 3)

        ratings = book["Technician ratings"]
        row = self._find_row(ratings, self.technician.display_name)
        # ratings, attitude (4 and 1), skill (3 and 4), arrival (2 and 4), promises (3 and 4),
        # average ((3.0 + 3.25) / 2), unsatisfied answers, complaints
        self.assertEqual(row[1], 2)
        self.assertAlmostEqual(row[2], 2.5)
        self.assertAlmostEqual(row[3], 3.5)
        self.assertAlmostEqual(row[4], 3.0)
        self.assertAlmostEqual(row[5], 3.5)
        self.assertAlmostEqual(row[6], 3.125)
        self.assertEqual(row[7:9], (1, 1))

        money = book["Money"]
        self.assertEqual(self._find_row(money, "Compensation paid on complaints")[1], 200.0)
