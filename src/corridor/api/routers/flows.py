"""``/flows``: stored figures and series, each point with the figures it was made of."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from corridor.api.deps import get_settings
from corridor.api.schemas import flows as out
from corridor.flows.figure import Figure
from corridor.flows.metric import Metric
from corridor.flows.series import Freq
from corridor.services import flows as service
from corridor.settings import Settings

router = APIRouter(prefix="/flows", tags=["flows"])


def _figure(fig: Figure) -> out.FigureOut:
    row = fig.to_row()
    row["period_start"] = str(row["period_start"])
    row["period_end"] = str(row["period_end"])
    row["meaning"] = fig.metric.meaning
    return out.FigureOut.model_validate(row)


@router.get("/figures")
def figures(
    metric: str | None = None,
    reporter: str | None = None,
    border: str | None = None,
    limit: int = Query(1000, ge=1, le=100_000),
    settings: Settings = Depends(get_settings),
) -> out.Figures:
    """Stored figures, each with its metric's meaning, period, approximation and source."""
    found = service.flow_store(settings).figures(
        metric=Metric.parse(metric) if metric else None, reporter=reporter, border=border
    )
    return out.Figures(total=len(found), figures=[_figure(f) for f in found[:limit]])


@router.get("/series")
def series(
    metric: str,
    reporter: str | None = None,
    border: str | None = None,
    freq: Freq = Freq.MONTH,
    settings: Settings = Depends(get_settings),
) -> out.SeriesList:
    """Series by bucket; figures longer than a bucket are listed as skipped, never spread."""
    found = service.get_series(
        settings, metric=Metric.parse(metric), reporter=reporter, border=border, freq=freq
    )
    return out.SeriesList(
        series=[
            out.SeriesOut(
                metric=s.metric.value,
                meaning=s.metric.meaning,
                reporter=s.reporter,
                border=s.border,
                freq=s.freq.value,
                points=[
                    out.PointOut(
                        start=str(p.start),
                        end=str(p.period.last_day),
                        value=p.value,
                        approximate=p.approximate,
                        complete=p.complete,
                        sources=sorted({f.source for f in p.parts}),
                    )
                    for p in s.points
                ],
                skipped=[_figure(f) for f in s.skipped],
            )
            for s in found
        ]
    )


@router.get("/surges")
def surges(
    metric: str,
    reporter: str | None = None,
    border: str | None = None,
    settings: Settings = Depends(get_settings),
) -> out.Surges:
    """Surge alerts (one series per frequency) with their baseline in words, the size of the
    rise and the figures' sources, and the figures no series compares (``left_out``)."""
    scan = service.scan_stored_surges(
        settings, metric=Metric.parse(metric), reporter=reporter, border=border
    )
    return out.Surges.model_validate(
        {
            "left_out": [
                {**x.to_row(), "start": str(x.start), "end": str(x.end), "sources": list(x.sources)}
                for x in scan.left_out
            ],
            "alerts": [
                {
                    **a.to_row(),
                    "start": str(a.start),
                    "end": str(a.end),
                    "change_point": str(a.change_point) if a.change_point else None,
                    "sources": list(a.sources),
                }
                for a in scan.alerts
            ],
        }
    )
