# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_quotation_send(self):
        # The quotation of a paid repair goes to the customer only once its service price (and any
        # waiver) is approved (readme/CONFIGURE.md, "Service price approval thresholds"), whichever
        # button sends it.
        self.repair_order_ids._check_approved()
        return super().action_quotation_send()
