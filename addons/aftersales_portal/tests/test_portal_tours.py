# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import PortalCommon


@tagged("post_install", "-at_install")
class TestPortalTours(HttpCase, PortalCommon):
    def test_tour_customer_reports_fault(self):
        self.start_tour(
            f"/my/units/{self.unit_1.id}", "aftersales_portal_customer_fault", login="pt_cust_1"
        )
        repair = self.env["repair.order"].search([("lot_id", "=", self.lot_1.id)])
        self.assertEqual(len(repair), 1)
        self.assertEqual(repair.state, "draft")
        self.assertEqual(repair.partner_id, self.customer)
        self.assertEqual(repair.intake_channel, "portal")
        self.assertEqual(repair.fault_description, "The mast shakes when lifting a full pallet")

    def test_tour_dealer_request_sign_follow_return(self):
        Request = self.env["aftersales.warranty.part.request"]
        self.start_tour("/my/dealer/units", "aftersales_portal_dealer_request", login="pt_staff_a")
        request = Request.search([("dealer_id", "=", self.dealer_a.id)])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.requester_id, self.staff_a)
        self.assertEqual(request.line_ids.product_id, self.part_frame)
        self.assertEqual(request.state, "draft")
        self.start_tour("/my/dealer/requests", "aftersales_portal_dealer_sign", login="pt_head_a")
        self.assertEqual(request.dealer_signed_by_id, self.head_a)
        self.assertEqual(request.state, "to_approve")
        # the maker's approval (cost 300: the service-centre head) and the shipment
        self._approve_all(request, [self.head])
        self._issue(request)
        self.assertEqual(request.state, "issued")
        self.start_tour(
            "/my/dealer/requests", "aftersales_portal_dealer_follow_return", login="pt_staff_a"
        )
        part_return = request.return_ids
        self.assertEqual(part_return.dealer_carrier, "SF Express")
        self.assertEqual(part_return.dealer_tracking_ref, "SF1234567")
        self.assertTrue(part_return.picking_ids, "the warehouse expects the part")

    def test_tour_qr_page(self):
        token = self.lot_1._aftersales_unit_token()
        self.start_tour(f"/unit/{self.lot_1.id}/{token}", "aftersales_portal_unit_qr")
        repair = self.env["repair.order"].search([("lot_id", "=", self.lot_1.id)])
        self.assertEqual(len(repair), 1)
        self.assertEqual(repair.partner_id, self.customer)
        self.assertEqual(repair.contact_phone, "13800000000")
        self.assertIn("Li Wei", repair.fault_description)

    def test_qr_page_without_valid_token_reveals_nothing(self):
        token = self.lot_1._aftersales_unit_token()
        token_2 = self.lot_2._aftersales_unit_token()
        for url in (
            f"/unit/{self.lot_1.id}/{token[:-1]}x",
            f"/unit/{self.lot_1.id}/{token_2}",
            f"/unit/{self.lot_2.id + 1000}/{token}",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("PT-EF25", response.text)
            self.assertNotIn(self.product_unit.name, response.text)
            self.assertNotIn("Test Battery", response.text)
        page = self.url_open(f"/unit/{self.lot_2.id}/{token_2}").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.url_open(
            f"/unit/{self.lot_1.id}/{token_2}/report",
            data={
                "name": "x",
                "phone": "1",
                "description": "spam",
                "csrf_token": csrf,
            },
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.env["repair.order"].search([("lot_id", "=", self.lot_1.id)]))

    def test_qr_page_in_visitor_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        token = self.lot_1._aftersales_unit_token()
        response = self.url_open(
            f"/unit/{self.lot_1.id}/{token}", headers={"Accept-Language": "es-ES,es;q=0.9"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("31/05/2029", response.text, "dates in the visitor's (Spanish) format")
        response = self.url_open(
            f"/unit/{self.lot_1.id}/{token}", headers={"Accept-Language": "en-US,en;q=0.9"}
        )
        self.assertIn("05/31/2029", response.text)
        self.assertIn('name="viewport"', response.text)

    def test_fault_form_with_photos_and_local_time(self):
        self.cust_1.tz = "Asia/Shanghai"
        self.authenticate("pt_cust_1", "pt_cust_1")
        page = self.url_open(f"/my/units/{self.unit_1.id}/fault").text
        self.assertIn('capture="environment"', page, "phones open the camera")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.url_open(
            f"/my/units/{self.unit_1.id}/fault",
            data={
                "csrf_token": csrf,
                "description": "Forks do not lift",
                "preferred_time": "2030-12-01T10:00",
            },
            files=[
                ("photos", ("forks.jpg", b"\xff\xd8\xff\xe0jpeg", "image/jpeg")),
                ("photos", ("plate.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")),
            ],
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_aftersales_fault_reported", response.text)
        repair = self.env["repair.order"].search([("lot_id", "=", self.lot_1.id)])
        self.assertEqual(
            fields.Datetime.to_string(repair.requested_date),
            "2030-12-01 02:00:00",
            "10:00 in Shanghai",
        )
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "repair.order"), ("res_id", "=", repair.id)]
        )
        self.assertEqual(sorted(attachments.mapped("name")), ["forks.jpg", "plate.png"])
        # a file that is not a photo: the form comes back with the reason, nothing saved
        response = self.url_open(
            f"/my/units/{self.unit_1.id}/fault",
            data={"csrf_token": csrf, "description": "Again"},
            files=[("photos", ("virus.jpg", b"MZ\x90\x00", "image/jpeg"))],
        )
        self.assertIn("is not a photo", response.text)
        self.assertEqual(
            self.env["repair.order"].search_count([("lot_id", "=", self.lot_1.id)]), 1
        )
