# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 17: each role's main task in the browser (headless Chromium), as a user with the
lowest groups of that role, on data the test creates."""

from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .workshop_common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestRoleTours(HttpCase, WorkshopCommon):
    def test_frontdesk_intake(self):
        # serial numbers enabled, as the Inventory setting does for every employee
        self.env.ref("base.group_user").implied_ids |= self.env.ref("stock.group_production_lot")
        customer = self.env["res.partner"].create({"name": "Tour Intake Customer"})
        lot = self._create_serial("TOUR-SN-0001", owner=customer)
        self.start_tour(
            "/odoo/action-aftersales_repair.repair_order_action/new",
            "aftersales_frontdesk_intake",
            login=self.frontdesk.login,
        )
        repair = self.env["repair.order"].search([("lot_id", "=", lot.id)])
        self.assertEqual(len(repair), 1)
        self.assertEqual(repair.partner_id, customer)
        self.assertEqual(repair.product_id, self.product_unit)
        self.assertEqual(repair.state, "draft")
        self.assertEqual(repair.fault_description, "The forklift does not lift")
        self.assertEqual(repair.create_uid, self.frontdesk)

    def test_technician_trip_check_in_and_out(self):
        customer = self.env["res.partner"].create({"name": "Tour Trip Customer"})
        repair = self._create_repair(partner_id=customer.id, service_mode="on_site")
        now = fields.Datetime.now()
        dispatch = (
            self.env["aftersales.dispatch"]
            .sudo()
            .create(
                {
                    "repair_id": repair.id,
                    "technician_ids": [(6, 0, self.technician.ids)],
                    "planned_start": now - timedelta(hours=1),
                    "planned_end": now + timedelta(hours=3),
                }
            )
        )
        self.start_tour(
            "/odoo/action-aftersales_repair.aftersales_dispatch_action?view_type=list",
            "aftersales_technician_trip",
            login=self.technician.login,
        )
        self.assertEqual(dispatch.state, "returned")
        self.assertTrue(dispatch.checkin_datetime)
        self.assertGreaterEqual(dispatch.checkout_datetime, dispatch.checkin_datetime)

    def test_accountant_prints_the_settlement(self):
        accountant = new_test_user(
            self.env, login="tour_accountant", groups="account.group_account_invoice"
        )
        customer = self.env["res.partner"].create({"name": "Tour Settlement Customer"})
        (self.part_battery | self.product_labour).write({"taxes_id": False})
        repair = self._create_repair(partner_id=customer.id, hours=2.0, category="paid")
        self._to_done(repair)
        self._tick_checklist(repair)
        repair.action_handover()
        Report = self.registry["ir.actions.report"]
        render = Report._render_qweb_pdf
        printed = []

        def _render_qweb_pdf(report, report_ref, res_ids=None, data=None):
            printed.append((report.env.uid, str(report_ref), list(res_ids or [])))
            return render(report, report_ref, res_ids=res_ids, data=data)

        with patch.object(Report, "_render_qweb_pdf", _render_qweb_pdf):
            self.start_tour(
                "/odoo/action-aftersales_repair.repair_order_action_to_invoice_collect",
                "aftersales_accountant_settlement",
                login=accountant.login,
            )
        self.assertIn(
            (accountant.id, "aftersales_repair.report_repair_settlement", repair.ids), printed
        )
