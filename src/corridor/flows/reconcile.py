"""Reconciliation: a total against the finer figures inside it, coverage kept apart from disagreement.

A *total* is a figure whose period holds finer figures of the same metric and border (a news
report's year against border-guard months). Nothing is picked: both numbers are shown. Two
different findings are never confused:

- **coverage**: the parts do not cover the total's whole period (one month of 2023 against the
  year). Their sum is not comparable with the total, so no difference is reported, only the
  share of the period covered, unless the parts already exceed the total beyond rounding,
  which is a discrepancy whatever the coverage;
- **discrepancy**: the parts cover the whole period and their sum differs from the total by
  more than the rounding of the approximate figures; within it, they **agree**.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from corridor.flows.figure import Figure, find_overlap, sum_figures
from corridor.flows.metric import check_same_metric
from corridor.model.interval import Interval, IntervalCollection

COVERAGE = "coverage"
DISCREPANCY = "discrepancy"
AGREE = "agree"


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
    def covered_share(self) -> float:
        """The share of the total's days the parts cover (1.0: all of them)."""
        return 1 - self.uncovered_days / self.total.days

    @property
    def complete(self) -> bool:
        return not self.uncovered

    @property
    def kind(self) -> str:
        """``coverage``, ``discrepancy`` or ``agree`` (see the module text)."""
        if self.complete:
            return AGREE if self.within_rounding else DISCREPANCY
        if self.parts_sum - self.total.value > self.rounding:
            return DISCREPANCY
        return COVERAGE

    @property
    def comparable_difference(self) -> float | None:
        """``total - parts`` when the comparison means something, else ``None``."""
        return None if self.kind == COVERAGE else self.difference

    @property
    def explanation(self) -> str:
        head = (
            f"{self.total.label}: total {self.total.value:,.0f} ({self.total.source}); "
            f"{len(self.parts)} part(s) sum to {self.parts_sum:,.0f}"
        )
        share = f"{self.covered_share:.0%}"
        gaps = ", ".join(
            f"{i.start.date()}..{i.last_day}" for i in self.uncovered if i.last_day is not None
        )
        if self.kind == COVERAGE:
            return (
                f"{head}. Coverage: the parts cover {self.total.days - self.uncovered_days} of "
                f"{self.total.days} days ({share}; not covered: {gaps}), so their sum is not "
                "comparable with the total and no difference is computed"
            )
        if not self.complete:
            return (
                f"{head}. Discrepancy: the parts cover only {share} of the period yet already "
                f"exceed the total by {-self.difference:,.0f}, beyond the rounding of "
                f"±{self.rounding:g}"
            )
        verdict = "Agree" if self.kind == AGREE else "Discrepancy"
        within = "within" if self.kind == AGREE else "beyond"
        return (
            f"{head}. {verdict}: the parts cover the whole period; difference "
            f"{self.difference:+,.0f}, {within} the rounding of ±{self.rounding:g}"
        )

    def to_row(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "metric": self.total.metric.value,
            "reporter": self.total.reporter,
            "border": self.total.border,
            "period_start": self.total.first_day,
            "period_end": self.total.last_day,
            "total": self.total.value,
            "parts": len(self.parts),
            "parts_sum": self.parts_sum,
            "covered_share": round(self.covered_share, 4),
            "difference": self.comparable_difference,
            "rounding": self.rounding,
            "total_source": self.total.source,
            "part_sources": "; ".join(sorted({p.source for p in self.parts})),
            "explanation": self.explanation,
        }


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
        # the guard of every sum: one metric (the total's too), no period counted twice
        check_same_metric([total.metric, *(p.metric for p in parts)])
        parts_sum = sum_figures(parts).value
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
