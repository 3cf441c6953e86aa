# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class AftersalesPaymentRefusalWizard(models.TransientModel):
    """The accountant or the After-Sales Manager flags a customer who refuses to pay, or clears
    the flag (readme/CONFIGURE.md, "Customers who refuse to pay"), even without the right to
    edit contacts."""

    _name = "aftersales.payment.refusal.wizard"
    _description = "Flag a Customer Who Refuses to Pay"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    refuses_to_pay = fields.Boolean(string="Refuses to Pay", default=True)
    reason = fields.Text()
    date = fields.Date(string="Since", default=fields.Date.context_today)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        partner = self.env["res.partner"].browse(values.get("partner_id"))
        commercial = partner.commercial_partner_id
        if commercial.aftersales_refuses_to_pay:
            values.update(
                refuses_to_pay=False,
                reason=commercial.aftersales_refuses_to_pay_reason,
                date=commercial.aftersales_refuses_to_pay_date,
            )
        return values

    def action_apply(self):
        self.ensure_one()
        self.partner_id._aftersales_set_payment_refusal(
            self.refuses_to_pay, reason=self.reason, date=self.date
        )
        return {"type": "ir.actions.act_window_close"}
