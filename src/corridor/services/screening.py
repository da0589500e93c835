"""Screening as a service: queries in, explained results out; the one entry for CLI and API.

:func:`screen` is pure (an index in, results out). :class:`IndexCache`
(:mod:`corridor.services.screening_cache`) builds the index from the list store
(:meth:`corridor.store.lists.ListStore.entities`) and keeps it, in memory and under
``CORRIDOR_HOME``, until the store's snapshots change; :func:`screen_store` does both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from corridor.model import utcnow
from corridor.model.listing import ListingPeriod
from corridor.screening.algorithm import match
from corridor.screening.evaluate import (
    EvalReport,
    cases_from_entities,
    evaluate,
    hand_cases,
    index_matcher,
)
from corridor.screening.index import ScreeningIndex
from corridor.screening.result import Hit, Query, ScreenResult
from corridor.services.screening_cache import IndexCache, index_cache

__all__ = ["IndexCache", "evaluate_store", "index_cache", "screen", "screen_store"]


def _listed(hit: Hit, periods: Sequence[ListingPeriod], when: datetime) -> None:
    hit.listed = [
        {
            "jurisdiction": p.jurisdiction.value,
            "source": p.source,
            "from": None if p.interval.start is None else p.interval.start.date().isoformat(),
            "until": None if p.interval.end is None else p.interval.end.date().isoformat(),
            "basis": p.basis,
            "in_force": p.in_force(when),
        }
        for p in periods
    ]
    hit.in_force = any(p.in_force(when) for p in periods) if periods else None


def screen(
    queries: Iterable[Query],
    index: ScreeningIndex,
    *,
    threshold: float,
    as_of: datetime | None = None,
    periods: dict[str, list[ListingPeriod]] | None = None,
    limit: int = 10,
) -> list[ScreenResult]:
    """Screen each query against the index; hits carry listing periods when ``periods`` given."""
    when = as_of or utcnow()
    results = []
    for query in queries:
        hits = match(query, index, threshold, limit=limit)
        if periods is not None:
            for hit in hits:
                _listed(hit, periods.get(hit.entity_id, []), when)
        results.append(
            ScreenResult(query, hits, None if as_of is None else as_of.date().isoformat())
        )
    return results


def screen_store(
    engine: Engine,
    queries: Iterable[Query],
    *,
    threshold: float,
    as_of: datetime | None = None,
    sources: Sequence[str] | None = None,
    limit: int = 10,
    cache: IndexCache | None = None,
) -> list[ScreenResult]:
    """Screen against the lists in the store (in force at ``as_of``, limited to ``sources``)."""
    index, periods = (cache or IndexCache(engine)).get(sources, as_of)
    return screen(queries, index, threshold=threshold, as_of=as_of, periods=periods, limit=limit)


def evaluate_store(
    engine: Engine,
    *,
    threshold: float,
    sources: Sequence[str] | None = None,
    cases: Path | None = None,
) -> EvalReport:
    """Evaluate over the lists in the store: cases from its entries plus the hand-made ones."""
    index, _ = IndexCache(engine).get(sources)
    built = cases_from_entities(index.entities)
    built += hand_cases(index.entities, cases)
    return evaluate(built, index_matcher(index, threshold), threshold)
