"""Actor and target of an event from the dependency parse of its sentence.

From the trigger (the word the event pattern matched), climb to the verb of its clause: the
first head that has a subject, passing through open complements ("decided *to suspend*"),
coordinated verbs ("closed the border and *suspended* flights"), objects ("imposed
*sanctions*") and prepositions. Then:

- active voice: the actor is the subject (``nsubj``), the target the object (``dobj``) or the
  object of "on/against/to/for/over/targeting" on the verb or the trigger;
- passive voice ("flights *were suspended by* the authority"): the actor is the agent's object
  (``agent`` → ``pobj``), the target the passive subject (``nsubjpass``);
- a pronoun subject ("Emirates said *it* would stop...") is resolved to the subject of the
  governing verb.

Each role resolves to the mention of a wanted kind inside the role's subtree, the one holding
the role's head word first. Where the parse yields nothing, the caller keeps the word-order rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from corridor.evidence.extract.entities import Mention
from corridor.evidence.extract.nlp import Parse

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_CLIMB = ("nsubj", "nsubjpass", "acomp", "xcomp", "conj", "dobj", "pobj", "prep", "compound", "amod", "pcomp", "acl", "relcl",
          "advcl", "nmod", "attr", "appos", "npadvmod", "oprd", "aux", "auxpass", "neg", "dep")  # fmt: skip
_TARGET_PREPS = {"on", "against", "to", "for", "over", "targeting", "from"}
_PRONOUNS = {"it", "they", "he", "she", "we", "this", "which", "who", "that"}


@dataclass(frozen=True, slots=True)
class Roles:
    actor: Mention | None
    target: Mention | None
    passive: bool
    rule: str
    clause: tuple[int, int]  # document offsets of the clause verb's subtree


def _has_subject(token: Any) -> bool:
    return any(c.dep_ in SUBJECTS for c in token.children)


def clause_verb(token: Any) -> Any | None:
    """The nearest head of ``token`` (itself included) that has a subject."""
    current = token
    for _ in range(8):
        if _has_subject(current):
            return current
        if current.dep_ not in _CLIMB or current.head is current:
            return None
        current = current.head
    return None


def _child(token: Any, *deps: str) -> Any | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _resolve_pronoun(subject: Any, verb: Any) -> Any:
    """A pronoun subject stands for the subject of the verb governing this clause."""
    if subject.lower_ not in _PRONOUNS:
        return subject
    current = verb
    for _ in range(4):
        if current.head is current:
            break
        current = current.head
        outer = _child(current, "nsubj", "nsubjpass")
        if outer is not None and outer.lower_ not in _PRONOUNS:
            return outer
    return subject


def _mention_for(
    parse: Parse, token: Any | None, mentions: Sequence[Mention], kinds: Sequence[str]
) -> Mention | None:
    """The mention of ``kinds`` holding ``token``, else the first inside its subtree."""
    if token is None:
        return None
    head_start, head_end = parse.char_span(token)
    wanted = [m for m in mentions if m.kind in kinds]
    for m in wanted:
        if m.start < head_end and head_start < m.end:
            return m
    start, end = parse.span_of(token)
    inside = [m for m in wanted if start <= m.start and m.end <= end]
    return inside[0] if inside else None


def _target_tokens(verb: Any, trigger: Any, last: Any | None) -> list[Any]:
    """The object of the preposition the trigger ends on ("sanctions *on* X"), objects, then
    the objects of target prepositions on the verb and the trigger."""
    out: list[Any] = []
    if last is not None and last.dep_ == "prep" and last.lower_ in _TARGET_PREPS:
        pobj = _child(last, "pobj")
        if pobj is not None:
            out.append(pobj)
    for head in (verb, trigger):
        obj = _child(head, "dobj", "attr", "oprd")
        if obj is not None and obj not in out:
            out.append(obj)
    for head in (trigger, verb, *out):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in _TARGET_PREPS:
                pobj = _child(prep, "pobj")
                if pobj is not None and pobj not in out:
                    out.append(pobj)
    return out


def roles_from_parse(
    parse: Parse,
    trigger_start: int,
    trigger_end: int,
    mentions: Sequence[Mention],
    actor_kinds: Sequence[str],
    target_kinds: Sequence[str],
) -> Roles | None:
    """Actor and target of the event triggered at ``[trigger_start, trigger_end)``; None when
    the parse has no clause with a subject around the trigger."""
    trigger = parse.token_at(trigger_start)
    if trigger is None:
        return None
    verb = clause_verb(trigger)
    if verb is None:
        return None
    passive_subject = _child(verb, "nsubjpass")
    if passive_subject is not None:
        agent = _child(verb, "agent")
        by = None if agent is None else _child(agent, "pobj")
        actor = _mention_for(parse, by, mentions, actor_kinds)
        subject = _resolve_pronoun(passive_subject, verb)
        target = _mention_for(parse, subject, mentions, target_kinds)
        return Roles(actor, target, True, "syntax:passive", parse.span_of(verb))
    subject = _child(verb, "nsubj", "csubj")
    actor = None
    if subject is not None:
        actor = _mention_for(parse, _resolve_pronoun(subject, verb), mentions, actor_kinds)
    target = None
    last = parse.token_at(trigger_end - 1)
    for token in _target_tokens(verb, trigger, last):
        target = _mention_for(parse, token, mentions, target_kinds)
        if target is not None and target is not actor:
            break
        target = None
    return Roles(actor, target, False, "syntax:active", parse.span_of(verb))
