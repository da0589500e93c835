"""Scoring one query against the candidates the index offers: features added, clamped to [0, 1]."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.fuzz import ratio

from corridor.model import Entity
from corridor.screening.codes import QueryCode, read_codes
from corridor.screening.features import (
    FEATURES,
    WEAK_ALIAS_FACTOR,
    Candidate,
    Feature,
    Subject,
    best_name,
)
from corridor.screening.index import ScreeningIndex
from corridor.screening.names import normalise
from corridor.screening.result import FeatureScore, Hit, Query

# Entities whose quick name score is this far under the threshold are not scored in full.
QUICK_MARGIN = 0.2


def prepare(query: Query) -> Subject:
    """Normalise a query once; read its codes with their schemes. A name with digits, or one
    that reads as a code (``reg YK-AGA``), is also tried as an identifier."""
    named = [QueryCode.read(n) for n in query.names]
    as_codes = [
        code
        for name, code in zip(query.names, named, strict=True)
        if code is not None and (code.typed is not None or any(c.isdigit() for c in name))
    ]
    codes = read_codes(query.identifiers)
    codes += tuple(c for c in as_codes if c.original not in query.identifiers)
    return Subject(
        names=query.names,
        norms=tuple(normalise(n) for n in query.names),
        type=query.type,
        countries=frozenset(c.lower() for c in query.countries),
        birth_dates=query.birth_dates,
        codes=codes,
        name_codes=tuple(frozenset(() if c is None else c.plain) for c in named),
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


def shortlist(subject: Subject, index: ScreeningIndex, threshold: float, size: int) -> list[int]:
    """Entities worth a full score: a quick name comparison (sorted, core and joined words,
    and the share of the query's words found) within reach of ``threshold``, plus every
    entity holding a queried identifier."""
    quick: dict[int, float] = {}
    names = index.quick  # per name: entity, key, core key, joined, weak
    for norm in subject.norms:
        if not norm.words:
            continue
        key, core_key, joined = norm.key, norm.core_key, norm.joined
        for n_idx, coverage in index.candidate_names(norm):
            e_idx, other_key, other_core, other_joined, weak = names[n_idx]
            sim = (
                max(
                    ratio(key, other_key),
                    ratio(core_key, other_core),
                    ratio(joined, other_joined),
                    coverage * 90.0,
                )
                / 100.0
            )
            if weak:
                sim *= WEAK_ALIAS_FACTOR
            if sim > quick.get(e_idx, -1.0):
                quick[e_idx] = sim
    floor = threshold - QUICK_MARGIN
    ranked = sorted((e for e, s in quick.items() if s >= floor), key=lambda e: -quick[e])
    chosen = index.code_entities(subject.codes)
    for e_idx in ranked[:size]:
        if e_idx not in chosen:
            chosen.append(e_idx)
    return chosen


def match(
    query: Query,
    index: ScreeningIndex,
    threshold: float,
    *,
    limit: int = 10,
    candidates: int = 6,
    include_below: bool = False,
) -> list[Hit]:
    """Hits for one query, best first: those at or over ``threshold`` (all scored ones with
    ``include_below``), at most ``limit``."""
    subject = prepare(query)
    hits = [
        score_entity(subject, index.entities[e_idx], e_idx, index, threshold)
        for e_idx in shortlist(subject, index, threshold, candidates)
    ]
    if not include_below:
        hits = [h for h in hits if h.match]
    hits.sort(key=lambda h: (-h.score, h.entity_id))
    return hits[:limit]
