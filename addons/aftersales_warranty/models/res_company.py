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
    aftersales_freight_weight = fields.Float(
        string="Ship by Freight Above (kg)",
        default=30.0,
        help="Warranty parts shipped to a dealer or a customer weighing more than this in all "
        "go by freight, and only with the requester's recorded consent (002 §4.2.2.3: heavy, "
        "costly parts by consignment with the applicant's agreement; the regulation names no "
        "weight). 0 disables the rule.",
    )
    aftersales_issue_signature = fields.Boolean(
        string="Technician Signs for Issued Parts",
        default=True,
        help="Warranty parts handed to a technician are signed for on their issue transfer "
        "before it is validated (000, 002 篇六: parts issued against the repair order, signed "
        "for by the technician).",
    )
    aftersales_paid_repair_parts_sale = fields.Boolean(
        string="Paid Repair: Issued Warranty Parts Become a Parts Sale",
        default=True,
        help="When a repair ends as paid, the warranty parts already issued for it are sold to "
        "its customer (002 §4.3.2.1).",
    )
    aftersales_supplier_reply_hours = fields.Integer(
        string="Supplier Replies Within (hours)",
        default=24,
        help="A supplier asked to repair on site replies within these hours (002 §4.2.3.2: the "
        "same day, never beyond 24 hours).",
    )
    aftersales_supplier_report_days = fields.Integer(
        string="Supplier Reports Within (working days)",
        default=5,
        help="After repairing on site, the supplier sends the service report signed by the "
        "customer within these working days of the company calendar (002 §4.2.3.3).",
    )
    aftersales_print_warranty_periods = fields.Boolean(
        string="Print Warranty Periods per Part",
        default=True,
        help="The delivery slip and the invoice of a unit list each part's warranty period "
        "and end date (004 §5.1: each part's period is stated to the customer).",
    )
    aftersales_promotion_group_id = fields.Many2one(
        "res.groups",
        string="Service Team Told of Promotions",
        default=lambda self: self.env.ref(
            "aftersales_repair.aftersales_group_manager", raise_if_not_found=False
        ),
        help="Its members get a to-do when a promotion extends a warranty period (004 §5.2).",
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
        (
            "aftersales_freight_weight_positive",
            "CHECK(aftersales_freight_weight >= 0)",
            "The freight weight threshold cannot be negative.",
        ),
        (
            "aftersales_supplier_reply_hours_positive",
            "CHECK(aftersales_supplier_reply_hours > 0)",
            "The supplier's reply delay must be a positive number of hours.",
        ),
        (
            "aftersales_supplier_report_days_positive",
            "CHECK(aftersales_supplier_report_days > 0)",
            "The supplier's report delay must be a positive number of working days.",
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
