# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .warranty_common import WarrantyCommon


@tagged("post_install", "-at_install")
class TestServiceReceipt(WarrantyCommon):
    """A delivered unit comes back to the workshop for repair: received with its customer
    as owner (Odoo's repair counts such a unit as the customer's), its warranty runs on;
    received without owner, it is a return and the warranty is suspended."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._deliver("FL-SVC-001", "2026-01-15 10:00:00")
        cls.warranty = cls.env["aftersales.warranty"].search([("lot_id", "=", cls.lot.id)])

    def _receive(self, owner):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.env.ref("stock.picking_type_in").id,
                "location_id": self.customer_location.id,
                "location_dest_id": self.stock_location.id,
                "partner_id": self.customer.id,
                "owner_id": owner.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "unit in for service",
                            "product_id": self.product_unit.id,
                            "product_uom_qty": 1.0,
                            "location_id": self.customer_location.id,
                            "location_dest_id": self.stock_location.id,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.lot_ids = self.lot
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        return picking

    def test_unit_received_for_service_keeps_its_warranty(self):
        with freeze_time("2026-03-01"):
            self._receive(self.customer)
            quant = self.lot.quant_ids.filtered(
                lambda q: q.location_id == self.stock_location and q.quantity
            )
            self.assertEqual(quant.owner_id, self.customer)
            self.assertEqual(quant.quantity, 1.0)
            self.assertEqual(self.warranty.state, "active")
            repair = self._repair(self.lot, "2026-03-01", cause="quality", hours=0)
            # Odoo finds the unit in the workshop, owned by the customer: no "insufficient
            # quantity" wizard, the repair is confirmed
            repair.action_validate()
            self.assertEqual(repair.state, "confirmed")
        coverage = self.env["aftersales.warranty"].coverage(
            self.lot, self.part_controller, date(2026, 3, 1), "quality"
        )
        self.assertTrue(coverage.covered, coverage.reason)

    def test_unit_received_without_owner_is_a_return(self):
        with freeze_time("2026-03-01"):
            self._receive(self.env["res.partner"])
        self.assertEqual(self.warranty.state, "suspended")

    def test_loan_unit_lent_registers_no_warranty(self):
        """A loan unit goes out on an ordinary delivery to the customer but stays the
        company's: no warranty is registered for the borrower."""
        loan_lot = self.env["stock.lot"].create(
            {"name": "FL-LOAN-001", "product_id": self.product_unit.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            self.product_unit, self.stock_location, 1.0, lot_id=loan_lot
        )
        repair = self.env["repair.order"].create(
            {
                "partner_id": self.customer.id,
                "product_id": self.product_unit.id,
                "lot_id": self.lot.id,
            }
        )
        loan = self.env["aftersales.loan"].create(
            {
                "repair_id": repair.id,
                "product_id": self.product_unit.id,
                "lot_id": loan_lot.id,
                "expected_return_date": date(2026, 12, 1),
            }
        )
        loan.action_lend()
        self.assertEqual(loan.out_picking_id.state, "done")
        self.assertEqual(loan.out_picking_id.move_line_ids.lot_id, loan_lot)
        self.assertFalse(
            self.env["aftersales.warranty"].search([("lot_id", "=", loan_lot.id)]),
            "a loan is no sale",
        )
