# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import format_date

from .warranty_common import WarrantyCommon

HEADING = "Warranty periods"


@tagged("post_install", "-at_install")
class TestWarrantyPeriodDocuments(WarrantyCommon):
    """(readme/CONFIGURE.md, "Warranty periods on the customer's documents"): each part's warranty
    period is printed for the customer on the unit's delivery slip and invoice, in the partner's
    language; a promotion extending a period tells the service team
    (readme/CONFIGURE.md, "Promotions told to the service team")."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, login="wpd_clerk", groups="stock.group_stock_user")
        cls.accountant = new_test_user(
            cls.env, login="wpd_accountant", groups="account.group_account_invoice"
        )
        cls.lot = cls._deliver("FL-PERIODS-001", "2026-01-15 10:00:00")
        cls.warranty = cls.lot.warranty_id
        cls.picking = cls.warranty.picking_id
        cls.battery_line = cls.policy.line_ids.filtered(
            lambda line: line.part_product_id == cls.part_battery
        )
        view = cls.env.ref("aftersales_warranty.report_warranty_periods")
        for lang, terms in (
            ("zh_CN", {"Warranty periods": "各部件保修期", "Whole unit": "整机"}),
            (
                "es_ES",
                {"Warranty periods": "Periodos de garantía", "Whole unit": "Unidad completa"},
            ),
        ):
            cls.env["res.lang"]._activate_lang(lang)
            view.update_field_translations("arch_db", {lang: terms})
        cls.battery_line.update_field_translations(
            "name", {"zh_CN": "蓄电池", "es_ES": "Batería de tracción"}
        )

    def _html(self, user, report, records):
        return (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(report, records.ids)[0]
            .decode()
        )

    def _date(self, value, lang):
        return format_date(self.env(context=dict(self.env.context, lang=lang)), value)

    def test_settings_defaults(self):
        settings = Form(self.env["res.config.settings"])
        self.assertTrue(settings.aftersales_print_warranty_periods)
        self.assertEqual(
            settings.aftersales_promotion_group_id,
            self.env.ref("aftersales_repair.aftersales_group_manager"),
        )

    def test_delivery_slip_lists_each_part_in_the_customers_language(self):
        self.assertEqual(len(self.warranty.line_ids), 3)
        html = self._html(self.clerk, "stock.report_deliveryslip", self.picking)
        self.assertIn("Warranty periods", html)
        self.assertIn("FL-PERIODS-001", html)
        battery_end = (
            self.battery_line
            and self.warranty.line_ids.filtered(
                lambda line: line.part_product_id == self.part_battery
            ).end_date
        )
        self.assertEqual(str(battery_end), "2027-01-14")
        self.assertIn(self._date(battery_end, "en_US"), html)
        self.customer.lang = "zh_CN"
        html = self._html(self.clerk, "stock.report_deliveryslip", self.picking)
        self.assertIn("各部件保修期", html)
        self.assertIn("整机", html)
        self.assertIn("蓄电池", html)
        self.assertIn(self._date(battery_end, "zh_CN"), html)
        self.assertNotIn("Warranty periods", html)

    def test_invoice_lists_each_part_in_the_customers_language(self):
        order = self.warranty.sale_order_id
        invoice = order._create_invoices()
        invoice.action_post()
        self.customer.lang = "es_ES"
        html = self._html(self.accountant, "account.report_invoice", invoice)
        self.assertIn("Periodos de garantía", html)
        self.assertIn("Unidad completa", html)
        self.assertIn("Batería de tracción", html)
        self.assertIn(self._date(fields.Date.to_date("2029-01-14"), "es_ES"), html)

    def test_setting_off_prints_nothing(self):
        self.env.company.aftersales_print_warranty_periods = False
        html = self._html(self.clerk, "stock.report_deliveryslip", self.picking)
        self.assertNotIn("Warranty periods", html)

    def test_promotion_tells_the_service_team(self):
        manager = new_test_user(
            self.env, login="wpd_manager", groups="aftersales_repair.aftersales_group_manager"
        )
        colleague = new_test_user(
            self.env, login="wpd_manager2", groups="aftersales_repair.aftersales_group_manager"
        )
        promotion = (
            self.env["aftersales.warranty.promotion"]
            .with_user(manager)
            .create(
                {
                    "policy_id": self.policy.id,
                    "name": "Spring battery offer",
                    "date_from": "2026-03-01",
                    "date_to": "2026-05-31",
                    "policy_line_id": self.battery_line.id,
                    "extra_months": 6,
                }
            )
        )
        activities = self.policy.activity_ids
        self.assertIn(colleague, activities.user_id)
        self.assertIn(manager, activities.user_id)
        self.assertNotIn(self.technician, activities.user_id)
        note = activities.filtered(lambda a: a.user_id == colleague).note
        self.assertIn("Spring battery offer", note)
        self.assertIn("by 6 months", note)
        self.assertIn("Spring battery offer", self.policy.message_ids[:1].body)
        # changing the extension tells the team again; another group can be the team
        self.env.company.aftersales_promotion_group_id = self.env["res.groups"].create(
            {"name": "Test service team", "users": [(6, 0, self.technician.ids)]}
        )
        before = self.policy.activity_ids
        promotion.with_user(manager).extra_months = 12
        new = self.policy.activity_ids - before
        self.assertEqual(new.user_id, self.technician)
        self.assertIn("by 12 months", new[:1].note)
