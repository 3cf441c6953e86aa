# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .warranty_common import WarrantyCommon


@tagged("post_install", "-at_install")
class TestDamageDiscount(WarrantyCommon):
    """Issue 19 point 4 (§1, 001 §2.2): inside the warranty, parts replaced after damage by
    the user are sold at the policy's discounted price."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._deliver("SN-DMG-1", "2026-01-05 10:00:00")
        cls.policy.damage_parts_discount = 20.0

    def _battery_price(self, when, cause):
        with freeze_time(when):
            repair = (
                self.env["repair.order"]
                .with_user(self.frontdesk)
                .create(
                    {
                        "product_id": self.product_unit.id,
                        "lot_id": self.lot.id,
                        "partner_id": self.customer.id,
                        "failure_cause": cause,
                        "move_ids": [
                            Command.create(
                                {
                                    "repair_line_type": "add",
                                    "product_id": self.part_battery.id,
                                    "product_uom_qty": 1.0,
                                }
                            )
                        ],
                    }
                )
            )
            return repair.move_ids.repair_price_unit

    def test_user_damage_in_warranty_at_the_discounted_price(self):
        # battery list price 4,200, 12 months of warranty (until 2027-01-04)
        self.assertEqual(self._battery_price("2026-06-01 09:00:00", "user_damage"), 3360.0)
        self.assertEqual(self._battery_price("2026-06-01 09:00:00", "force_majeure"), 3360.0)
        self.assertEqual(self._battery_price("2026-06-01 09:00:00", "quality"), 0.0)
        # out of the battery's warranty: the normal price
        self.assertEqual(self._battery_price("2027-03-01 09:00:00", "user_damage"), 4200.0)

    def test_discount_default_and_bounds(self):
        self.company.aftersales_damage_parts_discount = 15.0
        policy = self.env["aftersales.warranty.policy"].create(
            {"name": "Test default discount", "categ_id": self.categ_part.id, "period_months": 12}
        )
        self.assertEqual(policy.damage_parts_discount, 15.0)
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            policy.damage_parts_discount = 120.0
