"""The index and the algorithm together, on entries as the lists file them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from screening_helpers import sample

from corridor.model import EntityType
from corridor.screening.algorithm import match
from corridor.screening.index import ScreeningIndex, normalise_code
from corridor.screening.names import normalise
from corridor.screening.result import Query


@pytest.fixture(scope="module")
def index() -> ScreeningIndex:
    return ScreeningIndex.build(sample())


def top(index: ScreeningIndex, *names: str, **facts: object) -> tuple[str, float]:
    hits = match(Query("q", names, **facts), index, 0.0)  # type: ignore[arg-type]
    assert hits, names
    return hits[0].entity_id, hits[0].score


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Belavia", "ofac-44541"),
        ("Белавиа", "ofac-44541"),
        ("ААТ Авіякампанія Белавія", "ofac-44541"),
        ("OJSC Belavia Belarusian Airlines", "ofac-44541"),
        ("Tsentrkurort", "ofac-33171"),
        ("Центркурорт", "ofac-33171"),
        ("Cham Wings", "ofac-21244"),
        ("ChamWings", "ofac-21244"),
        ("Lukashenko Alexander", "eu-lukashenka"),
        ("Łukašenka Aliaksandr", "eu-lukashenka"),
        ("Лукашэнка Аляксандр", "eu-lukashenka"),
        ("A. Lukashenko", "eu-lukashenka"),
        ("Transaviaexport", "uk-14982"),
        ("EW 78843", "ofac-33399"),
    ],
)
def test_finds_the_entry_across_scripts(index: ScreeningIndex, query: str, expected: str) -> None:
    entity_id, score = top(index, query)
    assert entity_id == expected
    assert score >= 0.8


@pytest.mark.parametrize("query", ["Turkish Airlines", "flydubai", "Qatar Airways", "John Smith"])
def test_unlisted_names_do_not_match(index: ScreeningIndex, query: str) -> None:
    assert match(Query("q", (query,)), index, 0.8) == []


def test_identifier_alone_matches(index: ScreeningIndex) -> None:
    hits = match(Query("q", ("Some airline",), identifiers=("b-2",)), index, 0.8)
    assert [h.entity_id for h in hits] == ["ofac-44541"]
    feature = next(f for f in hits[0].features if f.name == "identifier")
    assert feature.score == 1.0 and "iata_airline" in feature.detail


def test_weak_alias_cannot_carry_a_match(index: ScreeningIndex) -> None:
    hits = match(Query("q", ("Batka",)), index, 0.0)
    assert hits and hits[0].name is not None and hits[0].name.quality == "weak"
    assert not hits[0].match or hits[0].score < 0.85


def test_birth_date_and_type_disagreement_lower_the_score(index: ScreeningIndex) -> None:
    _, plain = top(index, "Alexander Lukashenko")
    _, same = top(index, "Alexander Lukashenko", birth_dates=("1954",), type=EntityType.PERSON)
    _, other = top(index, "Alexander Lukashenko", birth_dates=("1970-01-01",))
    _, wrong_type = top(index, "Alexander Lukashenko", type=EntityType.ORGANIZATION)
    assert other < plain <= same
    assert wrong_type < plain


def test_hit_explains_itself(index: ScreeningIndex) -> None:
    hit = match(Query("q", ("Белавиа",), countries=("by",)), index, 0.8)[0]
    data = hit.to_dict()
    assert data["name"]["query"] == "Белавиа"
    assert data["name"]["query_normalised"] == "belavia"
    assert data["match"] is True and data["threshold"] == 0.8
    assert {f["name"] for f in data["features"]} == {
        "name",
        "identifier",
        "country",
        "birth_date",
        "type",
    }
    assert "country" in hit.reasons()


def test_candidates_do_not_scan_everything(index: ScreeningIndex) -> None:
    found = index.candidate_names(normalise("Belavia"))
    assert found and len(found) < len(index.names)


def test_normalise_code() -> None:
    assert normalise_code("EW-78843") == normalise_code("ew 78843") == "EW78843"
