# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import PortalCommon


@tagged("post_install", "-at_install")
class TestPortalAccess(HttpCase, PortalCommon):
    """Two dealers and two customers: nothing of the other is reachable by RPC or URL."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Repair = cls.env["repair.order"]
        cls.request_a = cls._issued_dealer_request(cls.staff_a, cls.head_a, cls.unit_1)
        cls.request_b = cls._issued_dealer_request(cls.staff_b, cls.head_b, cls.unit_2)
        cls.return_a = cls.request_a.return_ids
        cls.return_b = cls.request_b.return_ids
        cls.repair_a = Repair._aftersales_portal_report_fault(
            cls.unit_1, "Logged by A", dealer=cls.dealer_a
        )
        cls.repair_b = Repair._aftersales_portal_report_fault(
            cls.unit_2, "Logged by B", dealer=cls.dealer_b
        )
        cls.complaint_1, cls.complaint_2 = cls.env["aftersales.complaint"].create(
            [
                {"subject": "Noisy mast", "partner_id": cls.customer.id},
                {"subject": "Late visit", "partner_id": cls.customer_2.id},
            ]
        )
        cls.contract_1, cls.contract_2 = cls.env["aftersales.warranty.contract"].create(
            [
                {
                    "partner_id": partner.id,
                    "date_start": "2026-06-01",
                    "date_end": "2027-05-31",
                    "state": "running",
                }
                for partner in (cls.customer, cls.customer_2)
            ]
        )

    @classmethod
    def _issued_dealer_request(cls, staff, head, unit):
        request = cls.env["aftersales.warranty.part.request"]._aftersales_portal_create(
            staff, unit, [(cls.part_frame, 1.0)]
        )
        request._aftersales_portal_sign(head, head.name)
        request.with_user(cls.head).action_approve()
        picking = request.picking_ids
        picking.with_user(cls.clerk).button_validate()
        return request

    def _visible(self, user, model):
        return self.env[model].with_user(user).search([])

    def test_rpc_dealers(self):
        expectations = {
            self.staff_a: (self.unit_1, self.request_a, self.return_a, self.repair_a),
            self.head_a: (self.unit_1, self.request_a, self.return_a, self.repair_a),
            self.staff_b: (self.unit_2, self.request_b, self.return_b, self.repair_b),
        }
        for user, (unit, request, part_return, repair) in expectations.items():
            self.assertEqual(self._visible(user, "aftersales.warranty"), unit)
            self.assertEqual(self._visible(user, "aftersales.warranty.part.request"), request)
            self.assertEqual(
                self._visible(user, "aftersales.warranty.part.request.line"), request.line_ids
            )
            self.assertEqual(self._visible(user, "aftersales.part.return"), part_return)
            self.assertEqual(self._visible(user, "repair.order"), repair)
            self.assertEqual(self._visible(user, "aftersales.warranty.line"), unit.line_ids)
        for user, others in (
            (self.staff_a, (self.unit_2, self.request_b, self.return_b, self.repair_b)),
            (self.staff_b, (self.unit_1, self.request_a, self.return_a, self.repair_a)),
        ):
            for record in others:
                with self.assertRaises(AccessError):
                    record.with_user(user).read(["display_name"])
        # read only: nothing is written over RPC
        with self.assertRaises(AccessError):
            self.request_a.with_user(self.head_a).write({"note": "x"})
        for operation in ("write", "create", "unlink"):
            with self.assertRaises(AccessError):
                self.request_a.with_user(self.head_a).check_access(operation)
        with self.assertRaises(AccessError):
            self.env["aftersales.warranty.part.request"].with_user(self.staff_a).create(
                {"recipient_type": "dealer", "dealer_id": self.dealer_a.id}
            )

    def test_rpc_customers(self):
        for user, mine, theirs in (
            (
                self.cust_1,
                (self.unit_1, self.complaint_1, self.contract_1),
                (self.unit_2, self.complaint_2, self.contract_2),
            ),
            (
                self.cust_2,
                (self.unit_2, self.complaint_2, self.contract_2),
                (self.unit_1, self.complaint_1, self.contract_1),
            ),
        ):
            unit, complaint, contract = mine
            self.assertEqual(self._visible(user, "aftersales.warranty"), unit)
            with self.assertRaises(AccessError, msg="internal findings of complaints"):
                complaint.with_user(user).read(["subject"])
            self.assertEqual(self._visible(user, "aftersales.warranty.contract"), contract)
            self.assertFalse(self._visible(user, "aftersales.warranty.part.request"))
            self.assertFalse(self._visible(user, "aftersales.part.return"))
            for record in theirs:
                with self.assertRaises(AccessError):
                    record.with_user(user).read(["display_name"])
            with self.assertRaises(AccessError):
                unit.with_user(user).write({"state": "ended"})

    def _assert_unreachable(self, login, urls):
        self.authenticate(login, login)
        for url in urls:
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303), url)
            self.assertTrue(response.headers["Location"].endswith("/my"), url)

    def test_urls_dealers(self):
        self.authenticate("pt_staff_a", "pt_staff_a")
        for url in (
            f"/my/dealer/requests/{self.request_a.id}",
            f"/my/dealer/returns/{self.return_a.id}",
            "/my/dealer/units",
            "/my/dealer/repairs",
            "/my/dealer/returns",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertNotIn("PT-EF25-0002", response.text, url)
            self.assertNotIn(self.request_b.name, response.text, url)
        self._assert_unreachable(
            "pt_staff_a",
            [
                f"/my/dealer/requests/{self.request_b.id}",
                f"/my/dealer/returns/{self.return_b.id}",
                f"/my/dealer/returns/{self.return_b.id}?report_type=pdf",
                f"/my/dealer/units/{self.unit_2.id}/repair",
                f"/my/units/{self.unit_2.id}",
                f"/my/units/{self.unit_2.id}?report_type=pdf",
            ],
        )
        # signing the other dealer's request by URL
        self.authenticate("pt_head_b", "pt_head_b")
        request = self.env["aftersales.warranty.part.request"]._aftersales_portal_create(
            self.staff_a, self.unit_1, [(self.part_frame, 1.0)]
        )
        page = self.url_open(f"/my/dealer/requests/new?unit_id={self.unit_2.id}").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.url_open(
            f"/my/dealer/requests/{request.id}/sign",
            data={"signer_name": "Hal Head", "csrf_token": csrf},
            allow_redirects=False,
        )
        self.assertEqual(response.headers["Location"].rsplit("/", 1)[-1], "my")
        self.assertFalse(request.dealer_signed_date)

    def test_urls_customers(self):
        self.authenticate("pt_cust_1", "pt_cust_1")
        response = self.url_open(f"/my/units/{self.unit_1.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("PT-EF25-0001", response.text)
        self.assertIn('name="viewport"', response.text, "works on a phone")
        self.complaint_1.write({"state": "closed", "answer": "We replaced the mast rollers."})
        self.complaint_1.root_cause = "Rollers from batch 7"
        page = self.url_open("/my/complaints").text
        self.assertIn("Noisy mast", page)
        self.assertIn("We replaced the mast rollers.", page)
        self.assertNotIn("Rollers from batch 7", page, "internal findings stay internal")
        page = self.url_open("/my/contracts").text
        self.assertIn(self.contract_1.name, page)
        self.assertIn('class="o_visits_left">2<', page, "2 visits a year, none used")
        feedback_1, feedback_2 = self.env["aftersales.feedback.request"].create(
            [
                {
                    "partner_id": repair.partner_id.id,
                    "repair_id": repair.id,
                    "expiry_date": "2099-01-01 00:00:00",
                }
                for repair in (self.repair_a, self.repair_b)
            ]
        )
        page = self.url_open("/my/feedback").text
        self.assertIn(feedback_1.get_public_url(), page, "the customer's own rating link")
        self.assertNotIn(feedback_2.sudo().access_token, page)
        with self.assertRaises(AccessError):
            feedback_1.with_user(self.cust_1).read(["state"])
        for url in ("/my/units", "/my/complaints", "/my/contracts", "/my/feedback"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertNotIn("PT-EF25-0002", response.text, url)
            self.assertNotIn("Late visit", response.text, url)
        self._assert_unreachable(
            "pt_cust_1",
            [
                f"/my/units/{self.unit_2.id}",
                f"/my/units/{self.unit_2.id}/fault",
                f"/my/units/{self.unit_2.id}?report_type=pdf",
                f"/my/dealer/requests/{self.request_a.id}",
                f"/my/dealer/returns/{self.return_a.id}",
                "/my/dealer/units",
            ],
        )

    def test_warranty_card_pdf(self):
        self.authenticate("pt_cust_1", "pt_cust_1")
        response = self.url_open(f"/my/units/{self.unit_1.id}?report_type=html")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Test Controller MC-400", response.text)
        self.assertIn("data:image/png;base64,", response.text)

    def test_parts_sale_of_unreturned_part(self):
        """A part not returned in 30 days becomes a parts sale to the dealer: the dealer sees
        the order and the posted invoice, the other dealer cannot open them."""
        Return = self.env["aftersales.part.return"]
        with freeze_time(self.return_a.date_due + timedelta(days=1)):
            Return._cron_charge_overdue_returns()
        self.assertEqual(self.return_a.state, "not_returned")
        self.assertEqual(self.return_b.state, "not_returned")
        order = self.return_a.sale_order_id
        invoice = self.return_a.invoice_ids
        self.assertEqual(order.partner_id, self.dealer_a)
        invoice.action_post()
        self.authenticate("pt_staff_a", "pt_staff_a")
        page = self.url_open(f"/my/dealer/returns/{self.return_a.id}").text
        self.assertIn(order.name, page)
        self.assertIn(invoice.name, page)
        self.assertNotIn(self.return_b.sale_order_id.name, page)
        self.assertEqual(self.url_open(f"/my/invoices/{invoice.id}").status_code, 200)
        self.assertEqual(
            self.env["account.move"].with_user(self.staff_a).search([("id", "=", invoice.id)]),
            invoice,
        )
        with self.assertRaises(AccessError):
            invoice.with_user(self.staff_b).read(["name"])
        with self.assertRaises(AccessError):
            order.with_user(self.head_b).read(["name"])
        self.authenticate("pt_staff_b", "pt_staff_b")
        response = self.url_open(f"/my/invoices/{invoice.id}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
