# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged, users

from .common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestFoundation(AftersalesCommon):
    def test_role_hierarchy(self):
        """Managers hold every desk role; approval roles hold the manager role where the
        approval levels make them approve service prices (readme/CONFIGURE.md, "Approval
        levels"); the general manager holds all approval roles."""
        ref = self.env.ref
        manager = ref("aftersales_repair.aftersales_group_manager")
        self.assertIn(ref("aftersales_repair.aftersales_group_user"), manager.trans_implied_ids)
        self.assertIn(
            ref("aftersales_repair.aftersales_group_technician"), manager.trans_implied_ids
        )
        self.assertIn(ref("stock.group_stock_user"), manager.trans_implied_ids)
        gm = ref("aftersales_repair.aftersales_group_general_manager")
        for xmlid in (
            "aftersales_group_service_vp",
            "aftersales_group_supply_vp",
            "aftersales_group_sales_vp",
            "aftersales_group_quality_manager",
            "aftersales_group_service_centre_head",
            "aftersales_group_deputy_gm",
            "aftersales_group_manager",
        ):
            self.assertIn(ref(f"aftersales_repair.{xmlid}"), gm.trans_implied_ids, xmlid)
        technician = ref("aftersales_repair.aftersales_group_technician")
        self.assertNotIn(manager, technician.trans_implied_ids)

    def test_company_setting_default(self):
        """(readme/CONFIGURE.md, "Repeat repairs"): repeat repairs are flagged within 90 days by
        default."""
        company = self.env["res.company"].create({"name": "Second Service Co"})
        self.assertEqual(company.aftersales_repeat_repair_days, 90)
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.aftersales_repeat_repair_days, 90)
        settings.aftersales_repeat_repair_days = 60
        settings.execute()
        self.assertEqual(self.env.company.aftersales_repeat_repair_days, 60)

    @users("as_technician")
    def test_menu_visible_to_technician(self):
        menus = self.env["ir.ui.menu"]._visible_menu_ids()
        self.assertIn(self.env.ref("aftersales_repair.aftersales_menu_root").id, menus)
        self.assertIn(self.env.ref("aftersales_repair.repair_order_menu").id, menus)
        self.assertNotIn(self.env.ref("aftersales_repair.aftersales_menu_config").id, menus)

    @users("as_frontdesk")
    def test_settings_need_system_rights(self):
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].create({}).execute()
