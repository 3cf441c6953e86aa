# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AftersalesLoanOverrideWizard(models.TransientModel):
    _name = "aftersales.loan.override.wizard"
    _description = "Close a Repair While Its Loan Unit Is Out"

    repair_id = fields.Many2one("repair.order", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.repair_id.action_loan_override(self.reason)
        return {"type": "ir.actions.act_window_close"}
