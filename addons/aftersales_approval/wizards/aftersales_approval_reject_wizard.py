# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AftersalesApprovalRejectWizard(models.TransientModel):
    _name = "aftersales.approval.reject.wizard"
    _description = "Reject an Approval Request"

    res_model = fields.Char(string="Document Model", required=True)
    res_id = fields.Many2oneReference(string="Document ID", model_field="res_model", required=True)
    reason = fields.Text(required=True, help="Why the request is rejected; told to the requester.")

    def action_reject(self):
        self.ensure_one()
        self.env[self.res_model].browse(self.res_id).action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
