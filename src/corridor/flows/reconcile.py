"""Reconciliation: where a total and its parts disagree, show both and the difference.

A *total* is a figure whose period holds finer figures of the same metric and border (a news
report's year against border-guard months). Nothing is picked: both numbers, the difference,
the days the parts do not cover, and whether the gap is within the parts' rounding are reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from corridor.flows.figure import Figure, find_overlap
from corridor.model.interval import Interval, IntervalCollection


@dataclass(frozen=True, slots=True)
class Reconciliation:
    total: Figure
    parts: tuple[Figure, ...]
    parts_sum: float
    difference: float
    uncovered: tuple[Interval, ...]
    rounding: float

    @property
    def within_rounding(self) -> bool:
        return abs(self.difference) <= self.rounding

    @property
    def uncovered_days(self) -> int:
        return sum((i.end - i.start).days for i in self.uncovered if i.end is not None)

    @property
    def explanation(self) -> str:
        gaps = ", ".join(
            f"{i.start.date()}..{i.last_day}" for i in self.uncovered if i.last_day is not None
        )
        gap_text = f"; parts do not cover {gaps}" if gaps else "; parts cover the whole period"
        verdict = "within" if self.within_rounding else "beyond"
        return (
            f"{self.total.label}: total {self.total.value:g} ({self.total.source}) vs "
            f"{len(self.parts)} parts summing to {self.parts_sum:g}: difference "
            f"{self.difference:+g}, {verdict} the parts' rounding of ±{self.rounding:g}{gap_text}"
        )


def rounding_of(fig: Figure) -> float:
    """Half the unit an approximate figure was rounded to (3,500 -> 50); 0 when exact."""
    if not fig.approximate:
        return 0.0
    value = int(abs(fig.value))
    unit = 1
    while value and value % (unit * 10) == 0:
        unit *= 10
    return unit / 2 if unit > 1 else 0.5


def _is_inside(inner: Figure, outer: Figure) -> bool:
    return (
        inner is not outer
        and outer.first_day <= inner.first_day
        and inner.last_day <= outer.last_day
        and inner.days < outer.days
    )


def _disjoint(parts: list[Figure]) -> list[Figure]:
    """The coarsest parts that do not overlap (a month wins over a record day inside it)."""
    chosen: list[Figure] = []
    for fig in sorted(parts, key=lambda f: -f.days):
        if find_overlap([*chosen, fig]) is None:
            chosen.append(fig)
    return sorted(chosen, key=lambda f: f.first_day)


def reconcile(figures: Iterable[Figure]) -> list[Reconciliation]:
    """Every total with the finer figures inside it, per metric, reporter group and border."""
    figs = list(figures)
    result: list[Reconciliation] = []
    for total in sorted(figs, key=lambda f: (f.metric, f.border, f.first_day)):
        inside = [
            f
            for f in figs
            if f.metric is total.metric
            and f.border == total.border
            and f.breakdown == total.breakdown
            and _is_inside(f, total)
        ]
        if not inside:
            continue
        parts = _disjoint(inside)
        covered = IntervalCollection(p.period for p in parts)
        uncovered = tuple(IntervalCollection([total.period]) - covered)
        parts_sum = sum(p.value for p in parts)
        rounding = rounding_of(total) + sum(rounding_of(p) for p in parts)
        result.append(
            Reconciliation(
                total=total,
                parts=tuple(parts),
                parts_sum=parts_sum,
                difference=total.value - parts_sum,
                uncovered=uncovered,
                rounding=rounding,
            )
        )
    return result


def covering(recs: Iterable[Reconciliation], day: date) -> list[Reconciliation]:
    """The reconciliations whose total covers ``day``."""
    return [r for r in recs if r.total.first_day <= day <= r.total.last_day]
