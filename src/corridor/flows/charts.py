"""The flows charts, defined once for the HTML report, the PNG export, the API and the console.

Each function returns a :class:`Chart`: a Vega-Lite v5 spec (a plain dict, data inline) and what
a reader needs beside it: a human title that names the period covered, the sources of every
drawn value, a caption saying how to read it, and when it was generated. The spec carries the
same in its subtitle and ``usermeta`` so an exported picture stands alone.

Rules every chart keeps (tests pin them):

- one frequency per line: each series is one reporter's counts at one calendar frequency;
  yearly totals are drawn as flat spans over their year, never joined to months, and a line
  breaks where buckets are missing (no line across a gap);
- values are per day of their period (total ÷ days) so months and years sit on one linear axis;
  a log axis only on request, and then its title says so;
- one metric per chart, and nothing stacked (``stack: null``) unless the parts add up to the
  same metric's total (flights by origin airport);
- incomplete buckets are not drawn and the caption says how many were left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlparse

from corridor.flows.figure import Figure
from corridor.flows.impact import MeasureDate
from corridor.flows.importers.opensky import airport_country
from corridor.flows.metric import Metric
from corridor.flows.series import Freq, Series
from corridor.flows.surge import SurgeAlert
from corridor.ids.countries import country_name

WIDTH = 720
METRIC_TITLES: dict[Metric, str] = {
    Metric.ATTEMPT: "Attempts to cross the border illegally",
    Metric.PREVENTED_ENTRY: "People prevented from entering at the border",
    Metric.APPREHENSION: "People apprehended after crossing",
    Metric.ADMITTED_HUMANITARIAN: "People admitted on humanitarian grounds",
    Metric.FRONTEX_DETECTION: "Frontex detections of illegal border crossing",
    Metric.ASYLUM_APPLICATION: "Asylum applications",
    Metric.FLIGHT_ARRIVAL: "Flights arriving",
    Metric.SEATS: "Seats on arriving flights",
}
FREQ_WORDS = {
    Freq.DAY: "daily",
    Freq.WEEK: "weekly",
    Freq.MONTH: "monthly",
    Freq.YEAR: "yearly",
    Freq.MIXED: "mixed",
}
SAMPLE_MARK = "SAMPLE DATA (made for the demo, not official)"


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart spec and everything printed around it."""

    name: str
    title: str
    spec: dict[str, Any]
    first: date
    last: date
    sources: tuple[str, ...]
    caption: str
    generated: datetime
    notes: tuple[str, ...] = field(default=())

    @property
    def period(self) -> str:
        return period_text(self.first, self.last)

    @property
    def footer(self) -> str:
        return f"Sources: {'; '.join(self.sources)}. Generated {stamp(self.generated)}."

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "period": {"first": self.first.isoformat(), "last": self.last.isoformat()},
            "sources": list(self.sources),
            "caption": self.caption,
            "notes": list(self.notes),
            "generated": self.generated.isoformat(),
            "spec": self.spec,
        }


def stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M UTC")


def period_text(first: date, last: date) -> str:
    """``5–11 April 2021``, ``2018–2025``, ``January 2009 – April 2025``, ``1 Aug – 3 Sep 2021``."""
    whole_years = first.month == 1 and first.day == 1 and (last.month, last.day) == (12, 31)
    if whole_years:
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    month_end = (last + timedelta(days=1)).day == 1
    if first.day == 1 and month_end:
        a, b = f"{first:%B %Y}", f"{last:%B %Y}"
        return a if a == b else f"{a} – {b}"
    if (first.year, first.month) == (last.year, last.month):
        days = str(first.day) if first == last else f"{first.day}–{last.day}"
        return f"{days} {first:%B %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
    return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"


def short_source(source: str) -> str:
    """The host of a URL source (``tvrepublika.pl``), else the source as given."""
    if source.startswith("route measure "):
        return "route measures (corridor rules)"
    head = source.split()[0] if source.split() else source
    host = urlparse(head).hostname if "://" in head else None
    return host.rstrip(".").removeprefix("www.") if host else head[:60]


def _subtitle(sources: Iterable[str], generated: datetime, sample: bool) -> list[str]:
    hosts = sorted({short_source(s) for s in sources})
    shown = ", ".join(hosts[:6]) + (f" and {len(hosts) - 6} more" if len(hosts) > 6 else "")
    lines = [f"Sources: {shown}", f"Generated {stamp(generated)} by corridor"]
    return [SAMPLE_MARK, *lines] if sample else lines


def _finish(
    name: str,
    title: str,
    layers: Any,
    *,
    first: date,
    last: date,
    sources: Sequence[str],
    caption: str,
    generated: datetime,
    notes: Sequence[str] = (),
    sample: bool = False,
) -> Chart:
    srcs = tuple(sorted(set(sources)))
    spec = layers.properties(
        title={"text": title, "subtitle": _subtitle(srcs, generated, sample), "anchor": "start"}
    ).to_dict()
    spec["description"] = caption
    spec["usermeta"] = {
        "sources": list(srcs),
        "generated": generated.isoformat(),
        "period": [first.isoformat(), last.isoformat()],
        "sample": sample,
    }
    full_title = f"{SAMPLE_MARK}: {title}" if sample else title
    return Chart(name, full_title, spec, first, last, srcs, caption, generated, tuple(notes))


def _frame(rows: list[dict[str, Any]]) -> Any:
    import pandas as pd

    return pd.DataFrame(rows)


def series_label(item: Series) -> str:
    where = f", {item.border}" if item.border else ""
    return f"{item.reporter}{where}: {FREQ_WORDS[item.freq]} totals"


def series_rows(series: Sequence[Series]) -> tuple[list[dict[str, Any]], int]:
    """One row per complete point (``segment`` numbers runs of adjacent buckets), and the
    number of incomplete points left out."""
    rows: list[dict[str, Any]] = []
    left_out = 0
    for item in series:
        if item.freq is Freq.MIXED:
            raise ValueError(f"{item.key}: a chart line has one frequency; bucket it first")
        segment = 0
        previous_end: datetime | None = None
        for point in item.points:
            end = point.period.end
            if not point.complete or end is None:
                left_out += 1
                continue
            if previous_end is not None and point.period.start != previous_end:
                segment += 1
            previous_end = end
            days = (end - point.period.start).days
            rows.append(
                {
                    "series": series_label(item),
                    "frequency": item.freq.value,
                    "segment": f"{series_label(item)} #{segment}",
                    "start": point.start.isoformat(),
                    "end": end.date().isoformat(),
                    "last_day": (point.period.last_day or point.start).isoformat(),
                    "value": point.value,
                    "days": days,
                    "per_day": round(point.value / days, 4),
                    "approximate": point.approximate,
                    "sources": "; ".join(sorted({f.source for f in point.parts})),
                }
            )
    return rows, left_out


def series_chart(
    series: Sequence[Series],
    measures: Sequence[MeasureDate],
    *,
    metric: Metric,
    generated: datetime,
    log: bool = False,
    sample: bool = False,
) -> Chart:
    """Per-day counts of one metric: one line per reporter, border and frequency."""
    import altair as alt

    if any(s.metric is not metric for s in series):
        raise ValueError("one metric per chart")
    rows, left_out = series_rows(series)
    if not rows:
        raise ValueError(f"no complete points to draw for {metric.value}")
    first = min(date.fromisoformat(r["start"]) for r in rows)
    last = max(date.fromisoformat(r["last_day"]) for r in rows)
    data = _frame(rows)
    scale = alt.Scale(type="symlog") if log else alt.Scale(type="linear", zero=True)
    y_title = "per day (period total ÷ days in the period)" + (", log scale" if log else "")
    y = alt.Y("per_day:Q", title=y_title, scale=scale, stack=None)
    color = alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom", columns=2))
    tooltip = [
        "series:N",
        "start:T",
        "last_day:T",
        "value:Q",
        "per_day:Q",
        "approximate:N",
        "sources:N",
    ]
    x = alt.X("start:T", title="date (UTC)")
    base = alt.Chart(data)
    spans = (
        base.transform_filter(alt.datum.frequency == "year")
        .mark_rule(strokeWidth=3)
        .encode(x=x, x2="end:T", y=y, color=color, tooltip=tooltip)
    )
    lines = (
        base.transform_filter(alt.datum.frequency != "year")
        .mark_line(point=True)
        .encode(x=x, y=y, color=color, detail="segment:N", tooltip=tooltip)
    )
    layers = [spans, lines]
    shown = [m for m in measures if first <= m.effective_from <= last]
    if shown:
        marks = [
            {
                "id": m.id,
                "date": m.effective_from.isoformat(),
                "what": f"{m.actor}: {m.title}"[:120],
            }
            for m in shown
        ]
        layers.append(
            alt.Chart(_frame(marks))
            .mark_rule(color="firebrick", strokeDash=[4, 3], opacity=0.6)
            .encode(x="date:T", tooltip=["id:N", "date:T", "what:N"])
        )
    noun = METRIC_TITLES[metric]
    title = f"{noun} per day, {period_text(first, last)}"
    notes = [f"{left_out} incomplete bucket(s) not drawn"] if left_out else []
    caption = (
        f"{metric.meaning}. Each line is one reporter's series at one frequency; yearly totals "
        "are flat spans over their year and are never joined to months, and a line breaks "
        "where periods are missing. Values are per day of the reported period (total ÷ days), "
        "on a "
        + ("log" if log else "linear")
        + " axis; hover for the reported total."
        + (" Dashed red lines: route measures taking effect." if shown else "")
    )
    sources = [s for r in rows for s in r["sources"].split("; ")]
    sources += [f"route measure {m.id}: {m.source}" for m in shown]
    return _finish(
        f"{metric.value}-per-day",
        title,
        alt.layer(*layers).properties(width=WIDTH, height=240),
        first=first,
        last=last,
        sources=sources,
        caption=caption,
        generated=generated,
        notes=notes,
        sample=sample,
    )


def flights_chart(
    figures: Sequence[Figure], destination: str = "UMMS", *, generated: datetime
) -> Chart:
    """Flights arriving at ``destination`` over the days the figures cover, by origin country
    (bars split by origin airport: parts of the same count)."""
    import altair as alt

    chosen = [f for f in figures if f.border == destination and f.metric is Metric.FLIGHT_ARRIVAL]
    if not chosen:
        raise ValueError(f"no flight arrivals at {destination}")
    rows = [
        {
            "origin": f.breakdown,
            "country": country_name(airport_country(f.breakdown)) or "unknown",
            "day": f.first_day.isoformat(),
            "flights": f.value,
            "sources": f.source,
        }
        for f in chosen
    ]
    first = min(f.first_day for f in chosen)
    last = max(f.last_day for f in chosen)
    days = (last - first).days + 1
    chart = (
        alt.Chart(_frame(rows))
        .mark_bar()
        .encode(
            y=alt.Y("country:N", sort="-x", title="origin country"),
            x=alt.X("sum(flights):Q", title=f"flights over the {days} days", stack="zero"),
            color=alt.Color("origin:N", legend=None),
            tooltip=["country:N", "origin:N", "sum(flights):Q"],
        )
        .properties(width=WIDTH)
    )
    name = "Minsk (UMMS)" if destination == "UMMS" else destination
    return _finish(
        f"flights-{destination.lower()}",
        f"Flights arriving at {name} by origin country, {period_text(first, last)}",
        chart,
        first=first,
        last=last,
        sources=[f.source for f in chosen],
        caption=(
            f"Flights counted per day and origin airport, summed over {days} days "
            f"({period_text(first, last)}); each bar is split by origin airport, parts of the "
            "same count."
        ),
        generated=generated,
    )


def surge_chart(alerts: Sequence[SurgeAlert], *, generated: datetime) -> Chart:
    """Each alert's reported value against its baseline, one panel per metric and frequency
    (counts of different metrics or frequencies never share an axis)."""
    import altair as alt

    if not alerts:
        raise ValueError("no surge alerts to draw")
    rows: list[dict[str, Any]] = [
        {
            "alert": f"{period_text(a.start, a.end)} · {a.series.replace(a.metric.value + ' ', '')}",
            "panel": f"{METRIC_TITLES[a.metric]}: {FREQ_WORDS[a.freq]} totals",
            "value": a.value,
            "baseline": round(a.baseline, 1),
            "ratio": round(a.ratio, 1),
            "baseline_text": a.baseline_text,
            "sources": "; ".join(a.sources),
        }
        for a in alerts
    ]
    panels = []
    for panel in sorted({r["panel"] for r in rows}):
        base = alt.Chart(_frame([r for r in rows if r["panel"] == panel]))
        y = alt.Y("alert:N", title=None, sort=None, axis=alt.Axis(labelLimit=320))
        bars = base.mark_bar(opacity=0.7).encode(
            y=y,
            x=alt.X("value:Q", title="reported total", stack=None),
            tooltip=["alert:N", "value:Q", "baseline:Q", "ratio:Q", "baseline_text:N", "sources:N"],
        )
        tick = base.mark_tick(color="black", thickness=2).encode(y=y, x=alt.X("baseline:Q"))
        panels.append(alt.layer(bars, tick).properties(width=WIDTH - 320, title=panel))
    first, last = min(a.start for a in alerts), max(a.end for a in alerts)
    return _finish(
        "surges",
        f"Surge alerts: reported value against its baseline, {period_text(first, last)}",
        alt.vconcat(*panels).resolve_scale(x="independent"),
        first=first,
        last=last,
        sources=[s for a in alerts for s in a.sources],
        caption=(
            "Bars: the reported total of each alerted period; black tick: its baseline (see the "
            "alerts table for how each baseline was computed). Each metric and frequency has its "
            "own panel and axis."
        ),
        generated=generated,
    )
