"""Actors the sentence's own roles leave out (#12), read as a reader would:

- the agent of a passive written after the trigger ("pushed back *by Polish border guards*");
- "the carrier", "the airline", "the company" as a subject anywhere in the sentence, standing
  for the carrier named last before it;
- a sentence that names no one who acts ("Concrete blocks were installed on the bridge") takes
  the actor of the event told just before it, within two sentences, or else the state or
  authority that heads the sentence before it. Deaths are left without an actor: no one is
  said to have caused them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corridor.evidence.extract.entities import Mention
from corridor.evidence.extract.sentences import Sentence

ACTOR_KINDS = ("operator", "authority", "country", "person")
NO_ACTOR = frozenset({"death"})
_BY = re.compile(r"[^.;]{0,40}?\bby\s+(?:the\s+)?$", re.I)
_CARRIER_NOUN = re.compile(r"\bthe (?:carrier|airline|company|operator)\b(?=\s+[a-z]+)", re.I)


def passive_agent(text: str, start: int, inside: Sequence[Mention]) -> Mention | None:
    """The mention right after "by" within 80 characters of the trigger's start."""
    for x in inside:
        if x.start <= start or x.kind not in ACTOR_KINDS or x.start - start >= 80:
            continue
        by = _BY.search(text, start, x.start)
        if by is not None and by.end() == x.start:
            return x
    return None


def carrier_noun(text: str, sentence: Sentence, mentions: Sequence[Mention]) -> Mention | None:
    """The carrier "the carrier/airline/company" stands for, when the sentence says so."""
    m = _CARRIER_NOUN.search(text, sentence.start, sentence.end)
    if m is None:
        return None
    earlier = [
        x for x in mentions if x.kind == "operator" and m.start() - 600 <= x.end <= m.start()
    ]
    return earlier[-1] if earlier else None


def context_actor(
    etype: str,
    sentence: Sentence,
    previous: Sequence[tuple[int, Mention]],
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
) -> Mention | None:
    """The actor a sentence without one takes from the text before it; ``previous`` holds
    (sentence index, actor) of the events already read."""
    if etype in NO_ACTOR:
        return None
    near = [a for i, a in previous if 0 < sentence.index - i <= 2]
    if near:
        return near[-1]
    if sentence.index == 0:
        return None
    before = sentences[sentence.index - 1]
    heads = [
        x
        for x in mentions
        if before.start <= x.start < before.end and x.kind in ("authority", "country", "operator")
    ]
    return heads[0] if heads else None
