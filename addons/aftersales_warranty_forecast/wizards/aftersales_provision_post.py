# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import fields, models


class AftersalesProvisionPost(models.TransientModel):
    """Post the warranty provision of a month (once: a month already posted is shown)."""

    _name = "aftersales.provision.post"
    _description = "Post the Warranty Provision of a Month"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date = fields.Date(
        string="Any Day of the Month",
        required=True,
        default=lambda self: (
            fields.Date.context_today(self).replace(day=1) - relativedelta(days=1)
        ),
    )

    def action_post(self):
        self.ensure_one()
        Provision = self.env["aftersales.warranty.provision"]
        Provision._check_accountant()
        record = Provision.sudo()._post_month(self.company_id, self.date)
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.warranty.provision",
            "res_id": record.id,
            "view_mode": "form",
        }
