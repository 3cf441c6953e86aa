# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
from datetime import date, datetime

import openpyxl
from freezegun import freeze_time

from odoo.tests import tagged

from .common import FeedbackCommon


@tagged("post_install", "-at_install")
class TestRepeatVisitStatistics(FeedbackCommon):
    """Issue 19 point 4 (§8): the monthly complaint statistics count rework and repeat
    visits, with their causes (003 篇六)."""

    def _on_site_repair(self, lot, when, cause):
        with freeze_time(when):
            return self.env["repair.order"].create(
                {
                    "partner_id": self.customer.id,
                    "product_id": self.product_unit.id,
                    "lot_id": lot.id,
                    "service_mode": "on_site",
                    "failure_cause": cause,
                    "intake_date": when,
                }
            )

    def _visit(self, repair, start):
        # the dispatcher plans the visits
        return (
            self.env["aftersales.dispatch"]
            .with_user(self.manager)
            .create(
                {
                    "repair_id": repair.id,
                    "technician_ids": [(6, 0, self.technician.ids)],
                    "planned_start": start,
                    "planned_end": start.replace(hour=start.hour + 2),
                }
            )
        )

    def _rows(self, sheet, first_header):
        rows, inside = {}, False
        for row in sheet.iter_rows(values_only=True):
            if row and row[0] == first_header:
                inside = True
                continue
            if inside and row and row[0]:
                rows[row[0]] = row[1:3]
        return rows

    def test_repeat_repairs_and_repeat_visits_by_cause(self):
        lot = self._create_serial("SN-RPT-1", in_stock=False)
        other = self._create_serial("SN-RPT-2", in_stock=False)
        first = self._on_site_repair(lot, datetime(2026, 10, 2, 9, 0), "installation")
        # the same unit again within the repeat window: rework
        again = self._on_site_repair(lot, datetime(2026, 10, 20, 9, 0), "quality")
        single = self._on_site_repair(other, datetime(2026, 10, 5, 9, 0), "quality")
        self.assertTrue(again.is_repeat_repair)
        self.assertFalse(first.is_repeat_repair)
        self._visit(first, datetime(2026, 10, 3, 9, 0))
        self._visit(first, datetime(2026, 10, 6, 9, 0))  # a second trip: repeat visit
        self._visit(again, datetime(2026, 10, 21, 9, 0))  # repeat repair: repeat visit
        self._visit(single, datetime(2026, 10, 6, 13, 0))  # first and only visit
        cancelled = self._visit(single, datetime(2026, 10, 8, 9, 0))
        cancelled.action_cancel()
        self._visit(first, datetime(2026, 11, 2, 9, 0))  # next month

        __, data = self.env["aftersales.monthly.workbook"]._aftersales_workbook_generate(
            date(2026, 10, 1), self.company
        )
        sheet = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Complaints"]
        rows = self._rows(sheet, "Cause")
        # cause: (repeat repairs, repeat visits)
        self.assertEqual(rows["Quality"], (1, 1))
        self.assertEqual(rows["Installation"], (0, 1))
        self.assertEqual(rows["Total"], (1, 2))
