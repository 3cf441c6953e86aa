# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common_parts import WarrantyPartsCommon

# roles beyond the suite's own groups (found from their XML ids) that use the same database
OTHER_ROLES = (
    "base.group_user",
    "stock.group_stock_user",
    "account.group_account_invoice",
    "base.group_portal",
)


@tagged("post_install", "-at_install")
class TestPartRequestApprovalCannotBeBypassed(WarrantyPartsCommon):
    """Issue 14 point 1 on warranty part requests and emergency purchases, as the role that
    tried it over RPC."""

    def test_head_cannot_approve_a_request_he_created(self):
        # created and submitted by the head in the technician's name, requester rewritten
        request = self._request(user=self.head, requester_id=self.technician.id)
        request.with_user(self.head).action_submit()
        with self.assertRaisesRegex(UserError, "set by the approval process only"):
            request.with_user(self.head).write({"approval_requested_by_id": self.technician.id})
        with self.assertRaisesRegex(UserError, "your own request"):
            request.with_user(self.head).action_approve()
        self.assertFalse(request.with_user(self.head).approval_can_review)
        # submitted by someone else, created by the head: still his request
        request = self._request(user=self.head, requester_id=self.technician.id)
        request.with_user(self.technician).action_submit()
        with self.assertRaisesRegex(UserError, "your own request"):
            request.with_user(self.head).action_approve()
        self.assertFalse(request.picking_ids)
        self.assertEqual(request.state, "to_approve")

    def test_state_cannot_be_written_to_approved(self):
        request = self._request()
        for state in ("to_approve", "approved", "issued"):
            with self.subTest(state=state), self.assertRaisesRegex(UserError, "approval process"):
                request.with_user(self.technician).write({"state": state})
        with self.assertRaisesRegex(UserError, "approval process"):
            self._request(state="approved")
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.picking_ids)

    def test_clerk_cannot_issue_more_than_approved(self):
        part = self._part_costing(499)
        request = self._request(part=part)
        request.with_user(self.technician).action_submit()
        request.with_user(self.head).action_approve()
        picking = self.env["stock.picking"].browse(request.picking_ids.ids)
        picking.move_ids.quantity = 3.0
        picking.move_ids.picked = True
        with self.assertRaisesRegex(UserError, r"approved for 1 Units of .*499.*3 Units"):
            picking.with_user(self.clerk).button_validate()
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(request.state, "approved")
        # another part added to the transfer is refused too
        picking.move_ids.quantity = 1.0
        self.env["stock.move"].create(
            {
                "name": "extra",
                "picking_id": picking.id,
                "product_id": self.part_seal.id,
                "product_uom_qty": 1.0,
                "quantity": 1.0,
                "picked": True,
                "location_id": picking.location_id.id,
                "location_dest_id": picking.location_dest_id.id,
            }
        )
        with self.assertRaisesRegex(UserError, "was not approved on request"):
            picking.with_user(self.clerk).button_validate()
        picking.move_ids.filtered(lambda m: m.product_id == self.part_seal).unlink()
        self._issue(request)
        self.assertEqual(request.state, "issued")
        self.assertEqual(request.line_ids.issued_qty, 1.0)

    def test_emergency_receipt_over_approved_refused(self):
        part = self._part_costing(400, qty=0.0)
        request = self._request(
            part=part, supply_method="emergency_purchase", vendor_id=self.vendor.id
        )
        request.with_user(self.technician).action_submit()
        self._approve_all(request, [self.head, self.quality_manager, self.service_vp])
        picking = self.env["stock.picking"].browse(request.picking_ids.ids)
        picking.move_ids.quantity = 2.0
        picking.move_ids.picked = True
        with self.assertRaisesRegex(UserError, "approved for 1 Units"):
            picking.with_user(self.clerk).button_validate()
        self.assertEqual(request.state, "approved")

    def test_negative_cost_and_amount_without_rule_refused(self):
        part = self._part_costing(100, qty=0.0)
        request = self._request(
            part=part, supply_method="emergency_purchase", vendor_id=self.vendor.id
        )
        with self.assertRaisesRegex(UserError, "cannot be negative"):
            request.line_ids.with_user(self.technician).unit_cost = -1000.0
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.picking_ids)
        request.line_ids.unit_cost = 100.0
        self.env["aftersales.approval.rule"].search(
            [("document_type", "=", "emergency_purchase")]
        ).active = False
        with self.assertRaisesRegex(UserError, "configure a rule for this amount"):
            request.with_user(self.technician).action_submit()
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.picking_ids)
        self.assertEqual(request.approval_request_state, "none")

    def test_restart_refused_once_issued(self):
        request = self._issued_request()
        with self.assertRaisesRegex(UserError, "cannot be restarted"):
            request.with_user(self.manager).action_restart_approval()
        self.assertEqual(request.state, "issued")
        self.assertEqual(request.approval_state, "approved")


@tagged("post_install", "-at_install")
class TestApprovalOwnedFieldsMatrix(WarrantyPartsCommon):
    """Issue 14 test (b): for every model using the approval mechanism, every field the
    mechanism owns, written by every role of the suite (and the other roles of the
    database), is refused and left unchanged."""

    def _pending_repair(self):
        repair = (
            self.env["repair.order"]
            .with_user(self.frontdesk)
            .create(
                {
                    "partner_id": self.customer.id,
                    "product_id": self.product_unit.id,
                    "service_category": "paid",
                    "labour_ids": [
                        Command.create(
                            {"product_id": self.product_labour.id, "hours": 1.0, "price_unit": 700}
                        )
                    ],
                }
            )
        )
        repair.with_user(self.frontdesk).action_request_approval()
        return repair

    def _pending_part_request(self):
        request = self._request()
        request.with_user(self.technician).action_submit()
        return request

    def _pending_trip(self):
        """A trip whose parts wait for the manager's approval (aftersales_repair,
        readme/CONFIGURE.md, "Trip parts requisition")."""
        self.company.aftersales_requisition_approval = True
        repair = self.env["repair.order"].create(
            {
                "partner_id": self.customer.id,
                "product_id": self.product_unit.id,
                "user_id": self.technician.id,
                "service_category": "free",
            }
        )
        trip = self.env["aftersales.dispatch"].create(
            {
                "repair_id": repair.id,
                "technician_ids": [Command.set(self.technician.ids)],
                "planned_start": "2026-11-24 09:00:00",
                "planned_end": "2026-11-24 12:00:00",
            }
        )
        trip.with_user(self.technician)._aftersales_request_parts([(self.part_seal, 1.0)])
        trip.with_user(self.technician).action_request_approval()
        return trip

    def _other_value(self, record, fname):
        field = record._fields[fname]
        if field.type == "selection":
            values = [v for v, _label in field._description_selection(self.env)]
            return next(v for v in values if v != record[fname])
        if field.type == "many2one":
            return self.manager.id if record[fname] != self.manager else self.head.id
        if field.type in ("one2many", "many2many"):
            return [Command.clear()]
        if field.type == "datetime":
            return fields.Datetime.now()
        if field.type == "date":
            return fields.Date.today()
        raise AssertionError(f"no test value for {field.type} field {fname}")

    def test_every_owned_field_refused_to_every_role(self):
        factories = {
            "repair.order": self._pending_repair,
            "aftersales.warranty.part.request": self._pending_part_request,
            "aftersales.dispatch": self._pending_trip,
        }
        models = {
            name
            for name in self.env.registry["aftersales.approval.mixin"]._inherit_children
            if not self.env.registry[name]._abstract
        }
        self.assertFalse(
            models - set(factories),
            "a new model uses the approval mechanism: add it to this test",
        )
        xmlids = self.env["ir.model.data"].search(
            [("model", "=", "res.groups"), ("module", "=like", "aftersales_%")]
        )
        roles = [f"{x.module}.{x.name}" for x in xmlids] + list(OTHER_ROLES)
        users = [
            new_test_user(self.env, login=f"matrix_{i}", groups=role)
            for i, role in enumerate(roles)
        ]
        cells = 0
        for model in sorted(models):
            record = factories[model]()
            owned = record._approval_owned_fields()
            self.assertTrue({"approval_request_state", "approval_requested_by_id"} <= set(owned))
            before = {fname: record[fname] for fname in owned}
            for role, user in zip(roles, users, strict=True):
                for fname in owned:
                    value = self._other_value(record, fname)
                    # AccessError is a UserError: either refusal counts
                    with (
                        self.subTest(model=model, role=role, field=fname),
                        self.assertRaises(UserError),
                    ):
                        record.with_user(user).write({fname: value})
                    cells += 1
            record.invalidate_recordset()
            self.assertEqual({fname: record[fname] for fname in owned}, before)
            self.assertEqual(record.approval_state, "pending")
        self.assertGreaterEqual(cells, len(roles) * 8)
