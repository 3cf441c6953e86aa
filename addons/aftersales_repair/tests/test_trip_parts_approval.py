# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .workshop_common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestTripPartsApproval(WorkshopCommon):
    """Issue 19 point 4 (§4): parts for a trip need a signed requisition approved by the manager
    (readme/CONFIGURE.md, "Trip parts requisition"). The technician requests the parts on the
    trip and asks the approval; the warehouse cannot issue them before the After-Sales Manager
    approved; parts coming back are never held."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.aftersales_requisition_approval = True
        cls.warehouse_user = new_test_user(
            cls.env, login="tpa_warehouse", groups="stock.group_stock_user"
        )
        warehouse = cls.env.ref("stock.warehouse0")
        cls.van = cls.env["stock.location"].create(
            {"name": "Van 2", "usage": "internal", "location_id": warehouse.view_location_id.id}
        )
        cls.company.aftersales_trip_location_id = cls.van
        cls.repair = cls._create_repair(parts=[], service_mode="on_site")
        cls.trip = cls.env["aftersales.dispatch"].create(
            {
                "repair_id": cls.repair.id,
                "technician_ids": [Command.set(cls.technician.ids)],
                "planned_start": datetime(2026, 11, 24, 9, 0),
                "planned_end": datetime(2026, 11, 24, 12, 0),
            }
        )

    def test_default_is_the_regulation(self):
        company = self.env["res.company"].create({"name": "Trip Requisition Test Co"})
        self.assertTrue(company.aftersales_requisition_approval)
        rule = self.env["aftersales.approval.rule"].search(
            [("company_id", "=", company.id), ("document_type", "=", "trip_parts")]
        )
        self.assertEqual(
            rule.step_ids.group_id, self.env.ref("aftersales_repair.aftersales_group_manager")
        )

    def test_warehouse_waits_for_the_managers_approval(self):
        trip = self.trip.with_user(self.technician)
        self.assertEqual(trip.approval_state, "not_needed", "no parts, nothing to approve")
        picking = trip._aftersales_request_parts([(self.part_battery, 2.0)])
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(self.trip.part_request_amount, 2 * 3100.0)
        self.assertEqual(trip.approval_state, "to_request")
        with self.assertRaisesRegex(UserError, "Request Approval"):
            picking.with_user(self.warehouse_user).button_validate()
        trip.action_request_approval()
        with self.assertRaisesRegex(UserError, "waiting for approval by: After-Sales Manager"):
            picking.with_user(self.warehouse_user).button_validate()
        with self.assertRaisesRegex(UserError, "cannot approve or reject your own request"):
            trip.action_approve()
        self.trip.with_user(self.manager).action_approve()
        self.assertEqual(self.trip.approval_state, "approved")
        review = self.trip.approval_review_ids
        self.assertEqual((review.done_by_id, review.status), (self.manager, "approved"))
        picking.with_user(self.warehouse_user).button_validate()
        self.assertEqual(picking.state, "done")
        # more parts than approved: approved again before they leave
        more = trip._aftersales_request_parts([(self.part_controller, 1.0)])
        self.assertEqual(self.trip.approval_state, "to_request")
        with self.assertRaisesRegex(UserError, "Request Approval"):
            more.with_user(self.warehouse_user).button_validate()
        trip.action_request_approval()
        self.trip.with_user(self.manager).action_approve()
        more.with_user(self.warehouse_user).button_validate()
        self.assertEqual(more.state, "done")
        # the unused parts come back at check-out, without any approval
        trip.action_check_in()
        trip.action_check_out()
        back = self.trip.part_picking_ids - picking - more
        self.assertEqual(back.location_id, self.van)
        back.with_user(self.warehouse_user).button_validate()
        self.assertEqual(back.state, "done")

    def test_cancel_withdraws_the_approval(self):
        """A cancelled trip leaves no review pending and no approval task open."""
        trip = self.trip.with_user(self.technician)
        trip._aftersales_request_parts([(self.part_battery, 1.0)])
        trip.action_request_approval()
        reviews = self.trip.approval_review_ids
        self.assertEqual(reviews.mapped("status"), ["pending"])
        activity_type = self.env.ref("aftersales_approval.mail_activity_type_approval")
        tasks = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "aftersales.dispatch"),
                    ("res_id", "=", self.trip.id),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )
        self.assertTrue(tasks.filtered("active"))
        trip.action_cancel()
        self.assertEqual(self.trip.state, "cancel")
        self.assertEqual(reviews.mapped("status"), ["cancelled"])
        self.assertEqual(self.trip.approval_request_state, "none")
        self.assertFalse(tasks.filtered("active"))
        self.assertTrue(
            self.trip.message_ids.filtered(
                lambda m: "Approval withdrawn: the trip was cancelled." in m.body
            )
        )

    def test_cancel_written_withdraws_the_approval(self):
        """Cancelled by a write of the state (RPC), the trip's approval is withdrawn as by the
        Cancel button; a trip back from site is not cancelled, by either path."""
        trip = self.trip.with_user(self.technician)
        trip._aftersales_request_parts([(self.part_battery, 1.0)])
        trip.action_request_approval()
        reviews = self.trip.approval_review_ids
        self.assertTrue(self.trip.activity_ids.filtered("active"))
        trip.write({"state": "cancel"})
        self.assertEqual(self.trip.state, "cancel")
        self.assertEqual(reviews.mapped("status"), ["cancelled"])
        self.assertEqual(self.trip.approval_request_state, "none")
        self.assertFalse(self.trip.activity_ids)
        self.assertTrue(
            self.trip.message_ids.filtered(
                lambda m: "Approval withdrawn: the trip was cancelled." in m.body
            )
        )

    def test_setting_off(self):
        self.company.aftersales_requisition_approval = False
        picking = self.trip.with_user(self.technician)._aftersales_request_parts(
            [(self.part_controller, 1.0)]
        )
        self.assertEqual(self.trip.approval_state, "not_needed")
        picking.with_user(self.warehouse_user).button_validate()
        self.assertEqual(picking.state, "done")
