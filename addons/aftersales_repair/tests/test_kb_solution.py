# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged, users

from .service_common import ServiceLevelCommon


@tagged("post_install", "-at_install")
class TestKnowledgeBase(ServiceLevelCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fault = cls.env["aftersales.fault.code"].create(
            {"name": "Controller E-32", "code": "T-E32"}
        )
        cls.other_fault = cls.env["aftersales.fault.code"].create(
            {"name": "Hydraulic leak", "code": "T-HYD"}
        )
        Solution = cls.env["aftersales.kb.solution"]
        cls.exact = Solution.create(
            {
                "name": "E-32 on pallet trucks: reseat the controller plug",
                "product_id": cls.product_simple.id,
                "fault_code_id": cls.fault.id,
                "symptoms": "Truck stops after ten minutes",
                "fix": "<p>Reseat and grease the controller connector.</p>",
                "state": "published",
            }
        )
        cls.by_fault = Solution.create(
            {
                "name": "E-32: check the motor temperature sensor",
                "fault_code_id": cls.fault.id,
                "fix": "<p>Replace the thermistor.</p>",
                "state": "published",
            }
        )
        cls.by_category = Solution.create(
            {
                "name": "Forklift stops: battery connector",
                "product_categ_id": cls.categ_unit.id,
                "fix": "<p>Clean the battery connector.</p>",
                "state": "published",
            }
        )
        cls.draft = Solution.create(
            {"name": "E-32 draft idea", "fault_code_id": cls.fault.id, "state": "draft"}
        )
        cls.unrelated = Solution.create(
            {
                "name": "Hydraulic seal",
                "fault_code_id": cls.other_fault.id,
                "state": "published",
            }
        )

    @users("as_technician")
    def test_suggestion_at_diagnosis(self):
        repair = self._repair().with_user(self.env.user)
        self.assertEqual(repair.kb_solution_ids, self.by_category)
        with Form(repair) as form:
            form.fault_code_id = self.fault
            self.assertEqual(form.kb_solution_count, 3)
        self.assertEqual(
            repair.kb_solution_ids.ids, [self.exact.id, self.by_fault.id, self.by_category.id]
        )
        action = repair.action_view_kb_solutions()
        self.assertEqual(
            self.env["aftersales.kb.solution"].search(action["domain"]),
            self.exact | self.by_fault | self.by_category,
        )

    def test_full_text_search(self):
        Solution = self.env["aftersales.kb.solution"]
        self.assertEqual(Solution.search([("search_text", "ilike", "thermistor")]), self.by_fault)
        self.assertEqual(Solution.search([("search_text", "ilike", "controller ten")]), self.exact)
        self.assertEqual(Solution.search([("search_text", "ilike", "T-HYD")]), self.unrelated)

    def test_drafts_reviewed_before_visible(self):
        Solution = self.env["aftersales.kb.solution"]
        visible = Solution.with_user(self.technician_2).search([])
        self.assertNotIn(self.draft, visible)
        self.assertIn(self.exact, visible)
        own = Solution.with_user(self.technician).create(
            {"name": "My fix", "fault_code_id": self.fault.id}
        )
        self.assertEqual(own.state, "draft")
        self.assertIn(own, Solution.with_user(self.technician).search([]))
        self.assertNotIn(own, Solution.with_user(self.technician_2).search([]))
        with self.assertRaises(AccessError):
            own.with_user(self.technician).action_publish()
        own.with_user(self.manager).action_publish()
        self.assertEqual(own.reviewed_by_id, self.manager)
        self.assertIn(own, Solution.with_user(self.technician_2).search([]))

    def test_closing_repair_offers_fix(self):
        repair = self._repair(fault_code_id=self.fault.id, fault_description="Stops after 10 min")
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        repair.with_user(self.inspector).action_inspection_pass()
        repair.failure_report_ids.corrective_action = "Replaced the controller"
        action = repair.with_user(self.technician).action_share_fix()
        solution = self.env["aftersales.kb.solution"].browse(action["res_id"])
        self.assertEqual(solution.state, "draft")
        self.assertEqual(solution.source_repair_id, repair)
        self.assertEqual(solution.fault_code_id, self.fault)
        self.assertEqual(solution.symptoms, "Stops after 10 min")
        self.assertIn("Replaced the controller", solution.fix)
