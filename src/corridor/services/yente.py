"""yente 5.x semantics over corridor's screening: match, search, entities, catalog, algorithms.

A yente client (nomenklatura's ``YenteEnricher``, the OpenSanctions client libraries, a
compliance tool) talks to corridor as it talks to yente. What follows yente 5.5:

- ``/match/{dataset}``: FtM query entities in (plain strings accepted for lists,
  ``firstName``/``lastName`` joined into a name), scored FtM entities out. Candidates scoring
  over ``cutoff`` are returned, ``match`` says whether they reach ``threshold``; ``total`` counts
  the matches before ``limit`` (at most 500) cuts the list.
- Errors as yente gives them: 400 for an unknown algorithm, schema, an empty query or too many
  queries, 404 for an unknown dataset.
- Datasets are corridor's sources (``ofac_sdn``, ``ftm_zala``...); ``default``, ``sanctions``
  and ``all`` are collections of every source.

corridor has one scoring algorithm, ``corridor`` (``best`` names it too); asking for yente's own
(``logic-v2``...) is a 400, not a silent substitute.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from corridor.exc import BadQuery, NotFound
from corridor.model import Entity, utcnow
from corridor.screening.algorithm import match as score_query
from corridor.screening.features import FEATURES
from corridor.screening.index import ScreeningIndex
from corridor.screening.result import Query
from corridor.services.ftm import explanations, sanction_dict
from corridor.services.screening import IndexCache
from corridor.services.targets import targets
from corridor.sources import ftm_mapping as ftm
from corridor.sources.registry import load_registry
from corridor.store.lists import ListStore

ALGORITHM = "corridor"
ALGORITHM_NAMES = (ALGORITHM, "best")
COLLECTIONS = {
    "default": "Every list in the store",
    "sanctions": "Every sanctions list in the store",
    "all": "Every list in the store",
}
MAX_LIMIT = 500
MAX_BATCH = 100
DEFAULT_CUTOFF = 0.5
FEATURE_DOCS_URL = "https://example.invalid/corridor/screening/#features"


@dataclass(frozen=True)
class MatchParams:
    """The query string of ``/match``: yente's names and meanings."""

    limit: int = 5
    threshold: float = 0.8
    cutoff: float = DEFAULT_CUTOFF
    algorithm: str = "best"
    include_dataset: Sequence[str] = ()
    exclude_dataset: Sequence[str] = ()
    exclude_schema: Sequence[str] = ()
    exclude_entity_ids: Sequence[str] = ()
    topics: Sequence[str] = ()
    config: Mapping[str, Any] = field(default_factory=dict)


def check_algorithm(name: str) -> str:
    if name.lower().strip() not in ALGORITHM_NAMES:
        known = ", ".join(ALGORITHM_NAMES)
        raise BadQuery(f"Invalid algorithm: {name} (corridor implements: {known})")
    return ALGORITHM


def algorithms() -> dict[str, Any]:
    """``/algorithms``: corridor's one algorithm, its features and weights (nomenklatura's
    ``AlgorithmDocs`` shape)."""
    features = {
        f.name: {"description": f.doc, "coefficient": f.weight, "url": FEATURE_DOCS_URL}
        for f in FEATURES
    }
    description = (
        "corridor's screening: names compared across scripts (skeletons, phonetics, word "
        "alignment), identifiers by scheme, dates of birth, countries and type; the feature "
        "scores times their weights add up, clamped to [0, 1]."
    )
    algorithm = {
        "name": ALGORITHM,
        "description": description,
        "features": features,
        "docs": {"name": ALGORITHM, "description": description, "config": {},
                 "features": features},
    }  # fmt: skip
    return {"algorithms": [algorithm], "default": ALGORITHM, "best": ALGORITHM}


class YenteService:
    """The yente endpoints over one store and its screening index cache."""

    def __init__(self, engine: Engine, cache: IndexCache, threshold: float) -> None:
        self.engine = engine
        self.store = ListStore(engine)
        self.cache = cache
        self._targets: dict[str, list[str]] | None = None
        self.threshold = threshold

    # --- datasets ---------------------------------------------------------------------

    def sources(self) -> dict[str, Any]:
        """Every dataset a client may name: the registry's lists and every loaded source."""
        registry = load_registry()
        known: dict[str, Any] = {s.name: s for s in registry if not s.datasets}
        for status in self.store.status():
            known.setdefault(status.source, registry.get(status.source))
        return known

    def scope(
        self, dataset: str, include: Sequence[str] = (), exclude: Sequence[str] = ()
    ) -> list[str] | None:
        """The sources ``dataset`` stands for, narrowed by ``include``/``exclude``; None for
        every source. NotFound ("No such dataset.") when the name is unknown."""
        known = self.sources()
        if dataset in COLLECTIONS:
            chosen: list[str] | None = None
        elif dataset in known:
            chosen = [dataset]
        else:
            raise NotFound("No such dataset.")
        if include:
            chosen = [s for s in (chosen or list(known)) if s in include]
        if exclude:
            chosen = [s for s in (chosen or list(known)) if s not in exclude]
        return chosen

    def catalog(self) -> dict[str, Any]:
        """``/catalog``: each source as a dataset (yente's ``YenteDatasetModel``), and the
        collections that hold them all."""
        status = {s.source: s for s in self.store.status()}
        datasets: list[dict[str, Any]] = []
        for name, spec in sorted(self.sources().items()):
            row = status.get(name)
            version = None if row is None else row.snapshot[:12]
            updated = None if row is None else (row.published_at or row.retrieved_at)
            datasets.append(
                {
                    "name": name,
                    "title": spec.title if spec is not None else name,
                    "summary": None if spec is None else f"{spec.publisher}; {spec.format}",
                    "updated_at": None if updated is None else updated.isoformat(),
                    "last_export": None if row is None else row.loaded_at.isoformat(),
                    "entity_count": None if row is None else row.entries,
                    "thing_count": None if row is None else row.entries,
                    "version": version,
                    "index_version": version,
                    "load": row is not None,
                    "category": "sanctions",
                    "tags": [] if spec is None else [f"jurisdiction:{spec.jurisdiction.value}"],
                }
            )
        children = [d["name"] for d in datasets]
        for name, title in COLLECTIONS.items():
            datasets.append({"name": name, "title": title, "children": children, "load": False,
                             "version": str(self.store.revision())})  # fmt: skip
        current = [d["name"] for d in datasets if d.get("load")]
        return {"datasets": datasets, "current": current, "outdated": [], "index_stale": False}

    # --- match ------------------------------------------------------------------------

    def targets(self) -> dict[str, list[str]]:
        """Records of the same target (:mod:`corridor.services.targets`), cached per call."""
        if self._targets is None:
            self._targets = targets(self.engine)
        return self._targets

    def _index(self, sources: list[str] | None) -> ScreeningIndex:
        index, _periods = self.cache.get(sources)
        return index

    def match(
        self, dataset: str, queries: Mapping[str, Any], params: MatchParams
    ) -> dict[str, Any]:
        """``/match/{dataset}``: one response per query key, in order."""
        check_algorithm(params.algorithm)
        for key in params.config:
            raise BadQuery(f"Invalid configuration parameter: {key} for algorithm {ALGORITHM}")
        if len(queries) > MAX_BATCH:
            raise BadQuery(f"Too many queries in one batch (limit: {MAX_BATCH})")
        if not queries:
            raise BadQuery("No queries provided.")
        sources = self.scope(dataset, params.include_dataset, params.exclude_dataset)
        index = self._index(sources)
        cutoff = min(params.cutoff, params.threshold)
        responses = {}
        for key, example in queries.items():
            responses[key] = self._match_one(key, example, index, params, cutoff)
        return {"responses": responses, "limit": params.limit}

    def _match_one(
        self,
        key: str,
        example: Mapping[str, Any],
        index: ScreeningIndex,
        params: MatchParams,
        cutoff: float,
    ) -> dict[str, Any]:
        proxy = ftm.make_proxy(example, where=f"queries.{key}")
        if ftm.entity_type(proxy.schema) is None:
            raise BadQuery(
                f"Non-matchable schema for query: {proxy.schema.name} (corridor screens "
                "persons, organisations, vessels and aircraft)"
            )
        asked = ftm.query_values(proxy)
        if not asked["names"] and not asked["identifiers"]:
            raise BadQuery(f"queries.{key}: the query entity has no name and no identifier")
        query = Query(
            id=key,
            names=tuple(asked["names"] or asked["identifiers"]),
            type=ftm.entity_type(proxy.schema),
            countries=tuple(asked["countries"]),
            birth_dates=tuple(asked["birth_dates"]),
            identifiers=tuple(asked["identifiers"]),
        )
        candidates = max(20, min(MAX_LIMIT, params.limit * 10))
        hits = score_query(query, index, cutoff, limit=candidates, candidates=candidates)
        excluded = set(params.exclude_schema)
        skip = {i for e in params.exclude_entity_ids for i in ftm.corridor_ids(e)}
        topics_ok = not params.topics or "sanction" in params.topics
        results = []
        matches = 0
        groups = self.targets()
        shown: set[str] = set()
        for hit in hits:
            entity = index.entities[index.positions[hit.entity_id]]
            schema = ftm.TYPE_SCHEMA[entity.type]
            members = groups.get(entity.id, [entity.id])
            if hit.score <= cutoff or schema in excluded or entity.id in skip or not topics_ok:
                continue
            if shown & set(members) or skip & set(members):
                continue  # the target is shown once, under its best-scoring record
            shown.update(members)
            listed = [m for m in members if m in index.positions]
            is_match = hit.score >= params.threshold
            matches += is_match
            results.append(
                ftm.entity_dict(
                    entity,
                    datasets=sorted({index.entities[index.positions[m]].source for m in listed}),
                    referents=members,
                    score=round(hit.score, 4),
                    match=is_match,
                    explanations=explanations(hit),
                    snapshot=hit.snapshot,
                    last_seen=entity.provenance.retrieved_at.isoformat(),
                )
            )
        props = {k: v for k, v in proxy.to_dict().get("properties", {}).items()}
        return {
            "status": 200,
            "results": results[: params.limit],
            "total": {"value": matches, "relation": "eq"},
            "query": {"id": example.get("id"), "schema": proxy.schema.name, "properties": props},
        }

    # --- search -----------------------------------------------------------------------

    def search(
        self,
        dataset: str,
        q: str,
        *,
        schema: str = "Thing",
        countries: Sequence[str] = (),
        include_dataset: Sequence[str] = (),
        exclude_dataset: Sequence[str] = (),
        exclude_schema: Sequence[str] = (),
        limit: int = 10,
        offset: int = 0,
    ) -> dict[str, Any]:
        """``/search/{dataset}``: entities whose names are like ``q`` (all entities when ``q``
        is empty), best first; facets by dataset, country and schema."""
        sources = self.scope(dataset, include_dataset, exclude_dataset)
        wanted = ftm.get_schema(schema)
        index = self._index(sources)
        if q.strip():
            query = Query(id="q", names=(q.strip(),), identifiers=())
            hits = score_query(query, index, 0.6, limit=MAX_LIMIT * 2, candidates=MAX_LIMIT * 2)
            found = [index.entities[index.positions[h.entity_id]] for h in hits]
        else:
            found = list(index.entities)
        codes = {c.lower() for c in countries}
        chosen: list[Entity] = []
        for entity in found:
            schema_name = ftm.TYPE_SCHEMA[entity.type]
            if not ftm.get_schema(schema_name).is_a(wanted.name) and wanted.name != "Thing":
                continue
            if schema_name in exclude_schema:
                continue
            if codes and not codes & set(entity.countries + entity.nationalities):
                continue
            chosen.append(entity)
        return {
            "results": [ftm.entity_dict(e) for e in chosen[offset : offset + limit]],
            "facets": _facets(chosen),
            "total": {"value": len(chosen), "relation": "eq"},
            "limit": limit,
            "offset": offset,
        }

    # --- entities ---------------------------------------------------------------------

    def entity(self, entity_id: str, *, nested: bool = True) -> dict[str, Any]:
        """``/entities/{id}``: the entry as an FtM entity; with ``nested``, its listings as
        ``Sanction`` entities under ``sanctions`` (FtM's reverse of ``Sanction.entity``).
        corridor's own view rides along in one extra key, ``corridor``: the stored entry
        (``entity``), ``active``, ``listing`` per jurisdiction and the value history
        (``statements``). One key: FtM readers give meaning to top-level ``statements``."""
        entity = None
        for candidate in ftm.corridor_ids(entity_id):
            try:
                entity = self.store.get(candidate)
                break
            except NotFound:
                continue
        if entity is None:
            raise NotFound("No such entity!")
        periods = self.store.history(entity.id)
        members = self.targets().get(entity.id, [entity.id])
        data = ftm.entity_dict(
            entity,
            referents=members,
            last_seen=entity.provenance.retrieved_at.isoformat(),
        )
        if nested and periods:
            data["properties"]["sanctions"] = [
                sanction_dict(entity, n, p) for n, p in enumerate(periods, start=1)
            ]
        now = utcnow()
        extra: dict[str, Any] = {"active": self.store.is_active(entity.id)}
        listing: dict[str, list[dict[str, Any]]] = {}
        for p in periods:
            listing.setdefault(p.jurisdiction.value, []).append(
                {"source": p.source, "listed_from": p.interval.start.isoformat(),
                 "listed_until": None if p.interval.end is None else p.interval.end.isoformat(),
                 "basis": p.basis, "from_snapshot": p.from_snapshot,
                 "until_snapshot": p.until_snapshot, "in_force": p.in_force(now)}
            )  # fmt: skip
        extra["listing"] = listing
        extra["entity"] = entity.to_dict()
        extra["statements"] = [
            {"prop": s.prop, "value": s.value, "original_value": s.original_value,
             "first_seen": s.first_seen.isoformat(), "last_seen": s.last_seen.isoformat(),
             "last_snapshot": s.snapshot}
            for s in self.store.statements(entity.id)
        ]  # fmt: skip
        data["corridor"] = extra
        return data


def _facets(entities: Sequence[Entity]) -> dict[str, Any]:
    def facet(label: str, counts: Counter[str]) -> dict[str, Any]:
        values = [{"name": k, "label": k, "count": n} for k, n in counts.most_common()]
        return {"label": label, "values": values}

    return {
        "datasets": facet("Data sources", Counter(e.source for e in entities)),
        "countries": facet("Countries", Counter(c for e in entities for c in e.countries)),
        "schema": facet("Types", Counter(ftm.TYPE_SCHEMA[e.type] for e in entities)),
    }
