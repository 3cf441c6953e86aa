# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from .common_parts import SIGNATURE, WarrantyPartsCommon


@tagged("post_install", "-at_install")
class TestWarehouseTour(HttpCase, WarrantyPartsCommon):
    """Issue 17: the warehouse clerk (Inventory user only) issues an approved warranty part
    request in the browser: the request, Issue, Validate."""

    def test_warehouse_issues_an_approved_request(self):
        request = self._request()
        request.with_user(self.technician).action_submit()
        self._approve_all(request, [self.head])
        self.assertEqual(request.state, "approved")
        # the technician has signed for the parts on the transfer (company default since
        # issue 19 point 4 §7); the clerk then validates it in the browser
        self.assertTrue(request._needs_technician_signature())
        request.picking_ids.with_user(self.clerk).signature = SIGNATURE
        self.start_tour(
            "/odoo/action-aftersales_warranty.aftersales_warranty_part_request_action_stock",
            "aftersales_warehouse_issue",
            login=self.clerk.login,
        )
        self.assertEqual(request.state, "issued")
        self.assertEqual(request.picking_ids.state, "done")
        self.assertEqual(request.picking_ids.write_uid, self.clerk)
