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
        self.assertEqual(self.repair.customer_approval_state, "approved")
        self.assertEqual(self.repair.customer_approval_method, "portal")
        self.assertEqual(self.repair.customer_approved_by, "Megan Doyle")
        self.assertTrue(self.repair.customer_signature)
        self.assertEqual(self.repair.approved_amount, 960.0)

    def test_wrong_token_refused(self):
        self.repair._portal_ensure_token()
        url = f"/my/repairs/{self.repair.id}/accept?access_token=not-the-token"
        result = self.make_jsonrpc_request(url, {"name": "Mallory", "signature": SIGNATURE})
        self.assertIn("error", result)
        self.assertEqual(self.repair.customer_approval_state, "pending")

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
        self.assertEqual(self.repair.customer_approval_state, "approved")

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
        self.assertEqual(self.repair.customer_approval_state, "rejected")
