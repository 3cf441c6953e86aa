/** @odoo-module **/
// Copyright 2026 The After-Sales Suite Authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("aftersales_feedback_public_form", {
    steps: () => [
        {
            content: "The form names the repair",
            trigger: "h1:contains('How did we do?')",
        },
        {
            content: "Attitude: very satisfied",
            trigger: "label[for='rating_attitude_very_satisfied']",
            run: "click",
        },
        {
            content: "Skill: satisfied",
            trigger: "label[for='rating_skill_satisfied']",
            run: "click",
        },
        {
            content: "Arrival time: fair",
            trigger: "label[for='rating_arrival_fair']",
            run: "click",
        },
        {
            content: "Promises: very satisfied",
            trigger: "label[for='rating_promise_very_satisfied']",
            run: "click",
        },
        {
            content: "Write a comment",
            trigger: "textarea[name='comment']",
            run: "edit Quick and tidy work, thank you.",
        },
        {
            content: "Submit",
            trigger: "button.o_aftersales_feedback_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Thank-you page",
            trigger: ".o_aftersales_feedback_thanks",
        },
    ],
});
