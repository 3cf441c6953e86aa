# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        invoices = posted.filtered(lambda move: move.move_type == "out_invoice")
        if invoices:
            self.env["aftersales.repair.collection"]._aftersales_reconcile_new_invoices(invoices)
        return posted
