"""Periods written as ranges and spans (#12): "from January 1 to December 5, 2024", "between
14 and 16 October", "March 21–24", "the past six months", "the first two weeks of 2022",
"this past autumn". Their patterns run before the single dates of
:mod:`corridor.evidence.extract.dates`, which would read a range's first day alone.

>>> from datetime import date
>>> import re
>>> rule, pattern = PERIOD_PATTERNS[0]
>>> m = pattern.search("between March 21–24")
>>> resolve_period(rule, m.groupdict(), 0, 1, None, date(2023, 11, 20)).end_date.isoformat()
'2023-03-24'
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from corridor.evidence.extract.calendar import (
    _SPELLED,
    _YEAR,
    MONTHS,
    DateMention,
    _nearest_year,
)

_M1 = r"(?P<m1>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_M2 = r"(?P<m2>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}

# Order matters: longer, more specific patterns first; matches may not overlap.
PERIOD_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # (#12) "from January 1 to December 5, 2024", "between 14 and 16 October", "March 21–24"
    (
        "date_range",
        re.compile(
            r"\b(?:[Ff]rom|[Bb]etween)\s+" + _M1 + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s*"
            r"(?:to|and|until|till|[-–])\s*(?:" + _M2 + r"\s+)?(?P<d2>\d{1,2})(?:st|nd|rd|th)?"
            r"(?![,.]?\d{3})(?:,?\s+" + _YEAR + r")?\b"
        ),
    ),
    (
        "date_range",
        re.compile(
            r"\b(?:[Ff]rom|[Bb]etween)\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            + _M1
            + r"\s+(?:to|and|until|till|[-–])\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            + _M2
            + r"(?:,?\s+"
            + _YEAR
            + r")?\b"
        ),
    ),
    (
        "first_part",
        re.compile(
            r"\b(?:in\s+)?the first (?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) "
            r"(?P<unit>weeks|months|days) of (?:" + _YEAR + r"|(?P<rel>the|this|last) year)\b",
            re.I,
        ),
    ),
    (
        "past_period",
        re.compile(
            r"\b(?:in|over|during|within)?\s*the (?:past|previous|last|preceding) "
            r"(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) "
            r"(?P<unit>weeks|months|years)\b",
            re.I,
        ),
    ),
    (
        "season",
        re.compile(
            r"\b(?:(?P<rel>this past|last|this|past)\s+|(?:in|during|over|throughout)\s+"
            r"(?:the\s+)?)(?P<season>spring|summer|autumn|fall|winter)\b"
            r"(?:\s+(?:of\s+)?" + _YEAR + r")?",
            re.I,
        ),
    ),
]
PERIOD_RULES = frozenset(rule for rule, _ in PERIOD_PATTERNS)


def resolve_period(
    rule: str, g: dict[str, str], s: int, e: int, year: int | None, published: date
) -> DateMention | None:
    """The period a match of :data:`PERIOD_PATTERNS` stands for."""
    if rule == "date_range":
        m1 = MONTHS[g["m1"].lower().rstrip(".")]
        m2 = MONTHS[(g.get("m2") or g["m1"]).lower().rstrip(".")]
        d1, d2 = int(g["d1"]), int(g["d2"])
        y2 = year or _nearest_year(m2, d2, published)
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
        try:
            return DateMention(s, e, date(y1, m1, d1), date(y2, m2, d2), rule)
        except ValueError:
            return None
    if rule == "first_part":
        rel = (g.get("rel") or "").lower()
        y = year or (published.year - 1 if rel == "last" else published.year)
        raw = g["n"].lower()
        count = int(raw) if raw.isdigit() else _SPELLED[raw]
        unit = g["unit"].lower()
        begin = date(y, 1, 1)
        if unit == "months":
            end = date(y + count // 12, count % 12 + 1, 1) - timedelta(days=1)
        else:
            end = begin + timedelta(days=count * (7 if unit == "weeks" else 1) - 1)
        return DateMention(s, e, begin, end, rule)
    if rule == "past_period":
        raw = g["n"].lower()
        count = int(raw) if raw.isdigit() else _SPELLED[raw]
        unit = g["unit"].lower()
        if unit == "weeks":
            begin = published - timedelta(weeks=count)
        else:
            months = count * (12 if unit == "years" else 1)
            total = published.year * 12 + published.month - 1 - months
            y, mo = divmod(total, 12)
            begin = date(y, mo + 1, min(published.day, 28))
        return DateMention(s, e, begin, published, rule)
    if rule == "season":
        return _season(s, e, g, year, published)
    return None


def _season(s: int, e: int, g: dict[str, str], year: int | None, published: date) -> DateMention:
    """A season as months (winter runs into the next year): of the year written, else "last" and
    "this past" the latest one over by publication, "this" the one of the publication's year,
    and a bare "in the summer" the latest one begun by publication."""
    first, last = _SEASONS[g["season"].lower()]

    def span(y: int) -> tuple[date, date]:
        ey = y + 1 if last < first else y
        end = date(ey + last // 12, last % 12 + 1, 1) - timedelta(days=1)
        return date(y, first, 1), end

    rel = (g.get("rel") or "").lower()
    if year is not None:
        y = year
    elif rel == "this":
        y = published.year
    else:
        y = published.year
        over = rel in ("last", "this past", "past")
        while (span(y)[1] >= published) if over else (span(y)[0] > published):
            y -= 1
    begin, end = span(y)
    return DateMention(s, e, begin, end, "season" + (f"_{rel.replace(' ', '_')}" if rel else ""))
