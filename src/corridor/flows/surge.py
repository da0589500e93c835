"""Surge detection: a robust seasonal baseline (median and MAD) and change points (ruptures).

Each point is compared, per day so buckets of different lengths compare, with the median of the
points before it (a trailing window) leaving out alerts of the last ``adapt`` points, so a
surge does not raise its own baseline until it has lasted that long and, where there are enough years, the median of the same
calendar month in earlier years; the larger of the two is the baseline, so a month that is high
every year is not a surge. The spread is the MAD of the window (scaled to a standard deviation),
floored at a tenth of the baseline. A point is an alert when it is both ``z`` spreads and
``ratio`` times above the baseline. Change points from ruptures (PELT on log counts) are attached
to the alerts that follow them.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from corridor.flows.series import Freq, Series

MAD_TO_SD = 1.4826


@dataclass(frozen=True, slots=True)
class SurgeAlert:
    """A point well above its robust baseline: how far above, and why it counts as a surge."""

    series: str
    start: date
    end: date
    value: float
    baseline: float
    z: float
    ratio: float
    baseline_kind: str
    history: int
    change_point: date | None
    sources: tuple[str, ...]

    @property
    def explanation(self) -> str:
        cp = f"; change point at {self.change_point}" if self.change_point else ""
        return (
            f"{self.series} {self.start}..{self.end}: {self.value:,.0f} is {self.ratio:.1f}x the "
            f"{self.baseline_kind} baseline ({self.z:.1f} robust SDs above, from {self.history} "
            f"earlier points){cp}"
        )


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


def detect_surges(
    series: Series,
    *,
    window: int = 24,
    min_history: int = 3,
    z: float = 3.5,
    ratio: float = 2.0,
    seasonal_years: int = 3,
    adapt: int = 12,
) -> list[SurgeAlert]:
    """Alerts for the points of ``series`` that rise well above their baseline."""
    points = series.points
    rates = [p.value / max((p.period.end - p.period.start).days, 1) for p in points if p.period.end]
    days = [(p.period.end - p.period.start).days for p in points if p.period.end]
    cps = change_points([p.value for p in points])
    alerts: list[SurgeAlert] = []
    flagged: set[int] = set()
    for i, point in enumerate(points):
        earlier = [j for j in range(i) if j not in flagged or i - j > adapt][-window:]
        history = [rates[j] for j in earlier]
        if len(history) < min_history:
            continue
        base = statistics.median(history)
        kind = "trailing"
        if series.freq in (Freq.MONTH, Freq.MIXED) and 28 <= days[i] <= 31:
            same = [
                rates[j]
                for j in earlier
                if points[j].start.month == point.start.month
                and 28 <= days[j] <= 31
                and 0 < point.start.year - points[j].start.year <= seasonal_years
            ]
            if len(same) >= 2 and statistics.median(same) > base:
                base, kind = statistics.median(same), "same-month"
        mad = statistics.median(abs(h - statistics.median(history)) for h in history)
        spread = max(MAD_TO_SD * mad, 0.1 * base, 1e-9)
        score = (rates[i] - base) / spread
        rise = rates[i] / base if base > 0 else math.inf
        if score < z or rise < ratio:
            continue
        flagged.add(i)
        before = [points[c].start for c in cps if c <= i]
        alerts.append(
            SurgeAlert(
                series=series.key,
                start=point.start,
                end=point.period.last_day or point.start,
                value=point.value,
                baseline=base * days[i],
                z=score,
                ratio=rise,
                baseline_kind=kind,
                history=len(history),
                change_point=before[-1] if before else None,
                sources=tuple(sorted({f.source for f in point.parts})),
            )
        )
    return alerts
