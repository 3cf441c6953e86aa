/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("aftersales_dashboard_open", {
    steps: () => [
        {
            content: "The Dashboards app lists the After-Sales group",
            trigger: ".o_search_panel_section_header:contains('After-Sales')",
        },
        {
            content: "Open the after-sales dashboard",
            trigger: ".o_search_panel_category_value[data-name='After-Sales']",
            run: "click",
        },
        {
            content: "It loads: the month filter and the figures are shown",
            trigger: ".o_filter_value_container .o-filter-value[title='Month']",
        },
        {
            content: "Scorecards and charts are drawn",
            trigger: ".o_renderer .o-figure",
        },
        {
            content: "No loading error",
            trigger: ".o_spreadsheet_dashboard_action:not(:has(.dashboard-loading-status.error))",
        },
    ],
});
