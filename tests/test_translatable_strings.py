"""Every Python string of the add-ons can be extracted for translation.

Odoo's exporter (`--i18n-export`, the .pot files in each module's i18n/) reads the Python files
with Babel and the keywords `_` and `_lt`; a file Babel cannot read (e.g. an f-string among the
arguments of `_()`) is skipped with an ERROR, and none of its messages can be translated.
"""

import io
from pathlib import Path

import pytest

extract = pytest.importorskip("babel.messages.extract")

ADDONS = Path(__file__).resolve().parent.parent / "addons"
PY_FILES = sorted(p for p in ADDONS.glob("aftersales_*/**/*.py") if "tests" not in p.parts)


def _messages(source):
    return [
        message
        for _lineno, message, _comments, _context in extract.extract(
            "python",
            io.BytesIO(source.encode()),
            keywords={"_": None, "_lt": None},
            options={"encoding": "UTF-8"},
        )
    ]


@pytest.mark.parametrize("path", PY_FILES, ids=lambda p: str(p.relative_to(ADDONS)))
def test_babel_reads_the_file(path):
    _messages(path.read_text(encoding="utf-8"))


def test_an_f_string_argument_breaks_extraction():
    """The check above catches what Odoo's exporter trips on."""
    with pytest.raises(NameError):
        _messages('_("Moved %(qty)s", qty=f"{qty:g}")\n')


def test_named_placeholders_are_extracted():
    assert _messages('_("Moved %(qty)s", qty=format(qty, "g"))\n') == ["Moved %(qty)s"]


def test_addons_have_python_files():
    assert len(PY_FILES) > 50
