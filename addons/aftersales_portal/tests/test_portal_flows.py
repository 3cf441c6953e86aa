# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PortalCommon


@tagged("post_install", "-at_install")
class TestDealerPartRequest(PortalCommon):
    def test_sign_then_approval_thresholds_then_return(self):
        request = self._portal_request()
        self.assertEqual(request.state, "draft")
        self.assertTrue(request.dealer_portal)
        self.assertEqual(request.requester_id, self.staff_a)
        self.assertEqual(request.dealer_id, self.dealer_a)
        self.assertEqual(request.delivery_mode, "ship_dealer")
        self.assertEqual(request.customer_id, self.customer)
        self.assertEqual(
            request._aftersales_portal_status(), "Waiting for the office head's signature"
        )
        # the maker cannot submit it before the dealer's office head signed
        with self.assertRaises(UserError):
            request.with_user(self.manager).action_submit()
        # staff and the other dealer's head may not sign
        for user in (self.staff_a, self.head_b, self.cust_1):
            with self.assertRaises(AccessError):
                request._aftersales_portal_sign(user, user.name)
        with self.assertRaises(UserError):
            request._aftersales_portal_sign(self.head_a, "  ")
        with freeze_time("2026-07-06 09:00:00"):  # a Monday
            request._aftersales_portal_sign(self.head_a, "Hugo Head")
        self.assertEqual(request.dealer_signed_by_id, self.head_a)
        self.assertEqual(request.dealer_signer_name, "Hugo Head")
        # frame at cost 300: the service-centre head approves (up to 500:
        # aftersales_warranty/readme/CONFIGURE.md, "Warranty part approval thresholds")
        self.assertEqual(request.state, "to_approve")
        self.assertEqual(self._required_groups(request), {"service_centre_head"})
        with self.assertRaises(UserError):
            request._aftersales_portal_sign(self.head_a, "Hugo Head")
        self._approve_all(request, [self.head])
        self.assertEqual(request.state, "approved")
        self.assertTrue(request.scheduled_date)
        self._issue(request)
        self.assertEqual(request.state, "issued")
        part_return = request.return_ids
        self.assertEqual(part_return.partner_id, self.dealer_a)
        self.assertEqual(part_return.date_due - part_return.date_issued, timedelta(days=30))
        # the dealer declares the shipment: the receipt into the quarantine is prepared
        part_return._aftersales_portal_declare_shipment("SF Express", "SF123")
        self.assertEqual(part_return.dealer_carrier, "SF Express")
        self.assertEqual(part_return.dealer_tracking_ref, "SF123")
        receipt = part_return.picking_ids
        self.assertEqual(len(receipt), 1)
        self.assertIn(receipt.state, ("confirmed", "assigned"))
        self.assertEqual(receipt.location_dest_id, self.company._aftersales_quarantine_location())
        self.assertEqual(receipt.partner_id, self.dealer_a)
        with self.assertRaises(UserError):
            part_return._aftersales_portal_declare_shipment("SF Express", "SF124")

    def test_mechanism_fields_refused_over_rpc(self):
        request = self._portal_request()
        with self.assertRaises(AccessError):
            request.with_user(self.manager).write({"dealer_signer_name": "Forged"})
        with self.assertRaises(AccessError):
            self._request(user=self.manager, dealer_portal=True)
        request._aftersales_portal_sign(self.head_a, "Hugo Head")
        self._approve_all(request, [self.head])
        self._issue(request)
        with self.assertRaises(AccessError):
            request.return_ids.with_user(self.manager).write({"dealer_carrier": "Forged"})

    def test_bad_input(self):
        with self.assertRaises(UserError):  # not a warranty part of the unit
            self.env["aftersales.warranty.part.request"]._aftersales_portal_create(
                self.staff_a, self.unit_1, [(self.part_seal, 1.0)]
            )
        for qty in (0.0, -1.0, 1001.0):
            with self.assertRaises(UserError):
                self._portal_request(qty=qty)
        with self.assertRaises(UserError):
            self.env["aftersales.warranty.part.request"]._aftersales_portal_create(
                self.staff_a, self.unit_1, []
            )
        with self.assertRaises(AccessError):  # a customer is not a dealer's staff
            self._portal_request(user=self.cust_1)


@tagged("post_install", "-at_install")
class TestReportFault(PortalCommon):
    def test_customer_fault_becomes_draft_repair(self):
        Repair = self.env["repair.order"]
        with freeze_time("2026-07-01 08:00:00"):
            repair = Repair._aftersales_portal_report_fault(
                self.unit_1,
                "Mast shakes when lifting",
                preferred=datetime(2026, 7, 3, 9, 0),
                photos=[("mast.jpg", "image/jpeg", b"\xff\xd8\xff\xe0fake")],
            )
        self.assertEqual(repair.state, "draft")
        self.assertEqual(repair.partner_id, self.customer)
        self.assertEqual(repair.lot_id, self.lot_1)
        self.assertEqual(repair.intake_channel, "portal")
        self.assertEqual(repair.requested_date, datetime(2026, 7, 3, 9, 0))
        self.assertEqual(repair.fault_description, "Mast shakes when lifting")
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "repair.order"), ("res_id", "=", repair.id)]
        )
        self.assertEqual(attachment.mapped("name"), ["mast.jpg"])
        self.assertFalse(repair.aftersales_dealer_id)

    def test_dealer_logs_repair(self):
        repair = self.env["repair.order"]._aftersales_portal_report_fault(
            self.unit_1, "Battery drains overnight", dealer=self.dealer_a
        )
        self.assertEqual(repair.intake_channel, "dealer")
        self.assertEqual(repair.aftersales_dealer_id, self.dealer_a)
        self.assertEqual(repair.partner_id, self.customer)

    def test_bad_input(self):
        Repair = self.env["repair.order"]
        cases = [
            {"description": "  "},
            {"description": "x" * 5001},
            {"description": "ok", "preferred": datetime(2020, 1, 1)},
            {"description": "ok", "photos": [("a.exe", "application/octet-stream", b"MZ")]},
            {"description": "ok", "photos": [("a.jpg", "image/jpeg", b"<svg onload=x>")]},
            {"description": "ok", "photos": [("p.png", "image/png", b"x")] * 6},
        ]
        count = Repair.search_count([])
        for case in cases:
            with self.assertRaises(UserError):
                Repair._aftersales_portal_report_fault(self.unit_1, **case)
        self.assertEqual(Repair.search_count([]), count, "nothing half-saved")


@tagged("post_install", "-at_install")
class TestUnitToken(PortalCommon):
    def test_token_bound_to_unit(self):
        token = self.lot_1._aftersales_unit_token()
        self.assertGreaterEqual(len(token), 32)
        self.assertEqual(self.lot_1._aftersales_unit_token(), token, "stable once created")
        self.assertTrue(self.lot_1._aftersales_check_unit_token(token))
        self.assertFalse(self.lot_2._aftersales_check_unit_token(token))
        self.assertFalse(self.lot_1._aftersales_check_unit_token(token[:-1]))
        self.assertFalse(self.lot_1._aftersales_check_unit_token(""))
        self.lot_1.action_aftersales_regenerate_unit_token()
        self.assertFalse(self.lot_1._aftersales_check_unit_token(token))
        self.assertIn(f"/unit/{self.lot_1.id}/", self.lot_1._aftersales_unit_url())

    def test_warranty_card_lists_each_part(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("aftersales_portal.action_report_warranty_card", self.unit_1.ids)[0]
            .decode()
        )
        self.assertIn("PT-EF25-0001", html)
        self.assertIn("Test Battery 48 V", html)
        self.assertIn("05/31/2027", html)  # battery: 12 months from 2026-06-01
        self.assertIn("11/30/2027", html)  # controller: 18 months
        self.assertIn("05/31/2029", html)  # unit: 36 months
        self.assertIn("data:image/png;base64,", html, "the QR code is printed")
        label = (
            self.env["ir.actions.report"]
            ._render_qweb_html("aftersales_portal.action_report_nameplate_label", self.unit_1.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("data:image/png;base64,", label)
        self.assertIn("PT-EF25-0001", label)
        self.assertEqual(self.unit_1.line_ids.mapped("end_date").count(date(2027, 5, 31)), 1)
