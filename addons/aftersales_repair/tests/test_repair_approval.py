# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .repair_common import RepairDeskCommon


@tagged("post_install", "-at_install")
class TestRepairApproval(RepairDeskCommon):
    """Issue 3 point 3: the customer accepts the estimate before a paid repair starts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.frontdesk_2 = new_test_user(
            cls.env, login="as_frontdesk2", groups="aftersales_repair.aftersales_group_user"
        )
        cls.repair = cls._create_repair(user=cls.frontdesk)
        cls.part = cls._add_part(cls.repair, cls.part_controller)
        cls.labour = cls._add_labour(cls.repair, 0.5)
        cls.repair.action_validate()

    def _approve_price(self):
        """The service price approval (readme/CONFIGURE.md, "Service price approval thresholds"):
        below 1,000 the After-Sales Manager."""
        if self.repair.approval_state == "to_request":
            self.repair.with_user(self.frontdesk).action_request_approval()
            self.repair.with_user(self.manager).action_approve()
        self.assertIn(self.repair.approval_state, ("approved", "not_needed"))

    def _send_quotation(self, user):
        self._approve_price()
        action = self.repair.with_user(user).action_send_quotation()
        composer = Form(
            self.env["mail.compose.message"].with_user(user).with_context(**action["context"])
        )
        composer.save().action_send_mail()

    def _record_approval(self, user, **vals):
        action = self.repair.with_user(user).action_record_customer_acceptance()
        wizard = Form(
            self.env[action["res_model"]].with_user(user).with_context(**action["context"])
        )
        wizard.accepted_by = vals.pop("accepted_by", "Megan Doyle")
        wizard.method = vals.pop("method", "phone")
        for name, value in vals.items():
            setattr(wizard, name, value)
        return wizard.save().action_confirm()

    def test_paid_repair_cannot_start_before_approval(self):
        """Bad input: starting an unapproved paid repair."""
        self.assertEqual(self.repair.customer_acceptance_state, "pending")
        with self.assertRaisesRegex(UserError, "has not accepted its estimate"):
            self.repair.with_user(self.technician).action_repair_start()
        self.assertEqual(self.repair.state, "confirmed")

    def test_free_repair_starts_without_approval(self):
        repair = self._create_repair(service_category="free")
        repair.action_validate()
        repair.with_user(self.technician).action_repair_start()
        self.assertEqual(repair.state, "under_repair")

    def test_send_quotation(self):
        """The quotation is sent from the repair with the mail composer and its PDF."""
        self._send_quotation(self.frontdesk)
        self.assertEqual(self.repair.quotation_sent_by_id, self.frontdesk)
        self.assertTrue(self.repair.quotation_sent_date)
        message = self.repair.message_ids[0]
        self.assertIn(self.customer, message.partner_ids)
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertTrue(message.attachment_ids.name.startswith("Repair Quotation - "))
        self.assertIn(self.repair.access_token or "", message.body)

    def test_technician_cannot_quote(self):
        with self.assertRaises(AccessError):
            self.repair.with_user(self.technician).action_send_quotation()
        with self.assertRaises(AccessError):
            self.repair.with_user(self.technician).action_record_customer_acceptance()

    def test_staff_records_approval(self):
        """Another member of staff records who approved, when and how; then work starts."""
        self._send_quotation(self.frontdesk)
        self._record_approval(self.frontdesk_2, method="in_person", accepted_by="Megan Doyle")
        self.assertEqual(self.repair.customer_acceptance_state, "accepted")
        self.assertEqual(self.repair.customer_accepted_by, "Megan Doyle")
        self.assertEqual(self.repair.customer_acceptance_method, "in_person")
        self.assertEqual(self.repair.customer_acceptance_recorded_by_id, self.frontdesk_2)
        self.assertTrue(self.repair.customer_acceptance_date)
        self.assertEqual(self.repair.accepted_amount, 960.0 + 32.5)
        self.repair.with_user(self.technician).action_repair_start()
        self.assertEqual(self.repair.state, "under_repair")

    def test_own_quotation_cannot_be_approved(self):
        """Bad input: the staff member who sent the quotation records its approval."""
        self._send_quotation(self.frontdesk_2)
        with self.assertRaisesRegex(UserError, "another member of staff"):
            self._record_approval(self.frontdesk_2)
        # nor the one who created the repair
        with self.assertRaisesRegex(UserError, "another member of staff"):
            self._record_approval(self.frontdesk)
        self.assertEqual(self.repair.customer_acceptance_state, "pending")

    def test_rejected_estimate(self):
        self._record_approval(self.manager, decision="rejected")
        self.assertEqual(self.repair.customer_acceptance_state, "rejected")
        with self.assertRaises(UserError):
            self.repair.action_repair_start()

    def test_declined_recommendations(self):
        """Declined lines stay on the order as declined recommendations, are not charged, not
        consumed, and print on the quotation with the safety-relevant ones highlighted."""
        brake = self._add_part(self.repair, self.part_battery, is_safety_relevant=True)
        self._record_approval(
            self.manager,
            declined_move_ids=brake,
            declined_labour_ids=self.labour,
        )
        self.assertEqual(self.repair.customer_acceptance_state, "accepted")
        self.assertTrue(brake.is_declined)
        self.assertEqual(brake.state, "cancel")
        self.assertTrue(self.labour.is_declined)
        self.assertIn(brake, self.repair.move_ids)
        self.assertEqual(self.repair.declined_move_ids, brake)
        self.assertEqual(self.repair.declined_labour_ids, self.labour)
        self.assertEqual(self.repair.estimate_amount, 960.0)
        self.assertEqual(self.repair.accepted_amount, 960.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "aftersales_repair.action_report_repair_quotation", self.repair.ids
            )[0]
            .decode()
        )
        self.assertIn("Declined Recommendations", html)
        self.assertIn("SAFETY", html)
        self.assertIn("table-danger", html)

    def test_new_line_after_approval_needs_new_approval(self):
        """Adding a line after approval puts the order back to waiting for approval and tells
        the customer what changed."""
        self._record_approval(self.manager)
        self.assertEqual(self.repair.customer_acceptance_state, "accepted")
        self._add_part(self.repair, self.part_battery)
        self.assertEqual(self.repair.customer_acceptance_state, "pending")
        message = self.repair.message_ids[0]
        self.assertIn(self.customer, message.partner_ids)
        self.assertIn("Part added: 1.0 x Test Battery 48 V", message.body)
        self.assertIn("needs your acceptance again", message.body)
        with self.assertRaises(UserError):
            self.repair.action_repair_start()

    def test_raised_total_after_approval(self):
        """A higher price needs a new approval; a lower one does not."""
        self._record_approval(self.manager)
        self.part.repair_price_unit = 900.0
        self.assertEqual(self.repair.customer_acceptance_state, "accepted")
        self.labour.hours = 3.0  # 900.00 + 195.00 > 992.50 approved
        self.assertEqual(self.repair.customer_acceptance_state, "pending")
        self.assertIn("needs your acceptance again", self.repair.message_ids[0].body)

    def test_quotation_pdf_renders(self):
        """The quotation prints parts, labour, totals and the no-guarantee notice."""
        self._add_part(self.repair, self.part_battery, supply_type="customer")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "aftersales_repair.action_report_repair_quotation", self.repair.ids
            )[0]
            .decode()
        )
        self.assertIn("Test Controller MC-400", html)
        self.assertIn("Test Repair Labour", html)
        self.assertIn("No quality guarantee", html)
        self.assertIn("supplied by the customer", html)
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("aftersales_repair.action_report_repair_quotation", self.repair.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
