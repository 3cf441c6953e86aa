# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_rma_refund_days = fields.Integer(
        related="company_id.aftersales_rma_refund_days", readonly=False
    )
    aftersales_rma_exchange_days = fields.Integer(
        related="company_id.aftersales_rma_exchange_days", readonly=False
    )
