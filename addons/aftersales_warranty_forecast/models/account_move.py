# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    aftersales_provision_id = fields.Many2one(
        "aftersales.warranty.provision",
        string="Warranty Provision Month",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
