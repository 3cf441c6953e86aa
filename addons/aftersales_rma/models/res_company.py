# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_rma_refund_days = fields.Integer(
        string="Refund Within (days)",
        default=7,
        help="A unit returned in warranty within this many days of the start of its warranty "
        "is proposed for a refund.",
    )
    aftersales_rma_exchange_days = fields.Integer(
        string="Exchange Within (days)",
        default=15,
        help="A unit returned in warranty within this many days of the start of its warranty "
        "(and after the refund period) is proposed for an exchange; later, for a repair.",
    )

    _sql_constraints = [
        (
            "aftersales_rma_days_bounds",
            "CHECK(aftersales_rma_refund_days >= 0 AND aftersales_rma_exchange_days >= 0 "
            "AND aftersales_rma_refund_days <= 3650 AND aftersales_rma_exchange_days <= 3650)",
            "The refund and exchange periods of returns must be between 0 and 3650 days.",
        ),
    ]
