# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_parts import WarrantyPartsCommon

WARRANTY_TYPES = ("warranty_part", "non_standard_part", "emergency_purchase")


@tagged("post_install", "-at_install")
class TestDefaultRulesPerCompany(WarrantyPartsCommon):
    """The default approval rules (readme/CONFIGURE.md, "Warranty part approval thresholds") are
    not only the main company's: every company gets them."""

    def _bands(self, company):
        rules = self.env["aftersales.approval.rule"].search(
            [("company_id", "=", company.id), ("document_type", "in", WARRANTY_TYPES)]
        )
        return sorted(
            (
                rule.document_type,
                rule.amount_from,
                rule.amount_from_included,
                rule.no_upper_limit or rule.amount_to,
                tuple(rule.step_ids.sorted("sequence").mapped("group_id.id")),
                tuple(rule.step_ids.sorted("sequence").mapped("mode")),
            )
            for rule in rules
        )

    def test_new_company_gets_default_rules(self):
        main = self.env.ref("base.main_company")
        self.assertEqual(len(self._bands(main)), 7)
        company = self.env["res.company"].create({"name": "Southern Forklift Service Test"})
        self.assertEqual(self._bands(company), self._bands(main))
        # the copies belong to the new company: its requests find them
        rules = self.env["aftersales.approval.rule"]._get_applicable_rules(
            "warranty_part", 2001, company
        )
        self.assertEqual(rules.company_id, company)
        self.assertEqual(
            set(rules.step_ids.group_id), {self.groups["service_vp"], self.groups["supply_vp"]}
        )
        # the service-price rules of aftersales_repair are seeded the same way
        Rule = self.env["aftersales.approval.rule"]
        for document_type in ("repair_price", "repair_waiver"):
            main_count = Rule.search_count(
                [("company_id", "=", main.id), ("document_type", "=", document_type)]
            )
            self.assertEqual(
                Rule.search_count(
                    [("company_id", "=", company.id), ("document_type", "=", document_type)]
                ),
                main_count,
            )

    def test_seeding_is_idempotent_and_keeps_edits(self):
        company = self.env["res.company"].create({"name": "Northern Forklift Service Test"})
        Rule = self.env["aftersales.approval.rule"]
        edited = Rule.search(
            [("company_id", "=", company.id), ("document_type", "=", "warranty_part")]
        )
        edited[:1].amount_to = 600
        self.assertFalse(Rule._aftersales_warranty_seed_companies(company))
        self.assertEqual(len(self._bands(company)), 7)
        self.assertIn(600, Rule.search([("company_id", "=", company.id)]).mapped("amount_to"))


@tagged("post_install", "-at_install")
class TestEmergencyPurchase(WarrantyPartsCommon):
    """(readme/CONFIGURE.md, "Warranty part approval thresholds") An emergency local purchase on
    site is approved by its UNIT price (up to 500: Service-centre head and Quality Manager, then
    the Service VP confirms; above 500 the Supply VP too) and reimbursed with the invoice within 30
    days."""

    def _emergency(self, unit_price, qty=1.0, **vals):
        part = self._part_costing(unit_price, qty=0.0)
        vals.setdefault("vendor_id", self.vendor.id)
        return self._request(part=part, qty=qty, supply_method="emergency_purchase", **vals)

    def test_bands_by_unit_price_not_amount(self):
        base = {"service_centre_head", "quality_manager", "service_vp"}
        for unit_price, qty, expected in (
            (499, 3.0, base),
            (500, 3.0, base),
            (501, 1.0, base | {"supply_vp"}),
            (2001, 1.0, base | {"supply_vp"}),
        ):
            with self.subTest(unit_price=unit_price):
                request = self._emergency(unit_price, qty=qty)
                self.assertEqual(request.amount_total, unit_price * qty)
                request.action_submit()
                self.assertEqual(self._required_groups(request), expected)

    def test_vendor_required(self):
        request = self._emergency(100, vendor_id=False)
        with self.assertRaisesRegex(UserError, "local supplier"):
            request.action_submit()

    @freeze_time("2026-11-20 10:00:00")
    def test_receipt_after_confirmation_then_invoice_due_in_30_days(self):
        request = self._emergency(400, qty=2.0)
        request.action_submit()
        self._approve_all(request, [self.head, self.quality_manager])
        self.assertFalse(request.picking_ids, "the Service VP confirms last")
        request.with_user(self.service_vp).action_approve()
        picking = request.picking_ids
        self.assertEqual(picking.picking_type_code, "incoming")
        self.assertEqual(picking.location_id.usage, "supplier")
        self.assertEqual(picking.location_dest_id.usage, "customer")
        self.assertEqual(picking.partner_id, self.vendor)
        self.assertEqual(picking.move_ids.product_uom_qty, 2.0)
        self.assertEqual(picking.move_ids.price_unit, 400.0)
        # nothing leaves the spare-parts stock
        self.assertNotIn(self.stock_location, picking.move_ids.location_id)
        picking.move_ids.quantity = 2.0
        picking.move_ids.picked = True
        picking.with_user(self.clerk).button_validate()
        self.assertEqual(request.state, "issued")
        self.assertEqual(request.invoice_due_date, date(2026, 12, 20))
        activity = request.activity_ids.filtered(lambda a: a.user_id == self.technician)
        self.assertEqual(activity.date_deadline, date(2026, 12, 20))
        # the defective part is expected back like any warranty part
        self.assertEqual(request.return_ids.quantity, 2.0)
        self.assertEqual(request.return_ids.date_due, date(2026, 11, 23))


@tagged("post_install", "-at_install")
class TestAmountCannotBeLowered(WarrantyPartsCommon):
    def test_stock_issue_valued_at_cost_on_submit(self):
        """The technician lowering the unit cost of a 610 controller does not dodge the
        Quality Manager: parts from stock are valued at their cost when submitted."""
        request = self._request(part=self.part_controller)
        request.line_ids.with_user(self.technician).unit_cost = 100.0
        self.assertEqual(request.amount_total, 100.0)
        request.with_user(self.technician).action_submit()
        self.assertEqual(request.amount_total, 610.0)
        self.assertEqual(self._required_groups(request), {"quality_manager"})
