# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class StockReturnPicking(models.TransientModel):
    _inherit = "stock.return.picking"

    def _create_return(self):
        new_picking = super()._create_return()
        complaint_id = self.env.context.get("aftersales_complaint_id")
        if complaint_id:
            new_picking.aftersales_complaint_id = complaint_id
        return new_picking
