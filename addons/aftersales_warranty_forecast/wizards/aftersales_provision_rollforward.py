# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class AftersalesProvisionRollforward(models.TransientModel):
    """The warranty provision roll-forward for the accountant: opening, additions, usage,
    releases, other entries and closing between two dates, next to the ledger balance."""

    _name = "aftersales.provision.rollforward"
    _description = "Warranty Provision Roll-Forward"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_to = fields.Date(
        required=True,
        default=lambda self: (
            fields.Date.context_today(self).replace(day=1) - relativedelta(days=1)
        ),
    )
    opening = fields.Monetary(compute="_compute_figures")
    additions = fields.Monetary(compute="_compute_figures")
    usage = fields.Monetary(compute="_compute_figures")
    releases = fields.Monetary(compute="_compute_figures")
    other = fields.Monetary(string="Other Entries", compute="_compute_figures")
    closing = fields.Monetary(compute="_compute_figures")
    ledger = fields.Monetary(string="Ledger Balance", compute="_compute_figures")

    @api.depends("company_id", "date_from", "date_to")
    def _compute_figures(self):
        Provision = self.env["aftersales.warranty.provision"]
        names = ("opening", "additions", "usage", "releases", "other", "closing", "ledger")
        for wizard in self:
            figures = dict.fromkeys(names, 0.0)
            if (
                wizard.company_id.aftersales_provision_account_id
                and wizard.date_from
                and wizard.date_to
                and wizard.date_from <= wizard.date_to
            ):
                figures = Provision._rollforward(
                    wizard.company_id, wizard.date_from, wizard.date_to
                )
            for name in names:
                wizard[name] = figures[name]

    def action_open_items(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move.line",
            "view_mode": "list",
            "domain": [
                ("company_id", "=", self.company_id.id),
                ("account_id", "=", self.company_id.aftersales_provision_account_id.id),
                ("parent_state", "=", "posted"),
                ("date", "<=", self.date_to),
            ],
            "context": {"group_by": ["aftersales_provision_kind"]},
        }
