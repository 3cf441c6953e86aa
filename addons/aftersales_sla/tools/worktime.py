# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The suite's one working-time helper: arithmetic on a resource.calendar (its attendances and
time off, public holidays included) over a window of intervals fetched once."""

from datetime import timedelta

import pytz


class WorkTime:
    """Working-time arithmetic on one resource.calendar over a window fetched once.

    Datetimes in and out are naive UTC, as Odoo stores them."""

    def __init__(self, calendar, start, end=None):
        self.calendar = calendar
        self.tz = pytz.timezone(calendar.tz or "UTC")
        self._load(start, end or start + timedelta(days=60))

    def _load(self, start, end):
        self.start, self.end = start, end
        intervals = self.calendar._work_intervals_batch(
            pytz.utc.localize(start), pytz.utc.localize(end)
        )[False]
        self.intervals = [
            (
                a.astimezone(pytz.utc).replace(tzinfo=None),
                b.astimezone(pytz.utc).replace(tzinfo=None),
            )
            for a, b, _meta in intervals
        ]

    def _ensure(self, dt):
        if dt < self.start or dt + timedelta(days=45) > self.end:
            self._load(
                min(self.start, dt - timedelta(days=1)), max(self.end, dt + timedelta(days=90))
            )

    def add_hours(self, dt, hours):
        """dt plus hours of working time (UTC naive in, UTC naive out)."""
        for _attempt in range(5):
            self._ensure(dt)
            remaining = hours
            for a, b in self.intervals:
                if b <= dt:
                    continue
                a = max(a, dt)
                length = (b - a).total_seconds() / 3600
                if remaining <= length + 1e-9:
                    return a + timedelta(hours=remaining)
                remaining -= length
            self._load(self.start, self.end + timedelta(days=365))
        return dt + timedelta(hours=hours)

    def add_days(self, dt, days):
        """End of the days-th working day after the day of dt (that day not counted)."""
        day = pytz.utc.localize(dt).astimezone(self.tz).date()
        for _attempt in range(5):
            self._ensure(dt + timedelta(days=days * 2))
            ends = {}
            for a, b in self.intervals:
                local = pytz.utc.localize(a).astimezone(self.tz).date()
                if local > day:
                    ends[local] = max(ends.get(local, b), b)
            dates = sorted(ends)
            if len(dates) >= days:
                return ends[dates[int(days) - 1]]
            self._load(self.start, self.end + timedelta(days=365))
        return dt + timedelta(days=days)

    def hours_between(self, start, end):
        """Working hours between two datetimes."""
        if end <= start:
            return 0.0
        self._ensure(start)
        self._ensure(end)
        total = 0.0
        for a, b in self.intervals:
            a, b = max(a, start), min(b, end)
            if b > a:
                total += (b - a).total_seconds() / 3600
        return total

    def plan(self, start, duration, unit):
        """Deadline of duration in unit (working_hours, working_days, calendar_hours) from
        start."""
        if unit == "calendar_hours":
            return start + timedelta(hours=duration)
        if unit == "working_days":
            return self.add_days(start, duration)
        return self.add_hours(start, duration)
