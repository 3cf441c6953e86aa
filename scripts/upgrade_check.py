#!/usr/bin/env python3
"""Counts for scripts/upgrade_check (see there): what scripts/upgrade_check_counts.py lists.

upgrade_check.py snapshot --db DB --out FILE [--db-host H --db-port P --db-user U]
upgrade_check.py compare --before F --after F --db DB [...] [--modules m1,m2]
"""

import argparse
import json
import sys
from pathlib import Path

import psycopg2

sys.path.insert(0, str(Path(__file__).resolve().parent))
import upgrade_check_counts as spec


def connect(args):
    return psycopg2.connect(
        dbname=args.db, host=args.db_host, port=args.db_port, user=args.db_user
    )


def table_exists(cr, table):
    cr.execute("SELECT 1 FROM pg_class WHERE relname = %s AND relkind = 'r'", [table])
    return bool(cr.rowcount)


def module_versions(cr):
    """The installed version of each add-on of the suite."""
    cr.execute(
        "SELECT name, latest_version FROM ir_module_module "
        "WHERE state = 'installed' AND name LIKE 'aftersales%'"
    )
    return dict(cr.fetchall())


def _version(text):
    return tuple(int(part) for part in text.split(".")) if text else ()


def applies(migration, versions):
    """A SETUP or EXPECT entry of a migration (module, version) applies when the old database's
    add-on is older than that version (the migration runs); entries without one always apply."""
    if not migration or versions is None:
        return True
    module, version = migration
    return module in versions and _version(versions[module]) < _version(version)


def _split_setup(entry):
    return entry if isinstance(entry, tuple) else (None, entry)


def snapshot(cr):
    result = {"__versions__": module_versions(cr)}
    for model in spec.MODELS:
        table = model.replace(".", "_")
        if table_exists(cr, table):
            cr.execute(f'SELECT count(*) FROM "{table}"')
            result[f"records of {model}"] = {"": cr.fetchone()[0]}
        else:
            result[f"records of {model}"] = None
    for label, query in spec.QUERIES.items():
        try:
            cr.execute("SAVEPOINT q")
            cr.execute(query)
            result[label] = {str(key): number for key, number in cr.fetchall()}
            cr.execute("RELEASE SAVEPOINT q")
        except psycopg2.Error as error:
            cr.execute("ROLLBACK TO SAVEPOINT q")
            result[label] = {"(query failed)": str(error).strip().splitlines()[0]}
    kept = {}
    for label, query in getattr(spec, "KEPT", {}).items():
        try:
            cr.execute("SAVEPOINT k")
            cr.execute(query)
            kept[label] = sorted(row[0] for row in cr.fetchall())
            cr.execute("RELEASE SAVEPOINT k")
        except psycopg2.Error:
            cr.execute("ROLLBACK TO SAVEPOINT k")
            kept[label] = None
    result["__kept__"] = kept
    return result


def compare_kept(before, after):
    """Every record listed before is still there (same id); the new ones are reported."""
    problems = 0
    for label, old_ids in before.get("__kept__", {}).items():
        new_ids = set(after.get("__kept__", {}).get(label) or ())
        if old_ids is None:
            continue
        lost = set(old_ids) - new_ids
        added = len(new_ids - set(old_ids))
        mark = f"  LOST {len(lost)}" if lost else ""
        problems += bool(lost)
        print(
            f"{'records kept (same ids) ' + label:<90} {len(old_ids):>12} "
            f"{len(set(old_ids) & new_ids):>12}{mark}" + (f"  (+{added} new)" if added else "")
        )
    return problems


def compare(before, after, cr, modules):
    problems = 0
    print(f"{'what':<90} {'before':>12} {'after':>12}")
    grows = set(getattr(spec, "GROWS", ()))
    for label, values in before.items():
        if label.startswith("__"):
            continue
        new_values = after.get(label)
        if values is None:
            print(f"{label:<90} {'-':>12} {sum((new_values or {}).values()):>12}  (new)")
            continue
        for key in sorted(set(values) | set(new_values or {})):
            old = values.get(key)
            new = (new_values or {}).get(key)
            name = f"{label} {key}".strip()
            mark = ""
            if old is None:
                mark = "  (new)"
            elif label in grows and new is not None and new >= old:
                mark = f"  (+{new - old} new)" if new > old else ""
            elif old != new:
                mark = "  DIFFERENT"
                problems += 1
            print(
                f"{name[:90]:<90} {str(old if old is not None else '-'):>12} "
                f"{str(new if new is not None else '-'):>12}{mark}"
            )
    problems += compare_kept(before, after)
    for label, query in spec.DUPLICATES.items():
        cr.execute(query)
        rows = cr.fetchall()
        print(f"duplicates: {label}: {len(rows)}")
        for row in rows[:10]:
            print(f"    {row}")
        problems += bool(rows)
    for label, (query, expected, *migration) in getattr(spec, "EXPECT", {}).items():
        if not applies(migration and migration[0], before.get("__versions__")):
            print(f"after the upgrade: {label}: skipped (the old version has it already)")
            continue
        cr.execute(query)
        found = cr.fetchone()[0]
        mark = "" if found == expected else f"  DIFFERENT (expected {expected})"
        print(f"after the upgrade: {label}: {found}{mark}")
        problems += bool(mark)
    for xmlid in spec.XMLIDS:
        module, name = xmlid.split(".", 1)
        cr.execute("SELECT 1 FROM ir_model_data WHERE module = %s AND name = %s", [module, name])
        if not cr.rowcount:
            print(f"missing external id after the upgrade: {xmlid}")
            problems += 1
    if modules:
        cr.execute(
            "SELECT name FROM ir_module_module WHERE name = ANY(%s) AND state != 'installed'",
            [modules.split(",")],
        )
        for (name,) in cr.fetchall():
            print(f"not installed after the upgrade: {name}")
            problems += 1
    print(f"{problems} difference(s)")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["setup", "snapshot", "compare"])
    parser.add_argument("--db", required=True)
    parser.add_argument("--db-host")
    parser.add_argument("--db-port")
    parser.add_argument("--db-user")
    parser.add_argument("--out")
    parser.add_argument("--before")
    parser.add_argument("--after")
    parser.add_argument("--modules", default="")
    args = parser.parse_args()
    with connect(args) as cnx, cnx.cursor() as cr:
        if args.command == "setup":
            versions = module_versions(cr)
            for migration, query in map(_split_setup, getattr(spec, "SETUP", [])):
                if applies(migration, versions):
                    cr.execute(query)
            return 0
        if args.command == "snapshot":
            Path(args.out).write_text(json.dumps(snapshot(cr), indent=1))
            return 0
        before = json.loads(Path(args.before).read_text())
        after = json.loads(Path(args.after).read_text())
        return 1 if compare(before, after, cr, args.modules) else 0


if __name__ == "__main__":
    sys.exit(main())
