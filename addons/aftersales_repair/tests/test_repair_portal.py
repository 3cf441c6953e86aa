# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from .repair_common import RepairDeskCommon

# 1x1 transparent PNG, the smallest signature the portal accepts
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@tagged("post_install", "-at_install")
class TestRepairPortal(RepairDeskCommon, HttpCase):
    """Issue 3 point 3: the customer signs and accepts the estimate on the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact = cls.env["res.partner"].create(
            {"name": "Megan Test", "parent_id": cls.customer.id, "email": "megan@example.com"}
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="as_portal_sign",
            password="as_portal_sign",
            groups="base.group_portal",
            partner_id=cls.contact.id,
        )
        cls.repair = cls._create_repair()
        cls._add_part(cls.repair, cls.part_controller)
        cls.repair.action_validate()

    def test_accept_with_token(self):
        """Anyone with the link (access token) signs and accepts."""
        self.repair._portal_ensure_token()
        url = self.repair.get_portal_url(suffix="/accept")
        result = self.make_jsonrpc_request(url, {"name": "Megan Doyle", "signature": SIGNATURE})
        self.assertTrue(result.get("force_refresh"), result)
        self.assertEqual(self.repair.customer_acceptance_state, "accepted")
        self.assertEqual(self.repair.customer_acceptance_method, "portal")
        self.assertEqual(self.repair.customer_accepted_by, "Megan Doyle")
        self.assertTrue(self.repair.customer_signature)
        self.assertEqual(self.repair.accepted_amount, 960.0)

    def test_wrong_token_refused(self):
        self.repair._portal_ensure_token()
        url = f"/my/repairs/{self.repair.id}/accept?access_token=not-the-token"
        result = self.make_jsonrpc_request(url, {"name": "Mallory", "signature": SIGNATURE})
        self.assertIn("error", result)
        self.assertEqual(self.repair.customer_acceptance_state, "pending")

    def test_portal_user_pages(self):
        """The portal user lists and opens their repair, signs it, and cannot open another
        customer's repair."""
        other = self._create_repair(
            partner_id=self.env["res.partner"].create({"name": "Someone Else"}).id
        )
        self.authenticate("as_portal_sign", "as_portal_sign")
        response = self.url_open("/my/repairs")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.repair.name, response.text)
        self.assertNotIn(other.name, response.text)
        response = self.url_open(f"/my/repairs/{self.repair.id}")
        self.assertIn("Sign & Accept", response.text)
        response = self.url_open(f"/my/repairs/{other.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        result = self.make_jsonrpc_request(
            f"/my/repairs/{self.repair.id}/accept", {"name": "Megan Test", "signature": SIGNATURE}
        )
        self.assertTrue(result.get("force_refresh"), result)
        self.assertEqual(self.repair.customer_acceptance_state, "accepted")

    def test_decline_on_portal(self):
        self.repair._portal_ensure_token()
        self.authenticate("as_portal_sign", "as_portal_sign")
        response = self.url_open(
            f"/my/repairs/{self.repair.id}/decline",
            data={
                "access_token": self.repair.access_token,
                "decline_message": "Too expensive, we replace the truck.",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.repair.customer_acceptance_state, "rejected")

    def test_decline_some_work_then_sign(self):
        """The customer declines some recommended work on the portal, then signs for the rest:
        the declined lines stay on the order as declined recommendations, not charged."""
        repair = self._create_repair()
        controller = self._add_part(repair, self.part_controller)
        battery = self._add_part(repair, self.part_battery, is_safety_relevant=True)
        labour = self._add_labour(repair, 0.5)
        extra = self._add_labour(repair, 2.0, name="Repaint the mast")
        repair.action_validate()
        foreign = self._add_labour(self.repair, 1.0)  # a line of another repair
        self.authenticate("as_portal_sign", "as_portal_sign")
        response = self.url_open(f"/my/repairs/{repair.id}")
        self.assertIn("Decline the work ticked", response.text)
        response = self.url_open(
            repair.get_portal_url(suffix="/decline_lines"),
            data={
                "decline_move_ids": [str(battery.id)],
                "decline_labour_ids": [str(extra.id), str(foreign.id)],
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("stays on the order as declined recommendations", response.text)
        self.assertTrue(battery.is_declined)
        self.assertEqual(battery.state, "cancel")
        self.assertTrue(extra.is_declined)
        self.assertFalse(foreign.is_declined)
        self.assertFalse(controller.is_declined or labour.is_declined)
        self.assertEqual(repair.declined_move_ids, battery)
        self.assertEqual(repair.declined_labour_ids, extra)
        self.assertIn("Repaint the mast", repair.message_ids[0].body)
        self.assertEqual(repair.customer_acceptance_state, "pending")
        result = self.make_jsonrpc_request(
            f"/my/repairs/{repair.id}/accept", {"name": "Megan Test", "signature": SIGNATURE}
        )
        self.assertTrue(result.get("force_refresh"), result)
        self.assertEqual(repair.customer_acceptance_state, "accepted")
        self.assertEqual(repair.accepted_amount, 960.0 + 32.5)
        # once signed, nothing more can be declined there
        self.url_open(
            repair.get_portal_url(suffix="/decline_lines"),
            data={
                "decline_move_ids": [str(controller.id)],
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertFalse(controller.is_declined)

    def test_portal_home_counts_own_repairs(self):
        """The portal home shows a Repairs entry counting the customer's repairs only."""
        self._create_repair(partner_id=self.env["res.partner"].create({"name": "Someone"}).id)
        self.authenticate("as_portal_sign", "as_portal_sign")
        result = self.make_jsonrpc_request("/my/counters", {"counters": ["repair_count"]})
        self.assertEqual(result["repair_count"], 1)
        self.assertIn('href="/my/repairs" title="Repairs"', self.url_open("/my/home").text)
