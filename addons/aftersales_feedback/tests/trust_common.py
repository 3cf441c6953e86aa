# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user

from odoo.addons.aftersales_repair.tests.billing_common import BillingCommon
from odoo.addons.aftersales_warranty.tests.common_parts import WarrantyPartsCommon
from odoo.addons.aftersales_warranty.tests.warranty_common import WarrantyCommon

from .common import FeedbackCommon


class TrustCommon(FeedbackCommon, WarrantyPartsCommon, WarrantyCommon, BillingCommon):
    """Every role of the suite with the documents of all three add-ons (issue 14)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot_sold = cls._deliver("TRUST-0001", "2025-06-01 10:00:00")
        cls.warranty = cls.lot_sold.warranty_ids
        cls.repair_done = cls._done_repair(serial="TRUST-REP-1")
        cls.company_b = cls.env["res.company"].create({"name": "Trust Company B"})
        cls.manager_b = new_test_user(
            cls.env,
            login="trust_manager_b",
            groups="aftersales_repair.aftersales_group_manager",
            company_id=cls.company_b.id,
            company_ids=[cls.company_b.id],
        )
        cls.portal_contact = cls.env["res.partner"].create(
            {
                "name": "Trust Portal Contact",
                "parent_id": cls.customer.id,
                "email": "p@example.com",
            }
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="trust_portal",
            groups="base.group_portal",
            partner_id=cls.portal_contact.id,
        )
