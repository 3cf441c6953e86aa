# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .workshop_common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestInspectionEvidence(WorkshopCommon):
    """Records of final inspections are made only by Pass Inspection and Fail Inspection (users
    read them), and are evidence: nobody changes or deletes them."""

    def test_only_the_buttons_record_inspections(self):
        repair = self._to_inspection(self._create_repair())
        Inspection = self.env["aftersales.repair.inspection"]
        for user in (self.inspector, self.manager):
            self.assertEqual(
                [Inspection.with_user(user).has_access(op) for op in ("read", "create")],
                [True, False],
            )
        # an inspector cannot record a failure over RPC to send the repair back without the
        # chatter note and the technician's task of Fail Inspection
        with self.assertRaises(AccessError):
            Inspection.with_user(self.inspector).create(
                {
                    "repair_id": repair.id,
                    "technician_id": self.technician.id,
                    "result": "fail",
                    "notes": "Oil leak",
                }
            )
        with self.assertRaisesRegex(UserError, "has no failed inspection recorded"):
            repair.with_user(self.inspector).write({"state": "under_repair"})
        # the wizard of Fail Inspection records it, with the note and the task
        wizard = Form(
            self.env["aftersales.repair.inspection.wizard"]
            .with_user(self.inspector)
            .with_context(default_repair_id=repair.id)
        )
        wizard.result = "fail"
        wizard.notes = "Oil leak at the lift cylinder"
        wizard.save().action_confirm()
        self.assertEqual(repair.state, "under_repair")
        failed = repair.inspection_ids
        self.assertEqual(
            (failed.result, failed.inspector_id, failed.technician_id, failed.create_uid),
            ("fail", self.inspector, self.technician, self.inspector),
        )
        self.assertTrue(
            repair.activity_ids.filtered(
                lambda a: a.summary == "Inspection failed" and a.user_id == self.technician
            )
        )
        # Pass Inspection records the next round's
        repair.with_user(self.technician).action_repair_end()
        repair.with_user(self.inspector).action_inspection_pass("Dry after 1 h")
        self.assertEqual(repair.state, "done")
        # the newest first (the model's order; the cache keeps the creation order)
        self.assertEqual(repair.inspection_ids.sorted().mapped("result"), ["pass", "fail"])

    def test_inspections_are_evidence(self):
        repair = self._to_done(self._create_repair())
        inspection = repair.inspection_ids
        self.assertEqual(inspection.result, "pass")
        with self.assertRaises(AccessError):
            inspection.with_user(self.manager).write({"notes": "Not inspected after all"})
        with self.assertRaises(AccessError):
            inspection.with_user(self.manager).unlink()
        with self.assertRaisesRegex(
            UserError, "Records of final inspections are evidence and cannot be deleted"
        ):
            inspection.sudo().unlink()
        self.assertTrue(inspection.exists())
        self.assertEqual(inspection.result, "pass")
