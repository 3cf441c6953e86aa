/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

tours.add("aftersales_portal_customer_fault", {
    steps: () => [
        {
            content: "The unit page lists each part's warranty",
            trigger: ".o_aftersales_coverage:contains('Test Battery 48 V')",
        },
        {
            content: "Report a fault",
            trigger: "a.o_aftersales_report_fault",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Describe the fault",
            trigger: "textarea[name='description']",
            run: "edit The mast shakes when lifting a full pallet",
        },
        {
            content: "Send",
            trigger: "button.o_aftersales_fault_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The report went to the front desk",
            trigger: ".o_aftersales_fault_reported:contains('was sent to the service desk')",
        },
    ],
});

tours.add("aftersales_portal_dealer_request", {
    steps: () => [
        {
            content: "Request parts for the unit sold",
            trigger: ".o_aftersales_dealer_units a:contains('Request warranty parts')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "One mast frame crossmember",
            trigger: "input[data-part='Test Mast Frame Crossmember']",
            run: "edit 1",
        },
        {
            content: "Save",
            trigger: "button.o_aftersales_request_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Waiting for the office head",
            trigger: ".o_aftersales_request_status:contains('Waiting for the office head')",
        },
    ],
});

tours.add("aftersales_portal_dealer_sign", {
    steps: () => [
        {
            content: "Open the request",
            trigger: ".o_aftersales_dealer_requests a:first",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Sign",
            trigger: "button.o_aftersales_sign",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Sent to the maker's approvals",
            trigger: ".o_aftersales_request_status:contains('To Approve')",
        },
    ],
});

tours.add("aftersales_portal_dealer_follow_return", {
    steps: () => [
        {
            content: "Open the request",
            trigger: ".o_aftersales_dealer_requests a:first",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Issued, with its shipping target and shipment",
            trigger: ".o_aftersales_request_status:contains('Issued')",
        },
        {
            content: "The shipment is done",
            trigger: ".o_aftersales_shipments:contains('Done')",
        },
        {
            content: "Open the defective part due back",
            trigger: "a[href^='/my/dealer/returns/']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The return form can be printed",
            trigger: "a.o_aftersales_return_form",
        },
        {
            content: "Carrier",
            trigger: "input[name='carrier']",
            run: "edit SF Express",
        },
        {
            content: "Tracking reference",
            trigger: "input[name='tracking_ref']",
            run: "edit SF1234567",
        },
        {
            content: "Declare shipped",
            trigger: "button.o_aftersales_declare_shipment",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Shipment declared",
            trigger: ".o_aftersales_shipped:contains('SF1234567')",
        },
    ],
});

tours.add("aftersales_portal_unit_qr", {
    steps: () => [
        {
            content: "The unit's serial and coverage",
            trigger: ".o_aftersales_serial:contains('PT-EF25-0001')",
        },
        {
            content: "Coverage per part",
            trigger: ".o_aftersales_coverage:contains('Test Controller MC-400')",
        },
        {
            content: "Name",
            trigger: "input[name='name']",
            run: "edit Li Wei",
        },
        {
            content: "Phone",
            trigger: "input[name='phone']",
            run: "edit 13800000000",
        },
        {
            content: "Fault",
            trigger: "textarea[name='description']",
            run: "edit Hydraulic oil leaking under the mast",
        },
        {
            content: "Send",
            trigger: "button.o_aftersales_unit_report",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Received",
            trigger: ".o_aftersales_unit_thanks",
        },
    ],
});
