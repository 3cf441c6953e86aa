# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "After-Sales Dashboard: Warranty Forecast",
    "summary": "Warranty forecast tab of the after-sales dashboard: expected claims and cost "
    "per month, parts with the highest expected cost, the warranty provision balance",
    "version": "18.0.1.0.0",
    "category": "Services/After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "The After-Sales Suite Authors",
    "license": "LGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": [
        "aftersales_dashboard",
        "aftersales_warranty_forecast",
    ],
    "data": [
        "data/spreadsheet_dashboard_data.xml",
    ],
}
