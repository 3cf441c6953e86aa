# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AftersalesWarranty(models.Model):
    """The sold-units register records the maker of each unit (readme/CONFIGURE.md, "Return
    register")."""

    _inherit = "aftersales.warranty"

    maker_id = fields.Many2one(
        "res.partner",
        compute="_compute_maker_id",
        store=True,
        readonly=False,
        help="The producer of the unit: the product's maker, else the company.",
    )
    rma_ids = fields.One2many("rma", "aftersales_warranty_id", string="Returns")
    recall_unit_ids = fields.One2many("aftersales.recall.unit", "warranty_id", string="Recalls")

    @api.depends("product_id.product_tmpl_id.aftersales_maker_id", "company_id")
    def _compute_maker_id(self):
        for warranty in self:
            warranty.maker_id = (
                warranty.product_id.product_tmpl_id.aftersales_maker_id
                or warranty.company_id.partner_id
            )
