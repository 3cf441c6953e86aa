# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AftersalesSlaPolicy(models.Model):
    _inherit = "aftersales.sla.policy"

    target_kind = fields.Selection(
        selection_add=[("parts_shipping", "Warranty Parts Shipping")],
        ondelete={"parts_shipping": "cascade"},
    )
