# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bounds of what the suite accepts (issue 14): dates a person can mean, periods that fit a
product's life, so that date arithmetic never overflows."""

import datetime

from odoo.exceptions import ValidationError

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


def check_number_bounds(records, field_names, low=0.0, high=None, strict=False):
    """Refuse a typed number out of bounds with a message naming the record and the field.

    ``low`` is the least value accepted (excluded with ``strict``: quantities that must be more
    than zero); ``high``, when given, the greatest (percentages: 100). Raises ValidationError."""
    for record in records:
        for name in field_names:
            value = record[name] or 0
            too_low = value <= low if strict else value < low
            if not too_low and (high is None or value <= high):
                continue
            label = record._fields[name]._description_string(record.env)
            if high is not None:
                message = record.env._(
                    "%(record)s: %(field)s must be from %(low)s to %(high)s. Enter a value in "
                    "that range.",
                    record=record.display_name,
                    field=label,
                    low=low,
                    high=high,
                )
            elif strict:
                message = record.env._(
                    "%(record)s: %(field)s must be more than zero. Enter a positive number.",
                    record=record.display_name,
                    field=label,
                )
            else:
                message = record.env._(
                    "%(record)s: %(field)s cannot be negative. Enter zero or more.",
                    record=record.display_name,
                    field=label,
                )
            raise ValidationError(message)


def check_text_not_blank(records, field_names):
    """Refuse required text made only of spaces, naming the record's model and the field."""
    for record in records:
        for name in field_names:
            if record._fields[name].required and not (record[name] or "").strip():
                raise ValidationError(
                    record.env._(
                        "%(model)s: %(field)s cannot be blank. Enter a text.",
                        model=record._description,
                        field=record._fields[name]._description_string(record.env),
                    )
                )
