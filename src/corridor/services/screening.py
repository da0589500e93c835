"""Screening as a service: queries in, explained results out; the one entry for CLI and API.

:func:`screen` is pure (an index in, results out). :class:`IndexCache` builds the index from the
list store (:meth:`corridor.store.lists.ListStore.entities`) and keeps it until the store's
snapshots change; :func:`screen_store` does both.
"""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
from corridor.store.lists import ListStore


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


@dataclass(slots=True)
class _Built:
    index: ScreeningIndex
    periods: dict[str, list[ListingPeriod]]


class IndexCache:
    """Indexes built from the store, one per (sources, as_of), rebuilt when snapshots change."""

    def __init__(self, engine: Engine) -> None:
        self.store = ListStore(engine)
        self._built: dict[tuple[tuple[str, ...] | None, str | None], _Built] = {}
        self._lock = threading.Lock()

    def fingerprint(self, sources: Sequence[str] | None, as_of: datetime | None) -> str:
        # revision() is one max(seq) query that grows with every snapshot loaded: cheap enough
        # to ask on every request, unlike the per-source status.
        digest = hashlib.sha256()
        digest.update(f"{self.store.revision()}:{sorted(sources or [])}:{as_of}".encode())
        return digest.hexdigest()[:16]

    def get(
        self, sources: Sequence[str] | None = None, as_of: datetime | None = None
    ) -> tuple[ScreeningIndex, dict[str, list[ListingPeriod]]]:
        key = (None if sources is None else tuple(sorted(sources)), None if as_of is None else
               as_of.isoformat())  # fmt: skip
        fingerprint = self.fingerprint(sources, as_of)
        with self._lock:
            built = self._built.get(key)
            if built is None or built.index.fingerprint != fingerprint:
                entities = self.store.entities(sources=sources, as_of=as_of)
                periods: dict[str, list[ListingPeriod]] = defaultdict(list)
                for period in self.store.periods(sources=sources):
                    periods[period.entity_id].append(period)
                built = _Built(ScreeningIndex.build(entities, fingerprint), dict(periods))
                self._built[key] = built
        return built.index, built.periods


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
