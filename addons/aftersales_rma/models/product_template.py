# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    aftersales_maker_id = fields.Many2one(
        "res.partner",
        string="Maker",
        help="The producer of the product (生产单位), recorded in the sold-units and return "
        "registers. Empty: the company makes it.",
    )
