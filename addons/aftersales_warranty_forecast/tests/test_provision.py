# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ForecastCommon


@tagged("post_install", "-at_install")
class TestProvision(ForecastCommon):
    """Issue 21 point 3: the warranty provision per company and month, drawn down by the
    warranty repairs' cost, released for expired warranties, a roll-forward equal to the
    ledger, idempotent and reversible months; accountants post, others read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Account = cls.env["account.account"]
        cls.provision_account = Account.create(
            {"name": "Warranty provision", "code": "241990", "account_type": "liability_current"}
        )
        cls.expense_account = Account.create(
            {"name": "Warranty expense", "code": "619920", "account_type": "expense"}
        )
        cls.journal = cls.env["account.journal"].create(
            {"name": "Warranty provision", "code": "WPRV", "type": "general"}
        )
        cls.company.write(
            {
                "aftersales_provision_method": "per_unit",
                "aftersales_provision_rate": 5000.0,
                "aftersales_provision_account_id": cls.provision_account.id,
                "aftersales_warranty_expense_account_id": cls.expense_account.id,
                "aftersales_provision_journal_id": cls.journal.id,
            }
        )
        cls.categ_part.property_valuation = "real_time"
        # three forklifts sold in November 2025; one sold in December 2022 (its 36-month
        # unit warranty ends on 9 December 2025)
        cls.lots = cls._register(["PR-1", "PR-2", "PR-3"], date(2025, 11, 10))
        cls.old_lot = cls._register(["PR-OLD"], date(2022, 12, 10))
        cls.Provision = cls.env["aftersales.warranty.provision"]

    def _ledger(self, day):
        [(balance,)] = self.env["account.move.line"]._read_group(
            [
                ("account_id", "=", self.provision_account.id),
                ("parent_state", "=", "posted"),
                ("date", "<=", day),
            ],
            [],
            ["balance:sum"],
        )
        return -(balance or 0.0)

    @freeze_time("2026-01-05")
    def test_month_posted_once(self):
        november = self.Provision._post_month(self.company, date(2025, 11, 30))
        self.assertEqual(november.units_sold, 3)
        self.assertEqual(november.addition, 15000.0)
        self.assertEqual(november.move_id.date, date(2025, 11, 30))
        self.assertEqual(november.move_id.state, "posted")
        again = self.Provision._post_month(self.company, date(2025, 11, 3))
        self.assertEqual(again, november)
        november.with_user(self.accountant).action_post()
        self.assertEqual(
            self.env["account.move"].search_count([("aftersales_provision_id", "=", november.id)]),
            1,
        )
        self.assertEqual(self._ledger(date(2025, 11, 30)), 15000.0)
        # the cron posts last month (December) once, whatever the number of runs
        self.Provision._cron_post_last_month()
        self.Provision._cron_post_last_month()
        self.assertEqual(self.Provision.search_count([("date_from", "=", date(2025, 12, 1))]), 1)

    @freeze_time("2026-01-05")
    def test_usage_release_and_rollforward_equal_the_ledger(self):
        self.Provision._post_month(self.company, date(2025, 11, 30))
        # a warranty repair in December: controller 610 + 2 h labour at 38
        self._warranty_repair(self.lots[0], date(2025, 12, 15), self.part_controller)
        december = self.Provision._post_month(self.company, date(2025, 12, 31))
        self.assertEqual(december.opening, 15000.0)
        self.assertEqual(december.repair_cost, 686.0)
        self.assertEqual(december.usage, 686.0)
        # the 2022 unit expired in December without any claim: its 5,000 are released
        self.assertEqual(december.units_expired, 1)
        self.assertEqual(december.release, 5000.0)
        self.assertEqual(december.addition, 0.0)
        self.assertEqual(december.closing, 15000.0 - 686.0 - 5000.0)
        kinds = december.move_id.line_ids.filtered(
            lambda line: line.account_id == self.provision_account
        ).mapped("aftersales_provision_kind")
        self.assertEqual(sorted(kinds), ["release", "usage"])
        wizard = (
            self.env["aftersales.provision.rollforward"]
            .with_user(self.accountant)
            .create({"date_from": date(2025, 11, 1), "date_to": date(2025, 12, 31)})
        )
        self.assertEqual(
            (wizard.opening, wizard.additions, wizard.usage, wizard.releases, wizard.other),
            (0.0, 15000.0, 686.0, 5000.0, 0.0),
        )
        self.assertEqual(wizard.closing, 9314.0)
        self.assertEqual(wizard.closing, self._ledger(date(2025, 12, 31)))
        self.assertEqual(wizard.ledger, wizard.closing)
        # December alone: November's closing is its opening
        figures = self.Provision._rollforward(self.company, date(2025, 12, 1), date(2025, 12, 31))
        self.assertEqual((figures["opening"], figures["closing"]), (15000.0, 9314.0))
        # the month's roll-forward in the monthly workbook
        __, data = self.env["aftersales.monthly.workbook"]._aftersales_workbook_generate(
            date(2025, 12, 1), self.company
        )
        sheet = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Warranty provision"]
        rows = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
        self.assertEqual(rows["Opening balance"], 15000.0)
        self.assertEqual(rows["Usage by warranty repairs"], -686.0)
        self.assertEqual(rows["Releases of expired warranties"], -5000.0)
        self.assertEqual(rows["Closing balance"], 9314.0)
        self.assertEqual(rows["Balance of the provision account (ledger)"], 9314.0)

    @freeze_time("2026-01-05")
    def test_reverse_and_post_again(self):
        november = self.Provision._post_month(self.company, date(2025, 11, 30))
        november.with_user(self.accountant).action_reverse()
        self.assertEqual(november.state, "reversed")
        self.assertEqual(self._ledger(date(2025, 11, 30)), 0.0)
        figures = self.Provision._rollforward(self.company, date(2025, 11, 1), date(2025, 11, 30))
        self.assertEqual((figures["additions"], figures["closing"]), (0.0, 0.0))
        with self.assertRaisesRegex(UserError, "nothing to reverse"):
            november.with_user(self.accountant).action_reverse()
        november.with_user(self.accountant).action_post()
        self.assertEqual(november.state, "posted")
        self.assertEqual(november.addition, 15000.0, "the reversed entry does not count")
        self.assertEqual(self._ledger(date(2025, 11, 30)), 15000.0)
        self.assertEqual(len(november.move_ids), 3)

    @freeze_time("2026-01-05")
    def test_forecast_method_brings_the_provision_to_the_remaining_liability(self):
        self.company.aftersales_provision_method = "forecast"
        lots = self._register(["PF-%02d" % i for i in range(8)], date(2025, 1, 1))
        self._fail(
            [(lot, date(2025, 3 + i, 1)) for i, lot in enumerate(lots[:6])], self.part_controller
        )
        self._warranty_repair(lots[6], date(2025, 10, 1), self.part_controller)
        november = self.Provision._post_month(self.company, date(2025, 11, 30))
        target = self.env["aftersales.part.reliability"]._compute_company(
            self.company, date(2025, 12, 1)
        )[2]
        self.assertGreater(target, 0.0)
        self.assertEqual(november.target, target)
        self.assertEqual(november.addition, target)
        self.assertEqual(november.closing, target)
        self.assertEqual(self._ledger(date(2025, 11, 30)), target)

    @freeze_time("2026-01-05")
    def test_accountants_post_others_read(self):
        november = self.Provision._post_month(self.company, date(2025, 11, 30))
        for user in (self.manager, self.auditor, self.accountant):
            self.assertEqual(november.with_user(user).addition, 15000.0)
        for user in (self.manager, self.auditor):
            with self.assertRaises(AccessError):
                november.with_user(user).action_reverse()
            with self.assertRaises(AccessError):
                self.env["aftersales.provision.post"].with_user(user).create(
                    {"date": date(2025, 12, 31)}
                )
        with self.assertRaises(AccessError):
            november.with_user(self.technician).read(["addition"])
        with self.assertRaises(AccessError):
            november.with_user(self.accountant).write({"addition": 1.0})
        with self.assertRaises(AccessError):
            self.Provision.with_user(self.accountant).create(
                {
                    "company_id": self.company.id,
                    "date_from": date(2025, 10, 1),
                    "date_to": date(2025, 10, 31),
                }
            )
        wizard = (
            self.env["aftersales.provision.post"]
            .with_user(self.accountant)
            .create({"date": date(2025, 12, 31)})
        )
        action = wizard.action_post()
        december = self.Provision.browse(action["res_id"])
        self.assertEqual(december.state, "posted")
        self.assertEqual(december.date_from, date(2025, 12, 1))

    @freeze_time("2026-01-05")
    def test_bad_input(self):
        with self.assertRaisesRegex(UserError, "once the month has begun"):
            self.Provision._post_month(self.company, date(2026, 2, 1))
        self.company.aftersales_provision_account_id = False
        with self.assertRaisesRegex(UserError, "warranty provision account"):
            self.Provision._post_month(self.company, date(2025, 11, 30))
