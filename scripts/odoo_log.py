#!/usr/bin/env python3
"""Reads an Odoo server log and says whether the run was clean.

Used by scripts/test: Odoo's exit code alone does not tell a failed test from a clean run
in every case, and it never fails on ERROR or WARNING lines logged outside the tests.

    odoo_log.py LOGFILE [--no-warnings-before-tests] [--no-warnings]

Prints the problem lines (with the traceback that follows them) and, last, one line
``odoo-tests: passed=N failed=N errors=N problems=N``; exits 1 when anything is wrong.
"""

import argparse
import re
import sys

# 2026-11-23 01:02:03,456 1234 ERROR dbname odoo.modules.loading: message
LINE_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>[\w.]+): "
    r"(?P<msg>.*)$"
)
RESULT_RE = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests "
    r"when loading database"
)
POST_TESTS_MARK = "Starting post tests"


def analyse(lines, warnings_before_tests=False, warnings=False):
    """Returns a dict with the counts and the list of problem excerpts."""
    result = {"run": None, "failed": 0, "errors": 0, "problems": []}
    in_tests = False
    current = None
    for raw in lines:
        line = raw.rstrip("\n")
        match = LINE_RE.match(line)
        if not match:
            if current is not None and len(current) < 60:
                current.append(line)
            continue
        current = None
        level, msg = match["level"], match["msg"]
        if POST_TESTS_MARK in msg:
            in_tests = True
        res = RESULT_RE.search(msg)
        if res:
            result["run"] = int(res["run"])
            result["failed"] = int(res["failed"])
            result["errors"] = int(res["errors"])
            if level == "ERROR":
                # the summary line itself is an ERROR when a test failed: counted above
                continue
        is_problem = level in ("ERROR", "CRITICAL")
        if level == "WARNING":
            if res and result["run"] == 0:
                is_problem = False  # "0 tests" is reported separately
            elif warnings or (warnings_before_tests and not in_tests):
                is_problem = True
        if is_problem:
            current = [line]
            result["problems"].append(current)
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logfile")
    parser.add_argument("--no-warnings-before-tests", action="store_true")
    parser.add_argument("--no-warnings", action="store_true")
    parser.add_argument("--expect-tests", action="store_true", help="fail when no test ran")
    args = parser.parse_args(argv)
    with open(args.logfile, encoding="utf-8", errors="replace") as fh:
        res = analyse(
            fh,
            warnings_before_tests=args.no_warnings_before_tests,
            warnings=args.no_warnings,
        )
    for excerpt in res["problems"]:
        print("\n".join(excerpt))
    run = res["run"] or 0
    passed = max(run - res["failed"] - res["errors"], 0)
    bad = res["failed"] + res["errors"] + len(res["problems"])
    if args.expect_tests and not run:
        print("no Odoo test ran (no result line in the log)")
        bad += 1
    print(
        f"odoo-tests: passed={passed} failed={res['failed']} errors={res['errors']} "
        f"problems={len(res['problems'])}"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
