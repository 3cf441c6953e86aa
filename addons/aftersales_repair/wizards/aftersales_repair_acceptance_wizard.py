# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.repair_order_estimate import ACCEPTANCE_METHODS


class AftersalesRepairAcceptanceWizard(models.TransientModel):
    _name = "aftersales.repair.acceptance.wizard"
    _description = "Record the Customer's Acceptance of a Repair Estimate"

    repair_id = fields.Many2one("repair.order", required=True)
    company_id = fields.Many2one(related="repair_id.company_id", string="Company")
    currency_id = fields.Many2one(related="repair_id.currency_id", string="Currency")
    estimate_amount = fields.Monetary(related="repair_id.estimate_amount")
    decision = fields.Selection(
        [("accepted", "Accepted"), ("rejected", "Rejected")], required=True, default="accepted"
    )
    accepted_by = fields.Char(
        string="Customer Contact",
        required=True,
        compute="_compute_accepted_by",
        store=True,
        readonly=False,
        help="Who, at the customer, accepted or rejected the estimate.",
    )
    acceptance_date = fields.Datetime(string="When", required=True, default=fields.Datetime.now)
    method = fields.Selection(ACCEPTANCE_METHODS, string="How", required=True, default="phone")
    signature = fields.Image(max_width=1024, max_height=1024)
    declined_move_ids = fields.Many2many(
        "stock.move",
        string="Declined Parts",
        domain="[('repair_id', '=', repair_id), ('repair_line_type', '=', 'add'), "
        "('is_declined', '=', False)]",
        help="Recommended parts the customer declines: they stay on the order as declined "
        "recommendations.",
    )
    declined_labour_ids = fields.Many2many(
        "aftersales.repair.labour",
        relation="aftersales_repair_acceptance_wizard_labour_rel",
        domain="[('repair_id', '=', repair_id), ('is_declined', '=', False)]",
    )

    @api.depends("repair_id")
    def _compute_accepted_by(self):
        for wizard in self:
            wizard.accepted_by = wizard.repair_id.partner_id.name

    def action_confirm(self):
        self.ensure_one()
        repair = self.repair_id
        repair._aftersales_check_quote_rights()
        repair._aftersales_check_can_record_acceptance(self.env.user)
        if self.acceptance_date > fields.Datetime.now():
            raise UserError(
                _(
                    "The customer's decision on %(name)s cannot be dated in the future: enter "
                    "when the customer accepted or rejected the estimate.",
                    name=repair.name,
                )
            )
        repair._aftersales_set_customer_decision(
            self.decision,
            self.accepted_by,
            self.method,
            date=self.acceptance_date,
            signature=self.signature,
            declined_lines=[self.declined_move_ids, self.declined_labour_ids],
        )
        return {"type": "ir.actions.act_window_close"}
