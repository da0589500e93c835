"""Scores of the extractor on the real-article corpus (``../shared/evidence_corpus``), split into
a development part and a blind part (``corridor/data/evidence/corpus_split.yml``).

The gold files (``gold_blind.yml``, ``gold_dev.yml``) hold offsets into each article file and
short normalised values only, never the articles' sentences. Scoring, all by span overlap plus
equal labels, each gold item matched at most once:

- figures: ``value`` (the number alone), ``value+metric``, ``value+metric+period`` (the period's
  first day; a gold figure without a period wants a found one without a period);
- events: ``type`` (the found event's sentence overlaps the gold words) and ``type+actor`` (the
  found actor is one of the gold names; a gold event without an actor wants none);
- quotes: the quote's span, then the speaker: recall over the gold quotes (found, with a right
  speaker), precision over the found quotes that name a speaker.

Pure: the texts are given; :mod:`corridor.services.evidence_eval` reads them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Literal

import pycountry
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from corridor.evidence.claim import Claim
from corridor.evidence.extract.pipeline import extract_many
from corridor.evidence.patterns import EVENT_TYPES, load_gazetteer_data
from corridor.exc import InvalidData
from corridor.resources import data_dir

Split = Literal["dev", "blind"]
SPLITS: tuple[str, ...] = ("dev", "blind")
HEADER_END = "\n---\n"


class SplitEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    file: str
    split: Split
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class CorpusSplit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rule: str
    files: list[SplitEntry]


class GoldFigure(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: int = Field(ge=0)
    end: int
    value: float
    metric: str
    period_start: date | None = None


class GoldEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: int = Field(ge=0)
    end: int
    type: str
    actor: list[str] | None = None


class GoldQuote(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: int = Field(ge=0)
    end: int
    speaker: list[str]


class GoldDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")
    file: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    published: date
    figures: list[GoldFigure] = Field(default_factory=list)
    events: list[GoldEvent] = Field(default_factory=list)
    quotes: list[GoldQuote] = Field(default_factory=list)


class GoldFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    split: Split
    documents: list[GoldDocument]


@cache
def load_split() -> CorpusSplit:
    path = data_dir("evidence", "corpus_split.yml")
    try:
        return CorpusSplit.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (ValidationError, yaml.YAMLError) as exc:
        raise InvalidData.at(str(exc), file=str(path)) from exc


def gold_path(split: str) -> str:
    return str(data_dir("evidence", f"gold_{split}.yml"))


def load_gold(split: str) -> GoldFile:
    """The gold of one split, checked against the split file: every document is of that split,
    with the same sha256, every span inside the article's body and every type known."""
    if split not in SPLITS:
        raise InvalidData(f"unknown split {split!r}: one of {', '.join(SPLITS)}")
    path = data_dir("evidence", f"gold_{split}.yml")
    if not path.is_file():
        raise InvalidData.at(f"no gold annotations for the {split} part yet", file=str(path))
    try:
        gold = GoldFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (ValidationError, yaml.YAMLError) as exc:
        raise InvalidData.at(str(exc), file=str(path)) from exc
    wanted = {e.file: e for e in load_split().files if e.split == split}
    for doc in gold.documents:
        entry = wanted.get(doc.file)
        if entry is None or entry.sha256 != doc.sha256:
            raise InvalidData.at(
                f"{doc.file} is not an article of the {split} part", file=str(path)
            )
        spans = [(x.start, x.end) for x in doc.figures]
        spans += [(x.start, x.end) for x in doc.events] + [(x.start, x.end) for x in doc.quotes]
        for start, end in spans:
            if end <= start:
                raise InvalidData.at(f"{doc.file}: empty span {start}", file=str(path))
        for event in doc.events:
            if event.type not in EVENT_TYPES:
                raise InvalidData.at(f"{doc.file}: unknown event type {event.type}", file=str(path))
    return gold


def body_start(text: str) -> int:
    """Where the article's text begins: after the header's ``---`` line."""
    at = text.find(HEADER_END)
    return 0 if at < 0 else at + len(HEADER_END)


def check_article(doc: GoldDocument, raw: bytes) -> str:
    """The article's text, refused when it is not the one annotated."""
    if hashlib.sha256(raw).hexdigest() != doc.sha256:
        raise InvalidData.at("article differs from the one annotated (sha256)", file=doc.file)
    return raw.decode("utf-8")


def _norm(name: str | None) -> str:
    return re.sub(r"^the\s+|[’']s$", "", (name or "").strip().lower()).replace("’", "'")


@cache
def _country_codes() -> dict[str, str]:
    """Country names as news and the gazetteer write them -> ISO code ("Türkiye", "Turkey")."""
    codes = {_norm(str(c.name)): c.alpha_2.lower() for c in pycountry.countries}
    for code, names in load_gazetteer_data().extra_countries.items():
        for name in names:
            codes[_norm(name)] = code
    return codes


def same_name(found: str | None, gold: Sequence[str] | None) -> bool:
    """The found name is one of the gold names: equal (case, a leading "the" aside), the same
    state under another name ("Türkiye", "Turkey"), or a person's surname equal to the last word
    of a gold name ("Al-Sahaf")."""
    if not gold:
        return not found
    if not found:
        return False
    f = _norm(found)
    codes = _country_codes()
    for name in gold:
        g = _norm(name)
        if f in codes and codes.get(g) == codes[f]:
            return True
        if f == g or (" " in f and f.split()[-1] == g.split()[-1] and " " in g):
            return True
        if " " not in f and g.split()[-1] == f and len(f) >= 3:
            return True
    return False


def _overlaps(a: Any, start: int, end: int) -> bool:
    return bool(a.start < end and start < a.end)


def _prf(gold: int, found: int, tp: int, tp_found: int | None = None) -> dict[str, Any]:
    precision = (tp if tp_found is None else tp_found) / found if found else float(gold == 0)
    recall = tp / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold": gold, "found": found, "tp": tp, "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4)}  # fmt: skip


def _pairs(gold: Sequence[Any], found: Sequence[Claim], same: Callable[[Any, Claim], bool]) -> list[tuple[Any, Claim]]:  # fmt: skip
    used: set[int] = set()
    out = []
    for claim in found:
        for i, g in enumerate(gold):
            if i not in used and same(g, claim):
                used.add(i)
                out.append((g, claim))
                break
    return out


def _period_start(c: Claim) -> str | None:
    period = c.value.get("period")
    return None if not isinstance(period, dict) else str(period.get("start_date"))


FIGURE_SCHEMES: dict[str, Callable[[GoldFigure, Claim], bool]] = {
    "value": lambda g, c: _overlaps(g, c.start, c.end) and float(c.value["value"]) == g.value,
    "value+metric": lambda g, c: (
        _overlaps(g, c.start, c.end)
        and float(c.value["value"]) == g.value
        and c.value["metric"] == g.metric
    ),
    "value+metric+period": lambda g, c: (
        _overlaps(g, c.start, c.end)
        and float(c.value["value"]) == g.value
        and c.value["metric"] == g.metric
        and _period_start(c) == (None if g.period_start is None else g.period_start.isoformat())
    ),
}
EVENT_SCHEMES: dict[str, Callable[[GoldEvent, Claim], bool]] = {
    "type": lambda g, c: _overlaps(g, c.sentence_start, c.sentence_end) and c.type == g.type,
    "type+actor": lambda g, c: (
        _overlaps(g, c.sentence_start, c.sentence_end)
        and c.type == g.type
        and same_name(c.value.get("actor"), g.actor)
    ),
}


@dataclass(slots=True)
class _Tally:
    counts: dict[str, list[int]]

    def add(self, name: str, gold: int, found: int, tp: int, tp_found: int | None = None) -> None:
        row = self.counts.setdefault(name, [0, 0, 0, 0])
        row[0] += gold
        row[1] += found
        row[2] += tp
        row[3] += tp if tp_found is None else tp_found


def shifted(claims: list[Claim], offset: int) -> list[Claim]:
    """Claims of an article's body with offsets into the whole file."""
    for c in claims:
        c.start += offset
        c.end += offset
        c.sentence_start += offset
        c.sentence_end += offset
    return claims


def score_corpus(items: Sequence[tuple[GoldDocument, str]], *, ner: bool = True) -> dict[str, Any]:
    """Score (gold document, file text) pairs; returns pooled scores, per event type, and the
    misses of each document (offsets and values only)."""
    starts = [body_start(text) for _, text in items]
    batch = [(text[s:], doc.published, doc.file) for (doc, text), s in zip(items, starts, strict=True)]  # fmt: skip
    all_claims = extract_many(batch, ner=ner)
    tally = _Tally({})
    misses: list[dict[str, Any]] = []
    for (doc, _), s, claims in zip(items, starts, all_claims, strict=True):
        claims = shifted(claims, s)
        miss: dict[str, Any] = {}
        figures = [c for c in claims if c.kind == "figure"]
        for name, same in FIGURE_SCHEMES.items():
            pairs = _pairs(doc.figures, figures, same)
            tally.add(f"figures {name}", len(doc.figures), len(figures), len(pairs))
        matched = {id(g) for g, _ in _pairs(doc.figures, figures, FIGURE_SCHEMES["value+metric+period"])}  # fmt: skip
        found_ok = {id(c) for _, c in _pairs(doc.figures, figures, FIGURE_SCHEMES["value+metric+period"])}  # fmt: skip
        miss["figures_missed"] = [
            g.model_dump(mode="json") for g in doc.figures if id(g) not in matched
        ]
        miss["figures_wrong"] = [
            {"start": c.start, "end": c.end, "value": c.value["value"], "metric": c.value["metric"],
             "period_start": _period_start(c)}
            for c in figures if id(c) not in found_ok
        ]  # fmt: skip
        events = [c for c in claims if c.kind == "event"]
        for name, same_e in EVENT_SCHEMES.items():
            pairs_e = _pairs(doc.events, events, same_e)
            tally.add(f"events {name}", len(doc.events), len(events), len(pairs_e))
        for etype in sorted({g.type for g in doc.events} | {c.type for c in events}):
            g_t = [g for g in doc.events if g.type == etype]
            f_t = [c for c in events if c.type == etype]
            tally.add(
                f"event:{etype}", len(g_t), len(f_t), len(_pairs(g_t, f_t, EVENT_SCHEMES["type"]))
            )
        ok_e = _pairs(doc.events, events, EVENT_SCHEMES["type+actor"])
        miss["events_missed"] = [g.model_dump(mode="json") for g in doc.events if id(g) not in {id(x) for x, _ in ok_e}]  # fmt: skip
        miss["events_wrong"] = [
            {"sentence": [c.sentence_start, c.sentence_end], "type": c.type, "actor": c.value.get("actor")}
            for c in events if id(c) not in {id(y) for _, y in ok_e}
        ]  # fmt: skip
        quotes = [c for c in claims if c.kind == "quote"]
        pairs_q = _pairs(doc.quotes, quotes, lambda g, c: _overlaps(g, c.start, c.end))
        tally.add("quotes", len(doc.quotes), len(quotes), len(pairs_q))
        right = [(g, c) for g, c in pairs_q if same_name(c.value.get("speaker"), g.speaker)]
        named = [c for c in quotes if c.value.get("speaker")]
        tally.add("quote speakers", len(doc.quotes), len(named), len(right))
        miss["quotes_wrong"] = [
            {"start": c.start, "end": c.end, "speaker": c.value.get("speaker")}
            for c in quotes if id(c) not in {id(y) for _, y in right}
        ]  # fmt: skip
        miss["quotes_missed"] = [g.model_dump(mode="json") for g in doc.quotes if id(g) not in {id(x) for x, _ in right}]  # fmt: skip
        misses.append({"file": doc.file, **{k: v for k, v in miss.items() if v}})
    scores = {name: _prf(g, f, tp, tpf) for name, (g, f, tp, tpf) in tally.counts.items()}
    pooled = {k: v for k, v in scores.items() if not k.startswith("event:")}
    by_type = {k.split(":", 1)[1]: v for k, v in scores.items() if k.startswith("event:")}
    return {"documents": len(items), "scores": pooled, "event_types": by_type, "misses": misses}
