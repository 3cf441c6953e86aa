# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .trust_common import TrustCommon


@tagged("post_install", "-at_install")
class TestTrustBounds(TrustCommon):
    """Issue 14 point 4: bad input gets a clear message, never a crash."""

    @contextmanager
    def _refused(self, pattern):
        """ValidationError matching ``pattern``; what the refused call wrote is rolled back as
        RPC rolls it back, so that the test sees what the database kept."""
        with self.assertRaisesRegex(ValidationError, pattern), self.env.cr.savepoint():
            yield

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

    def test_feedback_numbers_and_names_bounded(self):
        """Callback plans, survey campaigns and the company's survey targets: no negative
        number, no percentage above 100, no blank name."""
        plan = self.env["aftersales.callback.plan"].with_user(self.manager).create({"name": "P"})
        with self._refused("cannot be negative"):
            plan.with_user(self.manager).catch_up_days = -1
        with self._refused("cannot be blank"):
            plan.with_user(self.manager).write({"name": "  ", "catch_up_days": 5})
        self.env.invalidate_all()  # read what the database kept
        self.assertEqual((plan.name, plan.catch_up_days), ("P", 30))
        Campaign = self.env["aftersales.survey.campaign"].with_user(self.manager)
        with self._refused("cannot be blank"):
            Campaign.create({"name": " "})
        campaign = Campaign.create({"name": "Spring"})
        with self._refused("from 0.0 to 100.0"):
            campaign.with_user(self.manager).target_rate = 150.0
        with self._refused("from 0.0 to 100.0"):
            campaign.with_user(self.manager).satisfied_score = -1.0
        with self._refused("cannot be blank"):
            self.env["aftersales.survey.campaign.action"].with_user(self.manager).create(
                {"campaign_id": campaign.id, "item": "price", "name": "\t"}
            )
        admin = new_test_user(self.env, login="bounds_admin", groups="base.group_erp_manager")
        company = self.env.company.with_user(admin)
        with self._refused("from 0.0 to 100.0"):
            company.aftersales_survey_target_rate = 101.0
        with self._refused("from 0.0 to 100.0"):
            company.aftersales_survey_satisfied_score = -5.0
        self.env.invalidate_all()  # read what the database kept
        self.assertEqual(self.env.company.aftersales_survey_target_rate, 75.0)

    def test_repair_names_not_blank(self):
        """Service centres, SLA policies, approval rules, solutions and intake items need a
        name that is not blank, as the lowest role that edits them."""
        centre = self.env["aftersales.service.centre"].with_user(self.manager)
        with self._refused("cannot be blank"):
            centre.create({"name": "   "})
        # in the user's language, with no web request to tell it
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["aftersales_repair"], ["zh_CN"])
        with self._refused("不能为空。请输入文字。"):
            centre.with_context(lang="zh_CN").create({"name": "   "})
        for model in ("aftersales.sla.policy", "aftersales.approval.rule"):
            record = self.env[model].search([("company_id", "in", [self.env.company.id])], limit=1)
            self.assertTrue(record, model)
            name = record.name
            with self._refused("cannot be blank"):
                record.with_user(self.manager).name = " "
            self.env.invalidate_all()  # read what the database kept
            self.assertEqual(record.name, name)
        with self._refused("cannot be blank"):
            self.env["aftersales.kb.solution"].with_user(self.technician).create({"name": " "})
        repair = self._create_repair(parts=[])
        with self._refused("cannot be blank"):
            self.env["aftersales.repair.intake.item"].with_user(self.frontdesk).create(
                {"repair_id": repair.id, "name": "  "}
            )
        self.env.invalidate_all()  # read what the database kept
        self.assertFalse(repair.intake_item_ids)

    def test_warranty_numbers_and_names_bounded(self):
        """A usage reading, a requested part's unit cost, policy and promotion names."""
        repair = self._create_repair(parts=[])
        with self._refused("cannot be negative"):
            repair.with_user(self.frontdesk).usage_reading = -5.0
        self.env.invalidate_all()  # read what the database kept
        self.assertEqual(repair.usage_reading, 0.0)
        request = self._request()
        with self._refused("cannot be negative"):
            request.line_ids.with_user(self.technician).unit_cost = -1.0
        with self._refused("cannot be blank"):
            self.policy.with_user(self.manager).name = "  "
        line = self.warranty.line_ids[:1]
        self.assertTrue(line)
        with self._refused("cannot be blank"):
            line.with_user(self.manager).name = " "
        with self._refused("cannot be blank"):
            self.env["aftersales.warranty.promotion"].with_user(self.manager).create(
                {
                    "policy_id": self.policy.id,
                    "name": " ",
                    "date_from": "2026-01-01",
                    "date_to": "2026-12-31",
                    "extra_months": 6,
                }
            )
