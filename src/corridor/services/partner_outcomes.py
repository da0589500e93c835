"""Did it hold? Outcome indicators of the register's commitments from the flows figures.

Frontex detections come from the flows store when it holds them (``corridor flows load``),
otherwise from the bundled ``frontex.rda``. The Eastern Borders Route is Frontex's name for the
land borders with Belarus, Russia and Ukraine: it is the closest series the project has to
"crossings from Belarus by nationality", and each outcome says so in its caveats. Flights into
Minsk by origin exist only for one April 2021 week, so ``flights_from_origin`` outcomes are
reported as ``no_data`` (flagged), never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Engine

from corridor.flows.figure import Figure
from corridor.flows.impact import MeasureDate
from corridor.flows.importers import frontex_rda
from corridor.flows.metric import Metric
from corridor.flows.series import Freq, Series, build_series
from corridor.ids.countries import alpha_3
from corridor.model.time import utcnow
from corridor.partners.model import Commitment, Indicator
from corridor.partners.outcome import (
    Outcome,
    fill_months,
    measure_date,
    returns_outcome,
    series_outcome,
)
from corridor.services.flows import bundled_flows_dir, flow_store, measure_dates
from corridor.services.partners import get_register
from corridor.settings import Settings

ROUTE = "Eastern Borders Route"
ROUTE_CAVEATS = (
    "Frontex counts detections of crossings, not persons",
    "the Eastern Borders Route holds every land border with Belarus, Russia and Ukraine, "
    "not only Belarus",
)


@cache
def _bundled_frontex() -> tuple[Figure, ...]:
    return tuple(frontex_rda.parse(bundled_flows_dir() / "frontex.rda", routes={ROUTE}))


def frontex_figures(settings: Settings | None) -> tuple[list[Figure], str]:
    """Eastern Borders Route figures, and where they came from (the store or the bundle)."""
    if settings is not None:
        store = flow_store(settings)
        if store.has_data():
            found = [
                f
                for f in store.figures(metric=Metric.FRONTEX_DETECTION)
                if f.border.startswith(ROUTE)
            ]
            if found:
                return found, "flows store"
    return list(_bundled_frontex()), "bundled frontex.rda"


def alpha3(codes: Sequence[str]) -> set[str]:
    """ISO alpha-3 codes (Frontex's nationality codes) of alpha-2 codes."""
    return {a3 for code in codes if (a3 := alpha_3(code)) is not None}


def route_series(figures: Sequence[Figure], nationalities: Sequence[str] = ()) -> Series | None:
    """The monthly Eastern Borders Route series, of some nationalities or all, zeros filled."""
    wanted = alpha3(nationalities)
    chosen = [f for f in figures if not wanted or f.breakdown in wanted]
    if not chosen:
        return None
    found = build_series(chosen, Freq.MONTH)
    if len(found) != 1:
        borders = sorted({f.border for f in chosen})
        chosen = [f for f in chosen if f.border == borders[0]]
        found = build_series(chosen, Freq.MONTH)
    first = min(f.first_day for f in figures)
    last = max(f.first_day for f in figures)
    series = fill_months(found[0], first, last)
    label = "all nationalities" if not wanted else ", ".join(sorted(wanted))
    return Series(
        series.metric, series.reporter, f"{series.border} [{label}]", Freq.MONTH, series.points
    )


def commitment_outcome(
    commitment: Commitment,
    *,
    figures: Sequence[Figure],
    origin: str,
    others: Sequence[MeasureDate],
    humanitarian: Sequence[Any],
) -> Outcome:
    """The outcome of one commitment on its indicator."""
    indicator = commitment.indicator
    if indicator is Indicator.RETURNS:
        return returns_outcome(commitment, humanitarian)
    if indicator in (Indicator.FRONTEX_NATIONALITY, Indicator.FRONTEX_ROUTE):
        nationalities = (
            commitment.nationalities if indicator is Indicator.FRONTEX_NATIONALITY else ()
        )
        series = route_series(figures, nationalities)
        extra = [*ROUTE_CAVEATS, f"figures from the {origin}"]
        if indicator is Indicator.FRONTEX_NATIONALITY and not nationalities:
            extra.append("the commitment names no nationality: all nationalities are counted")
        return series_outcome(commitment, series, others=others, extra_caveats=extra)
    reason = {
        Indicator.FLIGHTS_FROM_ORIGIN: "no flight data into Minsk for this period",
        Indicator.BORDER_ATTEMPTS: "border-attempt figures are too sparse by month for this date",
    }.get(indicator, "no indicator")
    return Outcome(commitment.id, indicator, "", commitment.effective, "no_data", True, reason)


def outcomes(
    engine: Engine,
    settings: Settings | None = None,
    *,
    year: int | None = None,
    partner: str | None = None,
) -> list[Outcome]:
    """Outcomes of every commitment with an indicator (of one year or partner, if given)."""
    register = get_register(engine)
    chosen = [
        c
        for c in register.commitments_of(partner)
        if c.indicator is not Indicator.NONE
        and c.effective is not None
        and (year is None or c.effective.year == year)
    ]
    if not chosen:
        return []
    needs_flows = any(
        c.indicator in (Indicator.FRONTEX_NATIONALITY, Indicator.FRONTEX_ROUTE) for c in chosen
    )
    figures, origin = frontex_figures(settings) if needs_flows else ([], "")
    measures = measure_dates()
    dated = [c for c in register.commitments if c.effective]
    return [
        commitment_outcome(
            c,
            figures=figures,
            origin=origin,
            others=_others(c, measures, dated),
            humanitarian=register.humanitarian,
        )
        for c in chosen
    ]


def _others(
    commitment: Commitment, measures: Sequence[MeasureDate], commitments: Sequence[Commitment]
) -> list[MeasureDate]:
    """Dated events that could also explain a change: route measures other than the ones
    implementing ``commitment``, and commitments that share none of its measures."""
    own = set(commitment.measures)
    return [
        *(m for m in measures if m.id not in own),
        *(
            measure_date(c)
            for c in commitments
            if c.id != commitment.id and not (own & set(c.measures))
        ),
    ]


def outcome_summary(found: Sequence[Outcome]) -> dict[str, Any]:
    """How many held (fell), did not clearly move, rose, or had no data; which are flagged."""
    counts = {v: 0 for v in ("fell", "rose", "no_clear_change", "no_data")}
    for outcome in found:
        counts[outcome.verdict] = counts.get(outcome.verdict, 0) + 1
    return {
        "commitments": len(found),
        "verdicts": counts,
        "flagged": [o.commitment_id for o in found if o.flagged],
        "as_of": utcnow().date().isoformat(),
    }
