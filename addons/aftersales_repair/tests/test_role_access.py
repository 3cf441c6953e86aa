# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 17 point 3: each role reaches what its day needs, and no more."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .workshop_common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestRoleAccess(WorkshopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env, login="as_accountant", groups="account.group_account_invoice"
        )
        cls.warehouse = new_test_user(
            cls.env, login="as_warehouse", groups="stock.group_stock_user"
        )
        cls.salesman = new_test_user(
            cls.env, login="as_salesman", groups="sales_team.group_sale_salesman"
        )
        (cls.part_battery | cls.part_controller | cls.product_labour).write({"taxes_id": False})

    def _customer_order_and_invoice(self):
        """A sale order of another salesman, confirmed and invoiced."""
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.salesman.id,
                "order_line": [Command.create({"product_id": self.product_labour.id})],
            }
        )
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.invoice_user_id = self.salesman
        invoice.action_post()
        return order, invoice

    def test_frontdesk_reads_orders_and_invoices_read_only(self):
        order, invoice = self._customer_order_and_invoice()
        desk_order = order.with_user(self.frontdesk)
        desk_invoice = invoice.with_user(self.frontdesk)
        self.assertEqual(desk_order.name, order.name)
        self.assertEqual(desk_order.order_line.product_id, self.product_labour)
        self.assertEqual(desk_invoice.amount_total, 65.0)
        self.assertEqual(desk_invoice.invoice_line_ids.product_id, self.product_labour)
        self.assertIn(
            order, self.env["sale.order"].with_user(self.frontdesk).search([("id", "=", order.id)])
        )
        with self.assertRaises(AccessError):
            desk_order.write({"client_order_ref": "changed by the desk"})
        with self.assertRaises(AccessError):
            desk_invoice.write({"ref": "changed by the desk"})
        # a salesman without the after-sales role still sees only their own documents
        other = new_test_user(
            self.env, login="as_salesman2", groups="sales_team.group_sale_salesman"
        )
        with self.assertRaises(AccessError):
            order.with_user(other).read(["name"])

    def test_accountant_prints_the_settlement(self):
        repair = self._to_done(self._create_repair(hours=2.0, category="paid"))
        self._tick_checklist(repair)
        repair.action_handover()
        as_accountant = repair.with_user(self.accountant)
        action = as_accountant.action_print_settlement()
        self.assertEqual(action["report_name"], "aftersales_repair.report_repair_settlement")
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            ._render_qweb_html("aftersales_repair.action_report_repair_settlement", repair.ids)
        )
        html = html.decode()
        self.assertIn(repair.name, html)
        self.assertIn("Test Repair Labour", html)
        self.assertIn("4,330.00", html)

    def test_accountant_work_list_to_invoice_or_collect(self):
        action = self.env.ref("aftersales_repair.repair_order_action_to_invoice_collect")
        self.assertEqual(
            action.view_ids.view_id,
            self.env.ref("aftersales_repair.repair_order_view_list_reconciliation")
            | self.env.ref("aftersales_repair.repair_order_view_form_reconciliation"),
        )
        data = (
            self.env["ir.actions.act_window"]
            .with_user(self.accountant)
            ._for_xml_id("aftersales_repair.repair_order_action_to_invoice_collect")
        )
        self.assertIn("search_default_filter_unpaid", data["context"])

    def test_accountant_builds_the_monthly_workbook(self):
        wizard = (
            self.env["aftersales.monthly.workbook.wizard"]
            .with_user(self.accountant)
            .create({"month": "10", "year": 2026})
        )
        action = wizard.action_generate()
        self.assertTrue(wizard.file_data)
        self.assertIn("/file_data/", action["url"])
        menu = self.env.ref("aftersales_repair.aftersales_monthly_workbook_wizard_menu_accounting")
        visible = self.env["ir.ui.menu"].with_user(self.accountant)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        # a technician may not build it
        with self.assertRaises(AccessError):
            self.env["aftersales.monthly.workbook.wizard"].with_user(self.technician).create(
                {"month": "10", "year": 2026}
            )

    def test_each_role_lands_on_its_own_work(self):
        landing = self.env.ref("aftersales_repair.repair_order_action_landing")
        root = self.env.ref("aftersales_repair.aftersales_menu_root")
        self.assertEqual(root.action, landing)
        expected = {
            self.technician: ("repair.order", {"search_default_my_repairs": 1}),
            self.inspector: ("repair.order", {"search_default_in_inspection": 1}),
            self.frontdesk: (
                "repair.order",
                {"search_default_to_receive": 1, "search_default_not_handed_over": 1},
            ),
        }
        for user, (model, context) in expected.items():
            action = landing.with_user(user).run()
            self.assertEqual(action["res_model"], model, user.login)
            self.assertEqual(action["context"], context, user.login)
        quality_manager = new_test_user(
            self.env, login="as_qm", groups="aftersales_repair.aftersales_group_quality_manager"
        )
        for user in (self.manager, quality_manager):
            action = landing.with_user(user).run()
            self.assertEqual(action["res_model"], "aftersales.approval.review", user.login)
            self.assertIn("search_default_my_turn", action["context"])

    def test_kanban_columns_in_workflow_order(self):
        repairs = self._create_repair() | self._start(self._create_repair())
        groups = self.env["repair.order"].read_group(
            [("id", "in", repairs.ids)], ["state"], ["state"]
        )
        self.assertEqual(
            [group["state"] for group in groups],
            ["draft", "confirmed", "under_repair", "inspection", "done"],
        )
        self.assertEqual([group["state_count"] for group in groups], [1, 0, 1, 0, 0])
        repairs[0].action_repair_cancel()
        groups = self.env["repair.order"].read_group(
            [("id", "in", repairs.ids)], ["state"], ["state"]
        )
        self.assertEqual(groups[-1]["state"], "cancel")
