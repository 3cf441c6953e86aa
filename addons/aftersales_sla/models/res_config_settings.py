# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_sla_risk_percent = fields.Float(
        related="company_id.aftersales_sla_risk_percent",
        readonly=False,
    )
