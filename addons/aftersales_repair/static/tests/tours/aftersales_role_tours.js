/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

tours.add("aftersales_frontdesk_intake", {
    steps: () => [
        {
            content: "The front desk opens a new repair",
            trigger: ".o_form_view .o_field_widget[name='partner_id'] input",
        },
        {
            content: "Customer",
            trigger: ".o_field_widget[name='partner_id'] input",
            run: "edit Tour Intake Customer",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Tour Intake Customer')",
            run: "click",
        },
        {
            content: "Product",
            trigger: ".o_field_widget[name='product_id'] input",
            run: "edit Test Forklift EF-25",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Test Forklift EF-25')",
            run: "click",
        },
        {
            content: "Serial number of the unit",
            trigger: ".o_field_widget[name='lot_id'] input",
            run: "edit TOUR-SN-0001",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('TOUR-SN-0001')",
            run: "click",
        },
        {
            content: "The intake tab",
            trigger: ".o_notebook .nav-link:contains('Intake')",
            run: "click",
        },
        {
            content: "The fault as the customer tells it",
            trigger: ".o_field_widget[name='fault_description'] textarea",
            run: "edit The forklift does not lift",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});

tours.add("aftersales_technician_trip", {
    steps: () => [
        {
            content: "The technician's trip is on the Dispatch list",
            trigger: ".o_list_view .o_data_row td:contains('Tour Trip Customer')",
            run: "click",
        },
        {
            content: "Check in on site",
            trigger: ".o_form_view button[name='action_check_in']",
            run: "click",
        },
        {
            content: "Check out",
            trigger: ".o_form_view button[name='action_check_out']",
            run: "click",
        },
        {
            content: "Back from the trip: the report is next",
            trigger: ".o_form_view button[name='action_submit_report']",
        },
    ],
});

tours.add("aftersales_accountant_settlement", {
    steps: () => [
        {
            content: "The repaired unit is on the accountant's list",
            trigger: ".o_list_view .o_data_row td:contains('Tour Settlement Customer')",
            run: "click",
        },
        {
            content: "Open the action menu",
            trigger: ".o_form_view .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Print",
            trigger: ".o-dropdown--menu button:contains('Print')",
            run: "click",
        },
        {
            content: "Print the settlement",
            trigger: ".o-dropdown--menu .o_menu_item:contains('Repair Settlement')",
            run: "click",
        },
        {
            content: "Let the report action load (the interface is then blocked until the PDF is downloaded)",
            trigger: ".o_form_view",
            run() {
                return new Promise((resolve) => setTimeout(resolve, 1500));
            },
        },
        {
            content: "The settlement was downloaded: the form is usable again",
            trigger: ".o_form_view .o_cp_action_menus button:has(.fa-cog)",
        },
    ],
});
