"""A partner's timeline as a Vega-Lite chart (Altair): one row of marks per kind of event.

Engagements, commitment milestones (announced, in effect, lapsed, reversed) and humanitarian
records are points on a time axis; a commitment's time in effect is a bar. Tooltips carry the
title, the source and what was inferred, so the chart explains itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from corridor.model.time import utcnow
from corridor.partners.model import Commitment
from corridor.partners.register import TimelineEvent


def timeline_chart(
    events: Sequence[TimelineEvent],
    commitments: Sequence[Commitment],
    title: str,
    *,
    until: date | None = None,
) -> dict[str, Any]:
    """The Vega-Lite spec (a dict) of a partner's timeline."""
    import altair as alt
    import pandas as pd

    points = pd.DataFrame(
        [
            {
                "date": e.date.isoformat(),
                "lane": e.kind.replace("_", " "),
                "ref": e.ref,
                "title": e.title[:160],
                "source": e.source[:200],
                "inferred": e.inferred or "nothing",
            }
            for e in events
        ],
        columns=["date", "lane", "ref", "title", "source", "inferred"],
    )
    end = (until or max((e.date for e in events), default=utcnow().date())).isoformat()
    spans = pd.DataFrame(
        [
            {
                "start": c.in_effect_from.isoformat(),
                "end": c.ended.isoformat() if c.ended is not None else end,
                "lane": "in effect",
                "ref": c.id,
                "title": c.summary[:160],
                "status": c.status.value,
            }
            for c in commitments
            if c.in_effect_from is not None
        ],
        columns=["start", "end", "lane", "ref", "title", "status"],
    )
    marks = (
        alt.Chart(points)
        .mark_point(filled=True, size=80)
        .encode(
            x=alt.X("date:T", title="date"),
            y=alt.Y("lane:N", title=None),
            color=alt.Color("lane:N", legend=None),
            tooltip=["date:T", "ref:N", "title:N", "source:N", "inferred:N"],
        )
    )
    bars = (
        alt.Chart(spans)
        .mark_bar(opacity=0.4, height=6)
        .encode(
            x="start:T",
            x2="end:T",
            y=alt.Y("lane:N", title=None),
            color=alt.Color("status:N", title="status"),
            tooltip=["ref:N", "title:N", "status:N", "start:T", "end:T"],
        )
    )
    chart = alt.layer(bars, marks).properties(title=title, width=640, height=200)
    spec: dict[str, Any] = chart.to_dict()
    return spec
