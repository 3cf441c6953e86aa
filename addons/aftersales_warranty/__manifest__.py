# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "After-Sales Warranty",
    "summary": "Warranty coverage by part from each serial's delivery, contracts, "
    "warranty spare parts, defective-part returns and supplier claims",
    "version": "18.0.1.0.0",
    "category": "Services/After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "The After-Sales Suite Authors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["aftersales_repair", "sale_stock", "stock_account"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
        "views/aftersales_warranty_menus.xml",
    ],
    "demo": [],
}
