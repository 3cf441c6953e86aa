# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.aftersales_repair.tools import check_number_bounds


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_complaint_ack_hours = fields.Float(
        string="Acknowledge Complaints Within (working hours)", default=4.0
    )
    aftersales_complaint_answer_hours = fields.Float(
        string="Answer Complaints Within (hours)", default=48.0
    )
    aftersales_complaint_answer_count = fields.Selection(
        [("calendar", "Calendar hours"), ("working", "Working hours")],
        string="Count Complaint Answer Hours In",
        default="calendar",
        required=True,
        help="Seed 003: the answer is due within 48 hours of accepting the complaint, counted "
        "in calendar hours; working hours count only the company's working time.",
    )
    aftersales_enquiry_answer_hours = fields.Float(
        string="Answer Enquiries Within (working hours)",
        default=8.0,
        help="001 §3.1: an enquiry is answered within 8 working hours.",
    )
    aftersales_feedback_expiry_days = fields.Integer(
        string="Feedback Link Valid (days)", default=30
    )
    aftersales_feedback_negative_keywords = fields.Char(
        string="Negative Feedback Keywords",
        default="bad, poor, rude, late, broken, dirty, unhappy, disappointed, terrible, "
        "never again, complain",
        help="Comma-separated words: a comment containing one opens a complaint.",
    )
    aftersales_survey_satisfied_score = fields.Float(string="Satisfied from Score", default=85.0)
    aftersales_survey_target_rate = fields.Float(
        string="Survey Coverage x Response Target (%)", default=75.0
    )

    _sql_constraints = [
        (
            "aftersales_complaint_hours_positive",
            "CHECK(aftersales_complaint_ack_hours > 0 AND aftersales_complaint_answer_hours > 0)",
            "Complaint deadlines must be positive numbers of working hours.",
        ),
        (
            "aftersales_enquiry_answer_hours_positive",
            "CHECK(aftersales_enquiry_answer_hours > 0)",
            "The delay to answer an enquiry must be a positive number of working hours.",
        ),
        (
            "aftersales_feedback_expiry_positive",
            "CHECK(aftersales_feedback_expiry_days > 0)",
            "The feedback link must stay valid at least one day.",
        ),
    ]

    @api.constrains("aftersales_survey_satisfied_score", "aftersales_survey_target_rate")
    def _check_aftersales_survey_settings(self):
        check_number_bounds(
            self,
            ["aftersales_survey_satisfied_score", "aftersales_survey_target_rate"],
            high=100.0,
        )
