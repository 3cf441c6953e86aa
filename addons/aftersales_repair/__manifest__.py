# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "After-Sales Repair",
    "summary": "Repair desk on top of Odoo Repairs: intake, diagnosis, customer "
    "approval, inspection, settlement, service deadlines and approvals",
    "version": "18.0.1.0.0",
    "category": "Services/After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "The After-Sales Suite Authors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": [
        "repair",
        "sale_management",
        "stock",
        "account",
        "mail",
        "portal",
        "resource",
    ],
    "external_dependencies": {"python": ["num2words", "xlsxwriter"]},
    "data": [
        "security/aftersales_security.xml",
        "security/ir.model.access.csv",
        "views/aftersales_menus.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/aftersales_demo.xml",
    ],
}
