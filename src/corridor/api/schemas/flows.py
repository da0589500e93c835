"""Bodies of the ``/flows`` routes: figures, series and surge alerts, each with its sources."""

from __future__ import annotations

from pydantic import Field

from corridor.api.schemas.base import ApiModel, IsoDate


class FigureRow(ApiModel):
    """One stored figure: its metric, whose count, which border, the period and the source."""

    metric: str
    reporter: str
    border: str
    period_start: IsoDate
    period_end: IsoDate
    value: float
    approximate: bool
    source: str
    note: str
    breakdown: str
    resolved: str = Field(description="How a vague period was read, when it was")
    dataset: str


class FigureOut(FigureRow):
    meaning: str = Field(description="What the metric counts")


class Figures(ApiModel):
    total: int
    figures: list[FigureOut]


class PointOut(ApiModel):
    start: IsoDate
    end: IsoDate
    value: float
    approximate: bool
    complete: bool
    sources: list[str]


class SeriesOut(ApiModel):
    metric: str
    meaning: str
    reporter: str
    border: str
    freq: str
    points: list[PointOut]
    skipped: list[FigureOut] = Field(description="Figures longer than a bucket, never spread")


class SeriesList(ApiModel):
    series: list[SeriesOut]


class SurgeOut(ApiModel):
    """A point well above its baseline, the baseline in words, and the figures' sources."""

    series: str
    metric: str
    frequency: str
    start: IsoDate
    end: IsoDate
    value: float
    approximate: bool
    previous: float | None = Field(description="The point before, when there is one")
    baseline: float
    ratio: float
    robust_z: float
    baseline_kind: str
    baseline_text: str
    change_point: IsoDate | None
    sources: list[str]
    explanation: str


class LeftOutOut(ApiModel):
    """A figure or bucket no surge series compares, and why."""

    series: str
    start: IsoDate
    end: IsoDate
    value: float
    reason: str
    sources: list[str]


class Surges(ApiModel):
    left_out: list[LeftOutOut]
    alerts: list[SurgeOut]
