"""Frontex monthly detections of illegal border crossing, long form, from an R data file.

The ``iom/gdidata`` package keeps the Frontex spreadsheet as ``frontex``: one row per route,
border type, nationality (ISO alpha-3) and month (``t``, days since 1970-01-01), ``n`` detections.
"""

from __future__ import annotations

import warnings
from datetime import date, timedelta
from pathlib import Path

from corridor.exc import InvalidData
from corridor.flows.figure import Figure, month_interval
from corridor.flows.metric import Metric

REPORTER = "Frontex"
SOURCE = "Frontex monthly detections of IBC via iom/gdidata data/frontex.rda"
EPOCH = date(1970, 1, 1)


def parse(path: Path, *, routes: set[str] | None = None) -> list[Figure]:
    """Figures per route (as ``border``), border type and nationality (as ``breakdown``)."""
    import rdata

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # rdata warns about R classes it does not know
            frame = rdata.read_rda(path)["frontex"]
    except (KeyError, ValueError, OSError, NotImplementedError) as exc:
        raise InvalidData.at(f"not a frontex R data file: {exc}", file=str(path)) from exc
    figures: list[Figure] = []
    for line, (route, kind, nat, t, n) in enumerate(
        frame[["route", "type", "nat", "t", "n"]].itertuples(index=False, name=None), start=1
    ):
        if routes is not None and route not in routes:
            continue
        month = EPOCH + timedelta(days=int(t))
        if month.day != 1:
            raise InvalidData.at(f"month not on the 1st: {month}", file=str(path), line=line)
        figures.append(
            Figure(
                metric=Metric.FRONTEX_DETECTION,
                reporter=REPORTER,
                border=f"{route} ({kind})",
                period=month_interval(month.year, month.month),
                value=float(n),
                approximate=False,
                source=SOURCE,
                breakdown=str(nat),
                dataset=path.name,
            )
        )
    return figures
