# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import DashboardCommon

XMLID = "aftersales_dashboard.spreadsheet_dashboard_aftersales"


@tagged("post_install", "-at_install")
class TestAftersalesDashboard(DashboardCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, login="dash_manager", groups="aftersales_repair.aftersales_group_manager"
        )
        cls.front_desk = new_test_user(
            cls.env, login="dash_front", groups="aftersales_repair.aftersales_group_user"
        )

    def test_manager_reads_every_data_source(self):
        data = self.assertDashboardReadable(XMLID, self.manager)
        models = {pivot["model"] for pivot in data["pivots"].values()}
        self.assertEqual(
            models,
            {
                "repair.order",
                "aftersales.sla.deadline",
                "aftersales.approval.review",
                "aftersales.part.return",
                "aftersales.warranty.cost.report",
                "aftersales.complaint",
                "aftersales.technician.rating.report",
            },
        )

    def test_only_managers_see_it(self):
        dashboard = self.env.ref(XMLID)
        Dashboard = self.env["spreadsheet.dashboard"]
        self.assertNotIn(dashboard, Dashboard.with_user(self.front_desk).search([]))
        groups = self.env["spreadsheet.dashboard.group"].with_user(self.manager)
        self.assertIn(
            dashboard,
            groups.search([]).published_dashboard_ids,
        )


@tagged("post_install", "-at_install")
class TestAftersalesDashboardTour(HttpCase):
    def test_manager_opens_the_dashboard(self):
        new_test_user(
            self.env,
            login="dash_tour_manager",
            groups="aftersales_repair.aftersales_group_manager",
        )
        self.start_tour(
            "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
            "aftersales_dashboard_open",
            login="dash_tour_manager",
        )
