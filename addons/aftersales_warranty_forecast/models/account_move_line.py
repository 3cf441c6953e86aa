# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    aftersales_provision_kind = fields.Selection(
        [("addition", "Addition"), ("usage", "Usage"), ("release", "Release")],
        string="Warranty Provision Movement",
        index="btree_not_null",
        readonly=True,
        help="Column of the warranty provision roll-forward this line belongs to (a reversal "
        "keeps the column of the line it reverses).",
    )
