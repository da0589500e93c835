"""The fast paths of screening give what the plain definitions give.

Word similarities are worked out once per name pair, word weights once per listed name,
name similarities once per spelling and query, candidates ranked with ``sorted``: each is
checked here against the straightforward computation it replaces.
"""

from __future__ import annotations

import heapq
import sys
from collections import defaultdict
from operator import itemgetter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from screening_helpers import sample

from corridor.screening import index as index_module
from corridor.screening.algorithm import match, prepare, score_entity
from corridor.screening.features import (
    _token_agreement,
    _token_sim,
    _token_sims,
    _word_weight,
    best_name,
    name_similarity,
)
from corridor.screening.index import (
    _COMMON_POSTING,
    ScreeningIndex,
    _lookup_words,
)
from corridor.screening.names import NormalName, normalise, phonetic
from corridor.screening.result import Query

WORDS = st.text(alphabet="abcdeilmnorsv0123- ", min_size=1, max_size=8).map(
    lambda w: w.replace(" ", "") or "a"
)
QUERIES = [
    "Belavia",
    "Белавиа",
    "Alexander Lukashenko",
    "Lukashenka Aleksandr Grigorievich",
    "Cham Wings Airlines",
    "Chamwings",
    "Oskar Tour",
    "Viktor Sheiman",
    "EW-301PJ",
    "Unknown Traders",
]


@pytest.fixture(scope="module")
def index() -> ScreeningIndex:
    return ScreeningIndex.build(sample())


@given(st.lists(WORDS, min_size=1, max_size=4), st.lists(WORDS, min_size=1, max_size=4))
def test_similarity_rows_are_the_word_similarities(query: list[str], cand: list[str]) -> None:
    rows = _token_sims(tuple(query), tuple(cand))
    assert rows == [[_token_sim(w, o) for o in cand] for w in query]


@given(st.lists(WORDS, min_size=1, max_size=4), st.lists(WORDS, max_size=4))
def test_agreement_as_defined(query: list[str], cand: list[str]) -> None:
    total = sum(len(w) for w in query)
    expected = 0.0
    if cand:
        got = sum(len(w) * max(_token_sim(w, o) for o in cand) ** 2 for w in query)
        expected = got / total
    assert _token_agreement(tuple(query), tuple(cand)) == expected


def test_core_weights_are_the_word_weights(index: ScreeningIndex) -> None:
    for name in index.names:
        weights, total = index.core_weights(name.norm.core)
        assert weights == tuple(_word_weight(w, index) for w in name.norm.core)
        assert total == sum(_word_weight(w, index) for w in name.norm.core)


def _candidates_by_heap(
    index: ScreeningIndex, query: NormalName, limit: int = 40
) -> list[tuple[int, float]]:
    """The candidate ranking as first written: a dict added to name by name, then
    ``heapq.nlargest``."""
    scores: dict[int, float] = defaultdict(float)
    words = sorted(_lookup_words(query), key=lambda w: len(index.by_token.get(w, ())))
    total, found_rare = 0.0, False
    for word in words:
        weight = index.weight(word)
        if " " not in word and word in query.words:
            total += weight
        postings = index.by_token.get(word, ())
        if len(postings) > _COMMON_POSTING and found_rare:
            continue
        for n_idx in postings:
            scores[n_idx] += weight
        key = phonetic(word)
        sounds = index.by_phonetic.get(key, ()) if key != word else ()
        if len(sounds) <= _COMMON_POSTING or not found_rare:
            for n_idx in sounds:
                scores[n_idx] += weight * 0.8
        if postings:
            found_rare = True
    ranked = heapq.nlargest(limit, scores.items(), key=itemgetter(1))
    total = total or 1.0
    return [(n_idx, min(1.0, score / total)) for n_idx, score in ranked]


@pytest.mark.parametrize("small", [0, 64, 10_000])
@pytest.mark.parametrize("text", QUERIES)
def test_candidate_ranking_as_with_a_heap(
    index: ScreeningIndex, text: str, small: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both ways of adding up (numpy for many postings, a dict for few) rank as first written."""
    monkeypatch.setattr(index_module, "_SMALL_POSTINGS", small)
    norm = normalise(text)
    assert index.candidate_names(norm) == _candidates_by_heap(index, norm)
    assert index.candidate_names(norm, limit=2) == _candidates_by_heap(index, norm, limit=2)


def test_quick_keys_follow_the_names(index: ScreeningIndex) -> None:
    assert len(index.quick) == len(index.names)
    for (e_idx, key, core_key, joined, weak), name in zip(index.quick, index.names, strict=True):
        assert (e_idx, key, core_key, joined) == (
            name.entity,
            name.norm.key,
            name.norm.core_key,
            name.norm.joined,
        )
        assert weak == (name.quality.value == "weak")


@pytest.mark.parametrize("text", QUERIES)
def test_remembered_similarities_change_nothing(index: ScreeningIndex, text: str) -> None:
    query = Query("q", (text,))
    shared = prepare(query)
    for e_idx in range(len(index)):
        names = index.entity_names(e_idx)
        fresh = prepare(query)
        assert best_name(shared, names, index) == best_name(fresh, names, index)
        entity = index.entities[e_idx]
        assert score_entity(shared, entity, e_idx, index, 0.8) == score_entity(
            prepare(query), entity, e_idx, index, 0.8
        )
    for (q_pos, key, core), (sim, method) in shared.similarities.items():
        cand = next(n.norm for n in index.names if (n.norm.key, n.norm.core) == (key, core))
        assert name_similarity(shared.norms[q_pos], cand, index) == (sim, method)


def test_repeated_queries_give_equal_hits(index: ScreeningIndex) -> None:
    for text in QUERIES:
        query = Query("q", (text,))
        assert match(query, index, 0.0) == match(query, index, 0.0)


@given(st.lists(WORDS, min_size=1, max_size=4), st.lists(WORDS, min_size=1, max_size=4))
def test_remembered_word_similarities_change_nothing(query: list[str], cand: list[str]) -> None:
    known: dict[tuple[str, str], float] = {}
    first = _token_sims(tuple(query), tuple(cand), known)
    assert known == {(w, o): _token_sim(w, o) for w in query for o in cand}
    assert (
        _token_sims(tuple(query), tuple(cand), known)
        == first
        == _token_sims(tuple(query), tuple(cand))
    )
