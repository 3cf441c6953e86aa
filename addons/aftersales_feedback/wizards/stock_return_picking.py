# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class StockReturnPicking(models.TransientModel):
    _inherit = "stock.return.picking"

    aftersales_complaint_id = fields.Many2one(
        "aftersales.complaint",
        string="Complaint",
        readonly=True,
        help="The complaint this return is made for (its Create Return button): the return "
        "is linked to it.",
    )

    def _create_return(self):
        new_picking = super()._create_return()
        if self.aftersales_complaint_id:
            new_picking.aftersales_complaint_id = self.aftersales_complaint_id
        return new_picking
