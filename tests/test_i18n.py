"""The suite speaks Chinese and Spanish: every string of every add-on is translated in zh_CN
and es, with the placeholders and markup of its source (scripts/i18n_check.py; the .pot files
are compared with a fresh export by Odoo in scripts/test's Odoo step)."""

import importlib.util
from pathlib import Path

import pytest

polib = pytest.importorskip("polib")

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("i18n_check", ROOT / "scripts" / "i18n_check.py")
i18n_check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n_check)


def test_every_string_is_translated_in_zh_cn_and_es():
    assert i18n_check.check(verbose=False) == []


def test_every_addon_has_both_languages():
    mods = i18n_check.modules()
    assert {m.name for m in mods} >= {
        "aftersales_repair",
        "aftersales_warranty",
        "aftersales_feedback",
    }
    for module in mods:
        for lang in ("zh_CN", "es"):
            assert (module / "i18n" / f"{lang}.po").exists()


@pytest.mark.parametrize(
    "msgid, msgstr",
    [
        ("Claim %(name)s is closed.", "索赔已关闭。"),
        ("Claim %(name)s is closed.", "索赔 %(nom)s 已关闭。"),
        ("%s days", "días"),
        ("Visit %(number)s of %(included)s", "Visita %(number)s"),
        ("How did we do on {{ object.name }}?", "¿Qué tal lo hicimos?"),
        ("Hello {name}", "Hola {nombre}"),
        ("%(hours).2f hours", "%(hours)s horas"),
        ('<strong t-out="object.name">X</strong> ends', "X termina"),
        ('<a t-att-href="object.url()">Rate</a>', '<a t-att-href="object.other()">Valorar</a>'),
        ("<strong>Fault:</strong>", "<b>故障：</b>"),
        ("Send", ""),
    ],
)
def test_a_broken_translation_is_reported(msgid, msgstr):
    assert i18n_check.entry_problems(msgid, msgstr)


@pytest.mark.parametrize(
    "msgid, msgstr",
    [
        ("%(side)s: not an original part", "%(side)s：非原装配件"),
        ("Visit %(number)s of %(included)s", "第 %(number)s 次上门，共 %(included)s 次"),
        ("between 0 and 100 %.", "entre 0 y 100 %."),
        ("<strong>Fault:</strong>", "<strong>Avería:</strong>"),
        ('<t t-out="a">x</t> and <b>y</b>', '<b>y</b> 和 <t t-out="a">x</t>'),
    ],
)
def test_a_faithful_translation_passes(msgid, msgstr):
    assert i18n_check.entry_problems(msgid, msgstr) == []


def _write_module(tmp_path, msgids, translations):
    module = tmp_path / "addons" / "aftersales_x"
    (module / "i18n").mkdir(parents=True)
    pot = polib.POFile()
    for msgid in msgids:
        pot.append(polib.POEntry(msgid=msgid, msgstr="", comment="module: aftersales_x"))
    pot.save(str(module / "i18n" / "aftersales_x.pot"))
    for lang in ("zh_CN", "es"):
        po = polib.POFile()
        po.metadata = {"Language": lang}
        for msgid, msgstr in translations.get(lang, {}).items():
            po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
        po.save(str(module / "i18n" / f"{lang}.po"))
    return module


def test_sync_merge_and_stale_po(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n_check, "ROOT", tmp_path)
    monkeypatch.setattr(i18n_check, "ADDONS", tmp_path / "addons")
    _write_module(
        tmp_path, ["Repair", "Loan"], {"zh_CN": {"Repair": "维修单", "Gone": "旧"}, "es": {}}
    )
    problems = i18n_check.check(verbose=False)
    assert any("no longer in the .pot" in p for p in problems)
    assert any("not in the .po" in p for p in problems)
    i18n_check.sync()
    problems = i18n_check.check(verbose=False)
    assert (
        len([p for p in problems if "untranslated" in p]) == 3
    )  # Loan (zh_CN), Repair and Loan (es)
    pending = tmp_path / "branch.es.po"
    pending.write_text(
        '#. module: aftersales_x\nmsgid "Loan"\nmsgstr "Préstamo"\n\n'
        '#. module: aftersales_x\nmsgid "Repair"\nmsgstr "Reparación"\n\n'
        '#. module: aftersales_x\nmsgid "Not yet exported"\nmsgstr "Aún no"\n',
        encoding="utf-8",
    )
    left = i18n_check.merge([str(pending)])
    assert [msgid for _f, _l, msgid in left] == ["Not yet exported"]
    problems = i18n_check.check(verbose=False)
    assert len(problems) == 1 and "zh_CN.po: untranslated" in problems[0]


def test_a_stale_pot_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n_check, "ROOT", tmp_path)
    monkeypatch.setattr(i18n_check, "ADDONS", tmp_path / "addons")
    _write_module(tmp_path, ["Repair"], {})
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    pot = polib.POFile()
    pot.append(polib.POEntry(msgid="Repair", msgstr=""))
    pot.append(polib.POEntry(msgid="A new string", msgstr=""))
    pot.save(str(fresh / "aftersales_x.pot"))
    assert i18n_check.compare_pot(fresh) == ["aftersales_x.pot is stale: missing 'A new string'"]
