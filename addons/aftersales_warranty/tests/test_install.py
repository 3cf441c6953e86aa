# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from odoo.addons.aftersales_repair.tests.common import AftersalesCommon


@tagged("post_install", "-at_install")
class TestWarrantyInstall(AftersalesCommon):
    def test_menu_under_aftersales(self):
        menu = self.env.ref("aftersales_warranty.aftersales_warranty_menu")
        self.assertEqual(menu.parent_id, self.env.ref("aftersales_repair.aftersales_menu_root"))
