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

    def test_repeat_visits_of_a_repair_begun_earlier_and_without_cause(self):
        """A visit is a repeat when its repair's first visit fell in an earlier month; the
        visits of a repair without a failure cause are counted under "Not set", in the
        reader's language."""
        lot = self._create_serial("SN-RPT-3", in_stock=False)
        other = self._create_serial("SN-RPT-4", in_stock=False)
        begun = self._on_site_repair(lot, datetime(2026, 10, 2, 9, 0), "installation")
        uncaused = self._on_site_repair(other, datetime(2026, 11, 2, 9, 0), False)
        self._visit(begun, datetime(2026, 10, 3, 9, 0))  # its first visit, the month before
        self._visit(begun, datetime(2026, 11, 4, 9, 0))
        self._visit(begun, datetime(2026, 11, 9, 9, 0))
        self._visit(uncaused, datetime(2026, 11, 3, 9, 0))
        self._visit(uncaused, datetime(2026, 11, 5, 9, 0))
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["aftersales_feedback"], ["zh_CN"])
        Workbook = self.env["aftersales.monthly.workbook"]
        for lang, not_set in (("en_US", "Not set"), ("zh_CN", "未设置")):
            rows = Workbook.with_context(lang=lang)._aftersales_workbook_repeat_rows(
                date(2026, 11, 1), date(2026, 12, 1), self.company
            )
            by_label = {label: (repairs, visits) for label, repairs, visits in rows}
            # the repair without cause: its second visit; the repair begun in October: both
            # November visits
            self.assertEqual(by_label[not_set], (0, 1), lang)
            self.assertEqual(len(by_label), 2, lang)
            self.assertEqual(sum(visits for __, visits in by_label.values()), 3, lang)
