# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Fake models of the engine's own tests (loaded by odoo_test_helper's FakeModelLoader, as
OCA base_tier_validation does): a document that knows nothing of the product add-ons."""

from odoo import fields, models


class AftersalesApprovalTester(models.Model):
    _name = "aftersales.approval.tester"
    _description = "Approval Engine Tester"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.approval.mixin"]

    _approval_document_type = "approval_tester"
    _approval_amount_field = "amount"
    _approval_state_field = "state"
    _approval_start_states = ["draft"]
    _approval_under_review_fields = ["amount", "partner_id"]

    name = fields.Char(required=True)
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    amount = fields.Float()
    partner_id = fields.Many2one("res.partner")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    def action_done(self):
        self._check_approved()
        self.write({"state": "done"})


class AftersalesApprovalRuleTester(models.Model):
    _inherit = "aftersales.approval.rule"

    document_type = fields.Selection(
        selection_add=[("approval_tester", "Approval Tester")],
        ondelete={"approval_tester": "cascade"},
    )
