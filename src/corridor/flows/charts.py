"""Altair (Vega-Lite) charts: declarative specs the report renders and the API may return.

Series are drawn as counts *per day* of each reported period, so a year and a month of the same
metric sit on one axis without one swamping the other; each metric gets its own chart (never one
axis for two metrics). Measure dates are vertical rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from corridor.flows.figure import Figure
from corridor.flows.impact import MeasureDate
from corridor.flows.importers.opensky import airport_country, country_name
from corridor.flows.series import Series
from corridor.flows.surge import SurgeAlert


def _frame(rows: list[dict[str, Any]]) -> Any:
    import pandas as pd

    return pd.DataFrame(rows)


def _rows(series: Sequence[Series]) -> list[dict[str, Any]]:
    rows = []
    for item in series:
        for point in item.points:
            days = (point.period.end - point.period.start).days if point.period.end else 1
            rows.append(
                {
                    "series": item.key,
                    "start": point.start.isoformat(),
                    "end": (point.period.last_day or point.start).isoformat(),
                    "value": point.value,
                    "per_day": point.value / days,
                    "approximate": point.approximate,
                    "source": "; ".join(sorted({f.source for f in point.parts}))[:200],
                }
            )
    return rows


def series_chart(series: Sequence[Series], measures: Sequence[MeasureDate], title: str) -> Any:
    """Per-day counts of one metric, one line per reporter and border, measures marked."""
    import altair as alt

    data = _frame(_rows(series))
    lines = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("start:T", title="period start (UTC)"),
            y=alt.Y("per_day:Q", title="per day", scale=alt.Scale(type="symlog")),
            color=alt.Color("series:N", title=None),
            tooltip=["series:N", "start:T", "end:T", "value:Q", "approximate:N", "source:N"],
        )
    )
    marks = [
        {"id": m.id, "date": m.effective_from.isoformat(), "what": f"{m.actor}: {m.title}"[:120]}
        for m in measures
    ]
    rules = (
        alt.Chart(_frame(marks))
        .mark_rule(color="firebrick", strokeDash=[4, 3], opacity=0.6)
        .encode(x="date:T", tooltip=["id:N", "date:T", "what:N"])
    )
    return alt.layer(lines, rules).properties(title=title, width=720, height=220)


def flights_chart(figures: Sequence[Figure], destination: str = "UMMS") -> Any:
    """Arrivals into ``destination`` by origin country and airport."""
    import altair as alt

    rows = [
        {
            "origin": f.breakdown,
            "country": country_name(airport_country(f.breakdown)) or "unknown",
            "day": f.first_day.isoformat(),
            "flights": f.value,
        }
        for f in figures
        if f.border == destination
    ]
    return (
        alt.Chart(_frame(rows))
        .mark_bar()
        .encode(
            y=alt.Y("country:N", sort="-x", title="origin country"),
            x=alt.X("sum(flights):Q", title="flights"),
            color=alt.Color("origin:N", legend=None),
            tooltip=["country:N", "origin:N", "sum(flights):Q"],
        )
        .properties(title=f"Flights into {destination} by origin", width=720)
    )


def surge_chart(alerts: Sequence[SurgeAlert]) -> Any:
    """Each alert's value against its baseline."""
    import altair as alt

    rows = [
        {
            "series": a.series,
            "start": a.start.isoformat(),
            "value": a.value,
            "baseline": a.baseline,
            "ratio": round(a.ratio, 1),
        }
        for a in alerts
    ]
    data = _frame(rows)
    bars = (
        alt.Chart(data)
        .mark_bar(opacity=0.7)
        .encode(
            x=alt.X("start:T", title="period start"),
            y=alt.Y("value:Q", title="count"),
            color=alt.Color("series:N", title=None),
            tooltip=["series:N", "start:T", "value:Q", "baseline:Q", "ratio:Q"],
        )
    )
    base = alt.Chart(data).mark_tick(color="black", thickness=2).encode(x="start:T", y="baseline:Q")
    return alt.layer(bars, base).properties(title="Surge alerts (tick = baseline)", width=720)
