# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    aftersales_dispatch_id = fields.Many2one(
        "aftersales.dispatch",
        string="Trip",
        index="btree_not_null",
        readonly=True,
        copy=False,
        check_company=True,
        help="The technician's trip these parts go out with or come back from.",
    )
