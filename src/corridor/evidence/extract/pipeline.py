"""One document in, its claims out: entities, figures, events and quotes, each with offsets,
a confidence and the rule that found it. Pure: no I/O beyond loading the bundled patterns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from corridor.evidence.claim import Claim, make_key
from corridor.evidence.document import Document
from corridor.evidence.extract.actors import NO_ACTOR
from corridor.evidence.extract.dates import DateMention, find_dates
from corridor.evidence.extract.entities import (
    Gazetteer,
    Mention,
    add_surname_mentions,
    default_gazetteer,
    find_people,
)
from corridor.evidence.extract.events import (
    Event,
    Triggers,
    find_events,
    find_triggers,
    role_sentences,
)
from corridor.evidence.extract.figure_reading import Figure
from corridor.evidence.extract.figures import find_figures
from corridor.evidence.extract.furniture import blank_furniture
from corridor.evidence.extract.nlp import Analysis, Job, analyse_many
from corridor.evidence.extract.quotes import Quote, find_quotes
from corridor.evidence.extract.sentences import Sentence, sentence_of, split_sentences

ENTITY_KINDS = ("operator", "authority", "person")


def _figure_claims(doc_id: str, text: str, figures: list[Figure]) -> list[Claim]:
    out: list[Claim] = []
    for figure in figures:
        value = figure.to_dict()
        claim = Claim(
            document_id=doc_id,
            kind="figure",
            type=figure.metric,
            start=figure.start,
            end=figure.end,
            text=text[figure.start : figure.end],
            value=value,
            confidence=figure.confidence,
            rule=f"figure:{figure.rule}",
            sentence_start=figure.sentence.start,
            sentence_end=figure.sentence.end,
            key=make_key(
                "figure",
                figure.metric,
                value["value"],
                figure.place,
                None if figure.period is None else value["period"]["start_date"],
            ),
        )
        out.append(claim)
    for figure, claim in zip(figures, out, strict=True):
        if figure.parts:
            claim.links["parts"] = [out[i].id for i in figure.parts]
            claim.value["parts"] = [out[i].value["value"] for i in figure.parts]
        if figure.total_of is not None:
            claim.links["total"] = [out[figure.total_of].id]
    return out


def _entity_claims(doc_id: str, mentions: list[Mention], sentences: list[Sentence]) -> list[Claim]:
    """One claim per entity and document, at its first mention, counting the others."""
    first: dict[tuple[str, str], Mention] = {}
    counts: dict[tuple[str, str], int] = {}
    roles: dict[tuple[str, str], set[str]] = {}
    for m in mentions:
        if m.kind not in ENTITY_KINDS:
            continue
        k = (m.kind, m.canonical)
        first.setdefault(k, m)
        counts[k] = counts.get(k, 0) + 1
        if m.role:
            roles.setdefault(k, set()).add(m.role)
    out = []
    for k, m in first.items():
        sentence = sentence_of(sentences, m.start)
        value = m.to_dict() | {"mentions": counts[k], "roles": sorted(roles.get(k, set()))}
        out.append(
            Claim(
                document_id=doc_id,
                kind="entity",
                type=m.kind,
                start=m.start,
                end=m.end,
                text=m.text,
                value=value,
                confidence=0.95 if m.source == "gazetteer" else 0.75,
                rule=f"entity:{m.source}",
                sentence_start=m.start if sentence is None else sentence.start,
                sentence_end=m.end if sentence is None else sentence.end,
                key=make_key("entity", m.kind, m.canonical),
                links=dict(m.links),
            )
        )
    return out


def _event_claims(doc_id: str, text: str, events: list[Event], quotes: list[Quote]) -> list[Claim]:
    out = []
    for event in events:
        value = event.to_dict()
        speaker = next((q for q in quotes if q.start <= event.start < q.end), None)
        if speaker is not None and speaker.speaker is not None and event.type not in NO_ACTOR:
            value["speaker"] = speaker.speaker.canonical
            if value["actor"] is None or value["actor_kind"] == "person":
                value["actor"], value["actor_kind"] = speaker.speaker.canonical, "person"
        out.append(
            Claim(
                document_id=doc_id,
                kind="event",
                type=event.type,
                start=event.sentence.start,
                end=event.sentence.end,
                text=event.sentence.text,
                value=value,
                confidence=round(event.confidence, 2),
                rule=f"event:{event.type}#{event.pattern}",
                sentence_start=event.sentence.start,
                sentence_end=event.sentence.end,
                key=make_key("event", event.type, value["actor"], value["target"]),
                links={
                    "operator": [
                        m.canonical
                        for m in (event.actor, event.target)
                        if m is not None and m.kind == "operator"
                    ]
                },
            )
        )
    return out


def _quote_claims(
    doc_id: str, text: str, quotes: list[Quote], sentences: list[Sentence]
) -> list[Claim]:
    out = []
    for quote in quotes:
        first = sentence_of(sentences, quote.start)
        last = sentence_of(sentences, max(quote.start, quote.end - 1))
        value = quote.to_dict()
        out.append(
            Claim(
                document_id=doc_id,
                kind="quote",
                type="quote",
                start=quote.start,
                end=quote.end,
                text=text[quote.start : quote.end],
                value=value,
                confidence=quote.confidence,
                rule=f"quote:{quote.rule}",
                sentence_start=quote.start if first is None else first.start,
                sentence_end=quote.end if last is None else last.end,
                key=make_key(
                    "quote", value["speaker"], " ".join(text[quote.start : quote.end].split()[:12])
                ),
            )
        )
    return out


@dataclass(slots=True)
class _Draft:
    """A document between the rules and the statistical pass."""

    document_id: str
    text: str
    sentences: list[Sentence]
    dates: list[DateMention]
    found: list[Mention]
    people: list[Mention]
    triggers: Triggers

    @property
    def job(self) -> Job:
        taken = [*self.found, *self.people]
        return Job(
            self.text,
            self.sentences,
            taken,
            sorted(role_sentences(self.triggers, self.sentences, taken)),
        )


def _draft(text: str, published: date, document_id: str, gazetteer: Gazetteer | None) -> _Draft:
    text = blank_furniture(text)  # links, captions and footers make no claims; offsets stay
    sentences = split_sentences(text)
    found = (gazetteer or default_gazetteer()).find(text)
    return _Draft(
        document_id,
        text,
        sentences,
        find_dates(text, published),
        found,
        find_people(text, found),
        find_triggers(text, sentences),
    )


def _finish(draft: _Draft, analysis: Analysis | None) -> list[Claim]:
    text, sentences, dates = draft.text, draft.sentences, draft.dates
    people = list(draft.people)
    if analysis is not None:
        people += analysis.people
    people += add_surname_mentions(text, people, draft.found)
    mentions = sorted([*draft.found, *people], key=lambda m: m.start)
    figures = find_figures(text, sentences, dates, mentions)
    quotes = find_quotes(text, mentions)
    parses = None if analysis is None else analysis.parses
    events = find_events(text, sentences, dates, mentions, triggers=draft.triggers, parses=parses)
    doc_id = draft.document_id
    claims = _figure_claims(doc_id, text, figures)
    claims += _event_claims(doc_id, text, events, quotes)
    claims += _quote_claims(doc_id, text, quotes, sentences)
    claims += _entity_claims(doc_id, mentions, sentences)
    return sorted(claims, key=lambda c: (c.start, c.kind))


def extract_text(
    text: str,
    published: date,
    *,
    document_id: str = "",
    gazetteer: Gazetteer | None = None,
    ner: bool = True,
) -> list[Claim]:
    """All claims in ``text``; relative dates resolve against ``published``.

    The gazetteer runs first, then the rules for people; with ``ner`` (the default) spaCy adds
    the people the rules missed and parses the sentences with an event trigger, whose actor
    and target then come from the parse. Without it, word order decides them."""
    return extract_many([(text, published, document_id)], gazetteer=gazetteer, ner=ner)[0]


def extract_many(
    items: Sequence[tuple[str, date, str]],
    *,
    gazetteer: Gazetteer | None = None,
    ner: bool = True,
) -> list[list[Claim]]:
    """:func:`extract_text` for many ``(text, published, document_id)`` at once, the
    statistical pass batched over all of them; the claims are the same as one at a time."""
    drafts = [_draft(text, published, doc_id, gazetteer) for text, published, doc_id in items]
    if not ner:
        return [_finish(d, None) for d in drafts]
    analyses = analyse_many([d.job for d in drafts])
    return [_finish(d, a) for d, a in zip(drafts, analyses, strict=True)]


def extract_claims(
    document: Document, *, gazetteer: Gazetteer | None = None, ner: bool = True
) -> list[Claim]:
    """All claims of a document. Without a publication date, relative dates resolve against
    the retrieval date and their rule says so."""
    published = document.published_date
    claims = extract_text(
        document.text,
        published or document.retrieved_at.date(),
        document_id=document.id,
        gazetteer=gazetteer,
        ner=ner,
    )
    if published is None:
        for claim in claims:
            period = claim.value.get("period")
            if isinstance(period, dict):
                period["rule"] = f"{period['rule']}(against retrieval date)"
    return claims
