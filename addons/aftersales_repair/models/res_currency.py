# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

from ..tools.amount_words import amount_to_words


class ResCurrency(models.Model):
    _inherit = "res.currency"

    def _aftersales_amount_to_words(self, amount, lang=None):
        """Amount in words for the suite's documents (quotation, settlement, invoice of a
        repair): the one helper of the suite, tools/amount_words.py.

        :param lang: Odoo language code; default the context's language
        """
        self.ensure_one()
        return amount_to_words(
            amount,
            lang or self.env.lang or "en_US",
            self.name,
            unit_label=self.currency_unit_label,
            subunit_label=self.currency_subunit_label,
        )
