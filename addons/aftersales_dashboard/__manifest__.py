# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "After-Sales Dashboard",
    "summary": "After-sales dashboard in the Dashboards app: open repairs by state and age, "
    "on-time rate, approvals waiting, parts awaiting return, warranty cost, satisfaction "
    "and complaints",
    "version": "18.0.1.0.0",
    "category": "Services/After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "The After-Sales Suite Authors",
    "license": "LGPL-3",
    "installable": True,
    "auto_install": ["aftersales_feedback", "spreadsheet_dashboard"],
    "depends": [
        "spreadsheet_dashboard",
        "aftersales_repair",
        "aftersales_warranty",
        "aftersales_feedback",
    ],
    "data": [
        "data/spreadsheet_dashboard_data.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "aftersales_dashboard/static/tests/tours/*.js",
        ],
    },
}
