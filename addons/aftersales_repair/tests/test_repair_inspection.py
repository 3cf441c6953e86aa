# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .workshop_common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestRepairInspection(WorkshopCommon):
    """Issue 3 point 4: parts consumed through the repair's moves, final inspection by a quality
    inspector who is not the technician, 'Repaired' only after a passed inspection."""

    def test_end_of_repair_goes_to_inspection(self):
        repair = self._start(self._create_repair())
        move = repair.move_ids
        self.assertEqual(move.quantity, 1.0, "the part is reserved through Odoo's stock move")
        repair.with_user(self.technician).action_repair_end()
        self.assertEqual(repair.state, "inspection")
        self.assertFalse(repair.inspection_passed)
        self.assertNotEqual(move.state, "done", "parts are consumed only when repaired")
        self.assertIn("waiting for the final quality inspection", repair.message_ids[0].body)
        # one old part prepared for the part fitted
        self.assertEqual(len(repair.old_part_ids), 1)
        self.assertEqual(repair.old_part_ids.replaced_by_move_id, move)
        self.assertEqual(repair.old_part_ids.product_id, self.part_battery)

    def test_inspection_pass_repairs(self):
        repair = self._to_inspection(self._create_repair())
        stock_before = self.part_battery.with_context(
            location=self.stock_location.id
        ).qty_available
        repair.with_user(self.inspector).action_inspection_pass("Load test 2 h, no fault.")
        self.assertEqual(repair.state, "done")
        self.assertTrue(repair.inspection_passed)
        inspection = repair.inspection_ids
        self.assertRecordValues(
            inspection,
            [
                {
                    "result": "pass",
                    "inspector_id": self.inspector.id,
                    "technician_id": self.technician.id,
                    "notes": "Load test 2 h, no fault.",
                }
            ],
        )
        self.assertEqual(repair.move_ids.state, "done", "Odoo's done flow consumed the part")
        stock_after = self.part_battery.with_context(location=self.stock_location.id).qty_available
        self.assertEqual(stock_before - stock_after, 1.0)
        bodies = " ".join(repair.message_ids.mapped("body"))
        self.assertIn("Final inspection passed by", bodies)

    def test_inspection_fail_sends_back_with_reason(self):
        repair = self._to_inspection(self._create_repair())
        wizard = Form(
            self.env["aftersales.repair.inspection.wizard"]
            .with_user(self.inspector)
            .with_context(default_repair_id=repair.id, default_result="fail")
        )
        wizard.notes = "Battery cables not torqued to spec."
        wizard.save().action_confirm()
        self.assertEqual(repair.state, "under_repair")
        self.assertRecordValues(
            repair.inspection_ids,
            [{"result": "fail", "notes": "Battery cables not torqued to spec."}],
        )
        self.assertIn("Battery cables not torqued to spec.", repair.message_ids[0].body)
        activity = repair.activity_ids.filtered(lambda a: a.summary == "Inspection failed")
        self.assertEqual(activity.user_id, self.technician)
        # back in inspection, the failed inspection does not count: not done yet
        repair.with_user(self.technician).action_repair_end()
        self.assertEqual(repair.state, "inspection")
        self.assertFalse(repair.inspection_passed)
        with self.assertRaises(UserError):
            repair.action_repair_done()
        repair.with_user(self.inspector).action_inspection_pass()
        self.assertEqual(repair.state, "done")
        self.assertEqual(repair.inspection_ids.mapped("result"), ["pass", "fail"])

    def test_fail_needs_a_reason(self):
        repair = self._to_inspection(self._create_repair())
        with self.assertRaises(UserError):
            repair.with_user(self.inspector).action_inspection_fail("  ")
        self.assertEqual(repair.state, "inspection")
        self.assertFalse(repair.inspection_ids)

    def test_inspecting_own_repair_refused(self):
        repair = self._create_repair(user_id=self.inspector.id)
        self._start(repair)
        repair.with_user(self.inspector).action_repair_end()
        self.assertEqual(repair.state, "inspection")
        with self.assertRaisesRegex(UserError, "cannot inspect it"):
            repair.with_user(self.inspector).action_inspection_pass()
        with self.assertRaisesRegex(UserError, "cannot inspect it"):
            repair.with_user(self.inspector).action_open_inspection_wizard()
        self.assertEqual(repair.state, "inspection")
        self.assertFalse(repair.inspection_ids)

    def test_inspecting_repair_one_worked_on_refused(self):
        repair = self._create_repair(
            labour_ids=[
                Command.create(
                    {
                        "product_id": self.product_labour.id,
                        "hours": 1.0,
                        "technician_id": self.inspector.id,
                    }
                )
            ]
        )
        self._to_inspection(repair)
        with self.assertRaisesRegex(UserError, "cannot inspect it"):
            repair.with_user(self.inspector).action_inspection_fail("Wrong")
        self.assertEqual(repair.state, "inspection")

    def test_only_quality_inspectors_inspect(self):
        repair = self._to_inspection(self._create_repair())
        with self.assertRaises(AccessError):
            repair.with_user(self.technician_2).action_inspection_pass()
        with self.assertRaises(AccessError):
            repair.with_user(self.frontdesk).action_inspection_pass()
        self.assertEqual(repair.state, "inspection")
        # the manager is an inspector too
        repair.with_user(self.manager).action_inspection_pass()
        self.assertEqual(repair.state, "done")

    def test_repaired_only_after_passed_inspection(self):
        repair = self._start(self._create_repair())
        with self.assertRaisesRegex(UserError, "has not passed its final inspection"):
            repair.action_repair_done()
        self.assertEqual(repair.state, "under_repair")
        repair.with_user(self.technician).action_repair_end()
        with self.assertRaisesRegex(UserError, "has not passed its final inspection"):
            repair.action_repair_done()
        self.assertEqual(repair.state, "inspection")
        repair.with_user(self.inspector).action_inspection_pass()
        self.assertEqual(repair.state, "done")
        with self.assertRaisesRegex(UserError, "not waiting for inspection"):
            repair.with_user(self.inspector).action_inspection_pass()

    def test_closing_with_parts_not_consumed_refused(self):
        # 25 controllers asked, 10 in stock: only 10 can be reserved
        repair = self._start(self._create_repair(parts=[(self.part_controller, 25.0)]))
        self.assertEqual(repair.move_ids.quantity, 10.0)
        with self.assertRaisesRegex(UserError, r"not consumed in full: .*10/25"):
            repair.with_user(self.technician).action_repair_end()
        self.assertEqual(repair.state, "under_repair")
        self.assertFalse(repair.old_part_ids)
        self.assertNotEqual(repair.move_ids.state, "done")
        # what was used is recorded: the demand lowered to the quantity fitted
        repair.move_ids.product_uom_qty = 10.0
        repair.with_user(self.technician).action_repair_end()
        self.assertEqual(repair.state, "inspection")

    def test_closing_with_parts_not_picked_refused(self):
        # the battery is marked as used, the controller is not: Odoo would cancel it
        repair = self._start(
            self._create_repair(parts=[(self.part_battery, 1.0), (self.part_controller, 1.0)])
        )
        battery = repair.move_ids.filtered(lambda m: m.product_id == self.part_battery)
        battery.picked = True
        with self.assertRaisesRegex(UserError, "Test Controller MC-400"):
            repair.with_user(self.technician).action_repair_end()
        self.assertEqual(repair.state, "under_repair")
        repair.move_ids.picked = True
        repair.with_user(self.technician).action_repair_end()
        repair.with_user(self.inspector).action_inspection_pass()
        self.assertEqual(repair.move_ids.mapped("state"), ["done", "done"])

    def test_inspection_records_cannot_be_faked(self):
        repair = self._to_inspection(self._create_repair())
        for user in (self.technician, self.inspector, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["aftersales.repair.inspection"].with_user(user).create(
                    {"repair_id": repair.id, "result": "pass"}
                )
        with self.assertRaises(ValidationError):
            # even the mechanism cannot record the technician inspecting their own repair
            self.env["aftersales.repair.inspection"].create(
                {
                    "repair_id": repair.id,
                    "result": "pass",
                    "inspector_id": self.technician.id,
                    "technician_id": self.technician.id,
                }
            )
        self.assertFalse(repair.inspection_passed)
