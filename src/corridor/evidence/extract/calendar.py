"""The calendar words of news text and the date mention they make, shared by
:mod:`corridor.evidence.extract.dates` and :mod:`corridor.evidence.extract.periods`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from corridor.model.months import MONTH_NUMBERS, MONTH_PATTERN

# Months come from the one table (corridor.model.months): "January", "Jan", "Sept", any case.
MONTHS = MONTH_NUMBERS
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = r"(?P<month>" + MONTH_PATTERN + r")\.?"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_SPELLED = {
    "twenty-four": 24,
    "forty-eight": 48,
    "seventy-two": 72,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "ten": 10,
    "fourteen": 14,
    "eight": 8,
    "nine": 9,
    "eleven": 11,
    "twelve": 12,
}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or period found at ``[start, end)``; ``end_date`` is inclusive, None for open.

    ``consistent`` is False when a weekday and a date were written together and disagree.
    """

    start: int
    end: int
    start_date: date
    end_date: date | None
    rule: str
    consistent: bool = True

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "start_date": self.start_date.isoformat(),
            "end_date": None if self.end_date is None else self.end_date.isoformat(),
            "rule": self.rule,
            "consistent": self.consistent,
        }


def _nearest_year(month: int, day: int, published: date) -> int:
    """The year that puts day/month closest to publication (news looks back more than ahead)."""
    best = published.year
    best_gap: int | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        gap = (candidate - published).days
        # Dates more than ~2 months ahead are more likely last year's.
        score = abs(gap) if gap <= 0 else gap * 3
        if best_gap is None or score < best_gap:
            best, best_gap = year, score
    return best
