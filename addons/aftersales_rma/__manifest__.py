# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "After-Sales Returns and Recalls",
    "summary": "Customer returns and exchanges on OCA RMA joined to the unit's warranty "
    "and repairs, the return register, and recall campaigns",
    "version": "18.0.1.0.0",
    "category": "Services/After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "The After-Sales Suite Authors",
    "license": "AGPL-3",
    "installable": True,
    "depends": ["rma", "aftersales_warranty"],
    "data": [
        "security/aftersales_rma_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/mail_template_data.xml",
        "views/rma_views.xml",
        "views/repair_order_views.xml",
        "views/aftersales_warranty_views.xml",
        "views/product_template_views.xml",
        "views/res_config_settings_views.xml",
        "views/aftersales_recall_campaign_views.xml",
        "views/aftersales_recall_unit_views.xml",
        "views/aftersales_recall_templates.xml",
        "views/aftersales_rma_menus.xml",
    ],
}
