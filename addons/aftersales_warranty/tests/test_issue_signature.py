# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common_parts import SIGNATURE, WarrantyPartsCommon


@tagged("post_install", "-at_install")
class TestIssueSignature(WarrantyPartsCommon):
    """(readme/CONFIGURE.md, "Technician signs for parts"): parts handed to a technician are signed
    for on the issue transfer (Odoo's delivery signature) before the warehouse validates it."""

    def _approved(self, **vals):
        request = self._request(**vals)
        request.with_user(self.technician).action_submit()
        self._approve_all(request, [self.head])
        return request

    def test_setting_default(self):
        self.assertTrue(self.env.company.aftersales_issue_signature)
        self.assertTrue(Form(self.env["res.config.settings"]).aftersales_issue_signature)

    def test_clerk_validates_only_after_the_technician_signed(self):
        request = self._approved()
        picking = request.picking_ids
        with self.assertRaisesRegex(
            UserError, r"as_technician.*signs for the parts of .* click \"Sign\""
        ):
            picking.with_user(self.clerk).button_validate()
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(request.state, "approved")
        picking.with_user(self.clerk).signature = SIGNATURE
        self.assertTrue(picking.is_signed)
        picking.with_user(self.clerk).button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(request.state, "issued")
        # the signed slip is archived on the transfer (Odoo's delivery signature)
        self.assertTrue(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", "stock.picking"), ("res_id", "=", picking.id)]
            )
        )

    def test_no_signature_for_dealers_or_when_disabled(self):
        dealer_request = self._approved(
            recipient_type="dealer", dealer_id=self.dealer.id, delivery_mode="ship_dealer"
        )
        dealer_request.picking_ids.with_user(self.clerk).button_validate()
        self.assertEqual(dealer_request.state, "issued")
        self.env.company.aftersales_issue_signature = False
        request = self._approved()
        request.picking_ids.with_user(self.clerk).button_validate()
        self.assertEqual(request.state, "issued")
