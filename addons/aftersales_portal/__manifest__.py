# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "After-Sales Portal",
    "summary": "Customer and dealer portal: units and their warranty per part, contracts, "
    "complaints, report a fault, warranty parts signed by the dealer's office head, "
    "defective parts due back, QR codes on warranty cards and nameplates",
    "version": "18.0.1.0.0",
    "category": "Services/After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "The After-Sales Suite Authors",
    "license": "LGPL-3",
    "installable": True,
    "depends": [
        "aftersales_repair",
        "aftersales_warranty",
        "aftersales_feedback",
        "portal",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/aftersales_portal_security.xml",
        "views/res_partner_views.xml",
        "views/repair_order_views.xml",
        "views/aftersales_dealer_unit_registration_views.xml",
        "views/aftersales_portal_templates.xml",
        "views/aftersales_dealer_portal_templates.xml",
        "views/aftersales_unit_public_templates.xml",
        "report/aftersales_warranty_card_report.xml",
        "report/aftersales_part_return_report.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "aftersales_portal/static/src/js/tours/*.js",
        ],
    },
}
