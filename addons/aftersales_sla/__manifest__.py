# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "After-Sales Service Levels",
    "summary": "Technical: service-level policies, deadlines on any document, working time "
    "from resource calendars, escalation and the overdue helper",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "The After-Sales Suite Authors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["mail", "resource"],
    "data": [
        "security/aftersales_sla_security.xml",
        "security/ir.model.access.csv",
        "data/aftersales_sla_cron_data.xml",
        "views/aftersales_sla_policy_views.xml",
        "views/aftersales_sla_deadline_views.xml",
    ],
    "pre_init_hook": "pre_init_hook",
}
