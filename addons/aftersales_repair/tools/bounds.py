# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bounds of what the suite accepts (issue 14): dates a person can mean, periods that fit a
product's life, so that date arithmetic never overflows."""

import datetime

MIN_DATE = datetime.date(1900, 1, 1)
MAX_DATE = datetime.date(2200, 12, 31)
MAX_MONTHS = 1200


def date_in_range(value):
    """True when ``value`` (a date or datetime, or empty) lies within 1900-2200."""
    if not value:
        return True
    if isinstance(value, datetime.datetime):
        value = value.date()
    return MIN_DATE <= value <= MAX_DATE


def months_in_range(months):
    return 1 <= (months or 0) <= MAX_MONTHS
