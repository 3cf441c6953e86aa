# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.tools import get_lang

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

    def amount_to_text(self, amount):
        """Odoo's amount in words (invoices, any template): for the yuan in Chinese, the
        uppercase RMB form of the suite's helper (人民币壹仟贰佰叁拾肆元伍角整), which
        num2words does not write; every other case is Odoo's own."""
        self.ensure_one()
        lang = get_lang(self.env).code
        if self.name == "CNY" and lang.startswith("zh"):
            return self._aftersales_amount_to_words(amount, lang)
        return super().amount_to_text(amount)
