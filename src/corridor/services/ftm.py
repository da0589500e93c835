"""FollowTheMoney out: the lists in the store and screening results, through the library.

:func:`export_lists` writes the entries in force as FtM JSON lines (one thing per entry and one
``Sanction`` per listing period, so the listing history travels with the entity);
:func:`scored_entity` is a hit as yente writes one (an FtM entity with ``score``, ``match`` and
``explanations`` in nomenklatura's ``FeatureResult`` shape), used by ``corridor screen --format
ftm`` and the yente-compatible API alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from followthemoney import model
from sqlalchemy import Engine

from corridor.model import Entity
from corridor.model.listing import ListingPeriod
from corridor.screening.result import Hit, ScreenResult
from corridor.sources.ftm_mapping import entity_dict, ftm_id, proxy_dict
from corridor.store.lists import ListStore

# Jurisdictions as FtM ``Sanction.authority`` names them.
AUTHORITIES = {
    "EU": "Council of the European Union",
    "US": "US Department of the Treasury, OFAC",
    "UK": "HM Treasury, OFSI",
    "UN": "United Nations Security Council",
    "CA": "Global Affairs Canada",
}


def sanction_dict(entity: Entity, number: int, period: ListingPeriod) -> dict[str, Any]:
    """One listing period as an FtM ``Sanction`` of ``entity``."""
    proxy = model.make_entity("Sanction")
    proxy.id = ftm_id(f"{entity.id}-listing-{number}")
    proxy.add("entity", ftm_id(entity.id))
    proxy.add("authority", AUTHORITIES.get(period.jurisdiction.value, period.source))
    proxy.add("country", period.jurisdiction.value.lower(), quiet=True)
    proxy.add("programId", entity.programs, quiet=True)
    if period.interval.start is not None:
        proxy.add("startDate", period.interval.start.date().isoformat())
    if period.interval.end is not None:
        proxy.add("endDate", period.interval.end.date().isoformat())
    proxy.add("summary", f"listed by {period.source} (basis: {period.basis})")
    if entity.provenance.url:
        proxy.add("sourceUrl", entity.provenance.url)
    return proxy_dict(proxy, datasets=[entity.source], target=False)


def lists_ftm(
    engine: Engine,
    *,
    sources: Sequence[str] | None = None,
    referents: dict[str, list[str]] | None = None,
) -> Iterator[dict[str, Any]]:
    """The entries in force as FtM entities, each followed by its ``Sanction`` entities."""
    store = ListStore(engine)
    periods: dict[str, list[ListingPeriod]] = {}
    for period in store.periods(sources=sources):
        periods.setdefault(period.entity_id, []).append(period)
    for entity in store.entities(sources=sources):
        yield entity_dict(
            entity,
            datasets=[entity.source],
            referents=(referents or {}).get(entity.id, ()),
            last_seen=entity.provenance.retrieved_at.isoformat(),
        )
        for number, period in enumerate(periods.get(entity.id, []), start=1):
            yield sanction_dict(entity, number, period)


def write_lines(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """JSON lines, one entity each; returns how many were written."""
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


def export_lists(engine: Engine, out: IO[str], *, sources: Sequence[str] | None = None) -> int:
    """``corridor lists export --format ftm``: the lists in force as FtM JSON lines."""
    return write_lines(lists_ftm(engine, sources=sources), out)


def explanations(hit: Hit) -> dict[str, dict[str, Any]]:
    """Per feature, nomenklatura's ``FeatureResult`` (``score``, ``detail``, ``query``,
    ``candidate``) plus corridor's ``weight`` (extra keys the model ignores)."""
    return {
        f.name: {
            "score": round(f.score, 4),
            "detail": f.detail,
            "query": f.query_value,
            "candidate": f.candidate_value,
            "weight": f.weight,
        }
        for f in hit.features
    }


def scored_entity(
    hit: Hit,
    entity: Entity,
    *,
    match: bool,
    datasets: Sequence[str] = (),
    referents: Sequence[str] = (),
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A hit as yente's ``ScoredEntityResponse``: the FtM entity, ``score``, ``match`` and
    ``explanations``; corridor's own annotations (listing in force, the snapshot, the matched
    name) sit in extra keys."""
    return entity_dict(
        entity,
        datasets=list(datasets) or [entity.source],
        referents=referents,
        score=round(hit.score, 4),
        match=match,
        explanations=explanations(hit),
        in_force=hit.in_force,
        listed=list(hit.listed),
        snapshot=hit.snapshot,
        **(extra or {}),
    )


def results_ftm(engine: Engine, results: Iterable[ScreenResult]) -> Iterator[dict[str, Any]]:
    """Screening results as FtM: one scored entity per hit, with the query it answers."""
    store = ListStore(engine)
    for result in results:
        for hit in result.hits:
            entity = store.get(hit.entity_id)
            yield scored_entity(
                hit,
                entity,
                match=hit.match,
                extra={"query": result.query.to_dict(), "as_of": result.as_of},
            )
