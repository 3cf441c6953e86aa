# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "After-Sales Approvals",
    "summary": "Technical: the suite's one approval engine (rules by amount band and "
    "condition, sequential or parallel steps, reviews, rejection with a reason)",
    "version": "18.0.1.1.0",
    "category": "Hidden",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "The After-Sales Suite Authors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["mail"],
    "data": [
        "security/aftersales_approval_security.xml",
        "security/ir.model.access.csv",
        "data/aftersales_approval_data.xml",
        "views/aftersales_approval_rule_views.xml",
        "views/aftersales_approval_review_views.xml",
        "wizards/aftersales_approval_reject_wizard_views.xml",
    ],
    "pre_init_hook": "pre_init_hook",
}
