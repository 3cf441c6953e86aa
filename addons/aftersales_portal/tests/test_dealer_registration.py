# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PortalCommon


@tagged("post_install", "-at_install")
class TestDealerUnitRegistration(PortalCommon):
    def _register(self, serial, user=None, when="2026-06-15", name="Wharf Stevedores"):
        with freeze_time("2026-07-01"):
            return self.env["aftersales.dealer.unit.registration"]._aftersales_portal_register(
                user or self.staff_a, serial, name, when, phone="+34 600 000 000"
            )

    def test_unit_delivered_to_the_dealer_registered_at_once(self):
        lot = self._deliver("PT-DLR-0001", "2026-05-01", partner=self.dealer_a)
        dealer_warranty = lot.warranty_id
        self.assertEqual(dealer_warranty.partner_id, self.dealer_a)
        registration = self._register("PT-DLR-0001")
        self.assertEqual(registration.state, "registered")
        self.assertEqual(dealer_warranty.state, "ended")
        warranty = registration.warranty_id
        self.assertEqual(lot.warranty_id, warranty)
        self.assertEqual(warranty.partner_id.name, "Wharf Stevedores")
        self.assertEqual(warranty.partner_id.phone, "+34 600 000 000")
        self.assertEqual(warranty.selling_partner_id, self.dealer_a)
        self.assertEqual(warranty.delivery_date, date(2026, 6, 15))
        battery = warranty.line_ids.filtered(
            lambda line: line.part_product_id == self.part_battery
        )
        self.assertEqual(battery.end_date, date(2027, 6, 14), "12 months from the dealer's sale")
        self.assertIn(warranty, self.env["aftersales.warranty"].with_user(self.staff_a).search([]))
        self.assertNotIn(
            warranty, self.env["aftersales.warranty"].with_user(self.staff_b).search([])
        )

    def test_unit_not_delivered_to_the_dealer_waits_for_review(self):
        registration = self._register("PT-EF25-0002")  # delivered to customer 2 (dealer B)
        self.assertEqual(registration.state, "to_review")
        self.assertEqual(registration.lot_id, self.lot_2)
        self.assertEqual(self.lot_2.warranty_id, self.unit_2, "unchanged until reviewed")
        Registration = self.env["aftersales.dealer.unit.registration"]
        self.assertEqual(Registration.with_user(self.head_a).search([]), registration)
        self.assertFalse(Registration.with_user(self.staff_b).search([]))
        with self.assertRaises(AccessError):
            registration.with_user(self.manager).write({"state": "registered"})
        with self.assertRaises(UserError):
            registration.with_user(self.manager).action_refuse()  # no reason given
        registration.with_user(self.manager).action_approve()
        self.assertEqual(registration.state, "registered")
        self.assertEqual(self.unit_2.state, "ended")
        self.assertEqual(self.lot_2.warranty_id.selling_partner_id, self.dealer_a)

    def test_unknown_serial_and_bad_input(self):
        registration = self._register("NO-SUCH-SERIAL")
        self.assertEqual(registration.state, "to_review")
        self.assertFalse(registration.lot_id)
        with self.assertRaises(UserError):
            registration.with_user(self.manager).action_approve()
        registration.with_user(self.manager).review_note = "Not one of our serials."
        registration.with_user(self.manager).action_refuse()
        self.assertEqual(registration.state, "refused")
        with self.assertRaises(UserError):
            self._register("PT-X", when="2026-08-01")  # in the future
        with self.assertRaises(UserError):
            self._register(" ", name="Someone")
        with self.assertRaises(AccessError):
            self._register("PT-EF25-0002", user=self.cust_1)
