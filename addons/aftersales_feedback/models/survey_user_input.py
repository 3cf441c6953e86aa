# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    aftersales_campaign_id = fields.Many2one(
        "aftersales.survey.campaign", string="Survey Campaign", index="btree_not_null"
    )
