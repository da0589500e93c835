"""The extractor on article-length reports written for this test (``heldout_articles.yml``):
reports of 280 to 500 words, in four batches, each scored once before any rule was changed
for it (the file's header keeps those first-run figures). The thresholds are the after-fix scores less a margin,
so a change that loses ground on long, unseen prose fails here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from corridor.evidence.evaluate import evaluate_examples
from corridor.evidence.patterns import FIRST_VOCABULARY

ARTICLES = Path(__file__).with_name("heldout_articles.yml")


def _examples() -> list[dict[str, Any]]:
    examples: list[dict[str, Any]] = yaml.safe_load(ARTICLES.read_text(encoding="utf-8"))[
        "examples"
    ]
    return examples


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return evaluate_examples(_examples(), event_types=FIRST_VOCABULARY)


def test_the_articles_are_article_length_and_annotated() -> None:
    examples = _examples()
    assert len(examples) >= 6
    assert len({e["id"] for e in examples}) == len(examples)
    for example in examples:
        assert 270 <= len(example["text"].split()) <= 800, example["id"]
        assert example.get("figures") and example.get("events") and example.get("quotes")


def test_figures(report: dict[str, Any]) -> None:
    scores = report["scores"]["figures"]
    assert scores["f1"] >= 0.88, report["misses"]
    assert scores["precision"] >= 0.88, report["misses"]


def test_events(report: dict[str, Any]) -> None:
    scores = report["scores"]["events"]
    assert scores["f1"] >= 0.9, report["misses"]
    assert scores["recall"] >= 0.9, report["misses"]


def test_quote_speakers(report: dict[str, Any]) -> None:
    scores = report["scores"]["quote_speakers"]
    assert scores["recall"] >= 0.9, report["misses"]
    assert scores["precision"] >= 0.9, report["misses"]


def test_actors_and_nationalities_of_events(report: dict[str, Any]) -> None:
    assert report["roles"]["actor"]["accuracy"] >= 0.7, report["misses"]
    assert report["roles"]["nationalities"]["accuracy"] >= 0.75, report["misses"]
