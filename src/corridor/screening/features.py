"""Features that compare a query with a listed entity, nomenklatura style.

Each :class:`Feature` has a name, a function returning a :class:`Verdict` (score in [-1, 1]
with a detail and the values compared) and a weight; the algorithm adds ``score * weight``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from corridor.model import Entity, EntityType, NameQuality
from corridor.screening.codes import QueryCode, match_codes
from corridor.screening.index import PATRONYMIC_ENDINGS, IndexedName, ScreeningIndex
from corridor.screening.names import NormalName
from corridor.screening.result import NameMatch

# A weak alias can support a match but never make one alone: its similarity is scaled down.
WEAK_ALIAS_FACTOR = 0.8
# Two tokens count as the same word from this similarity up.
TOKEN_MATCH = 0.84
# Word agreement bounds string similarity only from here up (below it cannot make a hit).
BOUND_FROM = 0.6


@dataclass(frozen=True, slots=True)
class Verdict:
    score: float
    detail: str
    query_value: str | None = None
    candidate_value: str | None = None


@dataclass(frozen=True, slots=True)
class Subject:
    """A query prepared once: normalised names and codes."""

    names: tuple[str, ...]
    norms: tuple[NormalName, ...]
    type: EntityType | None
    countries: frozenset[str]
    birth_dates: tuple[str, ...]
    codes: tuple[QueryCode, ...]
    # per query name: the scheme-less forms it has as a code (compared with names that are codes)
    name_codes: tuple[frozenset[str], ...] = ()
    # name similarities worked out for this query: (query name position, listed key, core)
    similarities: dict[tuple[int, str, tuple[str, ...]], tuple[float, str]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # word similarities worked out for this query: (query word, listed word)
    word_similarities: dict[tuple[str, str], float] = field(
        default_factory=dict, compare=False, repr=False
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    entity: Entity
    names: list[IndexedName]
    best_name: NameMatch | None


FeatureFunc = Callable[[Subject, Candidate], Verdict]


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    func: FeatureFunc
    weight: float
    doc: str


def _token_sim(a: str, b: str) -> float:
    if not a.isalpha() and not b.isalpha():  # numbers, codes ("MSN 164", "RAK WON 2"): equal or not
        return 1.0 if a == b else 0.0
    if len(a) == 1 or len(b) == 1:  # an initial matches a word starting with it
        return 0.9 if a[0] == b[0] else 0.0
    return Levenshtein.normalized_similarity(a, b)


def _token_sims(
    query: tuple[str, ...],
    cand: tuple[str, ...],
    known: dict[tuple[str, str], float] | None = None,
) -> list[list[float]]:
    """:func:`_token_sim` of every query word (rows) with every candidate word (columns),
    computed once per name pair and shared by the word agreement and the alignment;
    ``known`` keeps the word pairs already compared for this query (aliases repeat words)."""
    if known is None:
        known = {}
    rows: list[list[float]] = []
    for w in query:
        row: list[float] = []
        for o in cand:
            sim = known.get((w, o))
            if sim is None:
                sim = known[(w, o)] = _token_sim(w, o)
            row.append(sim)
        rows.append(row)
    return rows


def _word_weight(word: str, index: ScreeningIndex) -> float:
    weight = index.weight(word)
    return weight * 0.3 if word.endswith(PATRONYMIC_ENDINGS) else weight


def _token_agreement(query: tuple[str, ...], cand: tuple[str, ...]) -> float:
    """Each query word against its best candidate word, squared so that a differing word
    (Hevi/Haji) costs more than string similarity says; weighted by word length."""
    if not cand:
        return 0.0
    return _agreement(query, _token_sims(query, cand))


def _agreement(query: tuple[str, ...], sims: list[list[float]]) -> float:
    total = sum(len(w) for w in query)
    if not total:
        return 0.0
    got = sum(len(w) * max(row) ** 2 for w, row in zip(query, sims, strict=True))
    return got / total


def name_similarity(
    query: NormalName,
    cand: NormalName,
    index: ScreeningIndex,
    known: dict[tuple[str, str], float] | None = None,
) -> tuple[float, str]:
    """How alike two normalised names are, in [0, 1], and which comparison said so.

    The best of: the sorted words compared whole (word order ignored); the same for the core
    words (generic words like "airlines" out) and the core written together, scaled down a
    little; each bounded by how well the query's words each find a candidate word. Then a
    word-by-word alignment where every query word must find a candidate word, scaled by how
    much of the candidate (weighed by token rarity, patronymics little) it covers.
    ``known``: word similarities already worked out for this query, added to.
    """
    sims: list[list[float]] | None = None
    best, method = fuzz.ratio(query.key, cand.key) / 100.0, "sorted words"
    if best < 0.999:
        core = 0.95 * fuzz.ratio(query.core_key, cand.core_key) / 100.0
        if core > best:
            best, method = core, "core words"
        joined = 0.0
        if len(query.core) != len(cand.core):  # "Oskar Tour" / "Oskartour"
            joined = 0.95 * fuzz.ratio(query.joined, cand.joined) / 100.0
        if joined > best:
            best, method = joined, "words joined"
        if method != "words joined" and best >= BOUND_FROM:
            agreement = 0.0
            if cand.core:
                sims = _token_sims(query.core, cand.core, known)
                agreement = _agreement(query.core, sims)
            bound = agreement + 0.05
            if bound < best:
                best, method = bound, method + " (a word differs)"
    if best >= 0.99:
        return min(best, 1.0), method
    if sims is None:
        sims = _token_sims(query.core, cand.core, known)
    matched_sims: list[float] = []
    covered: set[int] = set()
    for row in sims:
        pick, pick_sim = -1, 0.0
        for i, sim in enumerate(row):
            if sim > pick_sim:
                pick, pick_sim = i, sim
        if pick_sim < TOKEN_MATCH:
            return best, method
        matched_sims.append(pick_sim)
        covered.add(pick)
    weights, total = index.core_weights(cand.core)
    coverage = sum(weights[i] for i in covered) / total if total else 0.0
    aligned = (sum(matched_sims) / len(matched_sims)) * (0.4 + 0.6 * coverage)
    if aligned > best:
        best, method = aligned, f"words aligned (coverage {coverage:.2f})"
    return best, method


def best_name(
    subject: Subject, names: Sequence[IndexedName], index: ScreeningIndex
) -> NameMatch | None:
    """The best pair across all query names and all the entity's names.

    A listed name that is the entry's own code (an aircraft named by its registration) is
    compared as a code: equal or not at all (``YK-AGA`` is not ``YK-AGB``).
    """
    found = _best_pair(subject, names, index)
    if found is None:
        return None
    sim, method, q_name, q_norm, cand = found
    return NameMatch(
        query_name=q_name,
        matched_name=cand.norm.original,
        query_normalised=q_norm.key,
        matched_normalised=cand.norm.key,
        similarity=sim,
        quality=cand.quality.value,
        method=method,
    )


def _best_pair(
    subject: Subject, names: Sequence[IndexedName], index: ScreeningIndex
) -> tuple[float, str, str, NormalName, IndexedName] | None:
    """The first best (similarity, method, query name, its normal form, listed name).

    A listed name written the same as one compared before for this query (the lists share
    people and their spellings) takes the similarity worked out then."""
    found: tuple[float, str, str, NormalName, IndexedName] | None = None
    memo, words = subject.similarities, subject.word_similarities
    forms = subject.name_codes or tuple(frozenset() for _ in subject.names)
    for q_pos, (q_name, q_norm, q_codes) in enumerate(
        zip(subject.names, subject.norms, forms, strict=True)
    ):
        if not q_norm.words:
            continue
        for cand in names:
            if cand.code is not None:
                equal = cand.code in q_codes
                sim, method = (1.0, "code equal") if equal else (0.0, "a code, not equal")
            else:
                norm = cand.norm
                key = (q_pos, norm.key, norm.core)
                known = memo.get(key)
                if known is None:
                    known = memo[key] = name_similarity(q_norm, norm, index, words)
                sim, method = known
            if cand.quality is NameQuality.WEAK:
                sim *= WEAK_ALIAS_FACTOR
                method += ", weak alias"
            if found is None or sim > found[0]:
                found = (sim, method, q_name, q_norm, cand)
                if sim >= 0.999:
                    return found
    return found


def _name(subject: Subject, cand: Candidate) -> Verdict:
    match = cand.best_name
    if match is None:
        return Verdict(0.0, "no comparable name")
    return Verdict(match.similarity, match.method, match.query_name, match.matched_name)


def _identifier(subject: Subject, cand: Candidate) -> Verdict:
    if not subject.codes:
        return Verdict(0.0, "no identifier compared")
    found = match_codes(subject.codes, cand.entity.identifiers)
    if found is None:
        return Verdict(0.0, "no identifier equal")
    ident = found.identifier
    return Verdict(1.0, found.detail, found.code.original, ident.original or ident.value)


def _country(subject: Subject, cand: Candidate) -> Verdict:
    theirs = {c.lower() for c in (*cand.entity.countries, *cand.entity.nationalities)}
    if not subject.countries or not theirs:
        return Verdict(0.0, "not compared")
    common = subject.countries & theirs
    if common:
        return Verdict(1.0, f"country agrees: {','.join(sorted(common))}")
    return Verdict(
        -1.0,
        "country differs",
        ",".join(sorted(subject.countries)),
        ",".join(sorted(theirs)),
    )


def _dob_agrees(a: str, b: str) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _birth_date(subject: Subject, cand: Candidate) -> Verdict:
    theirs = cand.entity.birth_dates
    if not subject.birth_dates or not theirs:
        return Verdict(0.0, "not compared")
    for mine in subject.birth_dates:
        for other in theirs:
            if _dob_agrees(mine, other):
                return Verdict(1.0, "birth date agrees", mine, other)
    return Verdict(-1.0, "birth date differs", subject.birth_dates[0], theirs[0])


def _type(subject: Subject, cand: Candidate) -> Verdict:
    theirs = cand.entity.type
    if subject.type in (None, EntityType.UNKNOWN) or theirs is EntityType.UNKNOWN:
        return Verdict(0.0, "not compared")
    if subject.type is theirs:
        return Verdict(0.0, f"both {theirs.value}")
    person = EntityType.PERSON
    if (subject.type is person) != (theirs is person):
        detail = f"type differs: {subject.type.value} vs {theirs.value}"
        return Verdict(-1.0, detail, subject.type.value, theirs.value)
    return Verdict(-0.5, f"type differs: {subject.type.value} vs {theirs.value}")


FEATURES: tuple[Feature, ...] = (
    Feature("name", _name, 1.0, "best name similarity across all names (weak aliases scaled)"),
    Feature(
        "identifier",
        _identifier,
        1.0,
        "an identifier equal: scheme and value when the query's code has a known scheme, "
        "else its characters",
    ),
    Feature("country", _country, 0.05, "country or nationality agrees (+) or differs (-)"),
    Feature("birth_date", _birth_date, 0.2, "birth date agrees at shared precision (+) or not"),
    Feature("type", _type, 0.2, "person against organisation, vessel or aircraft"),
)
