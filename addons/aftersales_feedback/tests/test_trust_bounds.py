# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .trust_common import TrustCommon


@tagged("post_install", "-at_install")
class TestTrustBounds(TrustCommon):
    """Issue 14 point 4: bad input gets a clear message, never a crash."""

    def test_policy_of_ten_million_months_refused(self):
        """A warranty policy of 10,000,000 months crashed with ValueError."""
        Policy = self.env["aftersales.warranty.policy"].with_user(self.manager)
        with self.assertRaisesRegex(ValidationError, "between 1 and 1,200 months"):
            Policy.create(
                {
                    "name": "Forever",
                    "categ_id": self.categ_part.id,
                    "period_months": 10_000_000,
                }
            )
        with self.assertRaisesRegex(ValidationError, "between 1 and 1,200 months"):
            self.policy.with_user(self.manager).line_ids[:1].period_months = 1201
        self.policy.with_user(self.manager).period_months = 1200  # the bound itself is fine

    def test_delivery_in_year_9999_refused(self):
        """A delivery on 9999-12-31 crashed with ValueError."""
        with self.assertRaisesRegex(ValidationError, "between 1900 and 2200"):
            self.warranty.with_user(self.manager).delivery_date = "9999-12-31"

    def test_warranty_without_serial_refused(self):
        """A warranty without a serial crashed with KeyError."""
        with self.assertRaisesRegex(ValidationError, "serial number"):
            self.env["aftersales.warranty"].with_user(self.manager).create(
                {"product_id": self.product_unit.id, "partner_id": self.customer.id}
            )

    def test_promotion_months_bounded(self):
        with self.assertRaisesRegex(ValidationError, "1 to 1,200 months"):
            self.env["aftersales.warranty.promotion"].with_user(self.manager).create(
                {
                    "policy_id": self.policy.id,
                    "name": "Too long",
                    "date_from": "2026-01-01",
                    "date_to": "2026-12-31",
                    "extra_months": 5000,
                }
            )

    def test_purchase_date_not_after_intake(self):
        repair = self._create_repair(parts=[], intake_date="2026-03-02 09:00:00")
        with self.assertRaisesRegex(ValidationError, "correct the purchase date"):
            repair.with_user(self.frontdesk).purchase_date = "2026-03-05"
        repair.with_user(self.frontdesk).purchase_date = "2026-03-02"

    def test_negative_trip_expenses_refused(self):
        trip = self.env["aftersales.dispatch"].create(
            {
                "repair_id": self._create_repair(parts=[]).id,
                "technician_ids": [Command.set(self.technician.ids)],
                "planned_start": "2026-03-02 09:00:00",
                "planned_end": "2026-03-02 11:00:00",
            }
        )
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            trip.with_user(self.technician).expense_amount = -50.0

    def test_negative_supplier_claim_cost_refused(self):
        Claim = self.env["aftersales.supplier.claim"].with_user(self.manager)
        values = {"partner_id": self.vendor.id, "product_id": self.part_seal.id}
        with self.assertRaisesRegex(ValidationError, "positive quantity"):
            Claim.create(dict(values, unit_cost=-1000.0))
        with self.assertRaisesRegex(ValidationError, "positive quantity"):
            Claim.create(dict(values, quantity=-1.0))

    def test_delivery_not_after_the_failure(self):
        Report = self.env["aftersales.failure.report"]
        report = Report.search([("repair_id", "=", self.repair_done.id)]) or Report.create(
            {"repair_id": self.repair_done.id}
        )
        report.failure_date = "2026-03-02"
        with self.assertRaisesRegex(ValidationError, "correct the delivery date"):
            report.with_user(self.manager).delivery_date = "2026-04-01"

    def test_blank_required_text_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be blank"):
            self._complaint(subject="   ")
        with self.assertRaisesRegex(ValidationError, "not blank"):
            self.env["aftersales.fault.code"].with_user(self.manager).create(
                {"name": "Leak", "code": "  "}
            )
