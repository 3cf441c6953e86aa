# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_repeat_repair_days = fields.Integer(
        string="Repeat Repair Window (days)",
        default=90,
        help="A repair of a serial repaired within this many days is flagged as a repeat repair.",
    )

    _sql_constraints = [
        (
            "aftersales_repeat_repair_days_positive",
            "CHECK(aftersales_repeat_repair_days > 0)",
            "The repeat repair window must be a positive number of days.",
        ),
    ]
