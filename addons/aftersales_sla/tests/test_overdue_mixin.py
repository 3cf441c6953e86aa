# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import FakeModelCommon


@tagged("post_install", "-at_install")
class TestOverdueMixin(FakeModelCommon):
    """The one "overdue" rule: open and the first due date set is past."""

    @freeze_time("2026-03-02 12:00:00")
    def test_datetime_due_dates_in_order(self):
        Document = self.env["aftersales.overdue.test.document"]
        past, future = datetime(2026, 3, 2, 11, 0), datetime(2026, 3, 2, 13, 0)
        late = Document.create({"date_promised": past})
        promised_later = Document.create({"date_promised": future, "date_requested": past})
        requested_late = Document.create({"date_requested": past})
        done = Document.create({"date_promised": past, "state": "done"})
        undated = Document.create({})
        documents = late | promised_later | requested_late | done | undated
        self.assertEqual(documents.filtered("is_overdue"), late | requested_late)
        domain = [("id", "in", documents.ids)]
        self.assertEqual(
            Document.search(domain + [("is_overdue", "=", True)]), late | requested_late
        )
        self.assertEqual(
            Document.search(domain + [("is_overdue", "=", False)]),
            promised_later | done | undated,
        )
        self.assertEqual(
            Document.search(domain + [("is_overdue", "!=", True)]),
            promised_later | done | undated,
        )
        with self.assertRaises(UserError):
            Document.search([("is_overdue", "in", [True])])

    @freeze_time("2026-03-02 12:00:00")
    def test_date_due_is_overdue_the_day_after(self):
        Document = self.env["aftersales.overdue.test.date.document"]
        today = Document.create({"date_due": date(2026, 3, 2)})
        yesterday = Document.create({"date_due": date(2026, 3, 1)})
        self.assertFalse(today.is_overdue)
        self.assertTrue(yesterday.is_overdue)
        yesterday.done = True
        self.assertFalse(yesterday.is_overdue)
        self.assertEqual(
            Document.search([("id", "in", (today | yesterday).ids), ("is_overdue", "=", False)]),
            today | yesterday,
        )
