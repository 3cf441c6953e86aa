# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged

from .workshop_common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestRepairCapabilities(WorkshopCommon):
    """Issue 15 point 4: the buttons of the repair form show on the same capability fields
    (can_...) that the actions check, and Odoo's 'End Repair' reaches the final inspection
    through a hook, not a context flag."""

    def test_form_buttons_show_on_the_capabilities(self):
        arch = self.env["repair.order"].get_views([(False, "form")])["views"]["form"]["arch"]
        buttons = etree.fromstring(arch).xpath("//header/button")
        invisible = {}
        for button in buttons:
            invisible.setdefault(button.get("name"), []).append(button.get("invisible") or "")
        expected = {
            "action_send_quotation": "not can_send_quotation",
            "action_record_customer_acceptance": "not can_record_customer_acceptance",
            "action_open_inspection_wizard": "not can_inspect",
            "action_handover": "not can_handover",
            "action_print_settlement": "not can_print_settlement",
            "action_open_loan_override_wizard": "not can_override_loan",
            "action_log_first_contact": "not can_log_first_contact",
            "action_factory_shipped": "not can_ship_to_factory",
            "action_factory_received": "not can_receive_from_factory",
            "action_customer_notified": "not can_notify_customer",
            "action_share_fix": "not can_share_fix",
        }
        for name, capability in expected.items():
            self.assertIn(name, invisible)
            # a button the form always hides (moved to the Actions menu) shows on nothing
            shown = [expr for expr in invisible[name] if expr.strip() not in ("True", "1")]
            for expression in shown:
                self.assertTrue(expression.startswith(capability), (name, expression))
        self.assertIn("not can_end", invisible["action_repair_end"])

    def test_end_and_inspection_follow_the_capabilities(self):
        repair = self._create_repair()
        self.assertFalse(repair.can_end)
        with self.assertRaisesRegex(UserError, "start the repair before ending it"):
            repair.action_repair_end()
        self._start(repair)
        self.assertEqual((repair.can_end, repair.can_inspect), (True, False))
        # no context flag turns Odoo's done step into the inspection any more
        with self.assertRaisesRegex(UserError, "has not passed its final inspection"):
            repair.with_context(aftersales_to_inspection=True).action_repair_done()
        self.assertEqual(repair.state, "under_repair")
        repair.with_user(self.technician).action_repair_end()
        self.assertEqual(repair.state, "inspection")
        self.assertEqual((repair.can_end, repair.can_inspect), (False, True))
        self.assertTrue(repair.old_part_ids, "the end hook prepares the old parts")
        repair.with_user(self.inspector).action_inspection_pass()
        self.assertEqual(repair.state, "done")
        self.assertFalse(repair.can_inspect)
        with self.assertRaisesRegex(UserError, "not waiting for inspection"):
            repair.with_user(self.inspector).action_inspection_pass()

    def test_handover_and_settlement_follow_the_capabilities(self):
        repair = self._to_inspection(self._create_repair())
        self.assertEqual((repair.can_handover, repair.can_print_settlement), (False, False))
        with self.assertRaisesRegex(UserError, "not repaired yet"):
            repair.action_print_settlement()
        with self.assertRaisesRegex(UserError, "must be repaired"):
            repair.action_handover()
        repair.with_user(self.inspector).action_inspection_pass()
        self.assertRecordValues(
            repair,
            [{"can_handover": True, "can_print_settlement": True, "can_override_loan": False}],
        )
        with self.assertRaisesRegex(UserError, "has no loan unit out"):
            repair.with_user(self.manager).action_loan_override("No reason to")
        self._tick_checklist(repair)
        repair.action_handover()
        self.assertFalse(repair.can_handover)
        with self.assertRaisesRegex(UserError, "already handed over"):
            repair.action_handover()

    def test_service_steps_follow_the_capabilities(self):
        repair = self._create_repair(service_mode="factory_return")
        self.assertEqual((repair.can_log_first_contact, repair.can_ship_to_factory), (True, False))
        with self.assertRaisesRegex(UserError, "cannot be marked shipped to the factory"):
            repair.action_factory_shipped()
        repair.action_log_first_contact()
        self.assertFalse(repair.can_log_first_contact)
        with self.assertRaisesRegex(UserError, "logged already"):
            repair.action_log_first_contact()
        with self.assertRaisesRegex(UserError, "mark it shipped to the factory first"):
            repair.action_factory_received()
        repair.action_validate()
        self.assertTrue(repair.can_ship_to_factory)
        repair.action_factory_shipped()
        self.assertEqual(
            (repair.can_ship_to_factory, repair.can_receive_from_factory), (False, True)
        )
        with self.assertRaisesRegex(UserError, "mark the unit back from the factory first"):
            repair.action_customer_notified()
        repair.action_factory_received()
        self.assertTrue(repair.can_notify_customer)
        repair.action_customer_notified()
        self.assertFalse(repair.can_notify_customer)
        self.assertFalse(repair.can_share_fix)
        with self.assertRaisesRegex(UserError, "share its fix once"):
            repair.action_share_fix()

    def test_customer_decision_follows_the_capability(self):
        free = self._create_repair()
        self.assertEqual(free.customer_acceptance_state, "not_required")
        self.assertFalse(free.can_record_customer_acceptance)
        with self.assertRaisesRegex(UserError, "not waiting for the customer's decision"):
            free.with_user(self.frontdesk).action_record_customer_acceptance()
        paid = self._create_repair(category="paid")
        self.assertEqual(paid.customer_acceptance_state, "pending")
        self.assertTrue(paid.can_record_customer_acceptance)
        action = paid.with_user(self.frontdesk).action_record_customer_acceptance()
        self.assertEqual(action["res_model"], "aftersales.repair.acceptance.wizard")
