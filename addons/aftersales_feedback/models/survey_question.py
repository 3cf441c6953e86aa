# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .aftersales_survey_campaign import ITEMS


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    aftersales_item = fields.Selection(
        ITEMS,
        string="Satisfaction Item",
        help="The weighted item of the after-sales satisfaction survey this question scores.",
    )
