# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .warranty_common import WarrantyCommon


@tagged("post_install", "-at_install")
class TestWarrantyCoverage(WarrantyCommon):
    def _bulk_register(self, count, prefix):
        """``count`` serials registered in one batched create each (lots, warranties)."""
        lots = self.env["stock.lot"].create(
            [
                {"name": f"{prefix}-{index:05d}", "product_id": self.product_unit.id}
                for index in range(count)
            ]
        )
        self.env["aftersales.warranty"].create(
            [
                {
                    "lot_id": lot.id,
                    "product_id": self.product_unit.id,
                    "partner_id": self.customer.id,
                    "policy_id": self.policy.id,
                    "delivery_date": "2026-01-15",
                }
                for lot in lots
            ]
        )
        return lots

    def _bulk_policies(self, count, prefix):
        products = self.env["product.product"].create(
            [{"name": f"{prefix} {index}", "type": "consu"} for index in range(count)]
        )
        self.env["aftersales.warranty.policy"].create(
            [
                {"name": product.name, "product_tmpl_id": product.product_tmpl_id.id}
                for product in products
            ]
        )

    def _coverage_queries(self, lot):
        Warranty = self.env["aftersales.warranty"]
        self.env.invalidate_all()
        # search + read of warranties, lines, policy, lot, product, template, category,
        # contracts, usage readings, plus user/company for the date, plus the part's name in
        # the reader's language (issue 18): none per serial
        with self.assertQueryCount(17):
            coverage = Warranty.coverage(lot, self.part_controller, date(2027, 3, 1), "quality")
        self.assertTrue(coverage.covered)

    def test_coverage_query_count_constant(self):
        lots = self._bulk_register(10, "QC10")
        self._bulk_policies(5, "Small")
        self._coverage_queries(lots[3])
        lots = self._bulk_register(1000, "QC1000")
        self._bulk_policies(200, "Large")
        self.assertEqual(
            self.env["aftersales.warranty"].search_count([("lot_id.name", "=like", "QC1000-%")]),
            1000,
        )
        self._coverage_queries(lots[777])

    def test_coverage_batch_query_count(self):
        lots = self._bulk_register(50, "QB")
        requests = [(lot, self.part_battery, "2027-03-01", False) for lot in lots]
        self.env.invalidate_all()
        with self.assertQueryCount(16):
            results = self.env["aftersales.warranty"].coverage_batch(requests)
        self.assertEqual(len(results), 50)
        self.assertFalse(any(result.covered for result in results))

    def test_never_delivered_says_why(self):
        lot = self._create_serial("NEVER-SOLD")
        coverage = self.env["aftersales.warranty"].coverage(lot, self.part_battery)
        self.assertFalse(coverage.covered)
        self.assertFalse(coverage.source)
        self.assertIn("No warranty record", coverage.reason)
        self.assertIn("NEVER-SOLD", coverage.reason)

    def test_usage_limit(self):
        self.policy.write({"usage_limit": 2000.0, "usage_uom": "hours"})
        lot = self._deliver("FL-USAGE", "2026-01-15 10:00:00")
        repair = self._repair(lot, "2026-06-01 09:00:00", parts=self.part_controller)
        self.assertEqual(self._move(repair, self.part_controller).repair_price_unit, 0.0)
        repair.usage_reading = 2500.0
        repair.action_refresh_warranty_coverage()
        move = self._move(repair, self.part_controller)
        self.assertEqual(move.repair_price_unit, 960.0)
        self.assertIn("exceeds the limit", move.warranty_reason)

    def test_promotion_extends_battery(self):
        battery_line = self.policy.line_ids.filtered(
            lambda line: line.part_product_id == self.part_battery
        )
        self.policy.promotion_ids = [
            Command.create(
                {
                    "name": "January offer",
                    "date_from": "2026-01-01",
                    "date_to": "2026-01-31",
                    "policy_line_id": battery_line.id,
                    "extra_months": 6,
                }
            )
        ]
        lot = self._deliver("FL-PROMO", "2026-01-15 10:00:00")
        coverage = self.env["aftersales.warranty"].coverage(
            lot, self.part_battery, date(2027, 3, 1)
        )
        self.assertTrue(coverage.covered)
        self.assertEqual(coverage.end_date, date(2027, 7, 14))
        self.assertEqual(coverage.warranty_line.period_months, 18)

    def test_clock_starts_at_installation(self):
        self.policy.clock_start = "installation"
        lot = self._deliver("FL-INSTALL", "2026-01-15 10:00:00")
        warranty = lot.warranty_id
        self.assertEqual(warranty.start_date, date(2026, 1, 15))
        lot.installation_date = "2026-02-10"
        self.assertEqual(warranty.start_date, date(2026, 2, 10))
        battery = warranty.line_ids.filtered(
            lambda line: line.part_product_id == self.part_battery
        )
        self.assertEqual(battery.end_date, date(2027, 2, 9))

    def test_clock_starts_at_invoice(self):
        self.policy.clock_start = "invoice"
        lot = self._deliver("FL-INVOICE", "2026-01-15 10:00:00")
        warranty = lot.warranty_id
        with freeze_time("2026-02-01"):
            invoice = warranty.sale_order_id._create_invoices()
            invoice.invoice_date = "2026-02-01"
            invoice.action_post()
        self.assertEqual(warranty.invoice_date, date(2026, 2, 1))
        self.assertEqual(warranty.start_date, date(2026, 2, 1))

    def test_history_wizard(self):
        lot = self._deliver("FL-HISTORY", "2025-06-01 10:00:00")
        lot.warranty_ids.unlink()
        wizard = self.env["aftersales.warranty.register.wizard"].create(
            {"date_from": "2025-01-01", "date_to": "2025-12-31"}
        )
        wizard.action_register()
        self.assertEqual(lot.warranty_id.delivery_date, date(2025, 6, 1))
        self.assertEqual(len(lot.warranty_id.line_ids), 3)
        action = wizard.action_register()
        self.assertEqual(action["domain"], [("id", "in", [])], "nothing registered twice")

    def test_warranty_cost(self):
        lot = self._create_serial("FL-COST")
        self.env["aftersales.warranty"].create(
            {
                "lot_id": lot.id,
                "product_id": self.product_unit.id,
                "partner_id": self.customer.id,
                "policy_id": self.policy.id,
                "delivery_date": "2026-01-15",
            }
        )
        expense = self.env["account.account"].create(
            {"name": "Warranty expense", "code": "619900", "account_type": "expense"}
        )
        self.company.aftersales_warranty_expense_account_id = expense
        self.categ_part.property_valuation = "real_time"
        repair = self._repair(lot, "2027-03-01 09:00:00", cause="quality", hours=0)
        repair.action_validate()
        with freeze_time("2027-03-02"):
            moves = repair.move_ids
            moves.quantity = 1.0
            moves.picked = True
            moves._action_done()
        controller = self._move(repair, self.part_controller)
        battery = self._move(repair, self.part_battery)
        self.assertEqual(controller.warranty_cost, 610.0)
        self.assertEqual(battery.warranty_cost, 0.0, "the charged battery is no warranty cost")
        entry_lines = controller.account_move_ids.line_ids
        self.assertEqual(
            entry_lines.filtered(lambda line: line.account_id == expense).debit, 610.0
        )
        self.assertFalse(
            battery.account_move_ids.line_ids.filtered(lambda line: line.account_id == expense)
        )
        self.env.flush_all()
        report = self.env["aftersales.warranty.cost.report"].search([("lot_id", "=", lot.id)])
        self.assertEqual(sorted(report.mapped("cost")), [300.0, 610.0])
        groups = self.env["aftersales.warranty.cost.report"]._read_group(
            [("lot_id", "=", lot.id)], ["part_id", "failure_cause", "date:month"], ["cost:sum"]
        )
        self.assertIn(
            (self.part_controller, "quality", "March 2027", 610.0),
            [(part, cause, month.strftime("%B %Y"), cost) for part, cause, month, cost in groups],
        )


@tagged("post_install", "-at_install")
class TestWarrantyBadInput(WarrantyCommon):
    def test_period_must_be_positive(self):
        Policy = self.env["aftersales.warranty.policy"]
        other = self.env["product.product"].create({"name": "Other", "type": "consu"})
        for months in (0, -3):
            with self.assertRaisesRegex(ValidationError, "between 1 and 1,200 months"):
                Policy.create(
                    {
                        "name": "Bad",
                        "product_tmpl_id": other.product_tmpl_id.id,
                        "period_months": months,
                    }
                )
        with self.assertRaisesRegex(ValidationError, "between 1 and 1,200 months"):
            self.policy.line_ids[0].period_months = 0

    def test_part_policy_for_unrelated_product(self):
        brake = self._create_part("Test Brake Pads", 85.0, 42.0, qty=0)
        with self.assertRaisesRegex(ValidationError, "is not a part of"):
            self.policy.line_ids = [
                Command.create({"part_product_id": brake.id, "period_months": 6})
            ]

    def test_register_serial_twice(self):
        lot = self._deliver("FL-TWICE", "2026-01-15 10:00:00")
        with self.assertRaisesRegex(ValidationError, "already has an active warranty"):
            self.env["aftersales.warranty"].create(
                {
                    "lot_id": lot.id,
                    "product_id": self.product_unit.id,
                    "partner_id": self.customer.id,
                    "delivery_date": "2026-02-01",
                }
            )

    def test_usage_reading_lower_than_previous(self):
        lot = self._deliver("FL-METER", "2026-01-15 10:00:00")
        self._repair(lot, "2026-05-01 09:00:00", parts=self.part_frame, usage_reading=1200.0)
        with self.assertRaisesRegex(ValidationError, "readings cannot go down"):
            self._repair(lot, "2026-06-01 09:00:00", parts=self.part_frame, usage_reading=1100.0)

    def test_contract_end_before_start(self):
        with self.assertRaisesRegex(ValidationError, "before it starts"):
            self.env["aftersales.warranty.contract"].create(
                {
                    "partner_id": self.customer.id,
                    "date_start": "2027-01-01",
                    "date_end": "2026-12-31",
                }
            )

    def test_cause_outside_list(self):
        lot = self._deliver("FL-CAUSE", "2026-01-15 10:00:00")
        with self.assertRaisesRegex(ValidationError, "is not a failure cause"):
            self.env["aftersales.warranty"].coverage(lot, self.part_battery, cause="aliens")


@tagged("post_install", "-at_install")
class TestWarrantyAccess(WarrantyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._deliver("FL-ACCESS", "2026-01-15 10:00:00")
        cls.warehouse_user = new_test_user(
            cls.env, login="as_warehouse", groups="stock.group_stock_user"
        )

    def test_warehouse_and_technician_read(self):
        for user in (self.warehouse_user, self.technician):
            Warranty = self.env["aftersales.warranty"].with_user(user)
            warranty = Warranty.search([("lot_id", "=", self.lot.id)])
            self.assertEqual(len(warranty.line_ids), 3)
            coverage = Warranty.coverage(self.lot.with_user(user), self.part_controller)
            self.assertTrue(coverage.reason)
            with self.assertRaises(AccessError):
                warranty.state = "ended"
            with self.assertRaises(AccessError):
                self.env["aftersales.warranty.policy"].with_user(user).create(
                    {"name": "No", "categ_id": self.categ_unit.id}
                )

    def test_user_sells_contracts_manager_configures(self):
        contract = (
            self.env["aftersales.warranty.contract"]
            .with_user(self.frontdesk)
            .create({"partner_id": self.customer.id, "date_end": "2027-12-31"})
        )
        self.assertTrue(contract.name.startswith("MC/"))
        with self.assertRaises(AccessError):
            self.env["aftersales.warranty.policy"].with_user(self.frontdesk).create(
                {"name": "No", "categ_id": self.categ_unit.id}
            )
        policy = (
            self.env["aftersales.warranty.policy"]
            .with_user(self.manager)
            .create({"name": "Category policy", "categ_id": self.categ_unit.id})
        )
        self.assertEqual(policy.period_months, 12)

    def test_warehouse_user_delivery_registers(self):
        lot = self._deliver("FL-WH", "2026-02-01 10:00:00")
        self.assertTrue(lot.with_user(self.warehouse_user).warranty_id)
