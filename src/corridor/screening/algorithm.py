"""Scoring one query against the candidates the index offers: features added, clamped to [0, 1]."""

from __future__ import annotations

from collections.abc import Sequence

from corridor.model import Entity
from corridor.screening.features import FEATURES, Candidate, Feature, Subject, best_name
from corridor.screening.index import ScreeningIndex, normalise_code
from corridor.screening.names import normalise
from corridor.screening.result import FeatureScore, Hit, Query


def prepare(query: Query) -> Subject:
    """Normalise a query once. A name with digits is also tried as an identifier."""
    codes = [normalise_code(i) for i in query.identifiers]
    codes += [normalise_code(n) for n in query.names if any(c.isdigit() for c in n)]
    return Subject(
        names=query.names,
        norms=tuple(normalise(n) for n in query.names),
        type=query.type,
        countries=frozenset(c.lower() for c in query.countries),
        birth_dates=query.birth_dates,
        codes=tuple(dict.fromkeys(c for c in codes if c)),
    )


def score_entity(
    subject: Subject,
    entity: Entity,
    e_idx: int,
    index: ScreeningIndex,
    threshold: float,
    features: Sequence[Feature] = FEATURES,
) -> Hit:
    names = index.entity_names(e_idx)
    cand = Candidate(entity, names, best_name(subject, names, index))
    scores: list[FeatureScore] = []
    total = 0.0
    for feature in features:
        verdict = feature.func(subject, cand)
        scores.append(
            FeatureScore(
                feature.name,
                verdict.score,
                feature.weight,
                verdict.detail,
                verdict.query_value,
                verdict.candidate_value,
            )
        )
        total += verdict.score * feature.weight
    return Hit(
        entity_id=entity.id,
        caption=entity.caption,
        entity_type=entity.type.value,
        source=entity.source,
        record_id=entity.record_id,
        programs=list(entity.programs),
        name=cand.best_name,
        features=scores,
        score=min(1.0, max(0.0, total)),
        threshold=threshold,
        snapshot=entity.provenance.snapshot,
    )


def match(
    query: Query,
    index: ScreeningIndex,
    threshold: float,
    *,
    limit: int = 10,
    candidates: int = 40,
) -> list[Hit]:
    """Hits for one query, best first: those at or over ``threshold``, at most ``limit``."""
    subject = prepare(query)
    hits = [
        score_entity(subject, index.entities[e_idx], e_idx, index, threshold)
        for e_idx in index.candidates(subject.norms, subject.codes, candidates)
    ]
    hits = [h for h in hits if h.match]
    hits.sort(key=lambda h: (-h.score, h.entity_id))
    return hits[:limit]
