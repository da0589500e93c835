from __future__ import annotations

import json
from pathlib import Path

from corridor.evidence.evaluate import evaluate_gold
from corridor.evidence.patterns import FIRST_VOCABULARY

GOLD = Path(__file__).with_name("gold.json")


def test_gold_holds_offsets_and_values_only() -> None:
    gold = json.loads(GOLD.read_text())
    for doc in gold["documents"]:
        assert set(doc) == {
            "file",
            "sha256",
            "published",
            "publisher",
            "figures",
            "events",
            "quotes",
        }
        for item in doc["figures"] + doc["events"] + doc["quotes"]:
            assert item["start"] < item["end"]
            assert "text" not in item


def test_seed_articles_meet_the_targets(shared_dir: Path) -> None:
    report = evaluate_gold(GOLD, shared_dir / "seeds", event_types=FIRST_VOCABULARY)
    scores = report["scores"]
    assert report["documents"] == 3
    assert scores["figures"]["f1"] >= 0.9
    assert scores["events"]["f1"] >= 0.8
    assert report["accuracy"]["quote_speakers"]["accuracy"] >= 0.9
