#!/usr/bin/env python3
"""Translations of the suite: complete, consistent, and in step with the code.

    scripts/i18n_check.py               check every add-on's zh_CN.po and es.po against its .pot:
                                        every string translated, same placeholders and markup,
                                        no entry the .pot no longer has
    scripts/i18n_check.py --sync        bring the .po files in line with the .pot files (new
                                        strings added untranslated, dropped ones removed,
                                        translations kept), then check
    scripts/i18n_check.py --merge F...  merge translations from plain .po files (msgid/msgstr
                                        pairs, optionally "#. module: <name>" above each; the
                                        language from the Language header or the file name,
                                        e.g. mybranch.zh_CN.po), then check
    scripts/i18n_check.py --compare-pot DIR
                                        compare each i18n/<module>.pot with DIR/<module>.pot (a
                                        fresh export by Odoo, see scripts/test): fails when a
                                        translatable string of the code is missing or obsolete

Exit status 1 when a check fails. Needs polib (requirements.txt).
"""

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
LANGS = ("zh_CN", "es")

# printf placeholders (%s, %d, %(name)s, %(hours).2f), format fields ({name}) and QWeb/inline
# template expressions ({{ object.name }}); a lone "%" before a space is text, not a placeholder.
PLACEHOLDER_RE = re.compile(
    r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{\{.*?\}\}|\{[A-Za-z_][\w.]*\}", re.S
)
TAG_RE = re.compile(r"<\s*(/?)\s*([A-Za-z][\w:-]*)((?:\s+[^>]*?)?)\s*(/?)>", re.S)
DYNAMIC_ATTR_RE = re.compile(r"""\s(t-[\w-]+|href|src|class)\s*=\s*("[^"]*"|'[^']*')""")


def modules():
    return sorted(
        p.parent.parent for p in ADDONS.glob("*/i18n/*.pot") if p.stem == p.parent.parent.name
    )


def placeholders(text):
    return Counter(PLACEHOLDER_RE.findall(text))


def markup(text):
    """Tags with their dynamic attributes (t-*, href, src, class): a translation keeps them all."""
    tags = Counter()
    for closing, name, attrs, selfclosing in TAG_RE.findall(text):
        dynamic = tuple(sorted(DYNAMIC_ATTR_RE.findall(" " + attrs)))
        tags[(closing, name.lower(), dynamic, selfclosing)] += 1
    return tags


def entry_problems(msgid, msgstr):
    problems = []
    if not msgstr.strip() and msgid.strip():
        return ["untranslated"]
    if placeholders(msgid) != placeholders(msgstr):
        problems.append(
            "placeholders differ: %s vs %s"
            % (sorted(placeholders(msgid).elements()), sorted(placeholders(msgstr).elements()))
        )
    if markup(msgid) != markup(msgstr):
        diff = (markup(msgid) - markup(msgstr)) + (markup(msgstr) - markup(msgid))
        problems.append(
            "markup differs: %s" % sorted("<%s%s%s>" % (c, n, s) for c, n, _a, s in diff)
        )
    return problems


def po_path(module, lang):
    return module / "i18n" / f"{lang}.po"


def check(verbose=True):
    """Return a list of problems over every add-on and language."""
    problems = []
    for module in modules():
        pot = polib.pofile(str(module / "i18n" / f"{module.name}.pot"))
        pot_ids = {e.msgid for e in pot}
        for lang in LANGS:
            path = po_path(module, lang)
            if not path.exists():
                problems.append(
                    f"{path.relative_to(ROOT)}: missing (run scripts/i18n_check.py --sync)"
                )
                continue
            po = polib.pofile(str(path))
            po_ids = {e.msgid for e in po if not e.obsolete}
            for msgid in sorted(pot_ids - po_ids):
                problems.append(
                    f"{path.relative_to(ROOT)}: not in the .po (run --sync): {msgid[:80]!r}"
                )
            for msgid in sorted(po_ids - pot_ids):
                problems.append(
                    f"{path.relative_to(ROOT)}: no longer in the .pot (run --sync): {msgid[:80]!r}"
                )
            for entry in po:
                if entry.obsolete or entry.msgid not in pot_ids:
                    continue
                if entry.fuzzy:
                    problems.append(f"{path.relative_to(ROOT)}: fuzzy: {entry.msgid[:80]!r}")
                for problem in entry_problems(entry.msgid, entry.msgstr):
                    problems.append(f"{path.relative_to(ROOT)}: {problem}: {entry.msgid[:80]!r}")
    if verbose:
        for problem in problems:
            print(problem)
    return problems


def sync():
    for module in modules():
        pot = polib.pofile(str(module / "i18n" / f"{module.name}.pot"))
        for lang in LANGS:
            path = po_path(module, lang)
            po = polib.pofile(str(path)) if path.exists() else polib.POFile()
            if not path.exists():
                po.metadata = dict(pot.metadata, Language=lang)
            old = {e.msgid: e.msgstr for e in po if not e.obsolete and e.msgstr}
            new = polib.POFile(wrapwidth=78)
            new.header, new.metadata = po.header or pot.header, po.metadata
            for e in pot:
                new.append(
                    polib.POEntry(
                        msgid=e.msgid,
                        msgstr=old.get(e.msgid, ""),
                        occurrences=e.occurrences,
                        comment=e.comment,
                        tcomment=e.tcomment,
                    )
                )
            new.save(str(path))
            print(f"{path.relative_to(ROOT)}: {sum(1 for e in new if e.msgstr)}/{len(new)} done")


def lang_of(path, po):
    lang = po.metadata.get("Language", "").strip()
    if lang in LANGS:
        return lang
    for candidate in LANGS:
        if path.name.endswith(f".{candidate}.po") or path.name == f"{candidate}.po":
            return candidate
    return None


def merge(files, overwrite=False):
    """Fill the .po files from plain translation files; returns the entries not (yet) in a .pot."""
    targets = {}
    for module in modules():
        for lang in LANGS:
            path = po_path(module, lang)
            if path.exists():
                targets[(module.name, lang)] = (path, polib.pofile(str(path)))
    pending = []
    changed = set()
    for name in files:
        path = Path(name)
        source = polib.pofile(str(path))
        lang = lang_of(path, source)
        if not lang:
            print(f"{path}: language unknown (set the Language header, or name it <x>.zh_CN.po)")
            continue
        merged = 0
        for entry in source:
            if not entry.msgstr or entry.obsolete:
                continue
            module = re.search(r"module:\s*(\w+)", entry.comment or "")
            wanted = [module.group(1)] if module else [m.name for m in modules()]
            found = False
            for mod in wanted:
                if (mod, lang) not in targets:
                    continue
                po = targets[(mod, lang)][1]
                target = po.find(entry.msgid)
                if target is None:
                    continue
                found = True
                if overwrite or not target.msgstr:
                    if target.msgstr != entry.msgstr:
                        target.msgstr = entry.msgstr
                        changed.add((mod, lang))
                        merged += 1
            if not found:
                pending.append((path.name, lang, entry.msgid))
        print(f"{path}: {merged} translation(s) merged")
    for key in sorted(changed):
        path, po = targets[key]
        po.save(str(path))
    for name, lang, msgid in pending:
        print(
            f"{name} ({lang}): in no .pot yet (regenerate it, --sync, merge again): {msgid[:70]!r}"
        )
    return pending


def compare_pot(directory):
    problems = []
    for module in modules():
        committed = polib.pofile(str(module / "i18n" / f"{module.name}.pot"))
        fresh_path = Path(directory) / f"{module.name}.pot"
        if not fresh_path.exists():
            problems.append(f"{fresh_path}: no fresh export to compare with")
            continue
        fresh = polib.pofile(str(fresh_path))
        old, new = {e.msgid for e in committed}, {e.msgid for e in fresh}
        for msgid in sorted(new - old):
            problems.append(f"{module.name}.pot is stale: missing {msgid[:90]!r}")
        for msgid in sorted(old - new):
            problems.append(f"{module.name}.pot is stale: obsolete {msgid[:90]!r}")
    for problem in problems:
        print(problem)
    if problems:
        print(
            "Regenerate the templates (copy the fresh exports to addons/<module>/i18n/),"
            " then run scripts/i18n_check.py --sync and translate the new strings."
        )
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sync", action="store_true", help="update the .po files from the .pot files"
    )
    parser.add_argument(
        "--merge", nargs="+", metavar="FILE", help="merge translations from these .po files"
    )
    parser.add_argument(
        "--overwrite", action="store_true", help="with --merge: replace existing translations"
    )
    parser.add_argument(
        "--compare-pot", metavar="DIR", help="compare the .pot files with fresh exports in DIR"
    )
    args = parser.parse_args(argv)
    if args.compare_pot:
        return 1 if compare_pot(args.compare_pot) else 0
    if args.sync:
        sync()
    if args.merge:
        merge(args.merge, overwrite=args.overwrite)
    problems = check()
    for module in modules():
        for lang in LANGS:
            path = po_path(module, lang)
            if path.exists():
                po = polib.pofile(str(path))
                done = sum(1 for e in po if e.msgstr and not e.obsolete)
                total = len(po) - len(po.obsolete_entries())
                print(f"{module.name} {lang}: {done}/{total} translated")
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
