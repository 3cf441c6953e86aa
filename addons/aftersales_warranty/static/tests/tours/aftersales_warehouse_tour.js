/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("aftersales_warehouse_issue", {
    steps: () => [
        {
            content: "The approved part request is on the warehouse's list",
            trigger: ".o_list_view .o_data_row .o_data_cell",
            run: "click",
        },
        {
            content: "Issue",
            trigger: ".o_form_view button[name='action_issue']",
            run: "click",
        },
        {
            content: "The transfer opens, reserved",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Ready')",
        },
        {
            content: "Validate",
            trigger: ".o_form_view button[name='button_validate']",
            run: "click",
        },
        {
            content: "Done",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
    ],
});
