# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _aftersales_register_warranties(self):
        """A unit delivered in exchange carries the remaining warranty of the one returned."""
        res = super()._aftersales_register_warranties()
        # sudo: as the registration itself, a consequence of the warehouse's validation
        exchanged = self.sudo().filtered(
            lambda m: (
                m.rma_id
                and m.state == "done"
                and m.location_dest_id.usage == "customer"
                and m.rma_id.aftersales_outcome == "exchange"
            )
        )
        if exchanged:
            exchanged.rma_id._aftersales_transfer_warranty(exchanged.move_line_ids)
        return res
