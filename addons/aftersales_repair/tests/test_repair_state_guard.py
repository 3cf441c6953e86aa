# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .workshop_common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestRepairStateGuard(WorkshopCommon):
    """The state of a repair changes only as its buttons change it, whatever path writes it
    (RPC, an import): what entering a state needs is checked, changes no button makes are
    refused."""

    def _write_state(self, repair, state, user=None):
        repair.with_user(user or self.frontdesk).write({"state": state})

    def test_confirm_directly_leaves_parts_unreserved(self):
        repair = self._create_repair(category="paid")
        with self.assertRaisesRegex(UserError, "cannot be set to Confirmed directly"):
            self._write_state(repair, "confirmed")
        self.assertEqual((repair.state, repair.move_ids.state), ("draft", "draft"))
        repair.with_user(self.frontdesk).action_validate()
        self.assertEqual(repair.state, "confirmed")
        self.assertNotEqual(repair.move_ids.state, "draft")

    def test_start_directly_needs_the_acceptance(self):
        repair = self._create_repair(category="paid")
        repair.with_user(self.frontdesk).action_validate()
        for user in (self.frontdesk, self.technician):
            with self.assertRaisesRegex(UserError, "has not accepted its estimate"):
                self._write_state(repair, "under_repair", user)
        self.assertEqual(repair.state, "confirmed")
        # the button says the same, once
        with self.assertRaisesRegex(UserError, "has not accepted its estimate"):
            repair.with_user(self.technician).action_repair_start()
        repair.write({"customer_acceptance_state": "accepted"})
        repair.with_user(self.technician).action_repair_start()
        self.assertEqual(repair.state, "under_repair")

    def test_done_directly_needs_the_passed_inspection(self):
        repair = self._start(self._create_repair())
        with self.assertRaisesRegex(UserError, "has not passed its final inspection"):
            self._write_state(repair, "done")
        self.assertEqual(repair.state, "under_repair")
        repair.with_user(self.technician).action_repair_end()
        with self.assertRaisesRegex(UserError, "has not passed its final inspection"):
            self._write_state(repair, "done", self.technician)
        # sudo() does not skip it either
        with self.assertRaisesRegex(UserError, "has not passed its final inspection"):
            repair.sudo().write({"state": "done"})
        self.assertEqual(repair.state, "inspection")
        self.assertNotEqual(repair.move_ids.state, "done")
        repair.with_user(self.inspector).action_inspection_pass()
        self.assertEqual((repair.state, repair.move_ids.state), ("done", "done"))

    def test_end_directly_needs_the_parts_consumed(self):
        repair = self._start(self._create_repair(parts=[(self.part_battery, 2.0)]))
        repair.move_ids.quantity = 1.0
        with self.assertRaisesRegex(UserError, "not consumed in full"):
            self._write_state(repair, "inspection", self.technician)
        self.assertEqual(repair.state, "under_repair")

    def test_fail_directly_needs_the_failed_inspection(self):
        """Back to repair from the inspection only with Fail Inspection: written directly, the
        state change is refused to the technician, the front desk and the inspector alike."""
        repair = self._to_inspection(self._create_repair())
        for user in (self.technician, self.frontdesk, self.inspector):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(
                    UserError, "has no failed inspection recorded: .* with Fail Inspection"
                ),
            ):
                self._write_state(repair, "under_repair", user)
        self.assertEqual(repair.state, "inspection")
        self.assertFalse(repair.inspection_ids)
        self.assertFalse(repair.inspection_recorded)
        # the mark of the recorded inspection is the mechanism's
        with self.assertRaisesRegex(UserError, "cannot be written"):
            repair.with_user(self.inspector).write({"inspection_recorded": True})
        self.assertFalse(repair.inspection_recorded)

    def test_fail_directly_needs_an_inspector(self):
        """A failed inspection on record does not let a technician send the repair back."""
        repair = self._to_inspection(self._create_repair())
        # as Fail Inspection records it (users cannot create inspections)
        self.env["aftersales.repair.inspection"].sudo().create(
            {
                "repair_id": repair.id,
                "technician_id": repair.user_id.id,
                "result": "fail",
                "notes": "Oil leak",
            }
        )
        self.assertTrue(repair.inspection_recorded)
        with self.assertRaisesRegex(AccessError, "Only a quality inspector"):
            self._write_state(repair, "under_repair", self.technician)
        self.assertEqual(repair.state, "inspection")

    def test_fail_inspection_button_records_the_failure(self):
        repair = self._to_inspection(self._create_repair())
        repair.with_user(self.inspector).action_inspection_fail("Brake pedal travel too long")
        self.assertEqual(repair.state, "under_repair")
        failed = repair.inspection_ids
        self.assertEqual(
            (failed.result, failed.notes, failed.inspector_id, failed.technician_id),
            ("fail", "Brake pedal travel too long", self.inspector, self.technician),
        )
        self.assertIn(
            "Brake pedal travel too long",
            repair.message_ids.filtered(lambda m: "Final inspection failed" in m.body).body,
        )
        todo = repair.activity_ids.filtered(lambda a: a.summary == "Inspection failed")
        self.assertEqual(todo.user_id, self.technician)
        self.assertIn("Brake pedal travel too long", todo.note)
        # the next round: the failure of the last one does not count for this one
        repair.with_user(self.technician).action_repair_end()
        self.assertEqual(repair.state, "inspection")
        self.assertFalse(repair.inspection_recorded)
        with self.assertRaisesRegex(UserError, "has no failed inspection recorded"):
            self._write_state(repair, "under_repair", self.inspector)
        repair.with_user(self.inspector).action_inspection_fail("Brake light stays on")
        self.assertEqual(repair.state, "under_repair")
        self.assertEqual(repair.inspection_ids.mapped("result"), ["fail", "fail"])
        self.assertEqual(repair.inspection_ids[0].notes, "Brake light stays on")

    def test_changes_no_button_makes_are_refused(self):
        draft = self._create_repair(parts=[])
        with self.assertRaisesRegex(UserError, "has not passed its final inspection"):
            self._write_state(draft, "done")
        with self.assertRaisesRegex(UserError, "cannot go from New to Under Repair"):
            self._write_state(draft, "under_repair")
        with self.assertRaisesRegex(UserError, "start the repair before ending it"):
            self._write_state(draft, "inspection")
        draft.with_user(self.frontdesk).action_repair_cancel()
        with self.assertRaisesRegex(UserError, "cannot go from Cancelled to Confirmed"):
            self._write_state(draft, "confirmed")
        with self.assertRaisesRegex(UserError, "has not passed its final inspection"):
            self._write_state(draft, "done")
        self.assertEqual(draft.state, "cancel")
        done = self._to_done(self._create_repair())
        for state, message in (
            ("cancel", "cannot go from Repaired to Cancelled"),
            ("draft", "Only a cancelled repair goes back to draft"),
            ("under_repair", "cannot go from Repaired to Under Repair"),
        ):
            with self.assertRaisesRegex(UserError, message):
                self._write_state(done, state, self.manager)
        # Odoo's Start Repair on a repaired order would have written it
        with self.assertRaisesRegex(UserError, "cannot go from Repaired to Under Repair"):
            done.with_user(self.technician).action_repair_start()
        self.assertEqual(done.state, "done")

    def test_created_as_draft(self):
        with self.assertRaisesRegex(UserError, "A repair is created as a draft"):
            self.env["repair.order"].with_user(self.frontdesk).create(
                {
                    "partner_id": self.customer.id,
                    "product_id": self.product_unit.id,
                    "state": "done",
                }
            )

    def test_buttons_still_change_the_state(self):
        repair = self._create_repair(category="paid", hours=1.0)
        repair.write({"customer_acceptance_state": "accepted"})
        repair.with_user(self.frontdesk).action_validate()
        repair.with_user(self.technician).action_repair_start()
        repair.with_user(self.technician).action_repair_end()
        repair.with_user(self.inspector).action_inspection_fail("Loose connector")
        self.assertEqual(repair.state, "under_repair")
        repair.with_user(self.technician).action_repair_end()
        repair.with_user(self.inspector).action_inspection_pass()
        self.assertEqual(repair.state, "done")
        other = self._create_repair()
        other.with_user(self.frontdesk).action_validate()
        other.with_user(self.frontdesk).action_repair_cancel()
        self.assertEqual((other.state, other.move_ids.state), ("cancel", "cancel"))
        other.with_user(self.frontdesk).action_repair_cancel_draft()
        other.with_user(self.frontdesk).action_validate()
        self.assertEqual(other.state, "confirmed")

    def test_hooks_run_however_the_state_is_entered(self):
        """What follows a change of state (here: the cancelled repair's open service-level
        targets dropped) runs for a direct write as for the button."""
        repair = self._create_repair(parts=[])
        deadlines = self.env["aftersales.sla.deadline"].search(
            [("res_model", "=", "repair.order"), ("res_id", "=", repair.id)]
        )
        self.assertTrue(deadlines)
        self._write_state(repair, "cancel")
        self.assertEqual(repair.state, "cancel")
        self.assertFalse(deadlines.exists())

    def test_superuser_data_fix_outside_the_buttons(self):
        """The superuser (a migration, the system) may set a state no button sets; the
        changes the buttons make are checked for it too (see test above)."""
        repair = self._create_repair(parts=[])
        repair.sudo().write({"state": "done"})
        self.assertEqual(repair.state, "done")
        # the removal of the Inspection state on uninstall sends the repairs back to repair
        repair = self._to_inspection(self._create_repair())
        repair.sudo().write({"state": "under_repair"})
        self.assertEqual(repair.state, "under_repair")
