"""A figure: one number with its meaning, and the arithmetic that respects it.

>>> from corridor.model.interval import Interval
>>> a = Figure(Metric.ATTEMPT, "PL", "BY-PL", Interval.from_dates("2021-10-01", "2021-10-31"),
...            17447, False, "tvrepublika")
>>> a.days, a.label
(31, 'PL attempt BY-PL 2021-10-01..2021-10-31')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any

from corridor.exc import RefusedOperation
from corridor.flows.metric import Metric, check_same_metric
from corridor.model.interval import Interval
from corridor.model.time import to_datetime


@dataclass(frozen=True, slots=True)
class Figure:
    """One reported number.

    ``breakdown`` names a sub-population (a nationality in Frontex data, an origin airport for
    flights): figures that differ only by breakdown cover disjoint groups and may be added.
    ``resolved`` says how a vague period ("so far this year") was turned into ``period``.
    """

    metric: Metric
    reporter: str
    border: str
    period: Interval
    value: float
    approximate: bool
    source: str
    note: str = ""
    breakdown: str = ""
    resolved: str = ""
    dataset: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.period.end is None:
            raise ValueError("a figure's period must be closed")

    @property
    def first_day(self) -> date:
        return self.period.start.date()

    @property
    def last_day(self) -> date:
        last = self.period.last_day
        assert last is not None
        return last

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def rate(self) -> float:
        """Per day, for comparing periods of different lengths of the same metric."""
        return self.value / self.days

    @property
    def label(self) -> str:
        where = f" {self.border}" if self.border else ""
        extra = f" [{self.breakdown}]" if self.breakdown else ""
        return (
            f"{self.reporter} {self.metric.value}{where}{extra} {self.first_day}..{self.last_day}"
        )

    def to_row(self) -> dict[str, Any]:
        return {
            "metric": self.metric.value,
            "reporter": self.reporter,
            "border": self.border,
            "period_start": self.first_day,
            "period_end": self.last_day,
            "value": float(self.value),
            "approximate": self.approximate,
            "source": self.source,
            "note": self.note,
            "breakdown": self.breakdown,
            "resolved": self.resolved,
            "dataset": self.dataset,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Figure:
        return cls(
            metric=Metric(row["metric"]),
            reporter=str(row["reporter"]),
            border=str(row["border"] or ""),
            period=Interval.from_dates(_as_date(row["period_start"]), _as_date(row["period_end"])),
            value=float(row["value"]),
            approximate=bool(row["approximate"]),
            source=str(row["source"]),
            note=str(row.get("note") or ""),
            breakdown=str(row.get("breakdown") or ""),
            resolved=str(row.get("resolved") or ""),
            dataset=str(row.get("dataset") or ""),
        )


def _as_date(value: object) -> date:
    if isinstance(value, datetime):
        return to_datetime(value).date()
    if isinstance(value, date):
        return value
    return to_datetime(str(value)).date()


def month_interval(year: int, month: int) -> Interval:
    """The calendar month as ``[first day, first day of next month)``."""
    start = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return Interval(to_datetime(start), to_datetime(nxt))


def day_interval(day: date) -> Interval:
    return Interval(to_datetime(day), to_datetime(day + timedelta(days=1)))


@dataclass(frozen=True, slots=True)
class FigureSum:
    """A sum that remembers its parts and what was allowed to make it."""

    value: float
    metric: Metric | None
    approximate: bool
    parts: tuple[Figure, ...]
    mixed_metrics: bool
    overlapping: bool

    @property
    def explanation(self) -> str:
        what = self.metric.value if self.metric is not None else "MIXED metrics"
        notes = []
        if self.mixed_metrics:
            notes.append("metrics were mixed on request")
        if self.overlapping:
            notes.append("overlapping periods were added on request (may double count)")
        if self.approximate:
            notes.append("some parts are approximate")
        tail = f" ({'; '.join(notes)})" if notes else ""
        return f"{self.value:g} {what} from {len(self.parts)} figures{tail}"


def find_overlap(figures: Sequence[Figure]) -> tuple[Figure, Figure] | None:
    """Two figures that count the same group over overlapping periods, if any."""
    groups: dict[tuple[str, str, str, str], list[Figure]] = {}
    for fig in figures:
        key = (fig.metric.value, fig.reporter, fig.border, fig.breakdown)
        groups.setdefault(key, []).append(fig)
    for group in groups.values():
        ordered = sorted(group, key=lambda f: f.period.start)
        for left, right in pairwise(ordered):
            if left.period.overlaps(right.period):
                return left, right
    return None


def sum_figures(
    figures: Iterable[Figure],
    *,
    allow_mixed_metrics: bool = False,
    allow_overlap: bool = False,
) -> FigureSum:
    """Add figures; refuses mixed metrics and overlapping periods unless allowed explicitly."""
    parts = tuple(figures)
    metric = check_same_metric((f.metric for f in parts), allow_mixed=allow_mixed_metrics)
    clash = find_overlap(parts)
    if clash is not None and not allow_overlap:
        a, b = clash
        raise RefusedOperation(
            f"refusing to add overlapping periods of the same count: {a.label} and {b.label}; "
            "pass allow_overlap (--allow-overlap) if you mean it"
        )
    return FigureSum(
        value=sum(f.value for f in parts),
        metric=metric,
        approximate=any(f.approximate for f in parts),
        parts=parts,
        mixed_metrics=metric is None and len({f.metric for f in parts}) > 1,
        overlapping=clash is not None,
    )


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two figures side by side, per day so periods of different length compare."""

    left: Figure
    right: Figure
    difference: float
    rate_ratio: float | None
    caveats: tuple[str, ...]


def compare_figures(
    left: Figure, right: Figure, *, allow_mixed_metrics: bool = False
) -> Comparison:
    """``right - left`` and the ratio of their daily rates; refuses mixed metrics unless allowed."""
    check_same_metric([left.metric, right.metric], allow_mixed=allow_mixed_metrics)
    caveats: list[str] = []
    if left.metric is not right.metric:
        caveats.append(f"different metrics: {left.metric.value} vs {right.metric.value}")
    if left.period != right.period:
        caveats.append("different periods: compare the per-day rates, not the totals")
    if left.approximate or right.approximate:
        caveats.append("at least one figure is approximate")
    ratio = right.rate / left.rate if left.rate else None
    return Comparison(left, right, right.value - left.value, ratio, tuple(caveats))
