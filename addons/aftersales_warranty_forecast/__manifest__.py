# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "After-Sales Warranty Forecast",
    "summary": "Reliability per part (Weibull with censoring), warranty claims and cost "
    "forecast, the warranty provision in the books, spare-parts demand",
    "version": "18.0.1.0.0",
    "category": "Services/After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "The After-Sales Suite Authors",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["aftersales_warranty", "account"],
    "external_dependencies": {"python": ["numpy", "scipy"]},
    "data": [
        "security/ir.model.access.csv",
        "security/aftersales_warranty_forecast_security.xml",
        "data/ir_cron_data.xml",
        "views/aftersales_part_reliability_views.xml",
        "views/aftersales_warranty_forecast_views.xml",
        "views/aftersales_warranty_provision_views.xml",
        "wizards/aftersales_provision_rollforward_views.xml",
        "views/product_template_views.xml",
        "views/stock_warehouse_orderpoint_views.xml",
        "views/res_config_settings_views.xml",
        "views/aftersales_warranty_forecast_menus.xml",
    ],
}
