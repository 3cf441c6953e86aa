# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import RmaCommon


@tagged("post_install", "-at_install")
class TestRmaReturn(RmaCommon):
    """Issue 19 point 1: returns and exchanges on OCA RMA, as the front desk records them and
    the warehouse moves the units."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._deliver("SN-RMA-001", "2026-01-05 10:00:00")
        cls.lot.production_date = date(2025, 12, 1)
        cls.warranty = cls.lot.warranty_id

    def test_serial_must_match_a_delivery_to_the_customer(self):
        with self.assertRaisesRegex(ValidationError, "never delivered to Other Customer Test"):
            self._rma(self.lot, partner=self.other_customer)
        stray = self.env["stock.lot"].create(
            {"name": "SN-RMA-STRAY", "product_id": self.product_unit.id}
        )
        with self.assertRaisesRegex(ValidationError, "never delivered"):
            self._rma(stray)
        rma = self._rma(self.lot)
        self.assertEqual(rma.product_id, self.product_unit)
        self.assertEqual(rma.product_uom_qty, 1.0)
        self.assertEqual(rma.picking_id, self.warranty.picking_id)
        self.assertEqual(rma.move_id, self.warranty.move_id)
        self.assertEqual(rma.aftersales_warranty_id, self.warranty)
        # every field of the return register is on the return
        self.assertEqual(rma.maker_id, self.maker)
        self.assertEqual(rma.supplier_id, self.vendor_unit)
        self.assertEqual(rma.product_default_code, "T-EF25")
        self.assertEqual(rma.production_date, date(2025, 12, 1))
        # the sold-units register records the maker too
        self.assertEqual(self.warranty.maker_id, self.maker)

    def test_coverage_per_part_proposes_the_outcome(self):
        cases = [
            ("2026-01-09 09:00:00", "refund", "returned 4 days after"),
            ("2026-01-15 09:00:00", "exchange", "returned 10 days after"),
            ("2026-06-01 09:00:00", "repair", "In warranty: free repair."),
            # battery 12 months: ended 2027-01-04; controller 18 months: until 2027-07-04
            ("2027-03-01 09:00:00", "repair", "Parts out of warranty (Test Battery 48 V)"),
            ("2029-02-01 09:00:00", "repair", "The unit is out of warranty: paid repair."),
        ]
        for when, outcome, note in cases:
            with self.subTest(when=when), freeze_time(when):
                rma = self._rma(self.lot)
                self.assertEqual(rma.aftersales_proposed_outcome, outcome)
                self.assertEqual(rma.aftersales_outcome, outcome)
                self.assertIn(note, rma.aftersales_coverage_note)
        # the periods are company settings
        self.company.aftersales_rma_exchange_days = 5
        with freeze_time("2026-01-15 09:00:00"):
            self.assertEqual(self._rma(self.lot).aftersales_proposed_outcome, "repair")

    def test_confirm_needs_a_reason(self):
        rma = self._rma(self.lot, return_reason=False)
        with self.assertRaisesRegex(UserError, "Enter the reason"):
            rma.action_confirm()

    @freeze_time("2026-01-15 09:00:00")
    def test_exchange_moves_the_remaining_warranty_to_the_replacement(self):
        rma = self._rma(self.lot)
        self.assertEqual(rma.aftersales_outcome, "exchange")
        rma.action_confirm()
        receipt = rma.reception_move_id.picking_id
        self.assertEqual(receipt.move_line_ids.lot_id, self.lot, "the receipt brings the serial")
        self._validate(receipt, self.lot)
        self.assertEqual(rma.state, "received")
        self.assertEqual(self.warranty.state, "suspended")
        # the warehouse ships a new serial through OCA's replacement wizard
        new_lot = self.env["stock.lot"].create(
            {"name": "SN-RMA-NEW", "product_id": self.product_unit.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            self.product_unit, self.stock_location, 1.0, lot_id=new_lot
        )
        action = rma.action_replace()
        wizard = Form(
            self.env["rma.delivery.wizard"]
            .with_user(self.frontdesk)
            .with_context(**action["context"])
        )
        wizard.product_id = self.product_unit
        wizard.product_uom_qty = 1.0
        wizard.save().action_deliver()
        delivery = rma.delivery_move_ids.picking_id
        self._validate(delivery, new_lot)
        self.assertEqual(rma.state, "replaced")
        self.assertEqual(rma.replacement_lot_id, new_lot)
        new_warranty = new_lot.warranty_id
        self.assertEqual(new_warranty.replaced_warranty_id, self.warranty)
        self.assertEqual(self.warranty.state, "ended")
        self.assertEqual(new_warranty.start_date, date(2026, 1, 5))
        self.assertEqual(
            sorted((line.name, line.end_date) for line in new_warranty.line_ids),
            sorted((line.name, line.end_date) for line in self.warranty.line_ids),
        )
        self.assertEqual(
            sorted(new_warranty.line_ids.mapped("end_date")),
            [date(2027, 1, 4), date(2027, 7, 4), date(2029, 1, 4)],
        )

    @freeze_time("2026-01-09 09:00:00")
    def test_refund_at_the_price_sold_and_only_for_a_refund_outcome(self):
        rma = self._rma(self.lot, operation_id=self.env.ref("rma.rma_operation_refund").id)
        self.assertEqual(rma.aftersales_outcome, "refund")
        rma.action_confirm()
        self._validate(rma.reception_move_id.picking_id, self.lot)
        self.assertTrue(rma.can_be_refunded)
        with self.assertRaisesRegex(UserError, "set the outcome to Exchange"):
            rma.action_replace()
        rma.action_refund()
        self.assertEqual(rma.state, "refunded")
        self.assertEqual(rma.refund_id.move_type, "out_refund")
        self.assertEqual(rma.refund_id.invoice_line_ids.price_unit, 28500.0)
        # an exchange outcome is not refunded
        other = self._rma(self.lot, aftersales_outcome="exchange")
        other.action_confirm()
        self.assertFalse(other.can_be_refunded)

    @freeze_time("2026-06-01 09:00:00")
    def test_repair_outcome_opens_the_suites_repair_linked_both_ways(self):
        rma = self._rma(self.lot, operation_id=self.env.ref("rma.rma_operation_return").id)
        self.assertEqual(rma.aftersales_outcome, "repair")
        with self.assertRaisesRegex(UserError, "Confirm return"):
            rma.action_aftersales_create_repair()
        rma.action_confirm()
        self._validate(rma.reception_move_id.picking_id, self.lot)
        action = rma.action_aftersales_create_repair()
        repair = rma.aftersales_repair_id
        self.assertEqual(action["res_id"], repair.id)
        self.assertEqual(repair.aftersales_rma_id, rma)
        self.assertEqual(repair.lot_id, self.lot)
        self.assertEqual(repair.partner_id, self.customer)
        self.assertEqual(repair.location_id, rma.location_id, "the unit is in the RMA location")
        self.assertEqual(repair.action_view_aftersales_rma()["res_id"], rma.id)
        rma.action_aftersales_create_repair()
        self.assertEqual(
            self.env["repair.order"].search_count([("aftersales_rma_id", "=", rma.id)]), 1
        )

    def test_links_are_owned_by_the_return(self):
        rma = self._rma(self.lot)
        with self.assertRaisesRegex(UserError, "set by the return"):
            rma.write({"replacement_lot_id": self.lot.id})
        with self.assertRaisesRegex(UserError, "set by the return"):
            rma.with_user(self.manager).write({"aftersales_repair_id": False})

    def test_return_register_sheet_of_the_monthly_workbook(self):
        with freeze_time("2026-06-01 09:00:00"):
            rma = self._rma(self.lot)
            rma.action_confirm()
            self._rma(self.lot)  # a draft is not in the register
        Workbook = self.env["aftersales.monthly.workbook"]
        __, data = Workbook._aftersales_workbook_generate(date(2026, 6, 1), self.company)
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        self.assertIn("Returns", book.sheetnames)
        sheet = book["Returns"]
        rows = [row for row in sheet.iter_rows(values_only=True) if row and row[0] == rma.name]
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertEqual(
            row[1:6],
            (
                "Test Forklift EF-25",
                "Test Forklift Works",
                "Test Forklift Distributor",
                "T-EF25",
                "SN-RMA-001",
            ),
        )
        self.assertEqual(row[6].date(), date(2025, 12, 1))
        self.assertEqual(row[7], "Harbour Logistics Test")
        self.assertEqual(row[8].date(), date(2026, 6, 1))
        self.assertEqual(row[9:], (1, "Mast judders when lifting", "Repair (Confirmed)"))
