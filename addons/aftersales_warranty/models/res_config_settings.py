# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_warranty_expense_account_id = fields.Many2one(
        related="company_id.aftersales_warranty_expense_account_id",
        readonly=False,
    )
    aftersales_contract_reminder_months = fields.Integer(
        related="company_id.aftersales_contract_reminder_months",
        readonly=False,
    )
    aftersales_spare_location_id = fields.Many2one(
        related="company_id.aftersales_spare_location_id",
        readonly=False,
    )
    aftersales_quarantine_location_id = fields.Many2one(
        related="company_id.aftersales_quarantine_location_id",
        readonly=False,
    )
    aftersales_dealer_ship_days = fields.Integer(
        related="company_id.aftersales_dealer_ship_days",
        readonly=False,
    )
    aftersales_return_days_dealer = fields.Integer(
        related="company_id.aftersales_return_days_dealer",
        readonly=False,
    )
    aftersales_return_days_technician = fields.Integer(
        related="company_id.aftersales_return_days_technician",
        readonly=False,
    )
    aftersales_damage_parts_discount = fields.Float(
        related="company_id.aftersales_damage_parts_discount",
        readonly=False,
    )
    aftersales_emergency_invoice_days = fields.Integer(
        related="company_id.aftersales_emergency_invoice_days",
        readonly=False,
    )
    aftersales_freight_weight = fields.Float(
        related="company_id.aftersales_freight_weight",
        readonly=False,
    )
    aftersales_issue_signature = fields.Boolean(
        related="company_id.aftersales_issue_signature",
        readonly=False,
    )
    aftersales_paid_repair_parts_sale = fields.Boolean(
        related="company_id.aftersales_paid_repair_parts_sale",
        readonly=False,
    )
    aftersales_supplier_reply_hours = fields.Integer(
        related="company_id.aftersales_supplier_reply_hours",
        readonly=False,
    )
    aftersales_supplier_report_days = fields.Integer(
        related="company_id.aftersales_supplier_report_days",
        readonly=False,
    )
    aftersales_print_warranty_periods = fields.Boolean(
        related="company_id.aftersales_print_warranty_periods",
        readonly=False,
    )
    aftersales_promotion_group_id = fields.Many2one(
        related="company_id.aftersales_promotion_group_id",
        readonly=False,
    )
