"""The Frontex monthly detections spreadsheet (``Monthly_detections_of_IBC_*.xlsx``).

Sheet ``Detections_of_IBC``; the header is on the second row: route, border type, nationality,
then one column per month named like ``JAN2009``. Empty cells mean no detections.
"""

from __future__ import annotations

import re
from pathlib import Path

from corridor.exc import InvalidData
from corridor.flows.figure import Figure, month_interval
from corridor.flows.metric import Metric
from corridor.model.months import month_number

SHEET = "Detections_of_IBC"
_MONTH = re.compile(r"^([A-Z]{3})(\d{4})$")


def _month(label: object) -> tuple[int, int] | None:
    match = _MONTH.match(str(label or "").strip().upper())
    month = None if match is None else month_number(match.group(1))
    if match is None or month is None:
        return None
    return int(match.group(2)), month


def parse(path: Path) -> list[Figure]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise InvalidData.at(f"not an Excel file: {exc}", file=str(path)) from exc
    try:
        if SHEET not in book.sheetnames:
            raise InvalidData.at(f"no sheet {SHEET!r}", file=str(path))
        rows = list(book[SHEET].iter_rows(values_only=True))
    finally:
        book.close()
    if len(rows) < 2:
        raise InvalidData.at("no header on the second row", file=str(path), line=2)
    header = rows[1]
    months = {i: m for i, cell in enumerate(header) if (m := _month(cell)) is not None}
    if not months or min(months) < 3:
        raise InvalidData.at("no month columns like JAN2009 after three labels", file=str(path))
    figures: list[Figure] = []
    for line, row in enumerate(rows[2:], start=3):
        route, kind, nat = (str(c).strip() if c is not None else "" for c in row[:3])
        if not route:
            continue
        for index, (year, month) in months.items():
            cell = row[index] if index < len(row) else None
            if cell in (None, ""):
                continue
            try:
                value = float(str(cell))
            except ValueError as exc:
                raise InvalidData.at(
                    f"not a number: {cell!r}", file=str(path), line=line, field=str(header[index])
                ) from exc
            if value == 0:
                continue
            figures.append(
                Figure(
                    metric=Metric.FRONTEX_DETECTION,
                    reporter="Frontex",
                    border=f"{route} ({kind})" if kind else route,
                    period=month_interval(year, month),
                    value=value,
                    approximate=False,
                    source=f"Frontex {path.name}",
                    breakdown=nat,
                    dataset=path.name,
                )
            )
    return figures
