# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..tools import reliability
from .common import ForecastCommon

TODAY = date(2025, 12, 1)


@tagged("post_install", "-at_install")
class TestReliability(ForecastCommon):
    """Issue 21 points 1, 2, 4 and 5: life data from the register and the failures, the fit
    per part, the forecast per product and part, the spare-parts demand next to the
    reordering rule, the workbook sheet; access."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # ten forklifts delivered on 1 January 2025: battery covered 12 months, controller 18
        cls.lots = cls._register(["FC-%02d" % i for i in range(10)], date(2025, 1, 1))
        # six batteries failed (one after its 12-month warranty: not a warranty failure),
        # one controller failed
        days = [
            date(2025, 2, 15),
            date(2025, 4, 1),
            date(2025, 5, 20),
            date(2025, 7, 1),
            date(2025, 9, 10),
            date(2025, 11, 1),
        ]
        cls._fail(list(zip(cls.lots[:6], days, strict=True)), cls.part_battery)
        cls._fail([(cls.lots[6], date(2025, 6, 1))], cls.part_controller)
        cls.days = days

    def _months(self, day):
        return reliability.months_between(date(2025, 1, 1), day)

    def test_life_data_from_register_and_failures(self):
        data = self.env["aftersales.part.reliability"]._life_data(self.company, TODAY)
        failures, censored, at_risk = data[self.part_battery.id]
        self.assertEqual(sorted(failures), [self._months(d) for d in self.days])
        # four batteries without failure, observed 11 months (to today, before their end)
        self.assertEqual(censored, [self._months(TODAY)] * 4)
        # all ten units stay at risk (a repaired unit can fail again) until 31 Dec 2025
        self.assertEqual(len(at_risk), 10)
        product, age, left = at_risk[0]
        self.assertEqual(product, self.product_unit.id)
        self.assertAlmostEqual(age, self._months(TODAY))
        self.assertAlmostEqual(left, 30 / 30.4375)
        c_failures, c_censored, __ = data[self.part_controller.id]
        self.assertEqual(c_failures, [self._months(date(2025, 6, 1))])
        self.assertEqual(len(c_censored), 9)

    def test_failure_after_warranty_end_is_censored(self):
        # a battery failing after its 12 months is not a warranty failure: censored at 12
        self._fail([(self.lots[9], date(2026, 2, 1))], self.part_battery)
        data = self.env["aftersales.part.reliability"]._life_data(self.company, date(2026, 3, 1))
        failures, censored, at_risk = data[self.part_battery.id]
        self.assertEqual(len(failures), 6)
        end = reliability.months_between(date(2025, 1, 1), date(2025, 12, 31))
        self.assertEqual(censored, [end] * 4)
        self.assertFalse(at_risk, "every battery warranty has ended")

    @freeze_time(TODAY)
    def test_refit_fits_forecasts_and_is_idempotent(self):
        Fit = self.env["aftersales.part.reliability"]
        Fit._refit_company(self.company)
        battery = Fit.search([("part_id", "=", self.part_battery.id)])
        controller = Fit.search([("part_id", "=", self.part_controller.id)])
        self.assertEqual(battery.method, "weibull")
        self.assertEqual((battery.failure_count, battery.censored_count), (6, 4))
        self.assertTrue(battery.b10_low < battery.b10 < battery.b10_high)
        self.assertIn("<svg", str(battery.chart))
        self.assertIn("<polygon", str(battery.chart), "the confidence band")
        self.assertGreater(battery.cov_shape, 0.0)
        self.assertIn("<polygon", str(controller.chart))
        self.assertTrue(controller.rate_low < controller.rate < controller.rate_high)
        self.assertEqual(controller.method, "empirical")
        self.assertIn("fewer than the 5", controller.method_note)
        # controller: 1 failure over 5 + 9 x 11 months, per 1,000 unit-months
        exposure = self._months(date(2025, 6, 1)) + 9 * self._months(TODAY)
        self.assertAlmostEqual(controller.rate, 1000.0 / exposure, places=6)
        # the forecast starts on 1 January 2026: the controllers (18 months, end 30 June
        # 2026) are at risk 6 months; the batteries ended on 31 December 2025
        forecast = self.env["aftersales.warranty.forecast"].search([])
        self.assertEqual(set(forecast.part_id.ids), {self.part_controller.id})
        self.assertEqual(forecast.mapped("date")[0], date(2026, 1, 1))
        self.assertEqual(len(forecast), 6)
        rate = 1.0 / exposure
        self.assertAlmostEqual(forecast[0].expected_claims, 10 * rate, places=6)
        self.assertAlmostEqual(
            sum(forecast.mapped("expected_claims")),
            10 * rate * reliability.months_between(date(2026, 1, 1), date(2026, 6, 30)),
            places=6,
        )
        self.assertAlmostEqual(
            controller.expected_claims_12, sum(forecast.mapped("expected_claims"))
        )
        # refitting the same data gives the same records
        ids = (Fit.search([]).ids, len(forecast))
        Fit._refit_company(self.company)
        self.assertEqual(Fit.search([]).ids, ids[0])
        self.assertEqual(self.env["aftersales.warranty.forecast"].search_count([]), ids[1])

    @freeze_time(TODAY)
    def test_cost_per_claim_includes_labour_and_drives_cost_and_demand(self):
        self.categ_part.property_valuation = "real_time"
        self._warranty_repair(self.lots[7], date(2025, 11, 20), self.part_controller)
        Fit = self.env["aftersales.part.reliability"]
        Fit._refit_company(self.company)
        controller = Fit.search([("part_id", "=", self.part_controller.id)])
        # controller cost 610 + 2 h of labour at 38
        self.assertEqual(controller.claim_count, 1)
        self.assertAlmostEqual(controller.avg_claim_cost, 686.0)
        self.assertEqual(controller.failure_count, 2)
        forecast = self.env["aftersales.warranty.forecast"].search([], limit=1)
        self.assertAlmostEqual(
            forecast.expected_cost, round(forecast.expected_claims * 686.0, 2), places=2
        )
        self.assertAlmostEqual(controller.demand_3, controller.expected_claims_3, places=2)
        # next to the reordering rule of the controller
        orderpoint = self.env["stock.warehouse.orderpoint"].create(
            {"product_id": self.part_controller.id, "product_min_qty": 1.0, "product_max_qty": 5.0}
        )
        self.assertAlmostEqual(
            orderpoint.with_user(self.buyer).aftersales_demand_3, controller.demand_3
        )
        self.assertAlmostEqual(orderpoint.aftersales_demand_12, controller.demand_12)
        self.assertTrue(controller.demand_12 > controller.demand_3 > 0)

    @freeze_time(TODAY)
    def test_access_everyone_reads_managers_and_accountants_refit(self):
        Fit = self.env["aftersales.part.reliability"]
        Fit._refit_company(self.company)
        battery = Fit.search([("part_id", "=", self.part_battery.id)])
        for user in (self.buyer, self.technician, self.frontdesk, self.auditor):
            self.assertEqual(battery.with_user(user).method, "weibull")
            with self.assertRaises(AccessError):
                battery.with_user(user).write({"shape": 9.0})
            with self.assertRaises(AccessError):
                Fit.with_user(user).action_refit()
        with self.assertRaises(AccessError):
            battery.with_user(self.manager).write({"shape": 9.0})
        with self.assertRaises(AccessError):
            self.env["aftersales.warranty.forecast"].with_user(self.manager).create(
                {
                    "company_id": self.company.id,
                    "date": TODAY,
                    "product_id": self.product_unit.id,
                    "part_id": self.part_battery.id,
                }
            )
        Fit.with_user(self.manager).action_refit()
        Fit.with_user(self.accountant).action_refit()
        self.assertEqual(Fit.search_count([]), 2)

    @freeze_time(TODAY)
    def test_monthly_cron_refits_every_company(self):
        self.env["aftersales.part.reliability"]._cron_refit()
        fits = self.env["aftersales.part.reliability"].search([])
        self.assertEqual(fits.part_id, self.part_battery | self.part_controller)
        self.assertEqual(set(fits.mapped("fit_date")), {TODAY})

    @freeze_time(TODAY)
    def test_workbook_sheet(self):
        self.env["aftersales.part.reliability"]._refit_company(self.company)
        __, data = self.env["aftersales.monthly.workbook"]._aftersales_workbook_generate(
            date(2025, 11, 1), self.company
        )
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        sheet = book["Warranty forecast"]
        rows = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0]}
        battery = rows[self.part_battery.display_name]
        self.assertEqual(battery[1], "Weibull (maximum likelihood, censored)")
        self.assertEqual(battery[2:4], (6, 4))
        product_row = rows[self.product_unit.display_name]
        self.assertEqual(product_row[1], self.part_controller.display_name)
        self.assertNotIn("Warranty provision", book.sheetnames, "no provision account set")
