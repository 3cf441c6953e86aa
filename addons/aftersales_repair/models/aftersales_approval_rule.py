# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AftersalesApprovalRule(models.Model):
    _inherit = "aftersales.approval.rule"

    document_type = fields.Selection(
        selection_add=[
            ("repair_price", "Repair Service Price"),
            ("repair_waiver", "Repair Charge Waiver"),
            ("repair_payment_refusal", "Repair for a Customer Who Refuses to Pay"),
            ("trip_parts", "Trip Parts Requisition"),
        ],
        ondelete={
            "repair_price": "cascade",
            "repair_waiver": "cascade",
            "repair_payment_refusal": "cascade",
            "trip_parts": "cascade",
        },
    )
