"""Checks every figure of a flows file passes before it is stored (#17).

A figure is a count of people or flights over a period: it is finite, not negative, below
:data:`MAX_VALUE` (no border or airport counts a trillion of anything; ``1e308`` is an
overflow, not a figure), says who reported it, and is not an exact copy of another figure of
the same file (a duplicated row would be counted twice).

>>> from corridor.flows.metric import Metric
>>> from corridor.model.interval import Interval
>>> from corridor.model.time import to_datetime
>>> p = Interval(to_datetime("2021-09-01"), to_datetime("2021-10-01"))
>>> f = Figure(Metric("attempt"), "PL", "BY-PL", p, float("nan"), False, "src")
>>> figure_problems([f])
['figure 1 (attempt, PL, 2021-09-01): value nan is not a finite number']
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from corridor.flows.figure import Figure

MAX_VALUE = 1e12


def _name(index: int, figure: Figure) -> str:
    return f"figure {index} ({figure.metric.value}, {figure.reporter or '-'}, {figure.first_day})"


def figure_problems(figures: Sequence[Figure], *, limit: int = 20) -> list[str]:
    """One line per figure that may not be stored, in file order."""
    problems: list[str] = []
    seen: dict[Figure, int] = {}
    for index, figure in enumerate(figures, start=1):
        value = figure.value
        if not math.isfinite(value):
            problems.append(f"{_name(index, figure)}: value {value} is not a finite number")
        elif value < 0:
            problems.append(f"{_name(index, figure)}: value {value:g} is negative")
        elif value > MAX_VALUE:
            problems.append(f"{_name(index, figure)}: value {value:g} is beyond any real count")
        if not figure.reporter.strip():
            problems.append(f"{_name(index, figure)}: no reporter")
        first = seen.setdefault(figure, index)
        if first != index:
            problems.append(f"{_name(index, figure)}: exact duplicate of figure {first}")
        if len(problems) >= limit:
            break
    return problems
