# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common_parts import WarrantyPartsCommon


@tagged("post_install", "-at_install")
class TestSupplierOnsite(WarrantyPartsCommon):
    """(readme/CONFIGURE.md, "Supplier repairing on site"): a supplier asked to repair on site
    replies within 24 hours and sends its report within 5 working days of the work (company
    calendar)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "UTC"

    def _claim(self):
        return (
            self.env["aftersales.supplier.claim"]
            .with_user(self.inspector)
            .create({"partner_id": self.vendor.id, "product_id": self.part_seal.id})
        )

    def _activities(self, claim, xmlid):
        return claim.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(f"aftersales_warranty.{xmlid}")
        )

    def test_setting_defaults(self):
        settings = Form(self.env["res.config.settings"])
        self.assertEqual(settings.aftersales_supplier_reply_hours, 24)
        self.assertEqual(settings.aftersales_supplier_report_days, 5)

    def test_reply_within_24_hours_report_within_5_working_days(self):
        with freeze_time("2026-03-06 10:00:00"):  # a Friday
            claim = self._claim()
            claim.action_request_onsite()
        self.assertEqual(claim.state, "claimed")
        self.assertEqual(claim.onsite_reply_deadline, datetime(2026, 3, 7, 10, 0))
        reply = self._activities(claim, "mail_activity_type_supplier_reply")
        self.assertEqual(str(reply.date_deadline), "2026-03-07")
        self.assertEqual(reply.user_id, self.inspector)
        with freeze_time("2026-03-07 09:00:00"):
            claim.action_onsite_replied()
        self.assertFalse(claim.onsite_reply_late)
        self.assertFalse(self._activities(claim, "mail_activity_type_supplier_reply"))
        with freeze_time("2026-03-09 10:00:00"):  # Monday
            claim.action_onsite_done()
        # 40 working hours of the 8-12/13-17 calendar: the next Monday at 10:00
        self.assertEqual(claim.onsite_report_deadline, datetime(2026, 3, 16, 10, 0))
        report = self._activities(claim, "mail_activity_type_supplier_report")
        self.assertEqual(str(report.date_deadline), "2026-03-16")
        with freeze_time("2026-03-16 11:00:00"):
            claim.action_onsite_report()
        self.assertTrue(claim.onsite_report_late)
        self.assertFalse(self._activities(claim, "mail_activity_type_supplier_report"))
        self.assertIn(
            "Supplier's report received (late).",
            "".join(claim.message_ids.mapped("body")),
        )

    def test_late_reply_and_settings(self):
        self.env.company.aftersales_supplier_reply_hours = 4
        with freeze_time("2026-03-06 10:00:00"):
            claim = self._claim()
            claim.action_request_onsite()
        self.assertEqual(claim.onsite_reply_deadline, datetime(2026, 3, 6, 14, 0))
        with freeze_time("2026-03-06 15:00:00"):
            claim.action_onsite_replied()
        self.assertTrue(claim.onsite_reply_late)

    def test_dates_only_through_the_buttons_in_order(self):
        claim = self._claim()
        with self.assertRaisesRegex(UserError, "recorded with the buttons"):
            claim.write({"onsite_reply_date": "2026-03-06 10:00:00"})
        with self.assertRaisesRegex(UserError, "recorded with the buttons"):
            self.env["aftersales.supplier.claim"].with_user(self.inspector).create(
                {
                    "partner_id": self.vendor.id,
                    "product_id": self.part_seal.id,
                    "onsite_report_date": "2026-03-06 10:00:00",
                }
            )
        with self.assertRaisesRegex(UserError, "in order"):
            claim.action_onsite_report()
        claim.action_request_onsite()
        with self.assertRaisesRegex(UserError, "already asked"):
            claim.action_request_onsite()
