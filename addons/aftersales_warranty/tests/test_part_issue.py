# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_parts import SIGNATURE, WarrantyPartsCommon


@tagged("post_install", "-at_install")
class TestPartIssueButton(WarrantyPartsCommon):
    """Issue 17 point 4: one "Issue" click opens the approved request's transfer, reserved and
    ready to validate; warehouse staff see no approval-restart button."""

    def test_issue_opens_the_reserved_transfer(self):
        request = self._request()
        request.with_user(self.technician).action_submit()
        self._approve_all(request, [self.head])
        self.assertEqual(request.state, "approved")
        action = request.with_user(self.clerk).action_issue()
        picking = request.picking_ids
        self.assertEqual((action["res_model"], action["res_id"]), ("stock.picking", picking.id))
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(picking.move_ids.quantity, 1.0)
        picking.with_user(self.clerk).signature = SIGNATURE
        picking.with_user(self.clerk).button_validate()
        self.assertEqual(request.state, "issued")
        with self.assertRaisesRegex(UserError, "no transfer waiting"):
            request.with_user(self.clerk).action_issue()

    def test_warehouse_sees_no_restart_button(self):
        arch = (
            self.env["aftersales.warranty.part.request"]
            .with_user(self.clerk)
            .get_view(view_type="form")["arch"]
        )
        self.assertNotIn('name="action_restart_approval"', arch)
        self.assertIn('name="action_issue"', arch)
        arch = (
            self.env["aftersales.warranty.part.request"]
            .with_user(self.manager)
            .get_view(view_type="form")["arch"]
        )
        self.assertIn('name="action_restart_approval"', arch)
