# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common_parts import WarrantyPartsCommon


@tagged("post_install", "-at_install")
class TestFreightConsent(WarrantyPartsCommon):
    """(readme/CONFIGURE.md, "Heavy parts by freight"): heavy warranty parts ship by freight, and
    only once the requester consented; the weight threshold is a company setting."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.part_mast = cls._create_part("Test Mast Cylinder", 180.0, 120.0)
        cls.part_mast.weight = 20.0

    def _dealer_request(self, qty=2.0, **vals):
        values = {"recipient_type": "dealer", "dealer_id": self.dealer.id}
        values.update(vals)
        values.setdefault("delivery_mode", "ship_dealer")
        request = self._request(part=self.part_mast, qty=qty, **values)
        request.with_user(self.technician).action_submit()
        self._approve_all(request, [self.head])
        self.assertEqual(request.state, "approved")
        return request

    def test_setting_default(self):
        self.assertEqual(self.env.company.aftersales_freight_weight, 30.0)
        settings = Form(self.env["res.config.settings"])
        self.assertEqual(settings.aftersales_freight_weight, 30.0)

    def test_heavy_shipment_waits_for_the_requesters_consent(self):
        request = self._dealer_request()
        self.assertEqual(request.weight_total, 40.0)
        self.assertTrue(request.freight_required)
        with self.assertRaisesRegex(UserError, r"weigh 40 kg, above 30 kg.*by freight"):
            self._issue(request)
        self.assertEqual(request.state, "approved")
        # neither the clerk nor the approver consents for the requester, nor over RPC
        with self.assertRaisesRegex(UserError, "Only the requester"):
            request.with_user(self.clerk).action_record_freight_consent()
        with self.assertRaisesRegex(UserError, "Only the requester"):
            request.with_user(self.head).action_record_freight_consent()
        with self.assertRaisesRegex(UserError, "recorded by the requester"):
            request.with_user(self.technician).write(
                {"freight_consent_date": "2026-01-01 08:00:00"}
            )
        with self.assertRaisesRegex(UserError, "recorded by the requester"):
            self._request(part=self.part_mast, freight_consent_date="2026-01-01 08:00:00")
        request.with_user(self.technician).action_record_freight_consent()
        self.assertEqual(request.freight_consent_user_id, self.technician)
        self.assertTrue(request.freight_consent_date)
        self._issue(request)
        self.assertEqual(request.state, "issued")

    def test_light_or_handed_parts_need_no_consent(self):
        light = self._dealer_request(qty=1.0)
        self.assertEqual(light.weight_total, 20.0)
        self.assertFalse(light.freight_required)
        with self.assertRaisesRegex(UserError, "no consent is needed"):
            light.with_user(self.technician).action_record_freight_consent()
        self._issue(light)
        self.assertEqual(light.state, "issued")
        handed = self._dealer_request(delivery_mode="hand", qty=3.0)
        self.assertFalse(handed.freight_required)

    def test_threshold_is_a_company_setting(self):
        self.env.company.aftersales_freight_weight = 50.0
        self.assertFalse(self._dealer_request().freight_required)
        self.env.company.aftersales_freight_weight = 0.0
        self.assertFalse(self._dealer_request(qty=4.0).freight_required)
        self.env.company.aftersales_freight_weight = 10.0
        self.assertTrue(self._dealer_request(qty=1.0).freight_required)
