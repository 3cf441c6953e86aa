# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_warranty_expense_account_id = fields.Many2one(
        "account.account",
        string="Warranty Expense Account",
        check_company=True,
        help="Parts consumed on covered repair lines leave stock into this account.",
    )
    aftersales_contract_reminder_months = fields.Integer(
        string="Contract Renewal Notice (months)",
        default=1,
        help="Months before the end of a maintenance contract when the customer is reminded.",
    )

    aftersales_spare_location_id = fields.Many2one(
        "stock.location",
        string="Spare-Parts Location",
        domain="[('usage', '=', 'internal'), ('company_id', 'in', [id, False])]",
        help="Warranty parts are issued from this location; empty means the stock location of "
        "the company's first warehouse.",
    )
    aftersales_quarantine_location_id = fields.Many2one(
        "stock.location",
        string="Warranty Quarantine Location",
        domain="[('usage', '=', 'internal'), ('company_id', 'in', [id, False])]",
        help="Returned defective parts are received here and stay until Service and Quality "
        "have both inspected them.",
    )
    aftersales_dealer_ship_days = fields.Integer(
        string="Ship Warranty Parts to Dealers Within (working days)",
        default=2,
    )
    aftersales_return_days_dealer = fields.Integer(
        string="Dealers Return Defective Parts Within (days)",
        default=30,
    )
    aftersales_return_days_technician = fields.Integer(
        string="Technicians Return Defective Parts Within (days)",
        default=3,
    )
    aftersales_damage_parts_discount = fields.Float(
        string="Parts Discount on User Damage (%)",
        default=0.0,
        help="Default of new warranty policies: inside the warranty, parts replaced after "
        "damage by the user, misuse or force majeure are sold at this discount (001 §2.2: a "
        "preferential parts price; the regulation gives no rate).",
    )
    aftersales_emergency_invoice_days = fields.Integer(
        string="Emergency Purchase Invoice Within (days)",
        default=30,
        help="An emergency local purchase is reimbursed against the supplier's invoice handed "
        "in within this many days.",
    )

    _sql_constraints = [
        (
            "aftersales_damage_parts_discount_range",
            "CHECK(aftersales_damage_parts_discount >= 0 "
            "AND aftersales_damage_parts_discount <= 100)",
            "The parts discount on user damage is a percentage between 0 and 100.",
        ),
        (
            "aftersales_dealer_ship_days_positive",
            "CHECK(aftersales_dealer_ship_days >= 0)",
            "The delay to ship warranty parts to a dealer cannot be negative.",
        ),
        (
            "aftersales_return_days_dealer_positive",
            "CHECK(aftersales_return_days_dealer > 0)",
            "The delay for a dealer to return a defective part must be a positive number of days.",
        ),
        (
            "aftersales_return_days_technician_positive",
            "CHECK(aftersales_return_days_technician > 0)",
            "The delay for a technician to return a defective part must be a positive number of "
            "days.",
        ),
        (
            "aftersales_emergency_invoice_days_positive",
            "CHECK(aftersales_emergency_invoice_days > 0)",
            "The delay to hand in an emergency purchase invoice must be a positive number of "
            "days.",
        ),
        (
            "aftersales_contract_reminder_months_positive",
            "CHECK(aftersales_contract_reminder_months > 0)",
            "The renewal notice of maintenance contracts must be a positive number of months.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # a new company starts with the default approval rules
        # (readme/CONFIGURE.md, "Warranty part approval thresholds")
        self.env["aftersales.approval.rule"]._aftersales_warranty_seed_companies(companies)
        return companies

    def _aftersales_spare_location(self):
        """The location warranty parts are issued from."""
        self.ensure_one()
        if self.aftersales_spare_location_id:
            return self.aftersales_spare_location_id
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.id)], limit=1)
        return warehouse.lot_stock_id

    def _aftersales_quarantine_location(self):
        """The quarantine location of returned parts, created on first use."""
        self.ensure_one()
        if not self.aftersales_quarantine_location_id:
            self.env["stock.location"]._aftersales_create_quarantine_locations(self)
        return self.aftersales_quarantine_location_id
