# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    # the approval step this task asks the approver to decide: each approval task belongs to
    # one review, set when the engine creates the task (no link row to write besides it)
    aftersales_approval_review_id = fields.Many2one(
        "aftersales.approval.review",
        string="Approval Step",
        index="btree_not_null",
        ondelete="cascade",
        readonly=True,
        copy=False,
    )
