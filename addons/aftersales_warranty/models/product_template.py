# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    warranty_part_ids = fields.Many2many(
        "product.template",
        "aftersales_product_warranty_part_rel",
        "product_tmpl_id",
        "part_tmpl_id",
        string="Warranty Parts",
        help="Components of this product that can have a warranty period of their own.",
    )
    warranty_policy_ids = fields.One2many(
        "aftersales.warranty.policy", "product_tmpl_id", string="Warranty Policies"
    )
