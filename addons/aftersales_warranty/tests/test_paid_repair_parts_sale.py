# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common_parts import WarrantyPartsCommon


@tagged("post_install", "-at_install")
class TestPaidRepairPartsSale(WarrantyPartsCommon):
    """(readme/CONFIGURE.md, "Paid repair: parts sale"): on a paid repair, the warranty parts
    already issued become a parts sale to the repair's customer (sale order and invoice)."""

    def _repair_with_issued_parts(self, serial):
        repair = self.env["repair.order"].create(
            {
                "product_id": self.product_unit.id,
                "lot_id": self._create_serial(serial).id,
                "partner_id": self.customer.id,
                "under_warranty": True,
                "user_id": self.technician.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.part_controller.id,
                            "product_uom_qty": 1.0,
                            "repair_line_type": "add",
                        }
                    )
                ],
            }
        )
        repair.action_validate()
        action = repair.with_user(self.technician).action_aftersales_part_request()
        linked = self.env["aftersales.warranty.part.request"].browse(action["res_id"])
        linked.with_user(self.technician).action_submit()
        linked.with_user(self.quality_manager).action_approve()
        self._issue(linked)
        # a second request of the technician for the same repair: two seals
        seals = self._request(qty=2.0, repair_id=repair.id)
        seals.with_user(self.technician).action_submit()
        self._approve_all(seals, [self.head])
        self._issue(seals)
        self.assertEqual((linked.state, seals.state), ("issued", "issued"))
        return repair, linked, seals

    def _start(self, repair):
        repair.with_user(self.technician).action_repair_start()

    def _finish(self, repair):
        if repair.state != "under_repair":
            self._start(repair)
        repair.with_user(self.technician).action_repair_end()
        repair.with_user(self.inspector).action_inspection_pass()
        self.assertEqual(repair.state, "done")

    def test_setting_default(self):
        self.assertTrue(self.env.company.aftersales_paid_repair_parts_sale)
        self.assertTrue(Form(self.env["res.config.settings"]).aftersales_paid_repair_parts_sale)

    def test_issued_parts_of_a_paid_repair_are_sold_to_its_customer(self):
        repair, linked, seals = self._repair_with_issued_parts("EF25-PS-0001")
        # the technician finds user damage: the manager makes the repair paid
        self._start(repair)
        repair.with_user(self.manager).write({"under_warranty": False, "service_category": "paid"})
        self.assertEqual(repair.service_category, "paid")
        self._finish(repair)
        order = seals.parts_sale_order_id
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.client_order_ref, repair.name)
        self.assertEqual(order.order_line.product_id, self.part_seal)
        self.assertEqual(order.order_line.product_uom_qty, 2.0)
        self.assertEqual(order.order_line.qty_delivered, 2.0, "delivered by the issue transfer")
        self.assertFalse(order.picking_ids, "no second delivery: the seals already left")
        invoice = order.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.partner_id, self.customer)
        self.assertEqual(invoice.invoice_line_ids.quantity, 2.0)
        self.assertEqual(invoice.invoice_line_ids.price_unit, 45.0)
        # the defective seals are the customer's: no return is due, the request is closed
        self.assertEqual(set(seals.return_ids.mapped("state")), {"cancel"})
        self.assertEqual(seals.state, "done")
        # the controller is charged by the repair's own quotation: not sold twice
        self.assertTrue(linked.line_ids.repair_move_id.warranty_charged)
        self.assertFalse(linked.parts_sale_order_id)
        self.assertEqual(linked.return_ids.state, "cancel")
        self.assertEqual(linked.state, "done")
        with self.assertRaisesRegex(UserError, "recorded by the requester"):
            seals.with_user(self.technician).write({"parts_sale_order_id": order.id})

    def test_free_repair_or_setting_off_sells_nothing(self):
        repair, __, seals = self._repair_with_issued_parts("EF25-PS-0002")
        self._finish(repair)
        self.assertEqual(repair.service_category, "free")
        self.assertFalse(seals.parts_sale_order_id)
        self.assertEqual(set(seals.return_ids.mapped("state")), {"expected"})
        self.env.company.aftersales_paid_repair_parts_sale = False
        repair, __, seals = self._repair_with_issued_parts("EF25-PS-0003")
        self._start(repair)
        repair.with_user(self.manager).write({"under_warranty": False, "service_category": "paid"})
        self._finish(repair)
        self.assertFalse(seals.parts_sale_order_id)
