"""The border figures CSV: one reported number per row, from news and border guards.

Columns: ``reporter,border,metric,period_start,period_end,value,approximate,note,source``
(dates inclusive, ISO). An optional ``resolved`` column says how a vague period was resolved.
"""

from __future__ import annotations

import csv
from pathlib import Path

from corridor.exc import InvalidData
from corridor.flows.figure import Figure
from corridor.flows.metric import Metric
from corridor.model.interval import Interval

COLUMNS = ("reporter", "border", "metric", "period_start", "period_end", "value", "approximate")


def _flag(text: str) -> bool:
    value = text.strip().lower()
    if value in ("true", "1", "yes", "y"):
        return True
    if value in ("false", "0", "no", "n", ""):
        return False
    raise ValueError(f"not a yes/no value: {text!r}")


def parse(path: Path) -> list[Figure]:
    """All figures in ``path``; any bad row raises :class:`InvalidData` naming line and field."""
    figures: list[Figure] = []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InvalidData.at(f"missing columns {missing}", file=str(path), line=1)
        for line, row in enumerate(reader, start=2):
            field = "metric"
            try:
                metric = Metric.parse(row["metric"])
                field = "period_start"
                period = Interval.from_dates(row["period_start"], row["period_end"] or None)
                if period.end is None:
                    raise ValueError("period_end is required")
                field = "value"
                value = float(row["value"])
                if value < 0:
                    raise ValueError("negative count")
                field = "approximate"
                approximate = _flag(row["approximate"])
            except (ValueError, InvalidData) as exc:
                message = exc.message if isinstance(exc, InvalidData) else str(exc)
                raise InvalidData.at(message, file=str(path), line=line, field=field) from exc
            figures.append(
                Figure(
                    metric=metric,
                    reporter=row["reporter"].strip(),
                    border=(row.get("border") or "").strip(),
                    period=period,
                    value=value,
                    approximate=approximate,
                    source=(row.get("source") or "").strip() or path.name,
                    note=(row.get("note") or "").strip(),
                    resolved=(row.get("resolved") or "").strip(),
                    dataset=path.name,
                )
            )
    return figures
