"""Near-duplicate claims across documents, clustered so a reviewer sees one fact and all its
sources.

Two claims from different documents join when they have the same signature (``Claim.key``:
same figure, metric, place and period start; same event type, actor and target; same entity),
or, for quotes and events of the same type, when their sentences are near-identical
(rapidfuzz ``token_set_ratio`` at or above :data:`SIMILARITY`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from corridor.evidence.claim import Claim

SIMILARITY = 85.0


@dataclass(frozen=True, slots=True)
class Cluster:
    """Claims saying the same thing; ``documents`` are their distinct sources."""

    id: str
    kind: str
    type: str
    claims: tuple[Claim, ...]

    @property
    def documents(self) -> list[str]:
        return sorted({c.document_id for c in self.claims})

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "type": self.type,
            "documents": self.documents,
            "claims": [
                {
                    "id": c.id,
                    "document_id": c.document_id,
                    "span": [c.start, c.end],
                    "status": c.status,
                }
                for c in self.claims
            ],
        }


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def cluster_claims(
    claims: Sequence[Claim], sentences: dict[str, str] | None = None, *, min_documents: int = 2
) -> list[Cluster]:
    """Clusters of claims from at least ``min_documents`` documents.

    ``sentences`` maps claim id to the sentence text, used for fuzzy matching of quotes and
    events; without it only equal signatures join.
    """
    parent = list(range(len(claims)))
    by_key: dict[tuple[str, str], int] = {}
    for i, claim in enumerate(claims):
        k = (claim.kind, claim.key)
        if k in by_key:
            parent[_find(parent, i)] = _find(parent, by_key[k])
        else:
            by_key[k] = i
    if sentences:
        fuzzy = [
            i for i, c in enumerate(claims) if c.kind in ("quote", "event") and c.id in sentences
        ]
        for a_pos, a in enumerate(fuzzy):
            for b in fuzzy[a_pos + 1 :]:
                ca, cb = claims[a], claims[b]
                if ca.document_id == cb.document_id or ca.type != cb.type:
                    continue
                score = fuzz.token_set_ratio(sentences[ca.id], sentences[cb.id])
                if score >= SIMILARITY:
                    parent[_find(parent, b)] = _find(parent, a)
    groups: dict[int, list[Claim]] = {}
    for i, claim in enumerate(claims):
        groups.setdefault(_find(parent, i), []).append(claim)
    out = []
    for members in groups.values():
        if len({c.document_id for c in members}) < min_documents:
            continue
        first = min(members, key=lambda c: c.id)
        out.append(Cluster(first.id, first.kind, first.type, tuple(members)))
    return sorted(out, key=lambda c: (c.kind, c.type, c.id))
