# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Amounts in words for the suite's documents (quotation, settlement, invoice of a repair).

The one helper of the suite: pure Python (no Odoo import, no database), so it is unit-tested
on its own in the project's top-level ``tests/``. Odoo code calls it through
``repair.order._aftersales_amount_in_words()``.

* Chinese (``zh_CN``, ``zh_TW``, ``zh_HK``): the uppercase financial form used on Chinese
  receipts and invoices, e.g. ``人民币壹仟贰佰叁拾肆元伍角整`` for 1,234.50, following the
  rules for writing amounts on settlement documents: ``壹拾`` always written with its ``壹``,
  one ``零`` for a run of zeros inside the number, ``万``/``亿`` sections, ``元零…分`` when the
  jiao digit is zero, ``整`` after ``元`` or ``角`` when there are no fen.
* Other languages: ``num2words`` cardinals in the partner's language with the currency's unit
  and sub-unit names (English title case: "One Thousand, Two Hundred And Thirty-Four Dollars
  And Fifty Cents"; Spanish: "Mil doscientos treinta y cuatro euros con cincuenta céntimos").
  ``num2words``' own currency mode is not used: in the version Odoo 18 ships with, it reads an
  integer as cents, always prints "zero cents", and gets Spanish wrong ("un millón euros",
  "veintiuno mil").
"""

from decimal import ROUND_HALF_UP, Decimal

from num2words import CONVERTER_CLASSES, num2words

__all__ = ["amount_to_words"]

_ZH_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_ZH_POSITIONS = ("", "拾", "佰", "仟")
_ZH_CURRENCY_PREFIX = {
    "CNY": "人民币",
    "HKD": "港币",
    "TWD": "新台币",
    "MOP": "澳门币",
    "USD": "美元",
    "EUR": "欧元",
    "GBP": "英镑",
    "JPY": "日元",
}
_ZH_MAX = 10**16  # 万亿 sections and below

# (unit singular, unit plural, sub-unit singular, sub-unit plural) per language and currency;
# num2words' CURRENCY_FORMS of the language complete it, then the labels the caller passes.
_UNIT_NAMES = {
    "en": {
        "USD": ("dollar", "dollars", "cent", "cents"),
        "EUR": ("euro", "euros", "cent", "cents"),
        "GBP": ("pound", "pounds", "penny", "pence"),
        "CNY": ("yuan", "yuan", "fen", "fen"),
        "HKD": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
        "AUD": ("Australian dollar", "Australian dollars", "cent", "cents"),
        "CAD": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
        "CHF": ("Swiss franc", "Swiss francs", "centime", "centimes"),
        "JPY": ("yen", "yen", "sen", "sen"),
        "INR": ("rupee", "rupees", "paisa", "paise"),
        "MXN": ("peso", "pesos", "centavo", "centavos"),
    },
    "es": {
        "USD": ("dólar", "dólares", "centavo", "centavos"),
        "EUR": ("euro", "euros", "céntimo", "céntimos"),
        "MXN": ("peso", "pesos", "centavo", "centavos"),
        "COP": ("peso", "pesos", "centavo", "centavos"),
        "ARS": ("peso", "pesos", "centavo", "centavos"),
        "CLP": ("peso", "pesos", "centavo", "centavos"),
        "PEN": ("sol", "soles", "céntimo", "céntimos"),
        "CNY": ("yuan", "yuanes", "fen", "fen"),
    },
}
_AND = {"en": "and", "es": "con", "fr": "et", "de": "und", "it": "e", "pt": "e", "nl": "en"}


def _to_cents(amount):
    """The amount as (negative, whole units, cents), rounded half up to the cent."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    negative = value < 0
    cents_total = int(abs(value) * 100)
    return negative, cents_total // 100, cents_total % 100


def _zh_integer(number):
    """Uppercase Chinese numerals of a whole number (without 元), e.g. 10050 → 壹万零伍拾."""
    if number == 0:
        return ""
    digits = str(number)
    size = len(digits)
    sections = [digits[max(0, end - 4) : end] for end in range(size, 0, -4)]  # low first
    out = []
    zero_pending = False
    for index in range(len(sections) - 1, -1, -1):
        section = sections[index].rjust(4, "0")
        if int(section) == 0:
            zero_pending = True
            continue
        for pos, char in enumerate(section):
            digit = int(char)
            if digit == 0:
                zero_pending = True
                continue
            if zero_pending and out:
                out.append("零")
            zero_pending = False
            out.append(_ZH_DIGITS[digit] + _ZH_POSITIONS[3 - pos])
        if index == 3:
            # 万亿: "壹万贰仟亿" when the 亿 section follows, else "壹万亿"
            out.append("万" if int(sections[2].rjust(4, "0")) else "万亿")
        elif index:
            out.append("万" if index == 1 else "亿")
        # zeros at the end of a section are absorbed by its unit (壹拾万柒仟, not 壹拾万零柒仟)
        zero_pending = False
    return "".join(out)


def _zh_amount(negative, units, cents, currency):
    if units >= _ZH_MAX:
        raise ValueError("Amount too large to write in Chinese financial numerals.")
    prefix = _ZH_CURRENCY_PREFIX.get((currency or "CNY").upper(), "")
    jiao, fen = divmod(cents, 10)
    text = _zh_integer(units)
    if units:
        text += "元"
    if jiao:
        text += _ZH_DIGITS[jiao] + "角"
    elif fen and units:
        text += "零"
    if fen:
        text += _ZH_DIGITS[fen] + "分"
    elif units or jiao:
        text += "整"
    else:
        text = "零元整"
    return prefix + ("负" if negative else "") + text


def _converter_lang(lang):
    """The num2words language of an Odoo language code (es_CO → es_CO, es_ES → es)."""
    lang = (lang or "en").replace("-", "_")
    if lang in CONVERTER_CLASSES:
        return lang
    short = lang.split("_")[0]
    return short if short in CONVERTER_CLASSES else "en"


def _unit_names(lang2, converter_lang, currency, unit_label, subunit_label):
    names = _UNIT_NAMES.get(lang2, {}).get(currency)
    if names:
        return names
    forms = getattr(CONVERTER_CLASSES[converter_lang], "CURRENCY_FORMS", {}).get(currency)
    if forms:
        (unit, units), (sub, subs) = forms[0][:2], forms[1][:2]
        return unit, units, sub, subs
    unit = unit_label or currency or ""
    sub = subunit_label or ("cents" if lang2 == "en" else "")
    return unit, unit, sub, sub


def _spanish_apocope(words):
    """'uno' before a masculine noun or 'mil'/'millones': veintiuno → veintiún, uno → un."""
    tokens = words.split(" ")
    fixed = []
    for token in tokens:
        if token == "veintiuno":
            token = "veintiún"
        elif token == "uno":
            token = "un"
        fixed.append(token)
    return " ".join(fixed)


def _cardinal_phrase(number, singular, plural, lang2, converter_lang):
    words = num2words(number, lang=converter_lang)
    noun = singular if number == 1 else plural
    if lang2 == "es":
        words = _spanish_apocope(words)
        if number and number % 1_000_000 == 0:
            # "un millón de euros", "dos mil millones de dólares"
            noun = "de " + noun
    return f"{words} {noun}".strip()


def amount_to_words(amount, lang="en_US", currency="USD", *, unit_label=None, subunit_label=None):
    """The amount written in words in the given language.

    :param amount: number (float, int or Decimal), rounded half up to the cent
    :param lang: Odoo language code (``en_US``, ``es_ES``, ``zh_CN``...)
    :param currency: ISO 4217 code of the currency (``USD``, ``EUR``, ``CNY``...)
    :param unit_label: name of the currency's unit when neither the suite nor num2words knows
        it for the language (Odoo's ``currency_unit_label``)
    :param subunit_label: same for the sub-unit (``currency_subunit_label``)
    :return: the amount in words, e.g. ``"One Thousand, Two Hundred And Thirty-Four Dollars
        And Fifty Cents"``, ``"人民币壹仟贰佰叁拾肆元伍角整"``
    """
    negative, units, cents = _to_cents(amount)
    currency = (currency or "").upper()
    lang = (lang or "en_US").replace("-", "_")
    lang2 = lang.split("_")[0].lower()
    if lang2 == "zh":
        return _zh_amount(negative, units, cents, currency)

    converter_lang = _converter_lang(lang)
    lang2 = converter_lang.split("_")[0]
    unit, units_name, sub, subs = _unit_names(
        lang2, converter_lang, currency, unit_label, subunit_label
    )
    parts = []
    if units or not cents:
        parts.append(_cardinal_phrase(units, unit, units_name, lang2, converter_lang))
    if cents:
        parts.append(_cardinal_phrase(cents, sub, subs, lang2, converter_lang))
    text = f" {_AND.get(lang2, 'and')} ".join(parts)
    if negative:
        text = f"{CONVERTER_CLASSES[converter_lang].negword.strip()} {text}"
    if lang2 == "en":
        return text.title()
    return text[:1].upper() + text[1:]
