# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "After-Sales Feedback",
    "summary": "Complaints, feedback after every service, callback schedules, "
    "satisfaction surveys and technician ratings",
    "version": "18.0.1.1.0",
    "category": "Services/After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "The After-Sales Suite Authors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["aftersales_repair", "survey"],
    "data": [
        "security/aftersales_feedback_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/mail_alias_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "data/aftersales_callback_plan_data.xml",
        "data/aftersales_complaint_route_data.xml",
        "data/aftersales_sla_policy_data.xml",
        "data/survey_data.xml",
        "views/aftersales_complaint_views.xml",
        "views/aftersales_feedback_request_views.xml",
        "views/aftersales_callback_views.xml",
        "views/aftersales_survey_campaign_views.xml",
        "views/aftersales_technician_rating_report_views.xml",
        "views/aftersales_feedback_templates.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/account_move_views.xml",
        "views/product_template_views.xml",
        "views/repair_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/aftersales_feedback_menus.xml",
        "report/aftersales_complaint_answer_report.xml",
        "report/aftersales_feedback_card_report.xml",
    ],
    "demo": [
        "demo/aftersales_feedback_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "aftersales_feedback/static/src/js/tours/*.js",
        ],
    },
}
