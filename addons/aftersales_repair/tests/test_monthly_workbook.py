# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
from datetime import date, datetime

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .billing_common import BillingCommon


@tagged("post_install", "-at_install")
class TestMonthlyWorkbook(BillingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(datetime(2026, 10, 12, 9, 0)):
            cls.paid_repair = cls._create_repair(hours=2.0, service_category="paid")
            cls.free_repair = cls._create_repair(under_warranty=True, service_category="free")
            cls.paid_repair.action_create_sale_order()
            (cls.paid_repair | cls.free_repair).write({"state": "done"})
            cls.env.flush_all()
        with freeze_time(datetime(2026, 9, 30, 9, 0)):
            cls._create_repair().write({"state": "done"})  # not in October
            cls.env.flush_all()
        cls.env["aftersales.repair.collection"].create(
            {
                "repair_id": cls.paid_repair.id,
                "name": "WB-1",
                "amount": 800.0,
                "date": date(2026, 10, 13),
                "technician_id": cls.technician.id,
            }
        )

    def _open(self, data):
        return openpyxl.load_workbook(io.BytesIO(data), data_only=True)

    def _find_row(self, sheet, label):
        for row in sheet.iter_rows(values_only=True):
            if row and row[0] == label:
                return row
        self.fail(f"No row {label!r} in sheet {sheet.title}")

    @freeze_time("2026-11-23")
    def test_wizard_makes_the_workbook(self):
        wizard_form = Form(self.env["aftersales.monthly.workbook.wizard"].with_user(self.manager))
        self.assertEqual(wizard_form.month, "10")
        self.assertEqual(wizard_form.year, 2026)
        wizard = wizard_form.save()
        action = wizard.action_generate()
        self.assertIn("/file_data/", action["url"])
        self.assertTrue(wizard.file_name.startswith("After-Sales 2026-10"))
        book = self._open(base64.b64decode(wizard.file_data))
        self.assertEqual(book.sheetnames[:3], ["Summary", "Repairs", "Money"])

        summary = book["Summary"]
        self.assertTrue(summary["A1"].value.startswith("After-sales statistics of October 2026"))
        self.assertEqual(self._find_row(summary, "Repairs completed")[1], 2)
        self.assertEqual(self._find_row(summary, "Charged to customers")[2], 4330.0)
        self.assertEqual(self._find_row(summary, "Collected on site")[2], 800.0)
        self.assertEqual(len(summary._charts), 1)

        repairs = book["Repairs"]
        self.assertEqual(repairs.freeze_panes, "A6")
        self.assertEqual(self._find_row(repairs, "Test Forklift EF-25")[1:3], (2, 4330.0))
        self.assertEqual(self._find_row(repairs, "Free (in warranty)")[1:4], (1, 0.0, 3100.0))
        # the total row of the first table (by product)
        self.assertEqual(self._find_row(repairs, "Total")[1:4], (2, 4330.0, 3100.0))

        money = book["Money"]
        self.assertEqual(self._find_row(money, "Charged to customers")[1], 4330.0)
        self.assertEqual(
            self._find_row(money, "Warranty cost (parts and labour given free, at cost)")[1],
            3100.0,
        )
        self.assertEqual(self._find_row(money, self.technician.name)[1:4], (1, 0.0, 800.0))

    @freeze_time("2026-11-23")
    def test_month_in_the_future_is_refused(self):
        wizard = self.env["aftersales.monthly.workbook.wizard"].create(
            {"month": "12", "year": 2026}
        )
        with self.assertRaisesRegex(UserError, "has not started"):
            wizard.action_generate()
        wizard.write({"month": "11"})  # the current month is allowed
        wizard.action_generate()
        self.assertTrue(wizard.file_data)

    @freeze_time("2026-11-01 06:00:00")
    def test_monthly_cron_sends_to_the_managers(self):
        partner = self.company.partner_id
        Workbook = self.env["aftersales.monthly.workbook"]
        Workbook._cron_send_monthly_workbook()
        message = partner.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertTrue(message)
        self.assertIn(self.manager.partner_id, message.partner_ids)
        self.assertNotIn(self.technician.partner_id, message.partner_ids)
        self.assertIn(self.manager.partner_id, message.notification_ids.res_partner_id)
        attachment = message.attachment_ids
        self.assertEqual(attachment.name, f"After-Sales 2026-10 - {self.company.name}.xlsx")
        book = self._open(base64.b64decode(attachment.datas))
        self.assertEqual(self._find_row(book["Summary"], "Repairs completed")[1], 2)
        Workbook._cron_send_monthly_workbook()
        self.assertEqual(len(partner.message_ids.filtered(lambda m: m.attachment_ids)), 1)

    @freeze_time("2026-11-23")
    def test_other_modules_add_sheets_and_money_rows(self):
        """The extension hooks: a module appends its sheets and money rows with super()."""
        Workbook = self.env["aftersales.monthly.workbook"]
        sheets_super = type(Workbook)._aftersales_workbook_sheets
        money_super = type(Workbook)._aftersales_workbook_money_rows

        def sheets(model, month_start, month_end, company):
            return sheets_super(model, month_start, month_end, company) + [
                {
                    "name": "Hook test",
                    "title": "Hook test",
                    "tables": [
                        {
                            "columns": [
                                {"header": "Supplier", "type": "text"},
                                {"header": "Claimed", "type": "money"},
                            ],
                            "rows": [("Volta Cells Ltd", 3100.0)],
                        }
                    ],
                }
            ]

        def money_rows(model, month_start, month_end, company):
            rows = money_super(model, month_start, month_end, company)
            return rows + [("Hook test money row", 1250.0)]

        self.patch(type(Workbook), "_aftersales_workbook_sheets", sheets)
        self.patch(type(Workbook), "_aftersales_workbook_money_rows", money_rows)
        __, data = Workbook._aftersales_workbook_generate(date(2026, 10, 1), self.company)
        book = self._open(data)
        self.assertEqual(book.sheetnames[-1], "Hook test")
        self.assertEqual(self._find_row(book["Hook test"], "Total")[1], 3100.0)
        self.assertEqual(self._find_row(book["Money"], "Hook test money row")[1], 1250.0)
        if "aftersales.sla.deadline" in self.env:
            self.assertIn("On-time rates", book.sheetnames)
