# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .warranty_common import WarrantyCommon


@tagged("post_install", "-at_install")
class TestContractVisits(WarrantyCommon):
    """A maintenance contract includes a number of on-site visits per contract year: the
    visits made are counted against it, on the contract and on each visit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._deliver("FL-VISIT-001", "2026-01-15 10:00:00")
        cls.contract = cls.env["aftersales.warranty.contract"].create(
            {
                "partner_id": cls.customer.id,
                "date_start": "2027-01-01",
                "date_end": "2028-06-30",
                "visits_per_year": 2,
            }
        )
        cls.contract.action_confirm()

    def _visit(self, when, **vals):
        return self._repair(
            self.lot, when, parts=self.part_battery, service_mode="on_site", **vals
        )

    def test_contract_years(self):
        self.assertEqual(
            self.contract._visit_year(date(2027, 12, 31)), (date(2027, 1, 1), date(2027, 12, 31))
        )
        self.assertEqual(
            self.contract._visit_year(date(2028, 1, 1)),
            (date(2028, 1, 1), date(2028, 6, 30)),
            "the last year ends with the contract",
        )
        self.assertEqual(
            self.contract._visit_year(date(2030, 5, 1)), (date(2028, 1, 1), date(2028, 6, 30))
        )

    def test_visits_counted_per_contract_year(self):
        first = self._visit("2027-02-10 09:00:00")
        second = self._visit("2027-05-10 09:00:00")
        in_shop = self._repair(self.lot, "2027-06-10 09:00:00", parts=self.part_battery)
        cancelled = self._visit("2027-07-10 09:00:00")
        cancelled.action_repair_cancel()
        third = self._visit("2027-09-10 09:00:00", user_id=self.technician.id)
        with freeze_time("2027-10-01"):
            self.assertEqual(self.contract.visits_used, 3, "in-shop and cancelled not counted")
            self.assertEqual(self.contract.visits_left, 0)
            action = self.contract.action_view_visits()
            self.assertEqual(
                self.env["repair.order"].search(action["domain"]), first | second | third
            )
        self.assertIn("Visit 1 of 2", first.contract_visit_info)
        self.assertIn(self.contract.name, first.contract_visit_info)
        self.assertFalse(second.contract_visit_exceeded)
        self.assertIn("Visit 3 of 2", third.contract_visit_info)
        self.assertTrue(third.contract_visit_exceeded)
        self.assertFalse(in_shop.contract_visit_info)
        self.assertFalse(cancelled.contract_visit_info)
        # its technician, who sees only their own repairs, reads the same number
        self.assertIn("Visit 3 of 2", third.with_user(self.technician).contract_visit_info)
        # a new contract year starts the count again
        next_year = self._visit("2028-02-01 09:00:00")
        self.assertIn("Visit 1 of 2", next_year.contract_visit_info)
        with freeze_time("2028-03-01"):
            self.contract.invalidate_recordset(["visits_used", "visits_left"])
            self.assertEqual(self.contract.visits_used, 1)
            self.assertEqual(self.contract.visits_left, 1)

    def test_no_contract_no_visit_count(self):
        other = self.env["res.partner"].create({"name": "No Contract Ltd"})
        repair = self._visit("2027-02-10 09:00:00", partner_id=other.id)
        self.assertFalse(repair.contract_visit_info)
        self.assertFalse(repair.contract_visit_exceeded)
