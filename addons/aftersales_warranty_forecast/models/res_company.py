# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_provision_method = fields.Selection(
        [
            ("per_unit", "Rate per unit sold"),
            ("forecast", "Forecast of the remaining liability"),
        ],
        string="Warranty Provision Method",
        help="Rate per unit sold: each unit whose warranty starts in the month adds the rate, "
        "the unused part of an expired unit's rate is released. Forecast: the provision is "
        "brought to the expected cost of the claims of the units still in warranty.",
    )
    aftersales_provision_rate = fields.Monetary(
        string="Warranty Provision per Unit",
        currency_field="currency_id",
        help="Amount provided for each unit sold (method: rate per unit sold).",
    )
    aftersales_provision_account_id = fields.Many2one(
        "account.account",
        string="Warranty Provision Account",
        check_company=True,
        help="Liability account of the warranty provision (e.g. 预计负债—产品质量保证).",
    )
    aftersales_provision_expense_account_id = fields.Many2one(
        "account.account",
        string="Warranty Provision Expense Account",
        check_company=True,
        help="Expense account charged by the provision; usage and releases are credited to it. "
        "Empty: the warranty expense account.",
    )
    aftersales_provision_journal_id = fields.Many2one(
        "account.journal",
        string="Warranty Provision Journal",
        check_company=True,
        domain="[('type', '=', 'general')]",
    )

    _sql_constraints = [
        (
            "aftersales_provision_rate_positive",
            "CHECK(aftersales_provision_rate IS NULL OR aftersales_provision_rate >= 0)",
            "The warranty provision per unit cannot be negative.",
        ),
    ]

    def _aftersales_provision_expense_account(self):
        self.ensure_one()
        return (
            self.aftersales_provision_expense_account_id
            or self.aftersales_warranty_expense_account_id
        )
