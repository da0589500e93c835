"""Typed events from trigger patterns (``patterns.yml``), one per sentence and type, with
actor, target, place, nationalities, date and the sentence they rest on.

When the sentence has a dependency parse, actor and target come from it (subject, object,
passive agent: :mod:`corridor.evidence.extract.roles`). Otherwise, or where the parse names no
mention, word order decides: the actor is the nearest operator, authority, state or person
before the trigger (the subject in English word order), the target the first operator, state or
authority after it. Places are the other places and countries of the sentence; nationalities are
demonyms and the countries listed after "passengers/nationals/citizens ... from/of".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from corridor.evidence.extract.actors import carrier_noun, context_actor, passive_agent
from corridor.evidence.extract.dates import DateMention
from corridor.evidence.extract.entities import Mention, state_mention
from corridor.evidence.extract.nlp import Parse
from corridor.evidence.extract.roles import roles_from_parse
from corridor.evidence.extract.sentences import Sentence, sentence_of
from corridor.evidence.patterns import load_gazetteer_data, load_patterns

ACTOR_KINDS = ("operator", "authority", "country", "person")
TARGET_KINDS = ("operator", "authority", "country")
STATE_ONLY = ("diplomatic_commitment", "consular_closure")
_CARRIER_ACTS = (
    "flight_suspension",
    "ticket_sales_ban",
    "nationality_boarding_ban",
    "route_change",
)
PLACE_KINDS = ("place", "airport_city", "border", "border_crossing", "region", "country")

_NATIONALS = re.compile(
    r"\b(?:passengers|nationals|citizens|travell?ers|people|migrants)\b[^.;]{0,40}?\b(?:from|of)\b",
    re.I,
)

# A demonym names people ("Iraqi and Syrian nationals", "Iraqis"), not "Turkish airports".
_PEOPLE_AFTER = re.compile(
    r"(?:(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)[A-Z][\w-]+)*\s+(?:[\w-]+\s+)?"
    r"(?:citizens|nationals|passengers|travell?ers|migrants|people|families|refugees|"
    r"asylum[ -]seekers|men|women|children|students|workers|pilgrims|tourists|"
    r"passport[ -]holders|passports)\b"
)

_PASSIVE = re.compile(r"\b(?:be|been|being|was|were|is|are)\s+\w+ed\b", re.I)

_LIST_GAP = re.compile(
    r"\s*(?:,|and|or|, and|, or)?\s*"
    r"(?:(?:a|some|several|many|[\w-]+)\s+(?:[\w-]+\s+)?(?:countries|states|nations),?\s*)?"
    r"(?:including(?: from)?|such as|namely|:)?\s*",
    re.I,
)


# A sentence whose subject points back at the carrier last named ("It said it would no
# longer accept ...", "The airline said ...").
_ANAPHOR = re.compile(
    r"(?:It|The (?:carrier|airline|company|operator|firm))\s+(?:said|says|added|announced|"
    r"confirmed|has|had|will|would|also|later|then|[a-z]+ed)\b"
)


def _antecedent(mentions: list[Mention], before: int) -> Mention | None:
    """The carrier named last before ``before``, within the previous 300 characters."""
    earlier = [m for m in mentions if m.kind == "operator" and before - 300 <= m.end <= before]
    return earlier[-1] if earlier else None


@dataclass(slots=True)
class Event:
    type: str
    start: int
    end: int
    sentence: Sentence
    pattern: int
    actor: Mention | None = None
    target: Mention | None = None
    places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    date: DateMention | None = None
    confidence: float = 0.6
    roles_rule: str = "order"

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.type,
            "actor": None if self.actor is None else self.actor.canonical,
            "actor_kind": None if self.actor is None else self.actor.kind,
            "target": None if self.target is None else self.target.canonical,
            "target_kind": None if self.target is None else self.target.kind,
            "places": self.places,
            "nationalities": self.nationalities,
            "date": None if self.date is None else self.date.to_dict(),
            "trigger": [self.start, self.end],
            "roles_rule": self.roles_rule,
        }


@cache
def _compiled() -> dict[str, list[re.Pattern[str]]]:
    return load_patterns().compiled_events()


def _nationalities(text: str, sentence: Sentence, mentions: list[Mention]) -> list[str]:
    """Demonyms of the sentence that name people (a plural, or a run of demonyms before
    "citizens", "passengers"...), and the countries listed right after "citizens of",
    "passengers from"... (a run joined by commas, "and" or "or")."""
    codes: list[str] = []
    for m in mentions:
        if m.kind != "nationality" or not m.country or m.country in codes:
            continue
        if m.text.endswith("s") or _PEOPLE_AFTER.match(text, m.end, m.end + 120):
            codes.append(m.country)
    countries = [m for m in mentions if m.kind == "country" and m.country]
    for lead in _NATIONALS.finditer(sentence.text):
        pos = sentence.start + lead.end()
        for m in countries:
            if m.start < pos:
                continue
            if not _LIST_GAP.fullmatch(text[pos : m.start]):
                break
            if m.country not in codes:
                codes.append(m.country)  # type: ignore[arg-type]
            pos = m.end
    return codes


Triggers = dict[tuple[int, str], tuple[int, re.Match[str]]]


@cache
def _intent() -> tuple[re.Pattern[str] | None, frozenset[str]]:
    """The words that make a trigger a plan or pledge, and the event types they undo."""
    patterns = load_patterns()
    if not patterns.intent_words:
        return None, frozenset()
    alt = "|".join(patterns.intent_words)
    return (
        re.compile(r"\b(?:" + alt + r")\s+(?:[\w-]+\s+){0,3}?$", re.I),
        frozenset(patterns.act_events),
    )


def _is_intent(text: str, sentence: Sentence, etype: str, m: re.Match[str]) -> bool:
    """True when the trigger is only pledged, planned or helped ("help cut off the routes")."""
    pattern, acts = _intent()
    if pattern is None or etype not in acts:
        return False
    return pattern.search(text, max(sentence.start, m.start() - 60), m.start()) is not None


@cache
def _hedges() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]:
    """Hedge words before a trigger, hedge words right after it, negation right before it."""
    patterns = load_patterns()
    if not patterns.hedge_words:
        return None, None, None
    hedge = "|".join(patterns.hedge_words)
    neg = "|".join(patterns.negation_words) or "(?!)"
    return (
        re.compile(r"\b(?:" + hedge + r")\b[^.;:,]{0,40}$", re.I),
        re.compile(r"^(?:\s+[\w-]+){0,2}?\s+(?:" + hedge + r")\b", re.I),
        re.compile(r"(?:\b(?:" + neg + r")|n[’']t)\s+(?:[\w-]+\s+){0,2}$", re.I),
    )


def _is_hedged(text: str, sentence: Sentence, etype: str, m: re.Match[str]) -> bool:
    """True when the trigger's clause only wishes, requires or denies the event ("aid should
    accompany", "committed to assisting", "did not close"): such a clause makes no event."""
    if etype in load_patterns().hedge_exempt:
        return False
    before_re, after_re, neg_re = _hedges()
    if before_re is None or after_re is None or neg_re is None:
        return False
    before = text[max(sentence.start, m.start() - 60) : m.start()]
    if before_re.search(before) or neg_re.search(before):
        return True
    return after_re.match(text[m.end() : min(sentence.end, m.end() + 30)]) is not None


def find_triggers(text: str, sentences: list[Sentence]) -> Triggers:
    """The best-ranked trigger of each (sentence index, event type): the pattern listed first
    wins, and a match may not run past its sentence."""
    hits: Triggers = {}
    for etype, patterns in _compiled().items():
        for index, pattern in enumerate(patterns):
            for m in pattern.finditer(text):
                sentence = sentence_of(sentences, m.start())
                if sentence is None or m.end() > sentence.end:
                    continue
                if _is_intent(text, sentence, etype, m) or _is_hedged(text, sentence, etype, m):
                    continue
                key = (sentence.index, etype)
                if key not in hits or hits[key][0] > index:
                    hits[key] = (index, m)
    return hits


def role_sentences(
    triggers: Triggers, sentences: list[Sentence], mentions: list[Mention]
) -> set[int]:
    """Sentences with a trigger and a mention that could be its actor or target: the only
    ones where a parse can help."""
    kinds = set(ACTOR_KINDS) | set(TARGET_KINDS)
    starts = [m.start for m in mentions if m.kind in kinds]
    out: set[int] = set()
    for index, _etype in triggers:
        sentence = sentences[index]
        if any(sentence.start <= s < sentence.end for s in starts):
            out.add(index)
    return out


def _word_order_roles(event: Event, inside: list[Mention], m: re.Match[str]) -> None:
    before = [x for x in inside if x.end <= m.start() and x.kind in ACTOR_KINDS]
    after = [x for x in inside if x.start >= m.start() and x.kind in TARGET_KINDS]
    passive = _PASSIVE.search(m.group(0)) is not None
    if passive and before:
        operators = [x for x in before if x.kind == "operator"]
        event.target = operators[0] if operators else before[0]
    else:
        if before:
            event.actor = before[-1]
        if after:
            event.target = after[0]


# What may stand between a subject and its verb ("Ankara has now suspended"), and what may not
# come before it (a capital after "to", "in", "from" is a place).
_SUBJECT_GAP = re.compile(r"(?:\s+(?-i:[a-z]+)){0,4}\s+", re.I)
_PLACE_BEFORE = re.compile(
    r"\b(?:to|in|into|from|at|via|for|of|between|and|or|through|towards|near|on)\s+$", re.I
)


@cache
def _capitals() -> dict[str, Mention]:
    """Each capital name with the state (or the EU) it stands for, as a template mention."""
    out: dict[str, Mention] = {}
    for code, names in load_gazetteer_data().capitals.items():
        state = state_mention(code)
        if state is not None:
            for name in names:
                out[name] = state
    return out


def _capital_subject(
    text: str, sentence: Sentence, inside: list[Mention], m: re.Match[str]
) -> Mention | None:
    """The state a capital stands for when the capital is the subject of the trigger
    ("Ankara suspended flights", "Washington has imposed sanctions"): the capital comes
    right before the trigger's verb, with at most a few lower-case words between, and no
    preposition makes it a place."""
    capitals = _capitals()
    before = [x for x in inside if x.end <= m.start() and x.text in capitals]
    if not before:
        return None
    capital = before[-1]
    if _SUBJECT_GAP.fullmatch(text, capital.end, m.start()) is None:
        return None
    if _PLACE_BEFORE.search(text, max(sentence.start, capital.start - 15), capital.start):
        return None
    state = capitals[capital.text]
    return Mention(
        capital.start,
        capital.end,
        capital.text,
        state.kind,
        state.canonical,
        country=state.country,
        source="capital",
    )


def _assign_roles(
    event: Event, inside: list[Mention], m: re.Match[str], parse: Parse | None
) -> None:
    """Roles from the parse when it finds any; a missing one is filled by word order inside
    the clause the parse found (never with the other role's entity)."""
    roles = None
    if parse is not None:
        roles = roles_from_parse(parse, m.start(), m.end(), inside, ACTOR_KINDS, TARGET_KINDS)
    if roles is None or (roles.actor is None and roles.target is None):
        _word_order_roles(event, inside, m)
        return
    event.actor, event.target, event.roles_rule = roles.actor, roles.target, roles.rule
    start, end = roles.clause
    clause = [x for x in inside if start <= x.start and x.end <= end]

    def other(x: Mention, role: Mention | None) -> bool:
        return role is None or x.canonical != role.canonical

    if event.actor is None and not roles.passive:
        before = [
            x
            for x in clause
            if x.end <= m.start() and x.kind in ACTOR_KINDS and other(x, event.target)
        ]
        if before:
            event.actor = before[-1]
            event.roles_rule += "+order"
    if event.target is None:
        after = [
            x
            for x in clause
            if x.start >= m.start() and x.kind in TARGET_KINDS and other(x, event.actor)
        ]
        if after:
            event.target = after[0]
            event.roles_rule += "+order"


def find_events(
    text: str,
    sentences: list[Sentence],
    dates: list[DateMention],
    mentions: list[Mention],
    *,
    triggers: Triggers | None = None,
    parses: Mapping[int, Parse] | None = None,
) -> list[Event]:
    """Every typed event, in text order; ``parses`` (by sentence index) give syntactic roles."""
    hits = find_triggers(text, sentences) if triggers is None else triggers
    ordered = sorted(mentions, key=lambda x: x.start)
    events: list[Event] = []
    for (sentence_index, etype), (index, m) in hits.items():
        sentence = sentences[sentence_index]
        inside = [x for x in ordered if sentence.start <= x.start < sentence.end]
        in_dates = [d for d in dates if sentence.start <= d.start < sentence.end]
        event = Event(etype, m.start(), m.end(), sentence, index)
        _assign_roles(event, inside, m, (parses or {}).get(sentence_index))
        # a capital right before the verb is its subject, whatever word order found further back
        capital = _capital_subject(text, sentence, inside, m)
        if capital is not None and (event.actor is None or event.actor.end <= capital.start):
            event.actor, event.roles_rule = capital, "capital"
        if event.actor is None:
            agent = passive_agent(text, m.start(), inside)
            if agent is not None:
                event.actor, event.roles_rule = agent, "passive_agent"
        if event.actor is None and (carrier := carrier_noun(text, sentence, ordered)):
            event.actor, event.roles_rule = carrier, "carrier_noun"
        if event.actor is None and _ANAPHOR.match(sentence.text):
            event.actor = _antecedent(ordered, sentence.start)
            if event.actor is not None:
                event.roles_rule = "antecedent"
        carriers = [x for x in inside if x.kind == "operator" and x.start >= m.start()]
        if etype in _CARRIER_ACTS and event.actor is None and carriers:
            # "citizens of X are not accepted on Belavia flights": the carrier acts on its own
            # flights, whatever the voice
            event.actor, event.roles_rule = carriers[0], "carrier_flights"
            if event.target is not None and event.target.canonical == event.actor.canonical:
                event.target = None
        if etype in STATE_ONLY and event.actor is not None and event.actor.kind == "operator":
            continue  # a carrier's promise is not diplomacy; its own event types cover it
        taken = {(r.start, r.end) for r in (event.actor, event.target) if r is not None}
        places: list[str] = []
        for x in inside:
            if (
                x.kind in PLACE_KINDS
                and (x.start, x.end) not in taken
                and x.canonical not in places
            ):
                places.append(x.canonical)
        event.places = places
        event.nationalities = _nationalities(text, sentence, inside)
        if in_dates:
            event.date = min(in_dates, key=lambda d: abs(d.start - m.start()))
        event.confidence = 0.6 + 0.15 * (event.actor is not None) + 0.1 * (index == 0)
        events.append(event)
    events.sort(key=lambda e: (e.start, e.type))
    previous: list[tuple[int, Mention]] = []
    for event in events:
        if event.actor is None:
            found = context_actor(event.type, event.sentence, previous, sentences, ordered)
            if found is not None:
                event.actor, event.roles_rule = found, "context"
        if event.actor is not None:
            previous.append((event.sentence.index, event.actor))
    return events
