# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .service_common import ServiceLevelCommon


@tagged("post_install", "-at_install")
class TestServiceLevelPerformance(ServiceLevelCommon):
    @freeze_time(datetime(2026, 11, 20, 15, 0))
    def test_deadlines_of_100_repairs_in_bounded_queries(self):
        """Planning the deadlines of 100 repairs costs a fixed number of queries."""
        repairs = self.env["repair.order"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "product_id": self.product_simple.id,
                    "user_id": self.technician.id,
                    "service_centre_id": self.centre.id,
                    "service_category": "free",
                    "service_mode": "on_site" if index % 2 else "in_shop",
                    "site_distance_km": float(index),
                }
                for index in range(100)
            ]
        )
        # the clocks their creation started, removed: planned again below, measured
        started = self.Deadline.search(
            [("res_model", "=", "repair.order"), ("res_id", "in", repairs.ids)]
        )
        self.assertEqual(len(started), 300)
        started.unlink()
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(26):
            deadlines = self.Deadline._sla_start(repairs)
            self.env.flush_all()
        # first contact and solution for all, visit planned and arrival for the 50 on-site
        # repairs
        self.assertEqual(len(deadlines), 300)
        self.env.invalidate_all()
        with self.assertQueryCount(16):
            self.Deadline._cron_check_deadlines()
            self.env.flush_all()
