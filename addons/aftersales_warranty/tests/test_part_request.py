# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common_parts import WarrantyPartsCommon

WARRANTY_BANDS = {
    499: {"service_centre_head"},
    500: {"service_centre_head"},
    501: {"quality_manager"},
    999: {"quality_manager"},
    1000: {"quality_manager"},
    1001: {"quality_manager"},
    1999: {"quality_manager"},
    2000: {"quality_manager"},
    2001: {"service_vp", "supply_vp"},
}
NON_STANDARD_LOW = {"service_centre_head", "quality_manager", "service_vp"}
NON_STANDARD_HIGH = NON_STANDARD_LOW | {"sales_vp", "supply_vp"}


@tagged("post_install", "-at_install")
class TestWarrantyApprovalRules(WarrantyPartsCommon):
    """(readme/CONFIGURE.md, "Warranty part approval thresholds") The default rules at and around
    each boundary."""

    def test_warranty_part_bands(self):
        for amount, expected in WARRANTY_BANDS.items():
            with self.subTest(amount=amount):
                part = self._part_costing(amount)
                request = self._request(part=part)
                self.assertEqual(request.amount_total, amount)
                request.action_submit()
                self.assertEqual(request.state, "to_approve")
                self.assertEqual(self._required_groups(request), expected)

    def test_non_standard_part_bands(self):
        for amount in (499, 500, 501, 999, 1000, 1001, 1999, 2000, 2001):
            expected = NON_STANDARD_LOW if amount <= 1000 else NON_STANDARD_HIGH
            with self.subTest(amount=amount):
                part = self._part_costing(amount)
                request = self._request(part=part, part_type="non_standard")
                request.action_submit()
                self.assertEqual(self._required_groups(request), expected)

    def test_amount_is_quantity_times_cost(self):
        request = self._request(part=self._part_costing(250), qty=2.0)
        self.assertEqual(request.amount_total, 500.0)
        request.action_submit()
        self.assertEqual(self._required_groups(request), {"service_centre_head"})
        request = self._request(part=self._part_costing(250.5, name="Odd"), qty=2.0)
        request.action_submit()
        self.assertEqual(self._required_groups(request), {"quality_manager"})

    def test_emergency_purchase_bands_by_unit_price(self):
        Rule = self.env["aftersales.approval.rule"]
        names = {group: name for name, group in self.groups.items()}
        for amount in (499, 500, 501, 999, 1000, 1001, 1999, 2000, 2001):
            rules = Rule._get_applicable_rules("emergency_purchase", amount, self.company)
            self.assertEqual(len(rules), 1, amount)
            steps = rules.step_ids.sorted("sequence")
            expected = {"service_centre_head", "quality_manager"}
            if amount > 500:
                expected.add("supply_vp")
            first = steps.filtered(lambda s: s.group_id != self.groups["service_vp"])
            self.assertEqual({names[s.group_id] for s in first}, expected, amount)
            # the Service VP confirms, after the others (a sequential last step)
            self.assertEqual(steps[-1].group_id, self.groups["service_vp"])
            self.assertEqual(steps[-1].mode, "sequential")
            self.assertTrue(all(s.mode == "parallel" for s in steps[1:-1]))

    def test_emergency_purchase_service_vp_confirms_last(self):
        """Service VP's step opens only after the head and the quality manager approved."""
        Rule = self.env["aftersales.approval.rule"]
        domain = [("company_id", "=", self.company.id)]
        Rule.search(domain + [("document_type", "=", "warranty_part")]).active = False
        Rule.search(
            domain + [("document_type", "=", "emergency_purchase")]
        ).document_type = "warranty_part"
        request = self._request(part=self._part_costing(400))
        request.action_submit()
        reviews = request.approval_review_ids
        vp = reviews.filtered(lambda r: r.group_id == self.groups["service_vp"])
        self.assertEqual(vp.status, "waiting")
        with self.assertRaises(UserError):
            request.with_user(self.service_vp).action_approve()
        self._approve_all(request, [self.head, self.quality_manager])
        self.assertEqual(vp.status, "pending")
        self.assertFalse(request.picking_ids)
        request.with_user(self.service_vp).action_approve()
        self.assertTrue(request.picking_ids)


@tagged("post_install", "-at_install")
class TestWarrantyPartRequest(WarrantyPartsCommon):
    def test_issue_only_after_last_approval(self):
        part = self._part_costing(2500)
        request = self._request(part=part)
        request.action_submit()
        self.assertFalse(request.picking_ids, "nothing before approval")
        self.assertEqual(self.env["stock.move"].search_count([("product_id", "=", part.id)]), 0)
        request.with_user(self.service_vp).action_approve()
        self.assertFalse(request.picking_ids, "one of two approvals is not enough")
        self.assertEqual(request.approval_state, "pending")
        request.with_user(self.supply_vp).action_approve()
        self.assertEqual(request.approval_state, "approved")
        self.assertEqual(request.state, "approved")
        picking = request.picking_ids
        self.assertEqual(len(picking), 1)
        self.assertEqual(picking.picking_type_code, "outgoing")
        self.assertEqual(picking.location_id, self.stock_location)
        self.assertEqual(picking.move_ids.product_id, part)
        self.assertEqual(picking.move_ids.product_uom_qty, 1.0)
        self.assertIn(picking.state, ("confirmed", "assigned"))
        self._issue(request)
        self.assertEqual(picking.state, "done")
        self.assertEqual(request.state, "issued")
        self.assertEqual(len(request.return_ids), 1)

    def test_own_request_approval_refused(self):
        request = self._request(user=self.head, technician_id=self.technician.id)
        request.with_user(self.head).action_submit()
        with self.assertRaisesRegex(UserError, "your own request"):
            request.with_user(self.head).action_approve()
        self.assertFalse(request.picking_ids)
        # named as requester, submitted by the technician: still refused
        request = self._request(requester_id=self.head.id)
        request.with_user(self.technician).action_submit()
        with self.assertRaisesRegex(UserError, "your own request"):
            request.with_user(self.head).action_approve()

    def test_approve_twice_and_without_group(self):
        request = self._request(part=self._part_costing(3000))
        request.action_submit()
        with self.assertRaises(UserError):
            request.with_user(self.technician_2).action_approve()
        with self.assertRaises(UserError):
            request.with_user(self.quality_manager).action_approve()
        request.with_user(self.service_vp).action_approve()
        with self.assertRaises(UserError):
            request.with_user(self.service_vp).action_approve()
        self.assertEqual(request.approval_state, "pending")
        self.assertFalse(request.picking_ids)

    def test_reapproval_after_quantity_change(self):
        part = self._part_costing(300)
        request = self._request(part=part)
        request.action_submit()
        request.with_user(self.head).action_approve()
        picking = request.picking_ids
        self.assertEqual(request.state, "approved")
        # while waiting for the warehouse, the technician asks for two
        request.line_ids.with_user(self.technician).quantity = 2.0
        self.assertEqual(picking.state, "cancel")
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.approval_state, "to_request")
        request.with_user(self.technician).action_submit()
        # 600: the quality manager now
        self.assertEqual(self._required_groups(request), {"quality_manager"})
        with self.assertRaises(UserError):
            request.line_ids.with_user(self.technician).quantity = 3.0
        request.with_user(self.quality_manager).action_approve()
        new_picking = request.picking_ids - picking
        self.assertEqual(new_picking.move_ids.product_uom_qty, 2.0)

    def test_reject_then_resubmit(self):
        request = self._request()
        request.action_submit()
        request.with_user(self.head).action_reject("Use the seal kit from the van.")
        self.assertEqual(request.state, "rejected")
        self.assertFalse(request.picking_ids)
        request.action_draft()
        self.assertEqual(request.state, "draft")

    def test_cancel_withdraws_the_approval(self):
        """A cancelled request leaves no review pending and no approval task open."""
        request = self._request(part=self._part_costing(2500))
        request.action_submit()
        reviews = request.approval_review_ids
        self.assertEqual(reviews.mapped("status"), ["pending", "pending"])
        tasks = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", request._name),
                    ("res_id", "=", request.id),
                    (
                        "activity_type_id",
                        "=",
                        self.env.ref("aftersales_approval.mail_activity_type_approval").id,
                    ),
                ]
            )
        )
        self.assertTrue(tasks.filtered("active"))
        request.with_user(self.technician).action_cancel()
        self.assertEqual(request.state, "cancel")
        self.assertEqual(reviews.mapped("status"), ["cancelled", "cancelled"])
        self.assertFalse(tasks.filtered("active"))
        self.assertTrue(
            request.message_ids.filtered(
                lambda m: "Request cancelled: the approvals are withdrawn." in m.body
            )
        )

    def test_coverage_justification_from_service(self):
        request = self._request()
        self.assertIn(self.serial.name, request.coverage_reason)
        self.assertFalse(request.coverage_source, "never registered: no coverage")

    def test_bad_input_no_parts_zero_quantity(self):
        request = self._request(line_ids=[])
        with self.assertRaisesRegex(UserError, "no parts"):
            request.action_submit()
        with self.assertRaisesRegex(ValidationError, "positive quantity"):
            self._request(qty=0.0)
        with self.assertRaisesRegex(ValidationError, "positive quantity"):
            self._request(qty=-1.0)

    def test_part_not_in_stock_can_be_approved_and_waits(self):
        part = self._part_costing(100, qty=0.0)
        request = self._request(part=part, qty=2.0)
        self.assertEqual(request.line_ids.free_qty, 0.0)
        self.assertFalse(request.line_ids.is_available)
        request.action_submit()
        request.with_user(self.head).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.picking_ids.state, "confirmed", "waits for stock")
        self.env["stock.quant"]._update_available_quantity(part, self.stock_location, 5.0)
        request.picking_ids.action_assign()
        self.assertEqual(request.picking_ids.state, "assigned")

    @freeze_time("2026-11-20 10:00:00")
    def test_dealer_shipping_due_in_two_working_days(self):
        self.company.resource_calendar_id = self.env.ref("resource.resource_calendar_std")
        request = self._request(
            recipient_type="dealer", dealer_id=self.dealer.id, delivery_mode="ship_dealer"
        )
        request.action_submit()
        request.with_user(self.head).action_approve()
        picking = request.picking_ids
        # Friday 20 November + 2 working days = Tuesday 24 November (weekend skipped)
        self.assertEqual(picking.scheduled_date.date(), date(2026, 11, 24))
        self.assertEqual(picking.partner_id, self.dealer)
        self.assertEqual(picking.location_dest_id.usage, "customer")
        deadline = self.env["aftersales.sla.deadline"].search(
            [("res_model", "=", request._name), ("res_id", "=", request.id)]
        )
        self.assertEqual(deadline.target_kind, "parts_shipping")
        self.assertEqual(deadline.deadline_datetime, picking.scheduled_date)
        self._issue(request)
        self.assertEqual(deadline.state, "met")

    def test_request_from_repair_covered_lines(self):
        repair = self.env["repair.order"].create(
            {
                "product_id": self.product_unit.id,
                "lot_id": self.serial.id,
                "partner_id": self.customer.id,
                "under_warranty": True,
                "user_id": self.technician.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.part_controller.id,
                            "product_uom_qty": 1.0,
                            "repair_line_type": "add",
                        }
                    )
                ],
            }
        )
        action = repair.action_aftersales_part_request()
        request = self.env["aftersales.warranty.part.request"].browse(action["res_id"])
        self.assertEqual(request.repair_id, repair)
        self.assertEqual(request.lot_id, self.serial)
        self.assertEqual(request.technician_id, self.technician)
        self.assertEqual(request.line_ids.product_id, self.part_controller)
        self.assertEqual(request.amount_total, 610.0)
        self.assertTrue(request.coverage_reason)
        with self.assertRaisesRegex(UserError, "no covered part line left"):
            repair.action_aftersales_part_request()

    def test_access_per_group(self):
        employee = new_test_user(self.env, login="wp_employee", groups="base.group_user")
        request = self._request()
        with self.assertRaises(AccessError):
            request.with_user(employee).read(["name"])
        # a technician creates and submits, the clerk reads and issues, cannot approve
        request.with_user(self.technician).action_submit()
        self.assertTrue(request.with_user(self.clerk).read(["amount_total"]))
        with self.assertRaises(UserError):
            request.with_user(self.clerk).action_approve()
        with self.assertRaises(AccessError):
            self._request().with_user(self.technician).unlink()
        request.with_user(self.head).action_approve()
        self._issue(request)
        self.assertEqual(request.state, "issued")
        part_return = request.return_ids
        with self.assertRaisesRegex(UserError, "Only Service staff"):
            part_return.with_user(self.technician).write({"service_note": "x"})
        with self.assertRaisesRegex(UserError, "Only Quality staff"):
            part_return.with_user(self.clerk).write({"failure_cause": "supplier"})
        with self.assertRaises(AccessError):
            self.env["aftersales.supplier.claim"].with_user(self.technician).create(
                {
                    "partner_id": self.vendor.id,
                    "product_id": self.part_seal.id,
                    "quantity": 1.0,
                }
            )
