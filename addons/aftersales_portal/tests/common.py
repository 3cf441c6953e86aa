# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user

from odoo.addons.aftersales_warranty.tests.common_parts import WarrantyPartsCommon
from odoo.addons.aftersales_warranty.tests.warranty_common import WarrantyCommon


class PortalCommon(WarrantyPartsCommon, WarrantyCommon):
    """Two dealers (staff and office head on the portal each) and two customers on the
    portal, each with a unit delivered on 2026-06-01 (battery 12 months, controller 18,
    unit 36); dealer A sold customer 1's unit, dealer B customer 2's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.dealer_a = Partner.create(
            {"name": "North Dealer Test", "is_company": True, "aftersales_is_dealer": True}
        )
        cls.dealer_b = Partner.create(
            {"name": "South Dealer Test", "is_company": True, "aftersales_is_dealer": True}
        )
        cls.staff_a = cls._portal_user("pt_staff_a", "Ann Staff", cls.dealer_a)
        cls.head_a = cls._portal_user("pt_head_a", "Hugo Head", cls.dealer_a, head=True)
        cls.staff_b = cls._portal_user("pt_staff_b", "Bea Staff", cls.dealer_b)
        cls.head_b = cls._portal_user("pt_head_b", "Hal Head", cls.dealer_b, head=True)
        cls.customer_2 = Partner.create({"name": "Harbour Logistics Test", "is_company": True})
        cls.cust_1 = cls._portal_user("pt_cust_1", "Carl Customer", cls.customer)
        cls.cust_2 = cls._portal_user("pt_cust_2", "Dora Customer", cls.customer_2)
        cls.lot_1 = cls._deliver("PT-EF25-0001", "2026-06-01", partner=cls.customer)
        cls.lot_2 = cls._deliver("PT-EF25-0002", "2026-06-01", partner=cls.customer_2)
        cls.unit_1 = cls.lot_1.warranty_ids
        cls.unit_2 = cls.lot_2.warranty_ids
        cls.unit_1.selling_partner_id = cls.dealer_a
        cls.unit_2.selling_partner_id = cls.dealer_b

    @classmethod
    def _portal_user(cls, login, name, company, head=False):
        user = new_test_user(cls.env, login=login, groups="base.group_portal", name=name)
        user.partner_id.write(
            {
                "parent_id": company.id,
                "aftersales_dealer_office_head": head,
                "email": login + "@example.com",
            }
        )
        return user

    def _portal_request(self, user=None, unit=None, qty=1.0):
        user = user or self.staff_a
        unit = unit or self.unit_1
        return self.env["aftersales.warranty.part.request"]._aftersales_portal_create(
            user, unit, [(self.part_frame, qty)]
        )
