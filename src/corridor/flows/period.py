"""Vague periods in reports ("so far this year", "last month") resolved to dates, saying how.

The result keeps the rule that was used, for :attr:`corridor.flows.figure.Figure.resolved`.

>>> from datetime import date
>>> period, how = resolve_period("so far this year", date(2021, 11, 17))
>>> period.start.date().isoformat(), period.last_day.isoformat()
('2021-01-01', '2021-11-17')
>>> how
"'so far this year' published 2021-11-17: from 1 January to the publication day"
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from corridor.exc import InvalidData
from corridor.model.interval import Interval

_SINCE = re.compile(r"^since (\d{4}-\d{2}-\d{2})$")


def _month_start(day: date) -> date:
    return day.replace(day=1)


def resolve_period(text: str, published: date) -> tuple[Interval, str]:
    """The interval a vague phrase stands for, given the publication day, and how it was read.

    Understood: ``so far this year``, ``this year``, ``so far this month``, ``this month``,
    ``last month``, ``last year``, ``last week`` (the 7 days before publication), ``yesterday``,
    ``today`` and ``since YYYY-MM-DD``. Periods end on the publication day at the latest.
    """
    phrase = " ".join(text.lower().split())
    quoted = f"{text.strip()!r} published {published.isoformat()}"
    if phrase in ("so far this year", "this year", "year to date"):
        return (
            Interval.from_dates(date(published.year, 1, 1), published),
            f"{quoted}: from 1 January to the publication day",
        )
    if phrase in ("so far this month", "this month"):
        return (
            Interval.from_dates(_month_start(published), published),
            f"{quoted}: from the 1st of the month to the publication day",
        )
    if phrase == "last month":
        end = _month_start(published) - timedelta(days=1)
        return Interval.from_dates(_month_start(end), end), f"{quoted}: the previous calendar month"
    if phrase == "last year":
        year = published.year - 1
        return (
            Interval.from_dates(date(year, 1, 1), date(year, 12, 31)),
            f"{quoted}: the previous calendar year",
        )
    if phrase in ("last week", "past week", "in the past seven days"):
        return (
            Interval.from_dates(published - timedelta(days=7), published - timedelta(days=1)),
            f"{quoted}: the 7 days before publication",
        )
    if phrase in ("yesterday", "today"):
        day = published - timedelta(days=1 if phrase == "yesterday" else 0)
        return Interval.from_dates(day, day), f"{quoted}: one day"
    since = _SINCE.match(phrase)
    if since:
        start = date.fromisoformat(since.group(1))
        if start > published:
            raise InvalidData.at(f"{quoted}: starts after publication", field="period")
        return Interval.from_dates(start, published), f"{quoted}: to the publication day"
    raise InvalidData.at(f"cannot resolve the period {text!r}", field="period")
