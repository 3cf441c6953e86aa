# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_complaint_ack_hours = fields.Float(
        related="company_id.aftersales_complaint_ack_hours", readonly=False
    )
    aftersales_enquiry_answer_hours = fields.Float(
        related="company_id.aftersales_enquiry_answer_hours", readonly=False
    )
    aftersales_callback_hours = fields.Float(
        related="company_id.aftersales_callback_hours", readonly=False
    )
    aftersales_complaint_answer_hours = fields.Float(
        related="company_id.aftersales_complaint_answer_hours", readonly=False
    )
    aftersales_complaint_answer_count = fields.Selection(
        related="company_id.aftersales_complaint_answer_count", readonly=False
    )
    aftersales_feedback_expiry_days = fields.Integer(
        related="company_id.aftersales_feedback_expiry_days", readonly=False
    )
    aftersales_feedback_negative_keywords = fields.Char(
        related="company_id.aftersales_feedback_negative_keywords", readonly=False
    )
    aftersales_survey_satisfied_score = fields.Float(
        related="company_id.aftersales_survey_satisfied_score", readonly=False
    )
    aftersales_survey_target_rate = fields.Float(
        related="company_id.aftersales_survey_target_rate", readonly=False
    )
