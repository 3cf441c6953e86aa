# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common_parts import WarrantyPartsCommon

MANAGER = "aftersales_repair.aftersales_group_manager"


@tagged("post_install", "-at_install")
class TestPartsRequisition(WarrantyPartsCommon):
    """Issue 19 point 4 (§4): parts for a trip or posted to a customer need a signed requisition
    approved by the manager (readme/CONFIGURE.md, "Parts requisition for trips and posted
    parts"). The technician requests the parts for the trip; the warehouse cannot issue them
    before the After-Sales Manager approved, in addition to the approvers of the amount."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.aftersales_requisition_approval = True
        lot = cls._create_serial("EF25-RQ-0001")
        cls.repair = cls.env["repair.order"].create(
            {
                "partner_id": cls.customer.id,
                "product_id": cls.product_unit.id,
                "lot_id": lot.id,
                "user_id": cls.technician.id,
                "service_mode": "on_site",
                "service_category": "free",
            }
        )
        cls.trip = cls.env["aftersales.dispatch"].create(
            {
                "repair_id": cls.repair.id,
                "technician_ids": [Command.set(cls.technician.ids)],
                "planned_start": datetime(2026, 11, 24, 9, 0),
                "planned_end": datetime(2026, 11, 24, 12, 0),
            }
        )

    def _trip_request(self, **vals):
        request = self._request(repair_id=self.repair.id, dispatch_id=self.trip.id, **vals)
        request.with_user(self.technician).action_submit()
        return request

    def _review_types(self, request):
        reviews = request.approval_review_ids.filtered(lambda r: r.status != "cancelled")
        return {(r.document_type, r.group_id.get_external_id()[r.group_id.id]) for r in reviews}

    def test_default_is_the_regulation(self):
        company = self.env["res.company"].create({"name": "Requisition Test Co"})
        self.assertTrue(company.aftersales_requisition_approval)
        rule = self.env["aftersales.approval.rule"].search(
            [("company_id", "=", company.id), ("document_type", "=", "part_requisition")]
        )
        self.assertEqual(len(rule), 1)
        self.assertEqual(rule.step_ids.group_id, self.env.ref(MANAGER))
        self.assertTrue(rule._matches_amount(0.0))

    def test_trip_parts_wait_for_the_manager(self):
        request = self._trip_request()
        self.assertEqual(request.state, "to_approve")
        self.assertEqual(
            self._review_types(request),
            {
                ("warranty_part", "aftersales_repair.aftersales_group_service_centre_head"),
                ("part_requisition", MANAGER),
            },
        )
        # the warehouse has nothing to issue before every approval, the manager's included
        with self.assertRaisesRegex(UserError, "no transfer waiting to be issued"):
            request.with_user(self.clerk).action_issue()
        with self.assertRaisesRegex(UserError, "not an approver"):
            request.with_user(self.quality_manager).action_approve()
        request.with_user(self.manager).action_approve()
        self.assertEqual(request.state, "to_approve", "the amount's approver still has to sign")
        self.assertFalse(request.picking_ids)
        with self.assertRaisesRegex(UserError, "no transfer waiting to be issued"):
            request.with_user(self.clerk).action_issue()
        request.with_user(self.head).action_approve()
        self.assertEqual(request.state, "approved")
        request.with_user(self.clerk).action_issue()
        self._issue(request)
        self.assertEqual(request.state, "issued")

    def test_manager_alone_does_not_issue_the_amount(self):
        """The amount's approvers still sign: the manager's approval comes in addition."""
        request = self._trip_request()
        request.with_user(self.head).action_approve()
        # the service-centre head holds the After-Sales Manager's role too: one click approves
        # both steps (a different user per rule, as the engine requires)
        self.assertEqual(request.state, "approved")
        self.assertEqual(set(request.approval_review_ids.mapped("done_by_id")), {self.head})

    def test_posted_parts_need_the_manager(self):
        request = self._request(delivery_mode="ship_customer", customer_id=self.customer.id)
        request.with_user(self.technician).action_submit()
        self.assertIn(("part_requisition", MANAGER), self._review_types(request))
        # parts handed over for the workshop: the amount's approvers only
        counter = self._request()
        counter.with_user(self.technician).action_submit()
        self.assertEqual({t for t, _g in self._review_types(counter)}, {"warranty_part"})

    def test_changing_the_delivery_asks_again(self):
        request = self._request()
        request.with_user(self.technician).action_submit()
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            request.with_user(self.technician).write({"delivery_mode": "ship_customer"})

    def test_setting_off(self):
        self.company.aftersales_requisition_approval = False
        request = self._trip_request()
        self.assertEqual({t for t, _g in self._review_types(request)}, {"warranty_part"})

    def test_trip_of_another_repair_refused(self):
        other = self.env["repair.order"].create(
            {
                "partner_id": self.customer.id,
                "product_id": self.product_unit.id,
                "lot_id": self._create_serial("EF25-RQ-0002").id,
            }
        )
        with self.assertRaisesRegex(ValidationError, "choose that trip's repair"):
            self._request(repair_id=other.id, dispatch_id=self.trip.id)
        form = Form(self.env["aftersales.warranty.part.request"].with_user(self.technician))
        form.dispatch_id = self.trip
        self.assertEqual(form.repair_id, self.repair)

    def test_requisition_printout_shows_the_approval_and_signature_line(self):
        request = self._trip_request()
        request.with_user(self.manager).action_approve()
        request.with_user(self.head).action_approve()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.technician)
            ._render_qweb_html("aftersales_warranty.action_report_parts_requisition", request.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Parts Requisition", html)
        self.assertIn(self.trip.name, html)
        self.assertIn("Parts Requisition (trip or posted)", html)
        self.assertIn(self.manager.name, html)
        self.assertIn("Decided On", html)
        review = request.approval_review_ids.filtered(lambda r: r.done_by_id == self.manager)
        self.assertTrue(review.done_date)
        self.assertIn("Requester&#39;s signature", html.replace("'", "&#39;"))
        self.assertIn(self.technician.name, html)
