# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_sla_risk_percent = fields.Float(
        string="Deadline At Risk (%)",
        default=75.0,
        help="A service deadline is flagged at risk, and its responsible warned, once this "
        "share of the time allowed has elapsed.",
    )

    _sql_constraints = [
        (
            "aftersales_sla_risk_percent_range",
            "CHECK(aftersales_sla_risk_percent > 0 AND aftersales_sla_risk_percent < 100)",
            "The at-risk threshold of service deadlines must be between 0 and 100 %.",
        ),
    ]
