# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AftersalesComplaintHandover(models.TransientModel):
    _name = "aftersales.complaint.handover"
    _description = "Hand Over a Complaint"

    complaint_id = fields.Many2one("aftersales.complaint", required=True, ondelete="cascade")
    current_user_id = fields.Many2one(related="complaint_id.user_id", string="Current Owner")
    new_user_id = fields.Many2one(
        "res.users", string="New Owner", domain="[('share', '=', False)]"
    )
    reason = fields.Text()

    def action_confirm(self):
        self.ensure_one()
        self.complaint_id._handover(self.new_user_id, self.reason)
        return {"type": "ir.actions.act_window_close"}
