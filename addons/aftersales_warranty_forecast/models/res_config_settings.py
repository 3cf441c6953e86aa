# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_provision_method = fields.Selection(
        related="company_id.aftersales_provision_method", readonly=False
    )
    aftersales_provision_rate = fields.Monetary(
        related="company_id.aftersales_provision_rate", readonly=False
    )
    aftersales_provision_account_id = fields.Many2one(
        related="company_id.aftersales_provision_account_id", readonly=False
    )
    aftersales_provision_expense_account_id = fields.Many2one(
        related="company_id.aftersales_provision_expense_account_id", readonly=False
    )
    aftersales_provision_journal_id = fields.Many2one(
        related="company_id.aftersales_provision_journal_id", readonly=False
    )
