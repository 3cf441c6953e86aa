"""The log reader scripts/test relies on to fail on failed tests and ERROR lines."""

import importlib.util
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("odoo_log", ROOT / "scripts" / "odoo_log.py")
odoo_log = importlib.util.module_from_spec(spec)
spec.loader.exec_module(odoo_log)

T = "2026-11-23 01:02:03,456 4242"


def _log(*lines):
    return [line + "\n" for line in lines]


def test_clean_run_counts_tests():
    res = odoo_log.analyse(
        _log(
            f"{T} INFO db odoo.modules.loading: loading 1 modules...",
            f"{T} INFO db odoo.service.server: Starting post tests",
            f"{T} INFO db odoo.tests.result: 0 failed, 0 error(s) of 12 tests when loading "
            "database 'db'",
        )
    )
    assert (res["run"], res["failed"], res["errors"], res["problems"]) == (12, 0, 0, [])


def test_failed_tests_and_traceback_are_reported():
    res = odoo_log.analyse(
        _log(
            f"{T} INFO db odoo.service.server: Starting post tests",
            f"{T} ERROR db odoo.addons.x.tests.test_a: FAIL: TestA.test_b",
            "Traceback (most recent call last):",
            "AssertionError: 1 != 2",
            f"{T} ERROR db odoo.tests.result: 1 failed, 0 error(s) of 3 tests when loading "
            "database 'db'",
        )
    )
    assert res["run"] == 3 and res["failed"] == 1
    assert len(res["problems"]) == 1
    assert res["problems"][0][-1] == "AssertionError: 1 != 2"


@pytest.mark.parametrize(
    ("flags", "expected"),
    [({}, 0), ({"warnings_before_tests": True}, 1), ({"warnings": True}, 2)],
)
def test_warnings_policy(flags, expected):
    lines = _log(
        f"{T} WARNING db odoo.models: no access rules for x.y",
        f"{T} INFO db odoo.service.server: Starting post tests",
        f"{T} WARNING db odoo.http: expected in a test",
    )
    assert len(odoo_log.analyse(lines, **flags)["problems"]) == expected


def test_main_exit_code(tmp_path, capsys):
    log = tmp_path / "odoo.log"
    log.write_text(f"{T} ERROR db odoo.sql_db: bad query\n", encoding="utf-8")
    assert odoo_log.main([str(log)]) == 1
    assert "problems=1" in capsys.readouterr().out
    log.write_text(
        f"{T} INFO db odoo.tests.result: 0 failed, 0 error(s) of 2 tests when loading "
        "database 'db'\n",
        encoding="utf-8",
    )
    assert odoo_log.main([str(log), "--expect-tests"]) == 0
    log.write_text(f"{T} INFO db odoo.modules.loading: Modules loaded.\n", encoding="utf-8")
    assert odoo_log.main([str(log), "--expect-tests"]) == 1
