# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo.tests import tagged

from .common_parts import WarrantyPartsCommon


@tagged("post_install", "-at_install")
class TestWarrantyWorkbook(WarrantyPartsCommon):
    """Issue 8 point 6: the monthly workbook has the warranty parts issued and returned, the
    supplier claims and what was recovered from suppliers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.part_battery.seller_ids = [
            (0, 0, {"partner_id": cls.vendor.id, "price": 2900.0, "min_qty": 1.0})
        ]

    def _find_row(self, sheet, label):
        for row in sheet.iter_rows(values_only=True):
            if row and row[0] == label:
                return row
        self.fail(f"No row {label!r} in sheet {sheet.title}")

    @freeze_time("2026-10-12 09:00:00")
    def test_workbook_warranty_parts_claims_and_recoveries(self):
        # two seals issued, returned and accepted; one more still expected
        accepted = self._issued_request(qty=2.0).return_ids
        self._receive(accepted)
        self._inspect(accepted)
        self.assertEqual(accepted.state, "accepted")
        self._issued_request(qty=1.0)
        # a battery (3,100) issued, returned, claimed from its supplier who credits it
        request = self._request(part=self.part_battery)
        request.action_submit()
        self._approve_all(request, [self.service_vp, self.supply_vp])
        self._issue(request)
        battery_return = request.return_ids
        self._receive(battery_return)
        self._inspect(battery_return, cause="supplier")
        claim = battery_return.claim_ids
        claim.with_user(self.inspector).action_claim()
        claim.with_user(self.inspector).action_vendor_refund()
        self.assertEqual(claim.recovered_amount, 3100.0)

        Workbook = self.env["aftersales.monthly.workbook"]
        __, data = Workbook._aftersales_workbook_generate(date(2026, 10, 1), self.company)
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        self.assertIn("Warranty parts", book.sheetnames)
        self.assertIn("Supplier claims", book.sheetnames)

        parts = book["Warranty parts"]
        # part, issued, cost, returned, returns open, accepted, charged
        self.assertEqual(
            self._find_row(parts, self.part_seal.display_name)[:7],
            (self.part_seal.display_name, 3.0, 90.0, 2.0, 1, 1, 0),
        )
        self.assertEqual(
            self._find_row(parts, self.part_battery.display_name)[:7],
            (self.part_battery.display_name, 1.0, 3100.0, 1.0, 0, 1, 0),
        )
        self.assertEqual(self._find_row(parts, "Total")[1:7], (4.0, 3190.0, 3.0, 1, 2, 0))

        claims = book["Supplier claims"]
        # supplier, claims, settled, rejected, claimed, recovered
        self.assertEqual(
            self._find_row(claims, self.vendor.display_name)[:6],
            (self.vendor.display_name, 1, 1, 0, 3100.0, 3100.0),
        )

        # the supplier's credit note sits next to the warranty cost, by supplier and month:
        # supplier, quantity, cost, recovered, net cost (cost less recovered)
        row = self._find_row(parts, self.vendor.display_name)
        self.assertEqual(row[3], 3100.0)
        self.assertAlmostEqual(row[4], row[2] - 3100.0)
        self.env.flush_all()
        [(month, cost, recovered, net)] = self.env["aftersales.warranty.cost.report"]._read_group(
            [("supplier_id", "=", self.vendor.id)],
            ["date:month"],
            ["cost:sum", "recovered:sum", "net_cost:sum"],
        )
        self.assertEqual((month.strftime("%B %Y"), recovered), ("October 2026", 3100.0))
        self.assertAlmostEqual(net, cost - 3100.0)
        report_line = self.env["aftersales.warranty.cost.report"].search(
            [("claim_id", "=", claim.id)]
        )
        self.assertEqual(report_line.part_id, self.part_battery)
        self.assertEqual(report_line.lot_id, self.serial)

        money = book["Money"]
        self.assertEqual(self._find_row(money, "Warranty parts issued (at cost)")[1], 3190.0)
        self.assertEqual(
            self._find_row(money, "Recovered from suppliers (claims settled in the month)")[1],
            3100.0,
        )

    @freeze_time("2026-11-05 09:00:00")
    def test_workbook_of_a_quiet_month(self):
        """Nothing issued nor claimed: the sheets are there with their message."""
        __, data = self.env["aftersales.monthly.workbook"]._aftersales_workbook_generate(
            date(2026, 10, 1), self.company
        )
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        values = [row[0] for row in book["Supplier claims"].iter_rows(values_only=True)]
        self.assertIn("No supplier claim this month.", values)
        self.assertEqual(
            self._find_row(
                book["Money"], "Recovered from suppliers (claims settled in the month)"
            )[1],
            0.0,
        )
