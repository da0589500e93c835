"""The corpus scorer on text written for this test, and the bundled split and gold."""

from __future__ import annotations

from datetime import date

import pytest

from corridor.evidence.corpus import (
    GoldDocument,
    GoldEvent,
    GoldFigure,
    GoldQuote,
    body_start,
    load_gold,
    load_split,
    same_name,
    score_corpus,
)
from corridor.exc import InvalidData

# Written for this test; it states facts of November 2021.
HEADER = "Title: test\nPublished: 2021-11-13\n---\n"
BODY = (
    "Cham Wings Airlines suspended its flights to Minsk on Saturday. "
    '"We will not fly there again until further notice," said Othman Abbas, a spokesman. '
    "Polish border guards said 223 people tried to cross the border on Friday."
)


def _doc(**items: object) -> GoldDocument:
    return GoldDocument.model_validate(
        {"file": "x.txt", "sha256": "0" * 64, "published": date(2021, 11, 13), **items}
    )


def _at(word: str) -> tuple[int, int]:
    start = len(HEADER) + BODY.index(word)
    return start, start + len(word)


def test_scores_are_counted_by_span_and_label() -> None:
    s, e = _at("223")
    es, ee = _at("suspended its flights")
    qs, qe = _at("We will not fly there again until further notice,")
    doc = _doc(
        figures=[
            GoldFigure(
                start=s, end=e, value=223, metric="attempts", period_start=date(2021, 11, 12)
            )
        ],
        events=[
            GoldEvent(start=es, end=ee, type="flight_suspension", actor=["Cham Wings Airlines"])
        ],
        quotes=[GoldQuote(start=qs, end=qe, speaker=["Othman Abbas"])],
    )
    report = score_corpus([(doc, HEADER + BODY)])
    scores = report["scores"]
    assert scores["figures value+metric"]["recall"] == 1.0
    assert scores["figures value+metric+period"]["recall"] == 1.0
    assert scores["events type"]["tp"] == 1
    assert scores["events type+actor"]["tp"] == 1
    assert scores["quote speakers"]["recall"] == 1.0


def test_a_wrong_label_is_a_miss() -> None:
    s, e = _at("223")
    doc = _doc(figures=[GoldFigure(start=s, end=e, value=223, metric="deaths")])
    report = score_corpus([(doc, HEADER + BODY)])
    assert report["scores"]["figures value"]["tp"] == 1
    assert report["scores"]["figures value+metric"]["tp"] == 0
    assert report["misses"][0]["figures_missed"][0]["metric"] == "deaths"


def test_names_match_by_alias_or_surname() -> None:
    assert same_name("Ahmed al-Sahaf", ["Ahmed Al-Sahaf"])
    assert same_name("Al-Sahaf", ["Ahmed Al-Sahaf"])
    assert same_name("Poland", ["Poland", "Polish Border Guard"])
    assert not same_name("Belarus", ["Poland"])
    assert same_name(None, None)
    assert not same_name("Poland", None)


def test_body_starts_after_the_header() -> None:
    assert (HEADER + BODY)[body_start(HEADER + BODY) :].startswith("Cham Wings")


def test_split_is_half_blind_and_the_blind_gold_fits_it() -> None:
    split = load_split()
    blind = [f for f in split.files if f.split == "blind"]
    assert len(split.files) == 36 and len(blind) == 18
    gold = load_gold("blind")
    assert {d.file for d in gold.documents} == {f.file for f in blind}
    assert sum(len(d.figures) for d in gold.documents) >= 30


def test_unknown_split_is_refused() -> None:
    with pytest.raises(InvalidData):
        load_gold("train")
