"""How good screening is: an evaluation set built from the lists, plus hand-made cases.

Positives: entries with names in several scripts or spellings; the query is one alias (words
reversed, so order must not count) and the entry must come first. Negatives: person names made
of parts of two different entries, and real names on no list (``data/eval/negatives.csv``).
Hand-made cases (``data/eval/operators.csv``) name the transport operators of
``operators_listings.csv`` as people write them; a case expects the entry carrying a name.
Code cases (:func:`code_cases`) write the lists' IMO numbers, MMSIs, aircraft registrations and
serials, airline designators as people type them, with a label or bare.

Any matcher can be measured (:data:`Matcher`), so the benchmark runs the baseline through the
same code.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corridor.ids import display_registration, normalise_identifier
from corridor.model import Entity, EntityType, IdScheme, NameQuality
from corridor.resources import data_dir
from corridor.screening.algorithm import match
from corridor.screening.index import ScreeningIndex
from corridor.screening.names import normalise
from corridor.screening.result import Query

# A matcher: the entity ids it returns for a query, with scores, best first.
Matcher = Callable[[Query], list[tuple[str, float]]]


@dataclass(frozen=True, slots=True)
class Case:
    query: Query
    expected: frozenset[str]  # empty: a negative, nothing should hit
    kind: str


@dataclass(slots=True)
class EvalReport:
    cases: int = 0
    positives: int = 0
    negatives: int = 0
    true_pos: int = 0
    false_pos: int = 0
    top1: int = 0
    failures: list[str] = field(default_factory=list)
    by_kind: dict[str, list[int]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        hits = self.true_pos + self.false_pos
        return self.true_pos / hits if hits else 1.0

    @property
    def recall(self) -> float:
        return self.true_pos / self.positives if self.positives else 1.0

    @property
    def top1_accuracy(self) -> float:
        return self.top1 / self.positives if self.positives else 1.0

    def figures(self) -> dict[str, float | int]:
        out: dict[str, float | int] = {
            "cases": self.cases,
            "positives": self.positives,
            "negatives": self.negatives,
            "precision": self.precision,
            "recall": self.recall,
            "top1_accuracy": self.top1_accuracy,
        }
        for kind, (right, total) in sorted(self.by_kind.items()):
            out[f"correct[{kind}]"] = right / total if total else 1.0
        return out


def index_matcher(index: ScreeningIndex, threshold: float) -> Matcher:
    def run(query: Query) -> list[tuple[str, float]]:
        hits = match(query, index, threshold, limit=5, include_below=True)
        return [(h.entity_id, h.score) for h in hits]

    return run


def _distinct_names(entity: Entity) -> list[str]:
    seen: dict[str, str] = {}
    for name in entity.names:
        if name.quality is NameQuality.WEAK:
            continue
        key = normalise(name.value).key
        if key and key not in seen:
            seen[key] = name.value
    return list(seen.values())


def cases_from_entities(
    entities: Sequence[Entity], *, positives: int = 1500, negatives: int = 500, seed: int = 7
) -> list[Case]:
    """Positives from aliases in several scripts/spellings; negatives from mixed-up names."""
    rng = random.Random(seed)
    pool = [e for e in entities if len(_distinct_names(e)) > 1]
    rng.shuffle(pool)
    by_key: dict[str, set[str]] = {}
    for entity in entities:
        for name in entity.names:
            by_key.setdefault(normalise(name.value).key, set()).add(entity.id)
    cases: list[Case] = []
    for entity in pool[:positives]:
        alias = _distinct_names(entity)[1]
        if entity.type is EntityType.PERSON and len(alias.split()) < 2:
            continue  # a lone given name ("Sergei") names nobody in particular
        # People are written surname first as often as not; organisations keep their order.
        words = alias.split()
        reordered = " ".join(reversed(words) if entity.type is EntityType.PERSON else words)
        expected = frozenset(by_key.get(normalise(alias).key, {entity.id}))
        cases.append(Case(Query(entity.id, (reordered,)), expected, "alias"))
    people = [e for e in entities if e.type is EntityType.PERSON and e.names]
    made = 0
    tries = 0
    while people and made < negatives and tries < negatives * 20:
        tries += 1
        first, last = rng.sample(people, 2) if len(people) > 1 else (people[0], people[0])
        given = first.names[0].value.split()
        family = last.names[0].value.split()
        if len(given) < 2 or len(family) < 2 or first.id == last.id:
            continue
        mixed = f"{given[-1]} {family[0]}"
        if normalise(mixed).key in by_key:
            continue
        made += 1
        cases.append(Case(Query(f"mix-{made}", (mixed,), EntityType.PERSON), frozenset(), "mixed"))
    return cases


# How people write a code of each scheme: {v} the normal value, {d} a registration as printed.
_WRITTEN: dict[IdScheme, tuple[str, ...]] = {
    IdScheme.IMO: ("IMO {v}", "imo no. {v}", "IMO{v}"),
    IdScheme.MMSI: ("MMSI {v}", "mmsi: {v}"),
    IdScheme.AIRCRAFT_REGISTRATION: ("{d}", "reg {d}", "Tail Number {d}", "{v}"),
    IdScheme.AIRCRAFT_SERIAL: ("MSN {v}", "(MSN) {v}", "msn: {v}"),
    IdScheme.IATA_AIRLINE: ("IATA {v}", "iata code {v}"),
    IdScheme.ICAO_AIRLINE: ("ICAO: {v}", "icao {v}"),
}


def _unlisted(scheme: IdScheme, value: str, rng: random.Random) -> str:
    """A code of the same shape as ``value`` that differs in one character."""
    pos = rng.randrange(len(value))
    pool = "0123456789" if value[pos].isdigit() else "ABCDEFGHJKLMNPRSTUVWXYZ"
    swapped = value[:pos] + rng.choice(pool.replace(value[pos], "")) + value[pos + 1 :]
    if scheme is IdScheme.IMO and len(swapped) == 7:  # keep the check digit valid
        total = sum(int(d) * w for d, w in zip(swapped[:6], range(7, 1, -1), strict=True))
        swapped = swapped[:6] + str(total % 10)
    return swapped


def code_cases(
    entities: Sequence[Entity], *, limit: int = 300, negatives: int = 100, seed: int = 7
) -> list[Case]:
    """Listed codes written as people type them (``IMO 9421960``, ``reg EW-301PJ``,
    ``MSN 8057``) as the query's name and identifier: the entries holding that code in that
    scheme are expected. Negatives: a listed code with one character changed (and on no list),
    and a listed aircraft serial asked under another family's label (``IMO``, ``MMSI``)."""
    rng = random.Random(seed)
    holders: dict[tuple[IdScheme, str], set[str]] = {}
    for entity in entities:
        for ident in entity.identifiers:
            if ident.scheme in _WRITTEN:
                value = normalise_identifier(ident.scheme, ident.value)
                holders.setdefault((ident.scheme, value), set()).add(entity.id)
    every = {value for _, value in holders}
    keys = sorted(holders)
    rng.shuffle(keys)

    def case(written: str, expected: frozenset[str], kind: str) -> Case:
        return Case(Query(written, (written,), identifiers=(written,)), expected, kind)

    cases: list[Case] = []
    for scheme, value in keys[:limit]:
        shown = display_registration(value) if scheme is IdScheme.AIRCRAFT_REGISTRATION else value
        written = rng.choice(_WRITTEN[scheme]).format(v=value, d=shown)
        cases.append(case(written, frozenset(holders[scheme, value]), "code"))
    for scheme, value in keys[limit : limit + negatives]:
        other = _unlisted(scheme, value, rng)
        if other not in every and any(c.isalnum() for c in other):
            shown = (
                display_registration(other) if scheme is IdScheme.AIRCRAFT_REGISTRATION else other
            )
            written = rng.choice(_WRITTEN[scheme]).format(v=other, d=shown)
            cases.append(case(written, frozenset(), "code unlisted"))
    serials = [v for s, v in keys if s is IdScheme.AIRCRAFT_SERIAL and v.isdigit()]
    for value in serials[:negatives]:
        label = rng.choice(["IMO", "MMSI", "IATA", "tail number"])
        cases.append(case(f"{label} {value}", frozenset(), "code other family"))
    return cases


def hand_cases(entities: Sequence[Entity], folder: Path | None = None) -> list[Case]:
    """Cases from ``operators.csv`` (query, expect: a listed name) and ``negatives.csv``.

    A positive whose expected name no loaded entry carries is left out (its list is not loaded).
    ``folder`` defaults to the bundled evaluation cases (``corridor/data/eval``).
    """
    folder = data_dir("eval") if folder is None else folder
    by_key: dict[str, set[str]] = {}
    for entity in entities:
        for name in entity.names:
            by_key.setdefault(normalise(name.value).key, set()).add(entity.id)
    cases: list[Case] = []
    operators = folder / "operators.csv"
    if operators.is_file():
        with operators.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                ids: set[str] = set()
                for expected_name in row["expect"].split(";"):
                    ids |= by_key.get(normalise(expected_name).key, set())
                if ids:
                    query = Query(row["query"], (row["query"],), identifiers=tuple(
                        i for i in (row.get("identifier") or "").split(";") if i))  # fmt: skip
                    cases.append(Case(query, frozenset(ids), "operator"))
    negatives = folder / "negatives.csv"
    if negatives.is_file():
        with negatives.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                etype = EntityType(row["type"]) if row.get("type") else None
                cases.append(
                    Case(Query(row["name"], (row["name"],), etype), frozenset(), "unlisted")
                )
    return cases


def evaluate(cases: Sequence[Case], matcher: Matcher, threshold: float) -> EvalReport:
    """Run every case: precision over all hits, recall and top-1 over the positives."""
    report = EvalReport()
    for case in cases:
        report.cases += 1
        ranked = matcher(case.query)
        best = ranked[0][1] if ranked else 0.0
        top = {eid for eid, score in ranked if score >= best - 1e-9} if ranked else set()
        hit = best >= threshold and bool(ranked)
        tally = report.by_kind.setdefault(case.kind, [0, 0])
        tally[1] += 1
        if case.expected:
            report.positives += 1
            right_top = bool(top & case.expected)
            report.top1 += right_top
            if hit and right_top:
                report.true_pos += 1
                tally[0] += 1
            else:
                if hit:
                    report.false_pos += 1
                got = ranked[0] if ranked else ("nothing", 0.0)
                report.failures.append(
                    f"{case.kind}: {case.query.names[0]!r} -> {got[0]} {got[1]:.2f}, "
                    f"expected {sorted(case.expected)[:3]}"
                )
        else:
            report.negatives += 1
            if hit:
                report.false_pos += 1
                report.failures.append(
                    f"{case.kind}: {case.query.names[0]!r} hit {ranked[0][0]} {best:.2f}"
                )
            else:
                tally[0] += 1
    return report
