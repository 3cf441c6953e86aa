# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime
import importlib.util
import pathlib

_PATH = pathlib.Path(__file__).parents[1] / "addons/aftersales_repair/tools/bounds.py"
_spec = importlib.util.spec_from_file_location("bounds", _PATH)
bounds = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bounds)


def test_dates_within_1900_2200():
    assert bounds.date_in_range(datetime.date(1900, 1, 1))
    assert bounds.date_in_range(datetime.datetime(2200, 12, 31, 23, 0))
    assert bounds.date_in_range(False)
    assert not bounds.date_in_range(datetime.date(9999, 12, 31))
    assert not bounds.date_in_range(datetime.date(1899, 12, 31))


def test_months_within_1_1200():
    assert bounds.months_in_range(1)
    assert bounds.months_in_range(1200)
    assert not bounds.months_in_range(0)
    assert not bounds.months_in_range(1201)
    assert not bounds.months_in_range(10_000_000)
