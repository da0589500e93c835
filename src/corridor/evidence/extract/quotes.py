"""Quotes and their speakers.

A quotation of three words or more in double quotes (curly, straight or mixed, “…" as
written), guillemets (« » and » «), low-high quotes („ “) or single curly quotes (‘ ’) is a
quote when a speech verb (or "according to") attributes it in the same sentence: a named person ("..., Borrell
said"; "Spinant said “...”"), or a pronoun ("he said", "the 31-year-old told"), which resolves
to the first person named since the previous quote (the subject of the last sentence naming
people), else to the previous quote's speaker.
The speaker's role is the one written beside any of their mentions in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from corridor.evidence.extract.entities import Mention
from corridor.evidence.patterns import load_patterns

# Opening marks and the marks that may close them. A quote left open at the end of its
# paragraph closes there (a quote running on into the next paragraph opens again there).
_CLOSERS = {"“": '”"', '"': '"”', "«": "»", "»": "«", "„": '“”"', "‘": "’"}
_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[:—–-]))([“\"«»„‘])(?=\S)", re.M)
_NON_SUBJECT = re.compile(r"\b(?:alongside|with|to|by|from|than|of|against|for)\s+$", re.I)


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    speaker: Mention | None
    role: str | None
    rule: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": None if self.speaker is None else self.speaker.canonical,
            "speaker_kind": None if self.speaker is None else self.speaker.kind,
            "role": self.role,
            "rule": self.rule,
        }


@cache
def _verbs() -> str:
    return "|".join(load_patterns().speech_verbs)


# Words that stand for the last person named: pronouns, "the 31-year-old (man)" and a role
# noun ("the minister said", "the spokesman added").
_PRONOUN = (
    r"(?:he|she|the \d{1,3}-year-old(?: [a-z]+)?|the (?:[a-z]+ )?(?:minister|spokes(?:man|woman|"
    r"person)|official|president|commander|chief|head|director|commissioner|prime minister))"
)


@cache
def _pronoun_after() -> re.Pattern[str]:
    return re.compile(r"^[\s,.]*" + _PRONOUN + r"\s+(?:" + _verbs() + r")\b", re.I)


@cache
def _pronoun_before() -> re.Pattern[str]:
    return re.compile(r"\b" + _PRONOUN + r"\s+(?:" + _verbs() + r")\b[^“\"]{0,80}$", re.I)


@cache
def _verb() -> re.Pattern[str]:
    """A speech verb, or "according to" (which attributes a quote as a verb does)."""
    return re.compile(r"\b(?:" + _verbs() + r"|according to)\b", re.I)


@cache
def _org_said() -> re.Pattern[str]:
    return re.compile(_ORG_SAID.pattern.replace("VERBS", _verbs()))


_QUOTES_WHOM = re.compile(
    r"[\s,]*(?:[\w’'-]+\s+){0,5}?quot(?:es|ed|ing)\s+(?:the\s+|a\s+)?(?P<org>(?:[\w’'-]+\s+){0,3}?"
    r"(?:ministry|agency|service|directorate|command|office|government|embassy|police|"
    r"[A-Z][\w’'&.-]+))\b"
)


def _named_org(text: str, a_start: int, a_end: int, mentions: list[Mention]) -> Mention | None:
    """The organisation, statement or paper that speaks right after the quote, named by a noun
    phrase no gazetteer knows ("the SHGM said", "the statement said", "the paper said"): a known
    organisation inside it wins, and a statement, report or tweet stands for the organisation
    named last before it."""
    m = _QUOTES_WHOM.match(text, a_start, a_end) or _org_said().match(text, a_start, a_end)
    if m is None:
        return None
    s, e = m.span("org")
    inside = [x for x in mentions if s <= x.start < e and x.kind in _SPEAKING_KINDS]
    if inside:
        return inside[0]
    words = m.group("org").lower().split()
    if words[-1] in ("statement", "report", "release", "communiqué", "communique", "tweet", "post"):
        earlier = [x for x in mentions if x.kind in _SPEAKING_KINDS and x.end <= s]
        if earlier:
            return earlier[-1]
    name = re.sub(r"^(?:the|a|an|its|their)\s+", "", m.group("org"), flags=re.I)
    return Mention(s, e, text[s:e], "org", name, source="speaker_phrase")


def quote_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(mark start, text start, text end, mark end) of each quotation, in text order."""
    out: list[tuple[int, int, int, int]] = []
    pos = 0
    for m in _OPEN.finditer(text):
        start = m.start(1)
        if start < pos:
            continue
        closers = _CLOSERS[m.group(1)]
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        end = -1
        for i in range(start + 1, line_end):
            ch = text[i]
            if ch in closers and (ch != "’" or i + 1 >= len(text) or not text[i + 1].isalpha()):
                end = i
                break
            if ch == "“" == m.group(1) and text[i - 2 : i] in (", ", ". ", "! ", "? "):
                end = i  # a closing mark typed as an opening one ("..., “said Michalska")
                break
        if end < 0:
            if m.group(1) == "‘":
                continue  # an apostrophe or an open single quote: not a quotation
            out.append((start, start + 1, line_end, line_end))
            pos = line_end
            continue
        out.append((start, start + 1, end, end + 1))
        pos = end + 1
    return out


_ORG_SAID = re.compile(
    r"[\s,]*(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?P<org>(?:[A-Z][\w’'&.-]*\s+){0,4}?"
    r"(?:(?:[\w’'-]+\s+){0,2}?(?:statement|report|release|communiqu[eé]|tweet|post|ministry|"
    r"agency|service|directorate|command|office|paper|newspaper|prosecutors?|police|court|"
    r"government|embassy)|[A-Z][\w’'&.-]+))\s+(?:(?:also|later|then)\s+)?(?:VERBS)\b"
)


def _clause_after(text: str, end: int) -> tuple[int, int]:
    m = re.compile(r"[.!?](?:\s|$)|\n|“").search(text, end)
    return end, (m.start() if m else len(text))


def _clause_before(text: str, start: int) -> tuple[int, int]:
    window_start = max(0, start - 300)
    chunk = text[window_start:start]
    cut = max(chunk.rfind(". "), chunk.rfind("\n"), chunk.rfind("”"), chunk.rfind("? "))
    return window_start + cut + 1, start


# What may stand between a quote's attribution and the next quote it continues: the end of
# the sentence, in the same paragraph.
_CONTINUES = re.compile(r"[\s.,”\"]*?[.!?]?[”\"]?[ \t]*\n?[ \t]*")
_SPEAKING_KINDS = ("operator", "authority")


def _organisation(
    mentions: list[Mention], after_text: str, a_start: int, before_text: str, b_start: int
) -> tuple[Mention, str] | None:
    """A carrier or authority as the speaker when no person is named: right before a speech
    verb after the quote ("..., Belavia said"), or the subject of one before it ("In a
    statement, Belavia said it had ...")."""
    after = [x for x in mentions if x.kind in _SPEAKING_KINDS and a_start <= x.start < a_start + 60]
    if after and _verb().search(after_text):
        return after[0], "organisation_after"
    before = [
        x
        for x in mentions
        if x.kind in _SPEAKING_KINDS and b_start <= x.start < b_start + len(before_text)
    ]
    if before:
        said = _verb().search(before_text, before[-1].end - b_start)
        if said is not None and said.start() - (before[-1].end - b_start) < 20:
            return before[-1], "organisation_before"
    return None


def _nearest_role(people: list[Mention], speaker: Mention, before: int) -> str | None:
    """The role written at the speaker's latest mention before ``before`` that has one."""
    earlier = [
        p for p in people if p.canonical == speaker.canonical and p.role and p.start < before
    ]
    return earlier[-1].role if earlier else None


def find_quotes(text: str, mentions: list[Mention]) -> list[Quote]:
    """Every attributed quote, in text order."""
    people = [m for m in mentions if m.kind == "person"]
    roles: dict[str, str] = {}
    for p in people:
        if p.role and p.canonical not in roles:
            roles[p.canonical] = p.role
    quotes: list[Quote] = []
    previous_end = 0
    previous_speaker: Mention | None = None
    # quotes left open at their paragraph's end, waiting for the paragraph that carries on
    pending: list[tuple[int, int]] = []
    for q_start, s, e, q_end in quote_spans(text):
        if len(text[s:e].split()) < 3:
            continue
        if pending and text[pending[-1][1] : q_start].strip():
            pending = []
        a_start, a_end = _clause_after(text, q_end)
        b_start, b_end = _clause_before(text, q_start)
        after_text = text[a_start:a_end]
        before_text = text[b_start:b_end]
        speaker: Mention | None = None
        rule = ""
        named_after = [p for p in people if a_start <= p.start < a_end]
        named_before = [p for p in people if b_start <= p.start < b_end]
        if named_after and _verb().search(after_text):
            speaker, rule = named_after[0], "named_after"
        elif _pronoun_after().search(after_text) or _pronoun_before().search(before_text):
            since = [p for p in people if previous_end <= p.start < q_start]
            since = [
                p for p in since if not _NON_SUBJECT.search(text[max(0, p.start - 12) : p.start])
            ]
            if since:
                last = since[-1]
                # the first person of the sentence naming the last one (its subject)
                stretch = [
                    p for p in since if not re.search(r"[.!?]\s|\n", text[p.start : last.start])
                ]
                speaker, rule = stretch[0], "pronoun_last_named"
            elif previous_speaker is not None:
                speaker, rule = previous_speaker, "pronoun_previous_speaker"
        elif named_before and _verb().search(before_text):
            speaker, rule = named_before[-1], "named_before"
        elif (
            org := _organisation(mentions, after_text, a_start, before_text, b_start)
        ) is not None:
            speaker, rule = org
        elif (named := _named_org(text, a_start, a_end, mentions)) is not None:
            speaker, rule = named, "organisation_phrase"
        elif previous_speaker is not None and _CONTINUES.fullmatch(text, previous_end, q_start):
            # a quote straight after the last one, in its paragraph: the same voice goes on
            speaker, rule = previous_speaker, "continued"
        if speaker is None:
            if q_end == e and (q_end >= len(text) or text[q_end] == "\n"):
                pending.append((s, e))
            continue
        role = (
            speaker.role or _nearest_role(people, speaker, q_start) or roles.get(speaker.canonical)
        )
        confidence = 0.9 if rule.startswith("named") else 0.75
        for p_start, p_end in pending:
            # a quote running over paragraphs: its earlier paragraphs are the same voice's
            quotes.append(Quote(p_start, p_end, speaker, role, "continued_paragraph", 0.75))
        pending = []
        quotes.append(Quote(s, e, speaker, role, rule, confidence))
        previous_end = a_end if rule == "named_after" else q_end
        previous_speaker = speaker
    return sorted(quotes, key=lambda q: q.start)
