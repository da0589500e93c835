"""Dates and periods in news text, relative ones resolved against the publication date.

Every resolution keeps the rule that produced it, so a reviewer can see why "on Monday" became
2021-11-08 and not 2021-11-15.

>>> from datetime import date
>>> pub = date(2021, 11, 9)  # a Tuesday
>>> [(m.start_date.isoformat(), m.rule) for m in find_dates("so far this year", pub)]
[('2021-01-01', 'so_far_this_year')]
>>> m = find_dates("On Monday, troops arrived", pub)[0]
>>> m.start_date.isoformat(), m.rule
('2021-11-08', 'weekday_before_publication')
>>> m = find_dates("on Monday (15 November) ministers meet", pub)[0]
>>> m.start_date.isoformat(), m.consistent
('2021-11-15', True)
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from corridor.evidence.extract.calendar import (
    _MONTH,
    _SPELLED,
    _WD,
    _YEAR,
    MONTHS,
    WEEKDAYS,
    DateMention,
    _nearest_year,
)
from corridor.evidence.extract.periods import PERIOD_PATTERNS, PERIOD_RULES, resolve_period

__all__ = ["MONTHS", "WEEKDAYS", "DateMention", "find_dates"]

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "so_far_this_year",
        re.compile(
            r"\b(?:so far this year|this year so far|year to date|since the (?:start|beginning) of (?:the|this) year)\b",
            re.I,
        ),
    ),
    (
        "since_start_of_year",
        re.compile(r"\bsince the (?:start|beginning) of " + _YEAR + r"\b", re.I),
    ),
    (
        "since_month",
        re.compile(
            r"\b[Ss]ince (?:early |late |mid-?|the (?:start|beginning|middle|end) of )?"
            + _MONTH
            + r"(?:\s+"
            + _YEAR
            + r")?(?!\s*\d)\b"
        ),
    ),
    *PERIOD_PATTERNS,
    (
        "day_range",
        re.compile(
            r"\b(?P<d1>\d{1,2})\s*(?:[-–]|and|to|until)\s*(?P<d2>\d{1,2})\s+"
            + _MONTH
            + r"(?:\s+"
            + _YEAR
            + r")?\b"
        ),
    ),
    (
        "day_range",
        re.compile(
            r"\b" + _MONTH + r"\s+(?P<d1>\d{1,2})\s*[-–]\s*(?P<d2>\d{1,2})(?![,.]?\d{3})"
            r"(?:,?\s+" + _YEAR + r")?\b"
        ),
    ),
    (
        "weekday_with_date",
        re.compile(
            r"\b"
            + _WD
            + r",?\s*\(?(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+"
            + _MONTH
            + r"(?:\s+"
            + _YEAR
            + r")?\)?"
        ),
    ),
    (
        "weekday_with_date",
        re.compile(
            r"\b"
            + _WD
            + r",?\s*\(?"
            + _MONTH
            + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+"
            + _YEAR
            + r")?\)?"
        ),
    ),
    (
        "explicit_date",
        re.compile(
            r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            + _MONTH
            + r"(?:,?\s+"
            + _YEAR
            + r")?\b"
        ),
    ),
    (
        "explicit_date",
        re.compile(
            r"\b" + _MONTH + r",?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?![,.]?\d{3})"
            r"(?:,?\s+" + _YEAR + r")?"
        ),
    ),
    # (#12) a month standing for its figure in a list ("October saw 17,300, September 7,700")
    (
        "month",
        re.compile(
            r"\b"
            + _MONTH
            + r"(?!\s+(?:19|20)\d\d\b)(?=\s+(?:saw|had|brought|recorded|registered|with|:)?\s*"
            r"(?:about |around |some |over |more than |almost |nearly )?\d)"
        ),
    ),
    ("month_year", re.compile(r"\b(?:in\s+)" + _MONTH + r"\s+" + _YEAR + r"\b")),
    (
        "month",
        re.compile(
            r"\b(?:in|during|throughout|for|of)\s+(?:early\s+|late\s+|mid-?)?"
            + _MONTH
            + r"(?!\s*\d)\b"
        ),
    ),
    ("last_month", re.compile(r"\blast month\b", re.I)),
    (
        "past_hours",
        re.compile(
            r"\b(?:in|over|during|within)?\s*the (?:past|previous|last|preceding) "
            r"(?P<hours>\d{1,3}|twenty-four|forty-eight|seventy-two) hours\b",
            re.I,
        ),
    ),
    (
        "past_days",
        re.compile(
            r"\b(?:in|over|during|within)?\s*the (?:past|previous|last|preceding) "
            r"(?P<days>\d{1,2}|two|three|four|five|six|seven|ten|fourteen) days\b",
            re.I,
        ),
    ),
    ("during_the_year", re.compile(r"\b(?:during|in the course of|over) the year\b", re.I)),
    ("weekend", re.compile(r"\b(?:over|during|at) the weekend\b", re.I)),
    (
        "first_half",
        re.compile(
            r"\b(?:in )?the first (?:half|six months) of (?:the year|this year|(?P<year>\d{4}))\b",
            re.I,
        ),
    ),
    ("last_year", re.compile(r"\blast year\b", re.I)),
    ("this_year", re.compile(r"\bthis year\b", re.I)),
    ("last_week", re.compile(r"\blast week\b", re.I)),
    ("this_week", re.compile(r"\bthis week(?:end)?\b", re.I)),
    ("next_week", re.compile(r"\bnext week\b", re.I)),
    ("yesterday", re.compile(r"\byesterday\b", re.I)),
    ("today", re.compile(r"\btoday\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|next|this|on)\s+)?" + _WD + r"(?:'s)?\b")),
    ("year", re.compile(r"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Tt]hroughout)\s+" + _YEAR + r"\b")),
]

_FUTURE = re.compile(
    r"\b(?:will|shall|to be|is set to|are set to|next|ahead of|plans? to|going to)\b", re.I
)


def _weekday_date(wd: int, published: date, *, future: bool, rel: str | None) -> date:
    delta = (published.weekday() - wd) % 7
    if rel == "next" or (future and rel != "last"):
        ahead = (wd - published.weekday()) % 7 or 7
        return published + timedelta(days=ahead)
    if rel == "last" and delta == 0:
        delta = 7
    return published - timedelta(days=delta)


def _resolve(rule: str, m: re.Match[str], published: date, context: str) -> DateMention | None:
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    s, e = m.start(), m.end()
    if rule == "so_far_this_year":
        return DateMention(s, e, date(published.year, 1, 1), published, rule)
    if rule == "since_start_of_year":
        assert year is not None
        return DateMention(s, e, date(year, 1, 1), published, rule)
    if rule == "since_month":
        month = MONTHS[g["month"].lower().rstrip(".")]
        y = year or (published.year if month <= published.month else published.year - 1)
        return DateMention(s, e, date(y, month, 1), published, rule)
    if rule in PERIOD_RULES:
        return resolve_period(rule, g, s, e, year, published)
    if rule == "day_range":
        month = MONTHS[g["month"].lower().rstrip(".")]
        d1, d2 = int(g["d1"]), int(g["d2"])
        y = year or _nearest_year(month, d1, published)
        try:
            return DateMention(s, e, date(y, month, d1), date(y, month, d2), rule)
        except ValueError:
            return None
    if rule in ("weekday_with_date", "explicit_date"):
        month = MONTHS[g["month"].lower().rstrip(".")]
        day = int(g["day"])
        y = year or _nearest_year(month, day, published)
        try:
            value = date(y, month, day)
        except ValueError:
            return None
        name = rule if year is not None else rule + "_year_from_publication"
        consistent = True
        if g.get("wd"):
            consistent = value.weekday() == WEEKDAYS.index(g["wd"].lower())
        return DateMention(s, e, value, value, name, consistent)
    if rule == "month_year":
        month = MONTHS[g["month"].lower().rstrip(".")]
        assert year is not None
        last = (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)
        return DateMention(s, e, date(year, month, 1), last, rule)
    if rule in ("month", "last_month"):
        if rule == "month":
            month = MONTHS[g["month"].lower().rstrip(".")]
            # the latest such month up to publication: news reports on months gone by
            y = published.year if month <= published.month else published.year - 1
        else:
            y, month = (
                (published.year, published.month - 1)
                if published.month > 1
                else (
                    published.year - 1,
                    12,
                )
            )
        last = date(y + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return DateMention(s, e, date(y, month, 1), last, rule)
    if rule in ("past_hours", "past_days"):
        # "in the past 24 hours": the days those hours reach back into, up to publication
        raw = (g.get("hours") or g.get("days") or "").lower()
        count = int(raw) if raw.isdigit() else _SPELLED[raw]
        days = -(-count // 24) if rule == "past_hours" else count
        return DateMention(s, e, published - timedelta(days=days), published, rule)
    if rule == "during_the_year":
        return DateMention(s, e, date(published.year, 1, 1), published, rule)
    if rule == "weekend":
        # the latest weekend that had begun by publication
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        return DateMention(s, e, saturday, min(saturday + timedelta(days=1), published), rule)
    if rule == "first_half":
        y = year or published.year
        return DateMention(s, e, date(y, 1, 1), date(y, 6, 30), rule)
    if rule == "last_year":
        y = published.year - 1
        return DateMention(s, e, date(y, 1, 1), date(y, 12, 31), rule)
    if rule == "this_year":
        return DateMention(s, e, date(published.year, 1, 1), date(published.year, 12, 31), rule)
    monday = published - timedelta(days=published.weekday())
    if rule == "last_week":
        return DateMention(s, e, monday - timedelta(days=7), monday - timedelta(days=1), rule)
    if rule == "this_week":
        return DateMention(s, e, monday, monday + timedelta(days=6), rule)
    if rule == "next_week":
        return DateMention(s, e, monday + timedelta(days=7), monday + timedelta(days=13), rule)
    if rule == "yesterday":
        when = published - timedelta(days=1)
        return DateMention(s, e, when, when, rule)
    if rule == "today":
        return DateMention(s, e, published, published, rule)
    if rule == "weekday":
        wd = WEEKDAYS.index(g["wd"].lower())
        rel = (g.get("rel") or "").lower() or None
        future = bool(_FUTURE.search(context))
        value = _weekday_date(wd, published, future=future, rel=rel)
        name = "weekday_after_publication" if value > published else "weekday_before_publication"
        return DateMention(s, e, value, value, name)
    if rule == "year":
        assert year is not None
        return DateMention(s, e, date(year, 1, 1), date(year, 12, 31), rule)
    return None


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 : right]


def find_dates(text: str, published: date) -> list[DateMention]:
    """Every date or period in ``text``, resolved against ``published``, in text order."""
    taken = bytearray(len(text))
    found: list[DateMention] = []
    for rule, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            mention = _resolve(rule, m, published, _sentence_around(text, m.start(), m.end()))
            if mention is None:
                continue
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            found.append(mention)
    found.sort(key=lambda d: d.start)
    return _the_year_points_back(text, found, published)


_WHOLE_YEARS = ("last_year", "this_year", "year", "so_far_this_year", "since_start_of_year")


_COMPARED = re.compile(
    r"\b(?:than|as (?:many|much|high|low) as|compared (?:with|to)|against|(?:up|down) from)\s+"
    r"(?:(?:in|during|for)\s+)?$",
    re.I,
)


def _the_year_points_back(
    text: str, found: list[DateMention], published: date
) -> list[DateMention]:
    """ "During the year" means the year last named before it ("4,000 arrivals last year ...
    87 detained during the year" is the year before publication), not one compared with
    ("as many as in 2020"); else publication's year."""
    out: list[DateMention] = []
    for mention in found:
        if mention.rule == "during_the_year":
            named = [
                d
                for d in out
                if d.rule in _WHOLE_YEARS
                and not _COMPARED.search(text, max(0, d.start - 30), d.start)
            ]
            if named:
                year = named[-1].start_date.year
                end = min(date(year, 12, 31), published)
                mention = DateMention(
                    mention.start, mention.end, date(year, 1, 1), end, mention.rule
                )
        out.append(mention)
    return out
