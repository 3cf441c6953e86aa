# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .repair_common import RepairDeskCommon


@tagged("post_install", "-at_install")
class TestRepairAccess(RepairDeskCommon):
    """Technicians see and work their repairs, front desk creates and quotes, managers
    override; portal customers see only their own repairs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_customer = cls.env["res.partner"].create({"name": "Other Customer Test"})
        cls.contact = cls.env["res.partner"].create(
            {"name": "Megan Test", "parent_id": cls.customer.id, "email": "megan@example.com"}
        )
        cls.portal_user = new_test_user(
            cls.env, login="as_portal", groups="base.group_portal", partner_id=cls.contact.id
        )
        cls.mine = cls._create_repair()  # responsible: technician
        cls.assigned = cls._create_repair(user_id=cls.technician_2.id)
        cls._add_labour(cls.assigned, 1.0, technician_id=cls.technician.id)
        cls.others = cls._create_repair(
            user_id=cls.technician_2.id, partner_id=cls.other_customer.id
        )
        cls.all_repairs = cls.mine | cls.assigned | cls.others

    def _visible(self, user):
        return (
            self.env["repair.order"].with_user(user).search([("id", "in", self.all_repairs.ids)])
        )

    def test_technician_sees_own_and_assigned(self):
        self.assertEqual(self._visible(self.technician), self.mine | self.assigned)
        self.assertEqual(self._visible(self.technician_2), self.assigned | self.others)
        with self.assertRaises(AccessError):
            self.others.with_user(self.technician).read(["name"])

    def test_technician_works_own_repair(self):
        """A technician diagnoses and logs labour on their repair, not on others'."""
        repair = self.mine.with_user(self.technician)
        repair.write({"fault_code_id": self.fault_battery.id, "failure_cause": "quality"})
        self._add_labour(repair, 1.5, technician_id=self.technician.id)
        self.assertEqual(repair.estimate_labour_amount, 97.5)
        with self.assertRaises(AccessError):
            self.others.with_user(self.technician).write({"failure_cause": "wear"})

    def test_technician_adds_parts_to_own_repair_only(self):
        """Part lines (stock moves) follow the repair's access, as labour does."""
        Move = self.env["stock.move"].with_user(self.technician)
        values = {
            "repair_line_type": "add",
            "product_id": self.part_battery.id,
            "product_uom_qty": 1.0,
        }
        line = Move.create(dict(values, repair_id=self.mine.id))
        self.assertEqual(line.repair_id, self.mine)
        line.product_uom_qty = 2.0
        with self.assertRaises(AccessError):
            Move.create(dict(values, repair_id=self.others.id))
        theirs = self._add_part(self.others, self.part_battery)
        with self.assertRaises(AccessError):
            theirs.with_user(self.technician).write({"product_uom_qty": 5.0})
        self.assertEqual(theirs.product_uom_qty, 1.0)

    def test_front_desk_and_manager_see_all(self):
        self.assertEqual(self._visible(self.frontdesk), self.all_repairs)
        self.assertEqual(self._visible(self.manager), self.all_repairs)

    def test_front_desk_creates_and_quotes(self):
        repair = self._create_repair(user=self.frontdesk)
        self.assertEqual(repair.create_uid, self.frontdesk)
        action = repair.with_user(self.frontdesk).action_send_quotation()
        self.assertEqual(action["res_model"], "mail.compose.message")

    def test_manager_overrides_configuration(self):
        """Only managers maintain the fault code catalogue."""
        with self.assertRaises(AccessError):
            self.env["aftersales.fault.code"].with_user(self.frontdesk).create(
                {"code": "X", "name": "X"}
            )
        code = (
            self.env["aftersales.fault.code"]
            .with_user(self.manager)
            .create({"code": "X", "name": "X"})
        )
        self.assertTrue(code)

    def test_portal_sees_own_repairs_only(self):
        visible = self._visible(self.portal_user)
        self.assertEqual(visible, self.mine | self.assigned)
        with self.assertRaises(AccessError):
            self.others.with_user(self.portal_user).read(["name"])
        with self.assertRaises(AccessError):
            self.mine.with_user(self.portal_user).write({"failure_cause": "wear"})
