"""The README generator scripts/test relies on (scripts/gen_addon_readme.py) and the rule books
its Configuration sections come from (readme/CONFIGURE.md of each add-on)."""

import importlib.util
import pathlib
import re

import pytest
from docutils.core import publish_doctree
from docutils.nodes import section, title

ROOT = pathlib.Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location(
    "gen_addon_readme", ROOT / "scripts" / "gen_addon_readme.py"
)
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)

MANIFEST = {
    "name": "Demo Add-on",
    "summary": "A demo",
    "version": "18.0.1.0.0",
    "website": "https://github.com/example-org/example-repo",
    "author": "The Demo Authors, Someone Else",
    "license": "LGPL-3",
    "data": [],
}
CITATION = re.compile(r'\((?:(aftersales_\w+)/)?readme/CONFIGURE\.md, "([^"]+)"\)')


def _addon(tmp_path, manifest=None, **fragments):
    addon = tmp_path / "demo_addon"
    (addon / "readme").mkdir(parents=True)
    (addon / "__manifest__.py").write_text(repr(manifest or MANIFEST), encoding="utf-8")
    for name, text in fragments.items():
        (addon / "readme" / f"{name}.md").write_text(text, encoding="utf-8")
    return addon


def _sections(rst):
    """{section title: [titles of its direct subsections]} of a reStructuredText text."""
    tree = publish_doctree(rst, settings_overrides={"report_level": 5})
    result = {}
    for node in getattr(tree, "findall", tree.traverse)(section):
        name = node.next_node(title).astext()
        result[name] = [
            child.next_node(title).astext()
            for child in node.children
            if isinstance(child, section)
        ]
    return result


def test_fragments_in_oca_order_with_their_sections(tmp_path):
    addon = _addon(
        tmp_path,
        DESCRIPTION="What the add-on **is**.\n",
        USAGE="How to use it.\n",
        CONFIGURE="Intro.\n\n## Rule A\n\nText, `code`.\n\n## Engine\n\n### Rule B\n\nMore.\n",
        CONTRIBUTORS="- Jane Doe\n",
    )
    readme = gen.generate(addon)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("===========\nDemo Add-on\n===========\n")
    assert "source digest: sha256:" in text
    # description first, then the table of contents, Configuration before Usage
    order = [
        text.index(s)
        for s in (
            "What the add-on",
            "Table of contents",
            "Configuration\n===",
            "Usage\n===",
            "Bug Tracker",
            "Credits\n===",
        )
    ]
    assert order == sorted(order)
    assert "``code``" in text
    sections = _sections(text)
    assert sections["Configuration"] == ["Rule A", "Engine"]
    assert sections["Engine"] == ["Rule B"]
    assert sections["Credits"] == ["Authors", "Contributors", "Maintainers"]
    assert "* The Demo Authors\n* Someone Else\n" in text
    assert "https://github.com/example-org/example-repo/tree/18.0/demo_addon" in text
    index = addon / "static" / "description" / "index.html"
    assert gen.MARKER in index.read_text(encoding="utf-8")
    assert "Rule B" in index.read_text(encoding="utf-8")


def test_a_hand_written_index_is_kept(tmp_path):
    addon = _addon(tmp_path, DESCRIPTION="Text.\n")
    index = addon / "static" / "description" / "index.html"
    index.parent.mkdir(parents=True)
    index.write_text("<p>by hand</p>", encoding="utf-8")
    gen.generate(addon)
    assert index.read_text(encoding="utf-8") == "<p>by hand</p>"


def test_without_description_nothing_is_written(tmp_path):
    addon = _addon(tmp_path, USAGE="Usage only.\n")
    assert gen.generate(addon) is None
    assert not (addon / "README.rst").exists()


def test_check_names_the_stale_addon(tmp_path, capsys):
    addon = _addon(tmp_path, DESCRIPTION="Text.\n", CONFIGURE="## Rule\n\nOld default 7.\n")
    gen.generate(addon)
    assert gen.main(["--check", "--addon-dir", str(addon)]) == 0
    (addon / "readme" / "CONFIGURE.md").write_text("## Rule\n\nNew default 8.\n", encoding="utf-8")
    before = (addon / "README.rst").read_text(encoding="utf-8")
    assert gen.main(["--check", "--addon-dir", str(addon)]) == 1
    assert "demo_addon: README.rst is stale" in capsys.readouterr().out
    # the check writes nothing into the add-on
    assert (addon / "README.rst").read_text(encoding="utf-8") == before
    gen.generate(addon)
    assert gen.stale_addons([addon]) == []


def test_only_the_manifest_keys_the_readme_shows_count(tmp_path):
    addon = _addon(tmp_path, DESCRIPTION="Text.\n")
    gen.generate(addon)
    (addon / "__manifest__.py").write_text(
        repr(dict(MANIFEST, data=["views/x.xml"])), encoding="utf-8"
    )
    assert gen.stale_addons([addon]) == []
    (addon / "__manifest__.py").write_text(repr(dict(MANIFEST, name="Renamed")), encoding="utf-8")
    assert gen.stale_addons([addon]) == ["demo_addon"]


def test_invalid_rst_is_refused(tmp_path):
    addon = tmp_path / "demo_addon"
    (addon / "readme").mkdir(parents=True)
    (addon / "__manifest__.py").write_text(repr(MANIFEST), encoding="utf-8")
    (addon / "readme" / "DESCRIPTION.rst").write_text("Broken `link <\n", encoding="utf-8")
    with pytest.raises(gen.GenerationError):
        gen.generate(addon)


def _headings(addon):
    path = ROOT / "addons" / addon / "readme" / "CONFIGURE.md"
    return re.findall(r"^#{2,} (.+)$", path.read_text(encoding="utf-8"), re.M)


def _rule_sections(addon):
    """(title, text) of each section of an add-on's rule book that has no subsection."""
    text = (ROOT / "addons" / addon / "readme" / "CONFIGURE.md").read_text(encoding="utf-8")
    parts = re.split(r"^(#{2,}) (.+)$", text, flags=re.M)[1:]
    sections = [(parts[i], parts[i + 1], parts[i + 2]) for i in range(0, len(parts), 3)]
    leaves = []
    for index, (level, name, body) in enumerate(sections):
        following = sections[index + 1][0] if index + 1 < len(sections) else ""
        if len(following) <= len(level):
            leaves.append((name, body))
    return leaves


ADDONS = sorted(p.parent.parent.name for p in (ROOT / "addons").glob("*/readme/CONFIGURE.md"))


@pytest.mark.parametrize("addon", ADDONS)
def test_each_rule_names_its_source_once(addon):
    headings = _headings(addon)
    assert headings, f"{addon}: readme/CONFIGURE.md has no rule sections (## title)"
    assert len(headings) == len(set(headings)), f"{addon}: two sections with the same title"
    no_source = [name for name, body in _rule_sections(addon) if "Source" not in body]
    assert not no_source, f"{addon}: rules without their source: {no_source}"


def test_citations_name_a_section_of_the_rule_book():
    """Comments cite the rule book as (readme/CONFIGURE.md, "<section title>"), or
    (<add-on>/readme/CONFIGURE.md, "<section title>") for another add-on's rule."""
    bad = []
    count = 0
    for path in sorted((ROOT / "addons").rglob("*")):
        if path.suffix not in (".py", ".xml", ".js") or not path.is_file():
            continue
        addon = path.relative_to(ROOT / "addons").parts[0]
        # a citation may run over two comment lines
        text = re.sub(r"\s*\n\s*(?:#\s*)?", " ", path.read_text(encoding="utf-8"))
        for match in CITATION.finditer(text):
            count += 1
            target = match.group(1) or addon
            book = ROOT / "addons" / target / "readme" / "CONFIGURE.md"
            if not book.exists() or match.group(2) not in _headings(target):
                bad.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert count > 40
    assert not bad, "citations of missing rule-book sections:\n" + "\n".join(bad)
