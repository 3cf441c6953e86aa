# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .workshop_common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestRepairOldPart(WorkshopCommon):
    """Issue 3 point 5: each replaced part yields an old part with its disposition."""

    def test_old_part_per_part_fitted(self):
        repair = self._to_inspection(
            self._create_repair(parts=[(self.part_battery, 1.0), (self.part_controller, 2.0)])
        )
        self.assertRecordValues(
            repair.old_part_ids.sorted(lambda p: p.product_id.name),
            [
                {"product_id": self.part_battery.id, "quantity": 1.0, "state": "pending"},
                {"product_id": self.part_controller.id, "quantity": 2.0, "state": "pending"},
            ],
        )
        # generating again adds nothing for parts that already have their old part
        repair.action_generate_old_parts()
        self.assertEqual(repair.old_part_count, 2)

    def test_scrap_creates_done_odoo_scrap(self):
        repair = self._to_done(self._create_repair())
        old = repair.old_part_ids
        old.write({"disposition": "scrap", "serial_number": "OLD-BAT-001"})
        old.with_user(self.technician).action_process()
        self.assertEqual(old.state, "done")
        scrap = old.scrap_id
        self.assertEqual(scrap.state, "done")
        self.assertEqual(scrap.product_id, self.part_battery)
        self.assertEqual(scrap.scrap_qty, 1.0)
        self.assertEqual(scrap.origin, repair.name)
        self.assertEqual(scrap.move_ids.state, "done")
        self.assertTrue(scrap.move_ids.location_dest_id.scrap_location)
        self.assertIn("scrap", repair.message_ids[0].body)

    def test_processed_old_part_is_locked(self):
        repair = self._to_done(self._create_repair())
        old = repair.old_part_ids
        old.write({"disposition": "warranty_return"})
        old.action_process()
        self.assertFalse(old.scrap_id)
        with self.assertRaises(UserError):
            old.disposition = "scrap"
        with self.assertRaises(UserError):
            old.unlink()

    def test_process_needs_disposition_and_supplier(self):
        repair = self._to_done(self._create_repair())
        old = repair.old_part_ids
        with self.assertRaisesRegex(UserError, "Choose with the customer"):
            old.action_process()
        old.disposition = "supplier_return"
        with self.assertRaisesRegex(UserError, "supplier"):
            old.action_process()
        old.supplier_id = self.env["res.partner"].create({"name": "Battery Maker Test"})
        old.action_process()
        self.assertEqual(old.state, "done")

    def test_replacing_move_of_another_repair_refused(self):
        repair = self._create_repair()
        other = self._create_repair()
        with self.assertRaises(UserError):
            self.env["aftersales.repair.old.part"].create(
                {
                    "repair_id": repair.id,
                    "product_id": self.part_battery.id,
                    "replaced_by_move_id": other.move_ids.id,
                }
            )

    def test_old_part_return_form(self):
        repair = self._to_done(self._create_repair())
        old = repair.old_part_ids
        old.write({"disposition": "return_customer", "serial_number": "OLD-BAT-FORM"})
        old.with_user(self.technician).action_process()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.technician)
            ._render_qweb_html("aftersales_repair.action_report_old_part_return", repair.ids)[0]
            .decode()
        )
        self.assertIn("Old-Part Return Form", html)
        self.assertIn(repair.name, html)
        self.assertIn("OLD-BAT-FORM", html)
        self.assertIn("Return to Customer", html)
        self.assertIn(old.picking_id.name, html)
