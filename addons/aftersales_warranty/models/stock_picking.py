# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    aftersales_part_request_id = fields.Many2one(
        "aftersales.warranty.part.request",
        string="Warranty Part Request",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
    aftersales_part_return_id = fields.Many2one(
        "aftersales.part.return",
        string="Defective Part Return",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
    aftersales_supplier_claim_id = fields.Many2one(
        "aftersales.supplier.claim",
        string="Supplier Claim",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
