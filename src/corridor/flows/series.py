"""Time series from figures, at a chosen frequency, without double counting.

Each figure goes to the bucket (day, week, month, year) that holds its whole period. A figure
longer than a bucket is *skipped* (never spread over buckets by guesswork). Within a bucket, a
figure that covers the whole bucket wins over finer ones of the same group (they are kept as
*superseded*); otherwise finer figures that do not overlap are added. A point says whether it
covers its whole bucket.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from corridor.flows.figure import Figure, sum_figures
from corridor.flows.metric import Metric, check_same_metric
from corridor.model.interval import Interval
from corridor.model.time import to_datetime


class Freq(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    MIXED = "mixed"  # points of different lengths, see :func:`figure_series`


def bucket_of(day: date, freq: Freq) -> tuple[date, date]:
    """The ``[start, end)`` dates of the bucket holding ``day`` (weeks start on Monday)."""
    if freq is Freq.DAY:
        return day, day + timedelta(days=1)
    if freq is Freq.WEEK:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=7)
    if freq is Freq.MONTH:
        start = day.replace(day=1)
        return start, date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    start = date(day.year, 1, 1)
    return start, date(day.year + 1, 1, 1)


@dataclass(frozen=True, slots=True)
class Point:
    period: Interval
    value: float
    approximate: bool
    complete: bool
    parts: tuple[Figure, ...]

    @property
    def start(self) -> date:
        return self.period.start.date()


@dataclass(frozen=True, slots=True)
class Series:
    """One reporter's counts of one metric at one border, by bucket."""

    metric: Metric
    reporter: str
    border: str
    freq: Freq
    points: tuple[Point, ...]
    skipped: tuple[Figure, ...] = field(default=())
    superseded: tuple[Figure, ...] = field(default=())

    @property
    def key(self) -> str:
        return f"{self.reporter} {self.metric.value} {self.border}".strip()

    def values(self) -> list[float]:
        return [p.value for p in self.points]

    def starts(self) -> list[date]:
        return [p.start for p in self.points]


def _pick(group: list[Figure], start: date, end: date) -> tuple[list[Figure], list[Figure]]:
    """Figures to add for one group in one bucket, and the ones left out."""
    whole = [f for f in group if f.first_day == start and f.last_day == end - timedelta(days=1)]
    if whole:
        best = sorted(whole, key=lambda f: (f.approximate, f.source))[0]
        return [best], [f for f in group if f is not best]
    chosen: list[Figure] = []
    left_out: list[Figure] = []
    for fig in sorted(group, key=lambda f: (f.first_day, -f.days)):
        if chosen and fig.period.overlaps(chosen[-1].period):
            left_out.append(fig)
        else:
            chosen.append(fig)
    return chosen, left_out


def build_series(
    figures: Iterable[Figure], freq: Freq = Freq.MONTH, *, allow_mixed_metrics: bool = False
) -> list[Series]:
    """One :class:`Series` per metric, reporter and border; refuses mixed metrics unless allowed."""
    figs = list(figures)
    if freq is Freq.MIXED:
        raise ValueError("build_series needs a calendar frequency; see figure_series")
    check_same_metric((f.metric for f in figs), allow_mixed=allow_mixed_metrics)
    by_key: dict[tuple[Metric, str, str], list[Figure]] = {}
    for fig in figs:
        by_key.setdefault((fig.metric, fig.reporter, fig.border), []).append(fig)
    result: list[Series] = []
    for (metric, reporter, border), members in sorted(by_key.items()):
        skipped: list[Figure] = []
        superseded: list[Figure] = []
        buckets: dict[tuple[date, date], dict[str, list[Figure]]] = {}
        for fig in members:
            start, end = bucket_of(fig.first_day, freq)
            if fig.last_day >= end:
                skipped.append(fig)
                continue
            buckets.setdefault((start, end), {}).setdefault(fig.breakdown, []).append(fig)
        points: list[Point] = []
        for (start, end), groups in sorted(buckets.items()):
            parts: list[Figure] = []
            for group in groups.values():
                chosen, left_out = _pick(group, start, end)
                parts.extend(chosen)
                superseded.extend(left_out)
            covered = max(sum(f.days for f in parts if f.breakdown == b) for b in groups)
            period = Interval(to_datetime(start), to_datetime(end))
            total = sum_figures(parts)  # refuses mixed metrics and double counting
            points.append(
                Point(
                    period=period,
                    value=total.value,
                    approximate=total.approximate,
                    complete=covered >= (end - start).days,
                    parts=tuple(parts),
                )
            )
        result.append(
            Series(metric, reporter, border, freq, tuple(points), tuple(skipped), tuple(superseded))
        )
    return result


def figure_series(figures: Sequence[Figure], *, min_days: int = 28) -> Series:
    """One group's figures as they were reported: months where there are months, years elsewhere.

    Figures shorter than ``min_days`` (record days) are left out; of overlapping figures the
    shorter wins (a month over the year holding it). Compare points by their per-day rate.
    """
    check_same_metric(f.metric for f in figures)
    keys = {(f.metric, f.reporter, f.border) for f in figures}
    if len(keys) != 1:
        raise ValueError(f"figure_series needs one reporter and border, got {len(keys)}")
    ((metric, reporter, border),) = keys
    chosen: list[Figure] = []
    skipped: list[Figure] = []
    for fig in sorted(figures, key=lambda f: (f.days, f.first_day)):
        if fig.days < min_days or any(fig.period.overlaps(c.period) for c in chosen):
            skipped.append(fig)
        else:
            chosen.append(fig)
    points = tuple(
        Point(f.period, f.value, f.approximate, True, (f,))
        for f in sorted(chosen, key=lambda f: f.first_day)
    )
    return Series(metric, reporter, border, Freq.MIXED, points, tuple(skipped))
