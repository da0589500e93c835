"""The candidate index: a query looks up a few entries by token, sound and code, never all.

Built once from a list of entities (:meth:`ScreeningIndex.build`) and reused for every query.
Postings map each skeleton token and each phonetic key to the names that carry it, and each
identifier (by scheme and normalised value, and by its characters alone; see
:mod:`corridor.screening.codes`) to the entities that hold it; token rarity (IDF) ranks the candidates
and weighs tokens when names are compared.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy as np
import numpy.typing as npt

from corridor.model import Entity, NameQuality
from corridor.screening.codes import (
    QueryCode,
    normalise_code,
    plain_keys,
    typed_key,
    typed_keys,
)
from corridor.screening.names import NormalName, normalise, phonetic

__all__ = ["IndexedName", "ScreeningIndex", "normalise_code"]

# Up to this many postings in all, candidates are added up in a dict rather than with numpy.
_SMALL_POSTINGS = 64
# Patronymics (after skeleton folding: -vich, -vna, -ovna) weigh little when coverage counts.
PATRONYMIC_ENDINGS = ("vic", "vna", "ovna", "icna")
# Tokens carried by more names than this are used for candidates only when nothing rarer hits.
_COMMON_POSTING = 300


@dataclass(frozen=True, slots=True)
class IndexedName:
    """A listed name, normalised; ``code`` when the name is one of the entry's own identifiers
    (OFAC names an aircraft by its registration: ``YK-AGA``), in its scheme-less form."""

    entity: int
    norm: NormalName
    quality: NameQuality
    code: str | None = None


class ScreeningIndex:
    """Entities, their normalised names and the postings that find them."""

    __slots__ = (
        "_arrays",
        "_core_weights",
        "_idf_default",
        "by_code",
        "by_phonetic",
        "by_token",
        "by_typed",
        "entities",
        "fingerprint",
        "idf",
        "names",
        "positions",
        "quick",
        "spans",
    )

    def __init__(self, entities: Sequence[Entity], fingerprint: str | None = None) -> None:
        self.entities: list[Entity] = list(entities)
        self.positions: dict[str, int] = {e.id: i for i, e in enumerate(self.entities)}
        self.names: list[IndexedName] = []
        self.spans: list[tuple[int, int]] = []
        by_token: dict[str, list[int]] = defaultdict(list)
        by_phonetic: dict[str, list[int]] = defaultdict(list)
        by_code: dict[str, list[int]] = defaultdict(list)
        by_typed: dict[str, list[int]] = defaultdict(list)
        for e_idx, entity in enumerate(self.entities):
            plain: set[str] = set()
            typed: set[str] = set()
            for ident in entity.identifiers:
                plain |= plain_keys(ident)
                typed |= typed_keys(ident)
            seen: set[str] = set()
            start = len(self.names)
            for name in entity.names:
                norm = normalise(name.value)
                if not norm.words or norm.key in seen:
                    continue
                seen.add(norm.key)
                n_idx = len(self.names)
                code = normalise_code(name.value) if plain else None
                own = code if code in plain else None
                self.names.append(IndexedName(e_idx, norm, name.quality, own))
                for word in _lookup_words(norm):
                    by_token[word].append(n_idx)
                    key = phonetic(word)
                    if key != word:
                        by_phonetic[key].append(n_idx)
            self.spans.append((start, len(self.names)))
            for code in plain:
                by_code[code].append(e_idx)
            for pair in typed:
                by_typed[pair].append(e_idx)
        self.quick: list[tuple[int, str, str, str, bool]] = [
            (n.entity, n.norm.key, n.norm.core_key, n.norm.joined, n.quality is NameQuality.WEAK)
            for n in self.names
        ]
        self.by_token = dict(by_token)
        self.by_phonetic = dict(by_phonetic)
        self._arrays: dict[tuple[str, str], npt.NDArray[np.int32]] = {
            ("t", k): np.array(v, dtype=np.int32) for k, v in self.by_token.items()
        }
        self._arrays.update(
            (("p", k), np.array(v, dtype=np.int32)) for k, v in self.by_phonetic.items()
        )
        self.by_code = dict(by_code)
        self.by_typed = dict(by_typed)
        total = max(len(self.names), 1)
        self.idf = {t: math.log(1 + total / len(p)) for t, p in self.by_token.items()}
        self._idf_default = math.log(1 + total)
        self._core_weights: dict[tuple[str, ...], tuple[tuple[float, ...], float]] = {}
        self.fingerprint = fingerprint or _fingerprint(self.entities)

    @classmethod
    def build(cls, entities: Iterable[Entity], fingerprint: str | None = None) -> ScreeningIndex:
        return cls(list(entities), fingerprint)

    def __len__(self) -> int:
        return len(self.entities)

    def entity_names(self, e_idx: int) -> list[IndexedName]:
        start, end = self.spans[e_idx]
        return self.names[start:end]

    def weight(self, token: str) -> float:
        """How much a token says: rare tokens weigh more (IDF over the indexed names)."""
        return self.idf.get(token, self._idf_default)

    def core_weights(self, core: tuple[str, ...]) -> tuple[tuple[float, ...], float]:
        """The weight of each core word of a listed name (:meth:`weight`, patronymics at 0.3)
        and their sum, worked out once per name and kept."""
        found = self._core_weights.get(core)
        if found is None:
            weights = tuple(
                w * 0.3 if word.endswith(PATRONYMIC_ENDINGS) else w
                for word, w in ((word, self.weight(word)) for word in core)
            )
            found = (weights, sum(weights))
            self._core_weights[core] = found
        return found

    def code_entities(self, codes: Sequence[QueryCode]) -> list[int]:
        """Entity positions holding one of these codes, by scheme and value or by characters."""
        out: list[int] = []
        for code in codes:
            found: list[int] = []
            if code.typed is not None:
                found += self.by_typed.get(typed_key(code.typed.scheme, code.typed.value), ())
            for form in code.plain:
                found += self.by_code.get(form, ())
            for e_idx in found:
                if e_idx not in out:
                    out.append(e_idx)
        return out

    def candidate_names(self, query: NormalName, limit: int = 40) -> list[tuple[int, float]]:
        """Name positions sharing words or sound keys with ``query``, with the share of the
        query's weight (IDF) they cover, best first. Very common words are looked up only
        when nothing rarer was found.

        The postings are added up with numpy in the order they are read (so every sum is
        the same float as added one by one), and equal scores keep the order in which their
        names were first found."""
        by_token, by_phonetic, weight = self.by_token, self.by_phonetic, self.weight
        arrays = self._arrays
        # rarest first; ties by the word itself, so the order (and every float sum) is the
        # same in every process, whatever the string hash seed
        words = sorted(_lookup_words(query), key=lambda w: (len(by_token.get(w, ())), w))
        total = 0.0
        found_rare = False
        parts: list[npt.NDArray[np.int32]] = []
        weights: list[float] = []
        sizes: list[int] = []
        for word in words:
            w = weight(word)
            if " " not in word and word in query.words:
                total += w
            postings = by_token.get(word, ())
            if len(postings) > _COMMON_POSTING and found_rare:
                continue
            if postings:
                parts.append(arrays[("t", word)])
                weights.append(w)
                sizes.append(len(postings))
            key = phonetic(word)
            sounds = by_phonetic.get(key, ()) if key != word else ()
            if sounds and (len(sounds) <= _COMMON_POSTING or not found_rare):
                parts.append(arrays[("p", key)])
                weights.append(w * 0.8)
                sizes.append(len(sounds))
            if postings:
                found_rare = True
        if not parts:
            return []
        total = total or 1.0
        if sum(sizes) <= _SMALL_POSTINGS:  # a few names (codes, rare words): numpy costs more
            scores: dict[int, float] = defaultdict(float)
            for found_names, w in zip(parts, weights, strict=True):
                for n_idx in found_names.tolist():
                    scores[n_idx] += w
            ranked = sorted(scores.items(), key=itemgetter(1), reverse=True)[:limit]
            return [(n_idx, min(1.0, score / total)) for n_idx, score in ranked]
        found = np.concatenate(parts) if len(parts) > 1 else parts[0]
        names, first, inverse = np.unique(found, return_index=True, return_inverse=True)
        sums = np.bincount(inverse, weights=np.repeat(weights, sizes), minlength=len(names))
        order = np.lexsort((first, -sums))[:limit]
        return [
            (n_idx, min(1.0, score / total))
            for n_idx, score in zip(names[order].tolist(), sums[order].tolist(), strict=True)
        ]


def _lookup_words(norm: NormalName) -> set[str]:
    """The words a name is found by: its words, and its core words written together
    (so "Oskar Tour" finds "Oskartour" and "Cham Wings" finds "Chamwings")."""
    words = set(norm.words)
    if len(norm.core) > 1:
        words.add("".join(norm.core))
    return words


def _fingerprint(entities: Sequence[Entity]) -> str:
    digest = hashlib.sha256()
    for entity in entities:
        digest.update(entity.id.encode())
        digest.update(entity.provenance.snapshot.encode())
    return digest.hexdigest()[:16]
