"""Did it hold? The outcome indicator in the 30 days after a commitment took effect.

For a commitment with a flows series (Frontex detections on the Eastern Borders Route of the
nationalities it covers, or of everyone), the answer has three parts:

- the 30 days after, read on monthly data as the first whole month after the date, against the
  last whole month before it (monthly figures are never spread over days by guesswork);
- the interrupted time series of :func:`corridor.flows.impact.interrupted_time_series` around
  the date: the level ratio, its 95% interval, p-value and caveats;
- a verdict: ``fell`` or ``rose`` when the interval excludes no change, otherwise
  ``no_clear_change``, which is *flagged*; ``no_data`` (also flagged) when the series is too short.

For repatriation commitments the indicator is the people returned in the 30 days after, added up
from the humanitarian figures; where sources disagree the sum is a range (lowest and highest
reading of each disputed figure).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from corridor.exc import InvalidData
from corridor.flows.impact import ImpactEstimate, MeasureDate, interrupted_time_series
from corridor.flows.series import Freq, Point, Series, bucket_of
from corridor.model.interval import Interval
from corridor.model.time import to_datetime
from corridor.partners.model import Commitment, HumanitarianKind, HumanitarianRecord, Indicator

WINDOW_DAYS = 30
VERDICTS = ("fell", "rose", "no_clear_change", "no_data")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the indicator did after one commitment, with the interval and caveats."""

    commitment_id: str
    indicator: Indicator
    series: str
    effective: date | None
    verdict: str
    flagged: bool
    reason: str
    before: tuple[str, float] | None = None  # (month, value) last whole month before
    after: tuple[str, float] | None = None  # (month, value) first whole month after
    after_low: float | None = None  # returns: lowest reading across disagreeing sources
    after_high: float | None = None
    impact: ImpactEstimate | None = None
    caveats: tuple[str, ...] = ()
    sources: tuple[str, ...] = field(default=())

    @property
    def change(self) -> float | None:
        """After over before, as a ratio (None when before is 0 or missing)."""
        if self.before is None or self.after is None or self.before[1] == 0:
            return None
        return self.after[1] / self.before[1]

    def to_dict(self) -> dict[str, Any]:
        impact = None
        if self.impact is not None:
            impact = {
                "level_ratio": round(self.impact.level_ratio, 4),
                "level_ratio_low": round(self.impact.level_ratio_low, 4),
                "level_ratio_high": round(self.impact.level_ratio_high, 4),
                "trend_change": round(self.impact.trend_change, 4),
                "p_value": round(self.impact.p_value, 4),
                "points_before": self.impact.points_before,
                "points_after": self.impact.points_after,
                "explanation": self.impact.explanation,
            }
        return {
            "commitment_id": self.commitment_id,
            "indicator": self.indicator.value,
            "series": self.series,
            "effective": None if self.effective is None else self.effective.isoformat(),
            "verdict": self.verdict,
            "flagged": self.flagged,
            "reason": self.reason,
            "before": None
            if self.before is None
            else {"month": self.before[0], "value": self.before[1]},
            "after": None
            if self.after is None
            else {"month": self.after[0], "value": self.after[1]},
            "after_low": self.after_low,
            "after_high": self.after_high,
            "change": None if self.change is None else round(self.change, 4),
            "impact": impact,
            "caveats": list(self.caveats),
            "sources": list(self.sources),
        }


def measure_date(commitment: Commitment) -> MeasureDate:
    """The commitment as the impact method's dated event."""
    when = commitment.effective
    if when is None:
        raise InvalidData.at(f"commitment {commitment.id} has no date", field="announced")
    return MeasureDate(
        commitment.id, commitment.summary, commitment.actor, when, commitment.source.label
    )


def fill_months(series: Series, first: date, last: date) -> Series:
    """The monthly series with a zero for every month from ``first`` to ``last`` it lacks.

    For sources that store only non-zero cells (Frontex via gdidata): a missing month is 0.
    """
    have = {p.start: p for p in series.points}
    points: list[Point] = []
    month = first.replace(day=1)
    while month <= last:
        start, end = bucket_of(month, Freq.MONTH)
        found = have.get(start)
        if found is None:
            found = Point(Interval(to_datetime(start), to_datetime(end)), 0.0, False, True, ())
        points.append(found)
        month = end
    return Series(series.metric, series.reporter, series.border, Freq.MONTH, tuple(points))


def _month_label(point: Point) -> str:
    return point.start.strftime("%Y-%m")


def series_outcome(
    commitment: Commitment,
    series: Series | None,
    *,
    others: Sequence[MeasureDate] = (),
    extra_caveats: Sequence[str] = (),
) -> Outcome:
    """The outcome of ``commitment`` on a monthly ``series`` (None: no data for it)."""
    effective = commitment.effective
    name = "" if series is None else series.key
    if series is None or effective is None:
        why = "no flows series for this indicator" if effective is not None else "no date"
        return Outcome(commitment.id, commitment.indicator, name, effective, "no_data", True, why)
    starts = [p.start for p in series.points]
    month_of_date = bucket_of(effective, Freq.MONTH)[0]
    first_after = (
        month_of_date
        if effective.day == 1
        else bucket_of(month_of_date + timedelta(days=32), Freq.MONTH)[0]
    )
    last_before = bucket_of(month_of_date - timedelta(days=1), Freq.MONTH)[0]
    before = next((p for p in series.points if p.start == last_before), None)
    after = next((p for p in series.points if p.start == first_after), None)
    caveats = [
        f"monthly data: the {WINDOW_DAYS} days after {effective} are read as {first_after:%Y-%m}, "
        f"set against {last_before:%Y-%m}",
        *extra_caveats,
    ]
    base = Outcome(
        commitment.id,
        commitment.indicator,
        name,
        effective,
        verdict="no_data",
        flagged=True,
        reason="",
        before=None if before is None else (_month_label(before), before.value),
        after=None if after is None else (_month_label(after), after.value),
        sources=tuple(sorted({f.source for p in series.points for f in p.parts})),
    )
    try:
        impact = interrupted_time_series(series, measure_date(commitment), others=others)
    except InvalidData as exc:
        why = f"too few months around {effective} ({min(starts, default='-')} to {max(starts, default='-')}): {exc.message}"
        return replace(base, reason=why, caveats=tuple(caveats))
    caveats.extend(impact.caveats)
    if impact.level_ratio_high < 1:
        verdict, flagged = "fell", False
        reason = "the level fell and the 95% interval excludes no change"
    elif impact.level_ratio_low > 1:
        verdict, flagged = "rose", True
        reason = "the level rose after the commitment (95% interval above no change)"
    else:
        verdict, flagged = "no_clear_change", True
        reason = (
            f"the 95% interval x{impact.level_ratio_low:.2f} to x{impact.level_ratio_high:.2f} "
            "includes no change: the indicator did not clearly move"
        )
    return replace(
        base,
        verdict=verdict,
        flagged=flagged,
        reason=reason,
        impact=impact,
        caveats=tuple(dict.fromkeys(caveats)),
    )


def _groups(records: Sequence[HumanitarianRecord]) -> list[list[HumanitarianRecord]]:
    """Records joined with the ones they disagree with (each group is one disputed fact)."""
    ids = {r.id: r for r in records}
    seen: set[str] = set()
    groups: list[list[HumanitarianRecord]] = []
    for record in records:
        if record.id in seen:
            continue
        group: list[HumanitarianRecord] = []
        todo = [record.id]
        while todo:
            current = todo.pop()
            if current in seen or current not in ids:
                continue
            seen.add(current)
            group.append(ids[current])
            todo.extend(ids[current].disagrees_with)
            todo.extend(r.id for r in records if current in r.disagrees_with)
        groups.append(group)
    return groups


def returns_outcome(commitment: Commitment, records: Sequence[HumanitarianRecord]) -> Outcome:
    """People returned in the 30 days after a repatriation commitment took effect."""
    effective = commitment.effective
    if effective is None:
        return Outcome(
            commitment.id, Indicator.RETURNS, "returns", None, "no_data", True, "no date"
        )
    end = effective + timedelta(days=WINDOW_DAYS)
    wanted = set(commitment.nationalities)
    inside = [
        r
        for r in records
        if r.kind is HumanitarianKind.RETURNS
        and r.unit == "people"
        and r.value is not None
        and effective <= r.date
        and (r.period_end or r.date) <= end
        and (not wanted or wanted & set(r.nationalities))
    ]
    name = f"people returned {effective}..{end}"
    if not inside:
        return Outcome(
            commitment.id,
            Indicator.RETURNS,
            name,
            effective,
            "no_data",
            True,
            f"no returns figure dated within {WINDOW_DAYS} days after {effective}",
        )
    low = high = 0.0
    caveats = []
    for group in _groups(inside):
        values = [r.value for r in group if r.value is not None]
        low += min(values)
        high += max(values)
        if len(group) > 1:
            caveats.append(
                "sources disagree: "
                + ", ".join(f"{r.id} {r.value:g} ({r.publisher})" for r in group)
            )
    caveats += [f"{r.id}: {r.inferred}" for r in inside if r.inferred]
    verdict = "rose" if low > 0 else "no_clear_change"
    reason = (
        f"{low:g}"
        + ("" if high == low else f" to {high:g}")
        + f" people returned in the {WINDOW_DAYS} days after"
    )
    return Outcome(
        commitment.id,
        Indicator.RETURNS,
        name,
        effective,
        verdict,
        low == 0,
        reason,
        after=(f"{effective}..{end}", low),
        after_low=low,
        after_high=high,
        caveats=tuple(caveats),
        sources=tuple(sorted(r.source.label for r in inside)),
    )
