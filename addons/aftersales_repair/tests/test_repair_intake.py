# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged, users

from .repair_common import RepairDeskCommon


@tagged("post_install", "-at_install")
class TestRepairIntake(RepairDeskCommon):
    """Issue 3 point 1: intake of a repair."""

    @users("as_frontdesk")
    def test_intake_form(self):
        """The front desk records channel, mode, contact, site, fault, requested date and the
        items received with the unit; a paid repair waits for the customer's acceptance."""
        # serial numbers enabled, as the Inventory setting does for every employee
        self.env.ref("base.group_user").sudo().implied_ids |= self.env.ref(
            "stock.group_production_lot"
        )
        self.customer.phone = "+44 23 9200 1100"
        site = (
            self.env["res.partner"]
            .sudo()
            .create({"name": "Harbour Yard B", "type": "delivery", "parent_id": self.customer.id})
        )
        lot = self._create_serial("SN-INTAKE-1")
        form = Form(self.env["repair.order"])
        form.partner_id = self.customer
        form.product_id = self.product_unit
        form.lot_id = lot
        form.intake_channel = "walk_in"
        form.service_mode = "on_site"
        form.fault_description = "Mast lowers slowly under load."
        form.requested_date = datetime(2026, 12, 1, 9, 0)
        with form.intake_item_ids.new() as item:
            item.name = "Ignition key"
            item.condition = "good"
        with form.intake_item_ids.new() as item:
            item.name = "Operator manual"
            item.condition = "damaged"
            item.received = False
        repair = form.save()
        self.assertEqual(repair.contact_phone, "+44 23 9200 1100")
        self.assertEqual(repair.site_partner_id, site)
        self.assertEqual(repair.service_category, "paid")
        self.assertEqual(repair.customer_acceptance_state, "pending")
        self.assertEqual(repair.intake_channel, "walk_in")
        self.assertEqual(repair.service_mode, "on_site")
        self.assertEqual(repair.requested_date, datetime(2026, 12, 1, 9, 0))
        self.assertEqual(
            repair.intake_item_ids.mapped("name"), ["Ignition key", "Operator manual"]
        )
        self.assertEqual(repair.intake_item_ids.mapped("received"), [True, False])
        self.assertEqual(repair.intake_item_ids.mapped("condition"), ["good", "damaged"])
        self.assertFalse(repair.is_repeat_repair)

    def test_free_repair_needs_no_approval(self):
        repair = self._create_repair(service_category="free")
        self.assertEqual(repair.customer_acceptance_state, "not_required")
        repair.service_category = "paid"
        self.assertEqual(repair.customer_acceptance_state, "pending")

    def test_purchase_date_from_delivery(self):
        """Purchase date and sales reference come from the delivery of the serial."""
        lot = self._create_serial("SN-SOLD-1", in_stock=False)
        self.env["stock.quant"]._update_available_quantity(
            self.product_unit, self.stock_location, 1.0, lot_id=lot
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [Command.create({"product_id": self.product_unit.id})],
            }
        )
        order.action_confirm()
        picking = order.picking_ids
        with freeze_time("2026-03-14 10:00:00"):
            picking.move_ids.move_line_ids.unlink()
            picking.move_ids.write(
                {
                    "move_line_ids": [
                        Command.create(
                            {
                                "product_id": self.product_unit.id,
                                "lot_id": lot.id,
                                "quantity": 1.0,
                                "location_id": self.stock_location.id,
                                "location_dest_id": picking.location_dest_id.id,
                            }
                        )
                    ],
                    "picked": True,
                }
            )
            picking.button_validate()
        self.assertEqual(picking.state, "done")
        repair = self._create_repair(lot=lot)
        self.assertEqual(repair.purchase_date, date(2026, 3, 14))
        self.assertEqual(repair.sales_reference, order.name)
        # in the form too; another serial Odoo never delivered clears them for the desk to fill
        self.env.ref("base.group_user").sudo().implied_ids |= self.env.ref(
            "stock.group_production_lot"
        )
        form = Form(self.env["repair.order"].with_user(self.frontdesk))
        form.partner_id = self.customer
        form.product_id = self.product_unit
        form.lot_id = lot
        self.assertEqual(form.purchase_date, date(2026, 3, 14))
        self.assertEqual(form.sales_reference, order.name)
        form.lot_id = self._create_serial("SN-NEVER-SOLD")
        self.assertFalse(form.purchase_date)
        self.assertFalse(form.sales_reference)
        repair.lot_id = self._create_serial("SN-NEVER-SOLD-2")
        self.assertFalse(repair.purchase_date)

    def test_purchase_date_unknown(self):
        """A serial Odoo never delivered leaves the purchase data to the front desk."""
        repair = self._create_repair(purchase_date=date(2024, 5, 2), sales_reference="INV/42")
        self.assertEqual(repair.purchase_date, date(2024, 5, 2))
        self.assertEqual(repair.sales_reference, "INV/42")

    def test_repeat_repair_within_window(self):
        """A serial repaired within 90 days is a repeat repair; the earlier order and its
        declined (open) recommendations are shown."""
        lot = self._create_serial("SN-REPEAT-1")
        with freeze_time("2026-01-10 09:00:00"):
            first = self._create_repair(lot=lot)
            seal = self._add_part(first, self.part_controller, is_safety_relevant=True)
            labour = self._add_labour(first, 1.0)
            seal._aftersales_decline()
            labour._aftersales_decline()
        with freeze_time("2026-04-09 09:00:00"):  # 89 days later
            second = self._create_repair(lot=lot)
        self.assertTrue(second.is_repeat_repair)
        self.assertEqual(second.previous_repair_ids, first)
        self.assertEqual(second.previous_declined_move_ids, seal)
        self.assertEqual(second.previous_declined_labour_ids, labour)
        self.assertFalse(first.is_repeat_repair)
        self.assertIn(second, self.env["repair.order"].search([("is_repeat_repair", "=", True)]))

    def test_repeat_flag_follows_the_earlier_repair(self):
        """Cancelling the earlier repair clears the repeat flag of the later one; restoring it
        sets the flag again."""
        lot = self._create_serial("SN-REPEAT-3")
        with freeze_time("2026-01-10 09:00:00"):
            first = self._create_repair(lot=lot)
        with freeze_time("2026-02-10 09:00:00"):
            second = self._create_repair(lot=lot)
        self.assertTrue(second.is_repeat_repair)
        first.action_repair_cancel()
        self.assertFalse(second.is_repeat_repair)
        self.assertNotIn(
            second, self.env["repair.order"].search([("is_repeat_repair", "=", True)])
        )
        first.action_repair_cancel_draft()
        self.assertTrue(second.is_repeat_repair)
        # the earlier repair was in fact of another serial
        first.lot_id = self._create_serial("SN-REPEAT-4")
        self.assertFalse(second.is_repeat_repair)

    def test_repeat_repair_outside_window(self):
        lot = self._create_serial("SN-REPEAT-2")
        with freeze_time("2026-01-10 09:00:00"):
            self._create_repair(lot=lot)
        with freeze_time("2026-04-11 09:00:00"):  # 91 days later
            second = self._create_repair(lot=lot)
        self.assertFalse(second.is_repeat_repair)
        self.assertFalse(second.previous_repair_ids)

    def test_repeat_repair_window_setting(self):
        """The window is a company setting: 30 days makes a 45-day-old repair not count."""
        self.company.aftersales_repeat_repair_days = 30
        lot = self._create_serial("SN-REPEAT-3")
        with freeze_time("2026-01-10 09:00:00"):
            self._create_repair(lot=lot)
        with freeze_time("2026-02-24 09:00:00"):
            second = self._create_repair(lot=lot)
        self.assertFalse(second.is_repeat_repair)

    def test_cancelled_repair_does_not_count(self):
        lot = self._create_serial("SN-REPEAT-4")
        with freeze_time("2026-01-10 09:00:00"):
            first = self._create_repair(lot=lot)
            first.action_repair_cancel()
        with freeze_time("2026-01-20 09:00:00"):
            second = self._create_repair(lot=lot)
        self.assertFalse(second.is_repeat_repair)

    def test_serial_of_another_product(self):
        """Bad input: a serial of another product is refused and nothing is saved."""
        other_unit = self.env["product.product"].create(
            {"name": "Test Pallet Truck", "is_storable": True, "tracking": "serial"}
        )
        lot = self._create_serial("SN-OTHER-1", product=other_unit)
        count = self.env["repair.order"].search_count([])
        with self.assertRaises(ValidationError) as error:
            self._create_repair(lot=lot)
        self.assertIn("belongs to Test Pallet Truck", str(error.exception))
        self.assertEqual(self.env["repair.order"].search_count([]), count)
