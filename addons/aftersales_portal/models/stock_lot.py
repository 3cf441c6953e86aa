# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import secrets

from odoo import fields, models
from odoo.tools import consteq


class StockLot(models.Model):
    _inherit = "stock.lot"

    aftersales_unit_token = fields.Char(
        string="Unit Page Token",
        copy=False,
        readonly=True,
        groups="base.group_user",
        help="Secret of the unit's public page (QR code on the warranty card and the "
        "nameplate). Regenerate it to invalidate printed codes.",
    )

    def _aftersales_unit_token(self):
        """The token of the unit's public page, created on first use."""
        self.ensure_one()
        lot = self.sudo()
        if not lot.aftersales_unit_token:
            lot.aftersales_unit_token = secrets.token_urlsafe(24)
        return lot.aftersales_unit_token

    def _aftersales_check_unit_token(self, token):
        """Constant-time check of a public page token."""
        self.ensure_one()
        expected = self.sudo().aftersales_unit_token
        return bool(token and expected) and consteq(expected, token)

    def _aftersales_unit_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/unit/{self.id}/{self._aftersales_unit_token()}"

    def action_aftersales_regenerate_unit_token(self):
        self.sudo().aftersales_unit_token = False
        for lot in self:
            lot._aftersales_unit_token()
