# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_dashboard.tests.common import DashboardCommon

XMLID = "aftersales_dashboard_forecast.spreadsheet_dashboard_warranty_forecast"


@tagged("post_install", "-at_install")
class TestWarrantyForecastDashboard(DashboardCommon):
    def test_managers_and_accountants_read_every_data_source(self):
        manager = new_test_user(
            self.env, login="wfd_manager", groups="aftersales_repair.aftersales_group_manager"
        )
        accountant = new_test_user(
            self.env, login="wfd_accountant", groups="account.group_account_invoice"
        )
        for user in (manager, accountant):
            data = self.assertDashboardReadable(XMLID, user)
        self.assertEqual(
            {pivot["model"] for pivot in data["pivots"].values()},
            {"aftersales.warranty.forecast"},
        )
        self.assertEqual(
            {lst["model"] for lst in data["lists"].values()}, {"aftersales.warranty.provision"}
        )

    def test_same_group_as_the_after_sales_dashboard(self):
        self.assertEqual(
            self.env.ref(XMLID).dashboard_group_id,
            self.env.ref("aftersales_dashboard.spreadsheet_dashboard_group_aftersales"),
        )
        technician = new_test_user(
            self.env, login="wfd_tech", groups="aftersales_repair.aftersales_group_technician"
        )
        self.assertNotIn(
            self.env.ref(XMLID), self.env["spreadsheet.dashboard"].with_user(technician).search([])
        )
