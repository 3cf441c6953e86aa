# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .trust_common import TrustCommon


@tagged("post_install", "-at_install")
class TestTrustWalls(TrustCommon):
    """Issue 14 point 2: ownership of a technician's work, company walls, portal fields."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._create_repair(user_id=cls.technician.id, parts=[])
        cls.theirs = cls._create_repair(user_id=cls.technician_2.id, parts=[])

    def _labour(self, repair, user=None):
        Labour = self.env["aftersales.repair.labour"]
        if user:
            Labour = Labour.with_user(user)
        return Labour.create(
            {"repair_id": repair.id, "product_id": self.product_labour.id, "hours": 1.0}
        )

    def test_technician_cannot_touch_labour_of_another_repair(self):
        """A technician deleted labour on another technician's repair."""
        theirs = self._labour(self.theirs)
        labour = theirs.with_user(self.technician)
        with self.assertRaises(AccessError):
            labour.unlink()
        with self.assertRaises(AccessError):
            labour.write({"hours": 9.0})
        with self.assertRaises(AccessError):
            labour.read(["hours"])
        with self.assertRaises(AccessError):
            self._labour(self.theirs, user=self.technician)
        self.assertEqual(theirs.hours, 1.0)
        # their own repair: read, write, create and unlink
        own = self._labour(self.mine, user=self.technician)
        own.hours = 2.0
        own.unlink()
        # the front desk and the inspector see every repair's labour
        self.assertEqual(theirs.with_user(self.frontdesk).hours, 1.0)
        self.assertEqual(theirs.with_user(self.inspector).hours, 1.0)
        with self.assertRaises(AccessError):
            theirs.with_user(self.inspector).write({"hours": 3.0})

    def test_technician_cannot_edit_another_technicians_trip(self):
        """A technician edited another technician's trip (dispatch)."""
        trip = self.env["aftersales.dispatch"].create(
            {
                "repair_id": self.theirs.id,
                "technician_ids": [Command.set(self.technician_2.ids)],
                "planned_start": "2026-03-02 09:00:00",
                "planned_end": "2026-03-02 11:00:00",
            }
        )
        with self.assertRaises(AccessError):
            trip.with_user(self.technician).write({"expense_amount": 50.0})
        with self.assertRaises(AccessError):
            trip.with_user(self.technician).read(["planned_start"])
        trip.with_user(self.technician_2).write({"expense_amount": 50.0})
        self.assertEqual(trip.expense_amount, 50.0)

    def test_technician_cannot_edit_another_technicians_part_request(self):
        """A technician edited another technician's part request."""
        request = self._request(user=self.technician_2, technician_id=self.technician_2.id)
        with self.assertRaises(AccessError):
            request.with_user(self.technician).write({"note": "mine now"})
        with self.assertRaises(AccessError):
            request.line_ids.with_user(self.technician).write({"quantity": 5.0})
        own = self._request(user=self.technician)
        own.with_user(self.technician).line_ids.quantity = 2.0
        # approvers and the warehouse see every request
        self.assertTrue(request.with_user(self.head).name)
        self.assertTrue(request.with_user(self.clerk).name)

    def test_technician_logs_time_only_on_assigned_repairs(self):
        WorkLog = self.env["aftersales.work.log"].with_user(self.technician)
        fields_ = self.env["aftersales.work.log"]._fields
        vals = {"technician_id": self.technician.id}
        if "date" in fields_:
            vals["date"] = "2026-03-02"
        if "hours" in fields_:
            vals["hours"] = 1.0
        with self.assertRaises(AccessError):
            WorkLog.create(dict(vals, repair_id=self.theirs.id))
        WorkLog.create(dict(vals, repair_id=self.mine.id))

    def test_company_b_manager_gets_no_invoice_of_company_a(self):
        """A company-B manager got the ids of company A's invoices via the invoice button."""
        repair = self._create_repair()
        invoice = self._invoice(repair)
        self.assertIn(invoice, repair.aftersales_invoice_ids)
        action = repair.with_user(self.manager_b).action_view_aftersales_invoices()
        self.assertFalse(action.get("res_id"))
        self.assertEqual(action.get("domain"), [("id", "in", [])])
        payments = repair.with_user(self.manager_b).action_view_aftersales_payments()
        self.assertEqual(payments.get("domain"), [("id", "in", [])])
        # the accountant of company A still opens it
        action = repair.with_user(self.accountant).action_view_aftersales_invoices()
        self.assertEqual(action["res_id"], invoice.id)

    def test_complaint_serial_of_another_company_refused(self):
        lot_b = (
            self.env["stock.lot"]
            .with_company(self.company_b)
            .create(
                {
                    "name": "B-SERIAL-1",
                    "product_id": self.product_unit.id,
                    "company_id": self.company_b.id,
                }
            )
        )
        with self.assertRaises(UserError):
            self._complaint(lot_id=lot_b.id)

    def test_portal_reads_only_the_portal_page_fields(self):
        """A portal customer read the repair's internal notes over RPC."""
        repair = self._create_repair(partner_id=self.customer.id)
        repair.internal_notes = "<p>Customer is difficult</p>"
        as_portal = repair.with_user(self.portal_user)
        for field in ("internal_notes", "user_id", "approval_requested_by_id", "note"):
            if field not in repair._fields:
                continue
            with self.assertRaises(AccessError, msg=field):
                as_portal.read([field])
        values = as_portal.read(["name", "state", "fault_description"])[0]
        self.assertEqual(values["name"], repair.name)
        everything = as_portal.read()[0]
        self.assertNotIn("internal_notes", everything)
        self.assertIn("fault_description", everything)
        self.assertLessEqual(len(everything), 20)
        # staff still read them
        self.assertTrue(repair.with_user(self.frontdesk).internal_notes)
