"""The impact of a measure: interrupted time series, and the lag between flights and attempts.

The segmented regression fits ``log(1 + y) = a + b*t + c*after + d*(t - t0)*after`` by OLS with
HAC (Newey-West) errors: ``c`` is the change of level when the measure took effect (reported as a
ratio with its 95% interval), ``d`` the change of monthly trend. It says what the numbers did
around the date, not that the measure caused it: the caveats list what else could explain it.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from corridor.exc import InvalidData
from corridor.flows.series import Series
from corridor.model.time import to_date
from corridor.rules.spec import load_measures


@dataclass(frozen=True, slots=True)
class MeasureDate:
    """A route measure's id, title, actor, the date it took effect and its source."""

    id: str
    title: str
    actor: str
    effective_from: date
    source: str


def load_measure_dates(
    rules_dir: Path | None = None, csv_path: Path | None = None
) -> list[MeasureDate]:
    """Measure dates from the route-measure rules (``corridor.rules``), else from a measures CSV."""
    if rules_dir is not None and rules_dir.is_dir():
        return [
            MeasureDate(m.id, m.title, m.actor, m.effective_from, f"{rules_dir}/{m.id}.yml")
            for m in load_measures(rules_dir)
        ]
    if csv_path is None:
        raise InvalidData.at("no rules folder and no measures CSV given")
    dates: list[MeasureDate] = []
    with csv_path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                when = to_date(row["effective_from"])
            except (KeyError, ValueError) as exc:
                raise InvalidData.at(
                    str(exc), file=str(csv_path), line=line, field="effective_from"
                ) from exc
            title = row.get("note") or row.get("measure_type") or row["id"]
            dates.append(MeasureDate(row["id"], title, row.get("actor", ""), when, str(csv_path)))
    return dates


@dataclass(frozen=True, slots=True)
class ImpactEstimate:
    """The estimated change in level after a measure, its interval, the model and its caveats."""

    series: str
    measure: MeasureDate
    level_ratio: float
    level_ratio_low: float
    level_ratio_high: float
    trend_change: float
    p_value: float
    points_before: int
    points_after: int
    caveats: tuple[str, ...]

    @property
    def explanation(self) -> str:
        change = (self.level_ratio - 1) * 100
        return (
            f"{self.series} around {self.measure.id} ({self.measure.actor}, "
            f"{self.measure.effective_from}): level x{self.level_ratio:.2f} ({change:+.0f}%), 95% "
            f"interval x{self.level_ratio_low:.2f} to x{self.level_ratio_high:.2f}, p={self.p_value:.3f}"
            f"; {self.points_before} points before, {self.points_after} after. Caveats: "
            + "; ".join(self.caveats)
        )


def interrupted_time_series(
    series: Series,
    measure: MeasureDate,
    *,
    others: Sequence[MeasureDate] = (),
    before: int = 12,
    after: int = 12,
    nearby_days: int = 31,
) -> ImpactEstimate:
    """Segmented regression of ``series`` around ``measure``'s date."""
    import numpy as np
    import statsmodels.api as sm

    points = list(series.points)
    cut = next((i for i, p in enumerate(points) if p.start >= measure.effective_from), None)
    if cut is None or cut < 3 or len(points) - cut < 3:
        raise InvalidData.at(
            f"{series.key} needs at least 3 points on each side of {measure.effective_from}"
        )
    window = points[max(0, cut - before) : cut + after]
    cut_in = min(cut, before)
    n = len(window)
    t = np.arange(n, dtype=float)
    post = (t >= cut_in).astype(float)
    since = np.where(post > 0, t - cut_in, 0.0)
    y = np.log1p(np.array([p.value for p in window], dtype=float))
    design = np.column_stack([np.ones(n), t, post, since])
    fit = sm.OLS(y, design).fit(cov_type="HAC", cov_kwds={"maxlags": 1})
    low, high = fit.conf_int(alpha=0.05)[2]
    caveats = [
        "association around the date, not proof that the measure caused the change",
        "log scale: the level change is a ratio",
    ]
    if cut_in < 8 or n - cut_in < 8:
        caveats.append(f"few points ({cut_in} before, {n - cut_in} after)")
    near = [
        o
        for o in others
        if o.id != measure.id
        and abs((o.effective_from - measure.effective_from).days) <= nearby_days
    ]
    if near:
        names = ", ".join(f"{o.id} {o.effective_from}" for o in near)
        caveats.append(f"other measures within {nearby_days} days: {names}")
    if any(p.approximate for p in window):
        caveats.append("some figures are approximate")
    if series.freq.value == "month" and measure.effective_from.day > 1:
        caveats.append(
            f"the measure took effect on day {measure.effective_from.day} of its month; "
            "that month counts as after"
        )
    return ImpactEstimate(
        series=series.key,
        measure=measure,
        level_ratio=math.exp(float(fit.params[2])),
        level_ratio_low=math.exp(float(low)),
        level_ratio_high=math.exp(float(high)),
        trend_change=float(fit.params[3]),
        p_value=float(fit.pvalues[2]),
        points_before=cut_in,
        points_after=n - cut_in,
        caveats=tuple(caveats),
    )


@dataclass(frozen=True, slots=True)
class Lag:
    """The lag (in buckets) at which one series best follows another, with its correlation."""

    lag: int
    correlation: float
    pairs: int
    unit: str

    @property
    def explanation(self) -> str:
        return (
            f"attempts follow arrivals best at a lag of {self.lag} {self.unit}(s) "
            f"(correlation {self.correlation:.2f} over {self.pairs} pairs)"
        )


def best_lag(
    arrivals: dict[date, float],
    attempts: dict[date, float],
    *,
    max_lag: int = 14,
    step: timedelta = timedelta(days=1),
    unit: str = "day",
) -> Lag:
    """The shift of ``attempts`` after ``arrivals`` with the highest Pearson correlation."""
    import numpy as np

    best: Lag | None = None
    for lag in range(max_lag + 1):
        pairs = [
            (v, attempts[d + step * lag]) for d, v in arrivals.items() if d + step * lag in attempts
        ]
        if len(pairs) < 4:
            continue
        x, y = (np.array(side, dtype=float) for side in zip(*pairs, strict=True))
        if x.std() == 0 or y.std() == 0:
            continue
        r = float(np.corrcoef(x, y)[0, 1])
        if best is None or r > best.correlation:
            best = Lag(lag, r, len(pairs), unit)
    if best is None:
        raise InvalidData.at("too few overlapping dates to estimate a lag (need 4 pairs)")
    return best
