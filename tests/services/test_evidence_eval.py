"""First runs on the corpus are recorded once and never overwritten; the recorded blind first
run is the one of the bundled blind gold's articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridor.evidence.corpus import load_gold
from corridor.exc import Conflict
from corridor.services.evidence_eval import evaluate_corpus, record_first_run

RESULTS = Path(__file__).parents[2] / "benchmarks" / "results"


def _report(files: list[str], day: str = "2026-12-04") -> dict[str, object]:
    return {"split": "blind", "measured_at": f"{day}T17:00:00+00:00", "gold_sha256": "a" * 64,
            "files": files, "scores": {}}  # fmt: skip


def test_a_first_run_is_never_overwritten(tmp_path: Path) -> None:
    path = record_first_run(_report(["c01.txt", "c02.txt"]), tmp_path)
    before = path.read_bytes()
    with pytest.raises(Conflict):
        record_first_run(_report(["c02.txt"], day="2026-12-05"), tmp_path)
    with pytest.raises(Conflict):
        record_first_run(_report(["c01.txt", "c02.txt"]), tmp_path)
    assert path.read_bytes() == before
    # a fresh batch of other articles is a first run of its own
    assert record_first_run(_report(["c03.txt"], day="2026-12-05"), tmp_path).is_file()


def test_the_blind_first_run_is_recorded_for_the_blind_gold() -> None:
    runs = sorted(RESULTS.glob("evidence_blind_first_run_*.json"))
    assert runs, "the blind part's first run must be kept in benchmarks/results"
    first = json.loads(runs[0].read_text(encoding="utf-8"))
    assert first["first_run"] is True
    blind = {d.file for d in load_gold("blind").documents}
    assert set(first["files"]) <= blind
    assert first["scores"]["figures value+metric"]["gold"] > 0


def test_the_dev_part_keeps_its_development_scores(shared_dir: Path) -> None:
    """Development scores (the extractor was fixed against this part): a floor under them."""
    report = evaluate_corpus("dev", shared_dir / "evidence_corpus")
    scores = report["scores"]
    assert report["documents"] == 18
    assert scores["figures value+metric"]["f1"] >= 0.78
    assert scores["events type"]["f1"] >= 0.75
    assert scores["quote speakers"]["precision"] >= 0.9
    assert scores["quote speakers"]["recall"] >= 0.7
