# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import FeedbackCommon


@tagged("post_install", "-at_install")
class TestPerformance(FeedbackCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-02-10 10:00:00"):
            cls.repair_1 = cls._done_repair("SN-PERF-1")
            cls.repair_2 = cls._done_repair("SN-PERF-2")
            cls.repair_3 = cls._done_repair("SN-PERF-3", user=cls.technician_2)
            rates = ("rating_attitude", "rating_skill", "rating_arrival", "rating_promise")
            cls.repair_1.aftersales_feedback_request_ids._submit_answer(
                dict.fromkeys(rates, "very_satisfied")
            )
            cls.repair_2.aftersales_feedback_request_ids._submit_answer(
                dict(dict.fromkeys(rates, "satisfied"), rating_arrival="unsatisfied")
            )
            cls.repair_3.aftersales_feedback_request_ids._submit_answer(
                dict.fromkeys(rates, "fair")
            )
            cls.env["aftersales.complaint"].create(
                {
                    "subject": "Compensation for downtime",
                    "category": "delivery_delay",
                    "reported_date": datetime(2026, 2, 12, 9, 0),
                    "compensation_amount": 250.0,
                }
            )

    def test_technician_monthly_rating(self):
        Report = self.env["aftersales.technician.rating.report"]
        groups = Report._read_group(
            [("date", ">=", "2026-02-01"), ("date", "<", "2026-03-01")],
            ["technician_id"],
            [
                "rating_count:sum",
                "score_attitude:avg",
                "score_arrival:avg",
                "complaint_count:sum",
                "unsatisfied_count:sum",
            ],
        )
        by_tech = {tech: values for tech, *values in groups}
        count, attitude, arrival, complaints, unsatisfied = by_tech[self.technician]
        self.assertEqual(count, 2)
        self.assertAlmostEqual(attitude, 3.5)  # very satisfied (4) and satisfied (3)
        self.assertAlmostEqual(arrival, 2.5)  # 4 and 1
        self.assertEqual(complaints, 1, "the unsatisfied answer opened a complaint against them")
        self.assertEqual(unsatisfied, 1)
        count, attitude, arrival, complaints, unsatisfied = by_tech[self.technician_2]
        self.assertEqual((count, attitude, complaints), (1, 2.0, 0))

    def test_complaint_statistics(self):
        groups = self.env["aftersales.complaint"]._read_group(
            [("reported_date", ">=", "2026-02-01"), ("reported_date", "<", "2026-03-01")],
            ["category"],
            ["__count", "compensation_amount:sum"],
        )
        stats = {cat: (count, amount) for cat, count, amount in groups}
        self.assertEqual(stats["delivery_delay"], (1, 250.0))
        self.assertEqual(stats["other"][0], 1)
