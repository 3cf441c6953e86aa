"""The suite's one amount-in-words helper (addons/aftersales_repair/tools/amount_words.py),
loaded as a plain file: no Odoo, no database."""

import importlib.util
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location(
    "aftersales_amount_words", ROOT / "addons" / "aftersales_repair" / "tools" / "amount_words.py"
)
amount_words = importlib.util.module_from_spec(spec)
spec.loader.exec_module(amount_words)
amount_to_words = amount_words.amount_to_words


def test_module_does_not_import_odoo():
    source = (ROOT / "addons" / "aftersales_repair" / "tools" / "amount_words.py").read_text()
    assert "import odoo" not in source and "from odoo" not in source
    assert "odoo" not in vars(amount_words)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        # examples of the issue
        (1234.50, "人民币壹仟贰佰叁拾肆元伍角整"),
        (10050.00, "人民币壹万零伍拾元整"),
        (30.05, "人民币叁拾元零伍分"),
        # zeros inside the number: one 零 per run of zeros
        (1409.50, "人民币壹仟肆佰零玖元伍角整"),
        (6007.14, "人民币陆仟零柒元壹角肆分"),
        (100010.00, "人民币壹拾万零壹拾元整"),
        (100500.00, "人民币壹拾万零伍佰元整"),
        (1010.00, "人民币壹仟零壹拾元整"),
        (16409.02, "人民币壹万陆仟肆佰零玖元零贰分"),
        (325.04, "人民币叁佰贰拾伍元零肆分"),
        # zeros at the end of a 万 section are absorbed by 万 (no optional 零)
        (107000.53, "人民币壹拾万柒仟元伍角叁分"),
        (1680.32, "人民币壹仟陆佰捌拾元叁角贰分"),
        # 壹拾 keeps its 壹
        (10.00, "人民币壹拾元整"),
        (15.00, "人民币壹拾伍元整"),
        (110.00, "人民币壹佰壹拾元整"),
        # cents only
        (0.05, "人民币伍分"),
        (0.50, "人民币伍角整"),
        (0.55, "人民币伍角伍分"),
        (0.00, "人民币零元整"),
        # large amounts: 万 / 亿 sections
        (100000000.00, "人民币壹亿元整"),
        (100000001.00, "人民币壹亿零壹元整"),
        (1000000001.01, "人民币壹拾亿零壹元零壹分"),
        (
            123456789012.34,
            "人民币壹仟贰佰叁拾肆亿伍仟陆佰柒拾捌万玖仟零壹拾贰元叁角肆分",
        ),
        (1000000000000.00, "人民币壹万亿元整"),
        (1234500000000.00, "人民币壹万贰仟叁佰肆拾伍亿元整"),
        # rounding half up to the fen
        (2.345, "人民币贰元叁角伍分"),
    ],
)
def test_chinese_rmb_uppercase(amount, expected):
    assert amount_to_words(amount, "zh_CN", "CNY") == expected


def test_chinese_variants_and_other_currencies():
    assert amount_to_words(1234.5, "zh_TW", "CNY") == "人民币壹仟贰佰叁拾肆元伍角整"
    assert amount_to_words(1234.5, "zh_HK", "HKD") == "港币壹仟贰佰叁拾肆元伍角整"
    assert amount_to_words(88, "zh_CN", "USD") == "美元捌拾捌元整"
    assert amount_to_words(-30.05, "zh_CN", "CNY") == "人民币负叁拾元零伍分"


def test_chinese_too_large():
    with pytest.raises(ValueError):
        amount_to_words(10**16, "zh_CN", "CNY")


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (
            1234.50,
            "USD",
            "One Thousand, Two Hundred And Thirty-Four Dollars And Fifty Cents",
        ),
        (10050.00, "USD", "Ten Thousand And Fifty Dollars"),
        (30.05, "USD", "Thirty Dollars And Five Cents"),
        (0.05, "USD", "Five Cents"),
        (1.01, "USD", "One Dollar And One Cent"),
        (0, "USD", "Zero Dollars"),
        (100000000.00, "USD", "One Hundred Million Dollars"),
        (1000000001.01, "USD", "One Billion And One Dollars And One Cent"),
        (2500.10, "EUR", "Two Thousand, Five Hundred Euros And Ten Cents"),
        (1234.50, "GBP", "One Thousand, Two Hundred And Thirty-Four Pounds And Fifty Pence"),
        (-5.50, "USD", "Minus Five Dollars And Fifty Cents"),
    ],
)
def test_english(amount, currency, expected):
    assert amount_to_words(amount, "en_US", currency) == expected


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (1234.50, "EUR", "Mil doscientos treinta y cuatro euros con cincuenta céntimos"),
        (10050.00, "EUR", "Diez mil cincuenta euros"),
        (30.05, "EUR", "Treinta euros con cinco céntimos"),
        (0.05, "EUR", "Cinco céntimos"),
        (1.00, "EUR", "Un euro"),
        (21.00, "USD", "Veintiún dólares"),
        (21000.00, "EUR", "Veintiún mil euros"),
        (1000000.00, "EUR", "Un millón de euros"),
        (100000000.00, "EUR", "Cien millones de euros"),
        (121000000.00, "MXN", "Ciento veintiún millones de pesos"),
        (1000000001.01, "EUR", "Mil millones un euros con un céntimo"),
        (0, "EUR", "Cero euros"),
    ],
)
def test_spanish(amount, currency, expected):
    assert amount_to_words(amount, "es_ES", currency) == expected


def test_language_fallbacks():
    # a regional code falls back to its language; an unknown currency uses the given labels
    assert amount_to_words(2, "en_GB", "USD") == "Two Dollars"
    assert amount_to_words(2, "es_MX", "MXN") == "Dos pesos"
    assert (
        amount_to_words(3.5, "en_US", "XAF", unit_label="Francs", subunit_label="Centimes")
        == "Three Francs And Fifty Centimes"
    )
    # a language num2words does not know is written in English
    assert amount_to_words(7, "xx_XX", "USD") == "Seven Dollars"
