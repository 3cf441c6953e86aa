# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_repeat_repair_days = fields.Integer(
        related="company_id.aftersales_repeat_repair_days",
        readonly=False,
    )
    aftersales_invoice_delay_days = fields.Integer(
        related="company_id.aftersales_invoice_delay_days",
        readonly=False,
    )
    aftersales_collection_handover_days = fields.Integer(
        related="company_id.aftersales_collection_handover_days",
        readonly=False,
    )
    aftersales_approval_bypass_group_id = fields.Many2one(
        related="company_id.aftersales_approval_bypass_group_id",
        readonly=False,
    )
