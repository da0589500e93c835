"""``corridor eval evidence --split dev|blind``: the extractor scored on the real-article corpus,
and the first run on a blind part recorded once, never overwritten.

The articles are read from the corpus folder (``../shared/evidence_corpus`` beside the
project by default), checked by sha256 against the split file; the gold comes from the
installed package (:mod:`corridor.evidence.corpus`).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corridor import __version__
from corridor.evidence.corpus import GoldDocument, check_article, gold_path, load_gold, score_corpus
from corridor.exc import Conflict, InvalidData

FIRST_RUN = "evidence_{split}_first_run_{day}.json"


def corpus_items(split: str, corpus: Path) -> list[tuple[GoldDocument, str]]:
    """The gold documents of ``split`` with the text of their article files."""
    gold = load_gold(split)
    items = []
    for doc in gold.documents:
        path = corpus / doc.file
        if not path.is_file():
            raise InvalidData.at("article of the gold file not found", file=str(path))
        items.append((doc, check_article(doc, path.read_bytes())))
    return items


def evaluate_corpus(split: str, corpus: Path, *, ner: bool = True) -> dict[str, Any]:
    """Scores of the extractor on one part of the corpus, with what they were measured on."""
    items = corpus_items(split, corpus)
    report = score_corpus(items, ner=ner)
    gold_bytes = Path(gold_path(split)).read_bytes()
    return {
        "split": split,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "corridor_version": __version__,
        "gold_sha256": hashlib.sha256(gold_bytes).hexdigest(),
        "files": [doc.file for doc, _ in items],
        "ner": ner,
        **report,
    }


def record_first_run(report: dict[str, Any], results: Path, *, note: str = "") -> Path:
    """Write the report as the first run of its split on this day's date, in ``results``.

    Refuses when a first run of the same split recorded already holds any of the same articles
    (whatever its day, whatever changed in the gold since): a first run is measured once,
    before any fix, and never overwritten. A fresh blind batch of other articles is a new first
    run."""
    results.mkdir(parents=True, exist_ok=True)
    files = set(report["files"])
    for earlier in sorted(results.glob(FIRST_RUN.format(split=report["split"], day="*"))):
        previous = json.loads(earlier.read_text(encoding="utf-8"))
        if files & set(previous.get("files") or []):
            raise Conflict(
                f"the first run on these {report['split']} articles is recorded already: {earlier}"
            )
    day = str(report["measured_at"])[:10]
    path = results / FIRST_RUN.format(split=report["split"], day=day)
    body = {"first_run": True, "note": note, **report}
    try:
        with path.open("x", encoding="utf-8") as fh:
            json.dump(body, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
    except FileExistsError as exc:
        raise Conflict(f"a first run is recorded already and is never overwritten: {path}") from exc
    return path
