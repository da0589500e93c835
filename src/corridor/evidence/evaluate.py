"""Precision, recall and F1 of the extractors against a hand-made gold file.

The gold file holds, per article, its file name, sha256, publication date and the annotations
as offsets and values only (never the article's text): figures (value, metric), events (type,
over the sentence's span) and quotes (span, speaker). Matching is by overlap of spans plus equal
labels, the "type" scheme of nervaluate: a gold item is matched at most once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

from corridor.evidence.claim import Claim
from corridor.evidence.extract.pipeline import extract_text
from corridor.exc import InvalidData
from corridor.model.time import to_datetime


def _overlaps(a: dict[str, Any], start: int, end: int) -> bool:
    return bool(a["start"] < end and start < a["end"])


def _score(gold: int, found: int, tp: int) -> dict[str, Any]:
    precision = tp / found if found else (1.0 if gold == 0 else 0.0)
    recall = tp / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": gold,
        "found": found,
        "tp": tp,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def _match(
    gold: list[dict[str, Any]], found: list[Claim], same: Any
) -> list[tuple[dict[str, Any], Claim]]:
    pairs: list[tuple[dict[str, Any], Claim]] = []
    used: set[int] = set()
    for claim in found:
        for i, g in enumerate(gold):
            if i in used:
                continue
            if same(g, claim):
                used.add(i)
                pairs.append((g, claim))
                break
    return pairs


def _same_figure(g: dict[str, Any], c: Claim) -> bool:
    return (
        _overlaps(g, c.start, c.end)
        and float(g["value"]) == float(c.value["value"])
        and g["metric"] == c.value["metric"]
    )


def _same_event(g: dict[str, Any], c: Claim) -> bool:
    return _overlaps(g, c.sentence_start, c.sentence_end) and g["type"] == c.type


def _same_quote(g: dict[str, Any], c: Claim) -> bool:
    return _overlaps(g, c.start, c.end)


def _same_speaker(gold: str | None, found: str | None) -> bool:
    if gold is None or found is None:
        return gold is None and found is None
    return gold.lower() == found.lower() or gold.split()[-1].lower() == found.split()[-1].lower()


def evaluate_documents(
    items: list[tuple[dict[str, Any], str]], *, event_types: Collection[str] | None = None
) -> dict[str, Any]:
    """Score (gold entry, article text) pairs; returns scores per claim type and accuracies.
    ``event_types`` limits the events scored to the vocabulary the gold was written in."""
    counts: dict[str, list[int]] = {}
    speakers = [0, 0]
    roles = [0, 0]

    def add(name: str, gold: int, found: int, tp: int) -> None:
        row = counts.setdefault(name, [0, 0, 0])
        row[0] += gold
        row[1] += found
        row[2] += tp

    for entry, text in items:
        published = to_datetime(entry["published"]).date()
        claims = extract_text(text, published, document_id=entry.get("sha256", ""))
        figures = [c for c in claims if c.kind == "figure"]
        pairs = _match(entry.get("figures", []), figures, _same_figure)
        add("figures", len(entry.get("figures", [])), len(figures), len(pairs))
        events = [
            c
            for c in claims
            if c.kind == "event" and (event_types is None or c.type in event_types)
        ]
        gold_events = entry.get("events", [])
        pairs_e = _match(gold_events, events, _same_event)
        add("events", len(gold_events), len(events), len(pairs_e))
        for etype in sorted({g["type"] for g in gold_events} | {c.type for c in events}):
            g_t = [g for g in gold_events if g["type"] == etype]
            f_t = [c for c in events if c.type == etype]
            add(f"event:{etype}", len(g_t), len(f_t), len(_match(g_t, f_t, _same_event)))
        quotes = [c for c in claims if c.kind == "quote"]
        gold_quotes = entry.get("quotes", [])
        pairs_q = _match(gold_quotes, quotes, _same_quote)
        add("quotes", len(gold_quotes), len(quotes), len(pairs_q))
        for g, c in pairs_q:
            speakers[1] += 1
            speakers[0] += _same_speaker(g.get("speaker"), c.value.get("speaker"))
            if g.get("role"):
                roles[1] += 1
                found_role = (c.value.get("role") or "").lower()
                roles[0] += bool(found_role) and g["role"].lower() in found_role
    scores = {name: _score(*row) for name, row in counts.items()}
    accuracy = {
        "quote_speakers": {
            "correct": speakers[0],
            "total": speakers[1],
            "accuracy": speakers[0] / speakers[1] if speakers[1] else 1.0,
        },
        "quote_roles": {
            "correct": roles[0],
            "total": roles[1],
            "accuracy": roles[0] / roles[1] if roles[1] else 1.0,
        },
    }
    return {"documents": len(items), "scores": scores, "accuracy": accuracy}


def evaluate_gold(
    gold_path: Path, articles_dir: Path, *, event_types: Collection[str] | None = None
) -> dict[str, Any]:
    """Read the gold file and the articles it names (checked by sha256) and score them."""
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidData.at(f"cannot read gold file: {exc}", file=str(gold_path)) from exc
    items = []
    for entry in gold["documents"]:
        path = articles_dir / entry["file"]
        if not path.is_file():
            raise InvalidData.at("article of the gold file not found", file=str(path))
        raw = path.read_bytes()
        if entry.get("sha256") and hashlib.sha256(raw).hexdigest() != entry["sha256"]:
            raise InvalidData.at("article differs from the one annotated (sha256)", file=str(path))
        items.append((entry, raw.decode("utf-8").replace("\r\n", "\n")))
    return evaluate_documents(items, event_types=event_types)


def _roles_agree(g: dict[str, Any], c: Claim) -> bool:
    return all(g[f] == c.value.get(f) for f in ("actor", "target", "nationalities") if f in g)


def _match_events(
    gold: list[dict[str, Any]], found: list[Claim]
) -> list[tuple[dict[str, Any], Claim]]:
    """Pairs of the same type; where a text holds several events of one type, each found event
    is paired first with a gold one whose roles it agrees with, so role accuracy does not
    depend on the order events are written in."""
    first = _match(gold, found, lambda g, c: g["type"] == c.type and _roles_agree(g, c))
    paired_gold = {id(g) for g, _ in first}
    paired_found = {id(c) for _, c in first}
    rest = _match(
        [g for g in gold if id(g) not in paired_gold],
        [c for c in found if id(c) not in paired_found],
        lambda g, c: g["type"] == c.type,
    )
    return first + rest


def _same_value_figure(g: dict[str, Any], c: Claim) -> bool:
    if float(g["value"]) != float(c.value["value"]) or g["metric"] != c.value["metric"]:
        return False
    period = c.value.get("period") or {}
    return "period_start" not in g or str(g["period_start"]) == period.get("start_date")


def evaluate_examples(
    examples: list[dict[str, Any]],
    *,
    ner: bool = True,
    event_types: Collection[str] | None = None,
) -> dict[str, Any]:
    """Score examples that hold their own text and their claims by value, not offset: figures
    (value, metric, period start if given), events (type; actor, target and nationalities
    scored apart where given) and quotes (speaker). Returns scores, role accuracies and the
    misses of each example, so a failing test says what went wrong."""
    counts: dict[str, list[int]] = {}
    roles: dict[str, list[int]] = {}
    misses: list[dict[str, Any]] = []

    def add(name: str, gold: int, found: int, tp: int) -> None:
        row = counts.setdefault(name, [0, 0, 0])
        row[0] += gold
        row[1] += found
        row[2] += tp

    def check(name: str, ok: bool) -> None:
        row = roles.setdefault(name, [0, 0])
        row[0] += ok
        row[1] += 1

    for example in examples:
        published = to_datetime(str(example["published"])).date()
        claims = extract_text(example["text"], published, ner=ner)
        miss: dict[str, Any] = {}
        figures = [c for c in claims if c.kind == "figure"]
        gold_figures = example.get("figures") or []
        pairs_f = _match(gold_figures, figures, _same_value_figure)
        add("figures", len(gold_figures), len(figures), len(pairs_f))
        events = [
            c
            for c in claims
            if c.kind == "event" and (event_types is None or c.type in event_types)
        ]
        gold_events = example.get("events") or []
        pairs_e = _match_events(gold_events, events)
        add("events", len(gold_events), len(events), len(pairs_e))
        for g, c in pairs_e:
            for field in ("actor", "target", "nationalities"):
                if field in g:
                    ok = g[field] == c.value.get(field)
                    check(field, ok)
                    if not ok:
                        miss.setdefault("roles", []).append(
                            {"type": g["type"], field: c.value.get(field), "expected": g[field]}
                        )
        quotes = [c for c in claims if c.kind == "quote"]
        gold_quotes = example.get("quotes") or []
        pairs_q = _match(
            gold_quotes, quotes, lambda g, c: _same_speaker(g["speaker"], c.value.get("speaker"))
        )
        add("quote_speakers", len(gold_quotes), len(quotes), len(pairs_q))
        for name, gold_items, found_items, pairs in (
            ("figures", gold_figures, figures, pairs_f),
            ("events", gold_events, events, pairs_e),
            ("quotes", gold_quotes, quotes, pairs_q),
        ):
            matched_gold = [id(g) for g, _ in pairs]
            matched_found = [id(c) for _, c in pairs]
            lost = [g for g in gold_items if id(g) not in matched_gold]
            extra = [
                {"type": c.type, "value": c.value.get("value"), "speaker": c.value.get("speaker")}
                for c in found_items
                if id(c) not in matched_found
            ]
            if lost:
                miss[f"{name}_missed"] = lost
            if extra:
                miss[f"{name}_spurious"] = extra
        if miss:
            misses.append({"id": example.get("id"), **miss})
    return {
        "examples": len(examples),
        "scores": {name: _score(*row) for name, row in counts.items()},
        "roles": {
            name: {"correct": ok, "total": total, "accuracy": ok / total if total else 1.0}
            for name, (ok, total) in roles.items()
        },
        "misses": misses,
    }
