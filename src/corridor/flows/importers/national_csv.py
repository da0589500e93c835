"""National border-guard series in CSV: one row per day (``2021-11-08``) or month (``2021-11``).

Columns: ``date`` and ``value``, and optionally ``reporter``, ``border``, ``metric``,
``approximate`` and ``source``; what a file does not say per row comes from the arguments (a
series published by Poland's Border Guard has the same reporter, border and metric throughout).
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

from corridor.exc import InvalidData
from corridor.flows.figure import Figure, day_interval, month_interval
from corridor.flows.metric import Metric

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse(
    path: Path,
    *,
    reporter: str | None = None,
    border: str = "",
    metric: Metric | None = None,
    source: str | None = None,
) -> list[Figure]:
    figures: list[Figure] = []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        for needed in ("date", "value"):
            if needed not in columns:
                raise InvalidData.at(f"missing column {needed!r}", file=str(path), line=1)
        for line, row in enumerate(reader, start=2):
            field = "date"
            try:
                text = row["date"].strip()
                month = _MONTH.match(text)
                if month:
                    period = month_interval(int(month.group(1)), int(month.group(2)))
                else:
                    period = day_interval(date.fromisoformat(text))
                field = "metric"
                kind = Metric.parse(row["metric"]) if row.get("metric") else metric
                who = (row.get("reporter") or "").strip() or reporter
                if kind is None or who is None:
                    raise ValueError("no metric or reporter: give the column or the option")
                field = "value"
                value = float(row["value"].replace(",", "").strip())
            except (ValueError, InvalidData) as exc:
                message = exc.message if isinstance(exc, InvalidData) else str(exc)
                raise InvalidData.at(message, file=str(path), line=line, field=field) from exc
            figures.append(
                Figure(
                    metric=kind,
                    reporter=who,
                    border=(row.get("border") or "").strip() or border,
                    period=period,
                    value=value,
                    approximate=(row.get("approximate") or "").strip().lower() == "true",
                    source=(row.get("source") or "").strip() or source or path.name,
                    dataset=path.name,
                )
            )
    return figures
