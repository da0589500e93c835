"""Time is timezone-aware UTC everywhere; :func:`to_datetime` is the one way in.

>>> to_datetime("2021-12-02").isoformat()
'2021-12-02T00:00:00+00:00'
>>> to_datetime("02/12/2021", dayfirst=True).date().isoformat()
'2021-12-02'
>>> to_datetime("2021-11-12T10:00:00+03:00").isoformat()
'2021-11-12T07:00:00+00:00'
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def to_datetime(value: str | date | datetime, *, dayfirst: bool = False) -> datetime:
    """Coerce a date, datetime or text into an aware UTC datetime.

    Naive datetimes are taken to be UTC. Text may be ISO 8601 (``2021-12-02``,
    ``2021-12-02T10:00:00Z``) or, with ``dayfirst``, ``dd/mm/yyyy`` and ``dd.mm.yyyy``;
    otherwise ``mm/dd/yyyy`` as OFAC writes it. Raises ``ValueError`` on anything else.
    """
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    if isinstance(value, date):
        return datetime.combine(value, time.min, tzinfo=UTC)
    text = value.strip()
    match = _DMY.match(text)
    if match:
        a, b, year = (int(g) for g in match.groups())
        day, month = (a, b) if dayfirst else (b, a)
        return datetime(year, month, day, tzinfo=UTC)
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    parsed = datetime.fromisoformat(text)
    return to_datetime(parsed)


def to_date(value: str | date | datetime, *, dayfirst: bool = False) -> date:
    """Coerce to a calendar date (UTC)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    return to_datetime(value, dayfirst=dayfirst).date()
