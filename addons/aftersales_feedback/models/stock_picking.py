# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    aftersales_complaint_id = fields.Many2one(
        "aftersales.complaint", string="Complaint", index="btree_not_null", copy=False
    )
