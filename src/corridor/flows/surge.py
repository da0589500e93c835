"""Surge detection that compares like with like: one frequency per series, rises only.

A series is bucketed at one calendar frequency (:mod:`corridor.flows.series`). Only *complete*
points enter: a figure longer than the bucket (a yearly total in a monthly series) is never
pro-rated, and a bucket its parts do not fill is never compared; both are left out and listed
(:class:`LeftOut`). :func:`scan_surges` runs one series per frequency the source reports at
(months where there are months, years where there are years), so no ratio is ever taken
across frequencies, and :func:`detect_surges` refuses a mixed series.

Each point is compared, per day (months differ in length), with a baseline described in words
that match its computation:

- before any surge, the median of the preceding points of the same frequency (``window`` at
  most), or, for a month, the median of the same month in up to ``seasonal_years`` preceding
  years when that is higher ("median of the 3 preceding Januaries");
- once a surge is flagged, its points are kept out of that baseline; while the level stays
  ``ratio`` times above the pre-surge baseline the surge goes on, and after ``settle`` points
  the raised level itself is the baseline ("median of the 2 years at the raised level since
  2021"), so a level that has lasted is not a new surge every period. When the level falls
  back the surge's points stay out of later baselines ("leaving out 5 surge months").

A point is an alert when it is at least ``ratio`` times and ``z`` robust spreads (MAD scaled to
a standard deviation, floored at a tenth of the baseline) above its baseline and is not a fall:
a point at or below the previous point of its series never counts as a surge. Change points
(ruptures, PELT) run on the same per-day rates (``log1p``) and are attached to the alerts that
follow them.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from corridor.flows.figure import Figure
from corridor.flows.metric import Metric
from corridor.flows.series import Freq, Point, Series, build_series
from corridor.model.months import month_plural

MAD_TO_SD = 1.4826
_UNITS = {Freq.DAY: "day", Freq.WEEK: "week", Freq.MONTH: "month", Freq.YEAR: "year"}


@dataclass(frozen=True, slots=True)
class SurgeAlert:
    """A point well above its baseline: how far above, against what, and from which sources."""

    series: str
    metric: Metric
    freq: Freq
    start: date
    end: date
    value: float
    baseline: float
    z: float
    ratio: float
    baseline_kind: str
    baseline_text: str
    history: int
    previous: float | None
    change_point: date | None
    sources: tuple[str, ...]
    approximate: bool = False

    @property
    def explanation(self) -> str:
        cp = f"; level change detected at {self.change_point}" if self.change_point else ""
        approx = "~" if self.approximate else ""
        prev = f", up from {self.previous:,.0f}" if self.previous is not None else ""
        return (
            f"{self.series}, {self.freq.value}ly: {self.start}..{self.end} {approx}"
            f"{self.value:,.0f}{prev} is {self.ratio:,.1f}x the {self.baseline_text} "
            f"({self.baseline:,.1f} per {_UNITS[self.freq]}; {self.z:,.1f} robust SDs above){cp}"
        )

    def to_row(self) -> dict[str, Any]:
        return {
            "series": self.series,
            "metric": self.metric.value,
            "frequency": self.freq.value,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "approximate": self.approximate,
            "previous": self.previous,
            "baseline": round(self.baseline, 3),
            "ratio": round(self.ratio, 3),
            "robust_z": round(self.z, 3),
            "baseline_kind": self.baseline_kind,
            "baseline_text": self.baseline_text,
            "change_point": self.change_point,
            "sources": "; ".join(self.sources),
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A figure or bucket that no surge series compares, and why."""

    series: str
    start: date
    end: date
    value: float
    reason: str
    sources: tuple[str, ...]

    def to_row(self) -> dict[str, Any]:
        return {
            "series": self.series,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "reason": self.reason,
            "sources": "; ".join(self.sources),
        }


@dataclass(frozen=True, slots=True)
class SurgeScan:
    """Alerts of every one-frequency series of some figures, and what none of them could use."""

    series: tuple[Series, ...] = ()
    alerts: tuple[SurgeAlert, ...] = ()
    left_out: tuple[LeftOut, ...] = field(default=())


def change_points(values: Sequence[float], *, penalty: float | None = None) -> list[int]:
    """Indexes where the level changes (PELT, least squares on ``log1p``)."""
    import numpy as np
    import ruptures as rpt

    if len(values) < 6:
        return []
    signal = np.log1p(np.asarray(values, dtype=float)).reshape(-1, 1)
    pen = penalty if penalty is not None else 3 * math.log(len(values)) * max(signal.var(), 1e-6)
    ends = rpt.Pelt(model="l2", min_size=2, jump=1).fit(signal).predict(pen=pen)
    return [int(i) for i in ends if i < len(values)]


def _days(point: Point) -> int:
    end = point.period.end
    return max((end - point.period.start).days, 1) if end is not None else 1


def _label(start: date, freq: Freq) -> str:
    if freq is Freq.YEAR:
        return str(start.year)
    if freq is Freq.MONTH:
        return start.strftime("%Y-%m")
    return start.isoformat()


def _span(starts: Sequence[date], freq: Freq) -> str:
    first, last = _label(starts[0], freq), _label(starts[-1], freq)
    return first if first == last else f"{first}–{last}"


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" + ("" if n == 1 else "s")


@dataclass(slots=True)
class _Episode:
    """A surge under way: where it began and the baseline it rose above."""

    begin: int
    base: float
    basis: list[int]
    text: str
    kind: str


def detect_surges(
    series: Series,
    *,
    window: int = 24,
    min_history: int = 3,
    z: float = 3.5,
    ratio: float = 2.0,
    seasonal_years: int = 3,
    settle: int = 2,
) -> list[SurgeAlert]:
    """Alerts for the complete points of a one-frequency ``series`` that rise well above their
    baseline (see the module text); refuses a series of mixed frequencies."""
    if series.freq is Freq.MIXED:
        raise ValueError("surges compare one frequency at a time: bucket the series first")
    unit = _UNITS[series.freq]
    points = [p for p in series.points if p.complete]
    rates = [p.value / _days(p) for p in points]
    cps = change_points(rates)
    alerts: list[SurgeAlert] = []
    surge_points: set[int] = set()
    episode: _Episode | None = None
    for i, point in enumerate(points):
        if episode is not None and i - episode.begin >= settle:
            basis = list(range(episode.begin, i))[-window:]
            starts = [points[j].start for j in basis]
            kind = "raised level"
            text = (
                f"median of the {_plural(len(basis), unit)} at the raised level since "
                f"{_label(points[episode.begin].start, series.freq)} ({_span(starts, series.freq)})"
            )
            base = statistics.median(rates[j] for j in basis)
        elif episode is not None:
            basis, base, kind = episode.basis, episode.base, episode.kind
            began = _label(points[episode.begin].start, series.freq)
            text = f"{episode.text}, the level before the surge that began in {began}"
        else:
            found = _normal_baseline(
                points, rates, i, surge_points, series.freq, window, seasonal_years
            )
            if found is None or len(found[0]) < min_history:
                continue
            basis, base, text, kind = found
        history = [rates[j] for j in basis]
        mad = statistics.median(abs(h - statistics.median(history)) for h in history)
        spread = max(MAD_TO_SD * mad, 0.1 * base, 1e-9)
        score = (rates[i] - base) / spread
        rise = rates[i] / base if base > 0 else math.inf
        previous = i - 1 if i > 0 else None
        falling = previous is not None and rates[i] <= rates[previous]
        if not falling and score >= z and rise >= ratio:
            before = [points[c].start for c in cps if c <= i]
            alerts.append(
                SurgeAlert(
                    series=series.key,
                    metric=series.metric,
                    freq=series.freq,
                    start=point.start,
                    end=point.period.last_day or point.start,
                    value=point.value,
                    baseline=base * _days(point),
                    z=score,
                    ratio=rise,
                    baseline_kind=kind,
                    baseline_text=text,
                    history=len(basis),
                    previous=points[previous].value if previous is not None else None,
                    change_point=before[-1] if before else None,
                    sources=tuple(sorted({f.source for f in point.parts})),
                    approximate=point.approximate,
                )
            )
            if episode is None:
                episode = _Episode(i, base, basis, text, kind)
        if episode is not None:
            if i == episode.begin or rates[i] >= ratio * episode.base:
                surge_points.add(i)
            else:
                episode = None
    return alerts


def _normal_baseline(
    points: Sequence[Point],
    rates: Sequence[float],
    i: int,
    surge_points: set[int],
    freq: Freq,
    window: int,
    seasonal_years: int,
) -> tuple[list[int], float, str, str] | None:
    """The pre-surge baseline of point ``i``: trailing median, or the same month in earlier
    years when that is higher; surge points left out. ``None`` with no earlier point."""
    earlier = [j for j in range(i) if j not in surge_points][-window:]
    if not earlier:
        return None
    unit = _UNITS[freq]
    starts = [points[j].start for j in earlier]
    left = sum(1 for j in surge_points if j < i and points[j].start >= starts[0])
    skipped = f", leaving out {_plural(left, 'surge ' + unit)}" if left else ""
    base = statistics.median(rates[j] for j in earlier)
    text = f"median of the {_plural(len(earlier), 'preceding ' + unit)} ({_span(starts, freq)}{skipped})"
    result = (earlier, base, text, "trailing")
    if freq is Freq.MONTH:
        month = points[i].start
        same = [
            j
            for j in range(i)
            if j not in surge_points
            and points[j].start.month == month.month
            and 0 < month.year - points[j].start.year <= seasonal_years
        ]
        if len(same) >= 2 and statistics.median(rates[j] for j in same) > base:
            years = ", ".join(str(points[j].start.year) for j in same)
            name = month_plural(month.month)
            text = f"median of the {len(same)} preceding {name} ({years})"
            result = (same, statistics.median(rates[j] for j in same), text, "same month")
    return result


def natural_freq(fig: Figure) -> Freq | None:
    """The calendar bucket a figure's period fills exactly (a whole month, a whole year...)."""
    first, last = fig.first_day, fig.last_day
    if first == last:
        return Freq.DAY
    if fig.days == 7 and first.weekday() == 0:
        return Freq.WEEK
    if first.day == 1 and (first.year, first.month) == (last.year, last.month):
        nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        if (nxt - last).days == 1:
            return Freq.MONTH
    if first.month == 1 and first.day == 1 and last == date(first.year, 12, 31):
        return Freq.YEAR
    return None


_ORDER = (Freq.DAY, Freq.WEEK, Freq.MONTH, Freq.YEAR)


def scan_surges(figures: Iterable[Figure], **options: Any) -> SurgeScan:
    """One series per metric, reporter, border and frequency the figures come in; alerts of
    each, and the figures and buckets none of them compares (with the reason)."""
    figs = list(figures)
    groups: dict[tuple[Metric, str, str], list[Figure]] = {}
    for fig in figs:
        groups.setdefault((fig.metric, fig.reporter, fig.border), []).append(fig)
    all_series: list[Series] = []
    alerts: list[SurgeAlert] = []
    left_out: list[LeftOut] = []
    for _, members in sorted(groups.items()):
        natural = {natural_freq(f) for f in members}
        used: set[int] = set()
        for freq in _ORDER:
            if freq not in natural:
                continue
            for item in build_series(members, freq):
                all_series.append(item)
                alerts.extend(detect_surges(item, **options))
                for point in item.points:
                    if point.complete:
                        used.update(id(f) for f in point.parts)
                    elif not any(natural_freq(f) == freq for f in point.parts):
                        continue
                    else:
                        covered = sum(f.days for f in point.parts)
                        left_out.append(
                            LeftOut(
                                f"{item.key}, {freq.value}ly",
                                point.start,
                                point.period.last_day or point.start,
                                point.value,
                                f"the figures cover {covered} of {_days(point)} days of the "
                                f"{_UNITS[freq]}: not compared",
                                tuple(sorted({f.source for f in point.parts})),
                            )
                        )
        for fig in members:
            if id(fig) in used or natural_freq(fig) is not None:
                continue
            left_out.append(
                LeftOut(
                    f"{fig.reporter} {fig.metric.value} {fig.border}".strip(),
                    fig.first_day,
                    fig.last_day,
                    fig.value,
                    f"{fig.days} days, not a whole day, week, month or year, and the source "
                    "gives no finer figures: left out, never pro-rated",
                    (fig.source,),
                )
            )
    return SurgeScan(tuple(all_series), tuple(alerts), tuple(left_out))
