"""Entities in text: the gazetteer first (operators, authorities, places, countries,
nationalities), then people (title and speech-verb patterns, then spaCy NER over the sentences
the rules leave unexplained: see :mod:`corridor.evidence.extract.nlp`).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pycountry

from corridor.evidence.patterns import load_gazetteer_data, load_patterns
from corridor.resources import data_dir


@dataclass(slots=True)
class Mention:
    """One entity mention at ``[start, end)``; ``canonical`` is the register or gazetteer name."""

    start: int
    end: int
    text: str
    kind: str  # operator, authority, country, place, nationality, person, org
    canonical: str
    country: str | None = None
    role: str | None = None
    source: str = "gazetteer"
    links: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "canonical": self.canonical,
            "country": self.country,
            "role": self.role,
            "source": self.source,
            "links": self.links,
        }


def find_operator_csv() -> Path:
    """The operator register CSV bundled with the package (``corridor/data/operators``)."""
    return data_dir("operators", "operators_listings.csv")


def read_operator_names(path: Path) -> dict[str, str]:
    """Alias -> operator name from the register CSV (``operator`` and ``aliases`` columns)."""
    names: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            operator = (row.get("operator") or "").strip()
            if not operator:
                continue
            names[operator] = operator
            for alias in (row.get("aliases") or "").split(";"):
                if alias.strip():
                    names[alias.strip()] = operator
    return names


# Carriers not in the register still read as carriers: "Iraqi Airways", "Fly Baghdad Airlines".
_CARRIER = re.compile(
    r"\b(?:[A-Z][\w’'-]+\s+){1,3}(?:Airlines|Airways|Air Lines|Aviation|Air)\b(?!\s+[A-Z])"
)
_POSSESSIVE = re.compile(r"[A-Z][\w-]*[’']s\s+")


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str
    canonical: str
    country: str | None
    registered: bool = False  # an operator of the register (linked), not a known carrier


class Gazetteer:
    """All known names compiled into one alternation, longest first."""

    def __init__(self, operators: dict[str, str] | None = None) -> None:
        data = load_gazetteer_data()
        entries: dict[str, _Entry] = {}
        for country in pycountry.countries:
            code = country.alpha_2.lower()
            for attr in ("name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    entries[value] = _Entry("country", country.name, code)
        for code, names in data.extra_countries.items():
            official = pycountry.countries.get(alpha_2=code.upper())
            canonical = names[0] if official is None else official.name
            for name in names:
                entries[name] = _Entry("country", canonical, code)
        for code, names in data.demonyms.items():
            for name in names:
                entries.setdefault(name, _Entry("nationality", code, code))
        for place in data.places:
            for name in [place.name, *place.aliases]:
                entries[name] = _Entry(place.kind or "place", place.name, place.country)
        for auth in data.authorities:
            for name in [auth.name, *auth.aliases]:
                entries[name] = _Entry("authority", auth.name, auth.country)
        for code, names in data.capitals.items():  # a capital is a place unless it acts
            for name in names:
                entries.setdefault(name, _Entry("place", name, None if code == "eu" else code))
        for carrier in data.carriers:
            for name in [carrier.name, *carrier.aliases]:
                entries[name] = _Entry("operator", carrier.name, carrier.country)
        for alias, operator in (operators or {}).items():
            entries[alias] = _Entry("operator", operator, None, registered=True)
        for name, entry in list(entries.items()):  # "the Commission", "flydubai" open sentences
            if name[:1].islower():
                entries.setdefault(name[0].upper() + name[1:], entry)
        # Operators also go by their first word + "airline(s)" in news ("Belavia airline").
        self.entries = entries
        names = sorted(entries, key=len, reverse=True)
        alternation = "|".join(re.escape(n) for n in names)
        self.pattern = re.compile(r"(?<![\w-])(?:" + alternation + r")(?![\w-])")

    def find(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        for m in _CARRIER.finditer(text):
            start, name = m.start(), m.group(0)
            # "Lebanon's Middle East Airlines": a possessive before the name is not part of it
            while (possessive := _POSSESSIVE.match(name)) is not None:
                start, name = start + possessive.end(), name[possessive.end() :]
            if name in self.entries or " " not in name.strip():
                continue
            mention = Mention(start, m.end(), name, "operator", name, source="rule")
            found.append(mention)
        mask = mask_of(text, found)
        for m in self.pattern.finditer(text):
            if mask[m.start()]:
                continue
            entry = self.entries[m.group(0)]
            mention = Mention(m.start(), m.end(), m.group(0), entry.kind, entry.canonical)
            mention.country = entry.country
            if entry.registered:
                mention.links["operator"] = [entry.canonical]
            found.append(mention)
        return sorted(found, key=lambda f: f.start)


@cache
def state_mention(code: str) -> Mention | None:
    """A template mention of the state with ISO code ``code`` (or the EU for "eu"), named as
    the gazetteer names it; None for an unknown code."""
    data = load_gazetteer_data()
    if code == "eu":
        for auth in data.authorities:
            if "EU" in auth.aliases:
                return Mention(0, 0, auth.name, "authority", auth.name, country=auth.country)
        return None
    official = pycountry.countries.get(alpha_2=code.upper())
    if official is not None:
        name = str(official.name)
    elif code in data.extra_countries:
        name = data.extra_countries[code][0]
    else:
        return None
    return Mention(0, 0, name, "country", name, country=code)


@cache
def default_gazetteer() -> Gazetteer:
    path = find_operator_csv()
    return Gazetteer(read_operator_names(path))


# A capitalised word, or an Arabic name with its article joined by a hyphen ("al-Sahaf").
_NAME_WORD = (
    r"(?:(?:al|el|ad|as|ash|ar|an|at|az|bin|ibn|abu)-)?[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]+(?:[’'-][^\W\d_]+)*"
)
_PARTICLE = r"(?:von der|von|van der|van|de|del|da|di|al|el|bin|ibn|le|la)"
FULL_NAME = re.compile(
    r"\b" + _NAME_WORD + r"(?:\s+(?:" + _PARTICLE + r"\s+)?" + _NAME_WORD + r"){1,5}\b"
)


@cache
def role_pattern() -> re.Pattern[str]:
    words = sorted(load_patterns().role_words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


@cache
def _speech_pattern() -> re.Pattern[str]:
    verbs = "|".join(load_patterns().speech_verbs)
    return re.compile(r"^\s*(?:" + verbs + r")\b")


# Speech verbs whose object is the listener, not the speaker: "told AFP", "asked the minister".
_LISTENER_VERBS = {"told", "asked", "urged"}


@cache
def _speech_before_pattern() -> re.Pattern[str]:
    """A speech verb right before a name that is then its speaker ("said Ylva Johansson")."""
    verbs = "|".join(v for v in load_patterns().speech_verbs if v not in _LISTENER_VERBS)
    return re.compile(r"\b(?:" + verbs + r")\s*$")


STOP_FIRST = {
    "The", "A", "An", "In", "On", "At", "Of", "For", "And", "But", "As", "This", "That", "These",
    "Those", "It", "He", "She", "They", "We", "I", "Our", "Their", "His", "Her", "If", "When",
    "While", "After", "Before", "Since", "Also", "Such", "Here", "There", "According", "Speaking",
    "Responding", "Next", "Last", "Recent", "Several", "Many", "Some", "EU", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Notably", "Whether", "So",
}  # fmt: skip


_VERBISH = {"have", "has", "had", "is", "was", "are", "were", "be", "been", "by", "that", "which"}


def role_before(text: str, start: int) -> str | None:
    """The role written right before a name: "EU foreign policy chief", "Commissioner for X,"."""
    window = text[max(0, start - 90) : start].rstrip(" ,")
    cut = max(window.rfind(c) for c in (".", ";", ",", "“", '"', "”", "\n", "(", ")", "[", "]"))
    segment = window[cut + 1 :].strip()
    for lead in (" and ", " said ", " told ", " by ", " with ", " that ", " to ", " from "):
        idx = segment.rfind(lead)
        if idx != -1:
            segment = segment[idx + len(lead) :]
    if not segment or role_pattern().search(segment) is None:
        return None
    tokens = segment.split()
    keep: list[str] = []
    for token in reversed(tokens):
        if token[:1].islower() and (token.endswith("ed") or token in _VERBISH):
            break
        keep.insert(0, token)
    segment = " ".join(keep)
    if not segment:
        return None
    last = segment.split()[-1]
    if last[:1].islower() and role_pattern().fullmatch(last) is None:
        return None
    segment = re.sub(r"^(?:the|a|an)\s+", "", segment.strip(" ,"), flags=re.I)
    return segment or None


def role_after(text: str, end: int) -> str | None:
    """An appositive role: "Peter Stano, the European Commission's spokesperson"."""
    m = re.match(r",\s+(?:the\s+|a\s+)?([^,.;“”\"]{3,80}?)(?=[,.;]|$)", text[end : end + 100])
    if m is None or role_pattern().search(m.group(1)) is None:
        return None
    return m.group(1).strip()


def mask_of(text: str, mentions: list[Mention]) -> bytearray:
    mask = bytearray(len(text))
    for m in mentions:
        mask[m.start : m.end] = b"\x01" * (m.end - m.start)
    return mask


def find_people(text: str, taken: list[Mention]) -> list[Mention]:
    """People by rule: a capitalised name after a role, or next to a speech verb; then their
    surnames wherever they recur. Names inside gazetteer mentions are skipped."""
    mask = mask_of(text, taken)
    people: list[Mention] = []
    for m in FULL_NAME.finditer(text):
        s, e = m.start(), m.end()
        words = m.group(0).split()
        while words and (words[0] in STOP_FIRST or role_pattern().fullmatch(words[0]) or mask[s]):
            s += len(words[0]) + 1
            words = words[1:]
        if len(words) < 2 or any(mask[s:e]):
            continue
        if len(words) > 2 and not re.search(_PARTICLE, " ".join(words)):
            s = e - len(" ".join(words[-2:]))
            words = words[-2:]
        elif re.search(r"\b(?:for|of|on|at)\s+$", text[max(0, s - 5) : s]):
            continue
        name = " ".join(words)
        role = role_before(text, s) or role_after(text, e)
        speech = _speech_pattern().match(text[e : e + 30]) or _speech_before_pattern().search(
            text[max(0, s - 30) : s]
        )
        if role is None and speech is None:
            continue
        people.append(Mention(s, e, name, "person", name, role=role, source="rule"))
    return people


_WORD = re.compile(r"\b" + _NAME_WORD + r"\b")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|our)\s+$", re.I)


def add_surname_mentions(text: str, people: list[Mention], taken: list[Mention]) -> list[Mention]:
    """Single surnames ("Borrell") of people already named in full, and surnames next to a
    speech verb ("Michel said")."""
    by_surname: dict[str, Mention] = {}
    for person in people:
        by_surname.setdefault(person.canonical.split()[-1], person)
    mask = mask_of(text, [*taken, *people])
    extra: list[Mention] = []
    for m in _WORD.finditer(text):
        s, e = m.start(), m.end()
        if any(mask[s:e]):
            continue
        word = m.group(0)
        full = by_surname.get(word)
        if full is not None:
            extra.append(Mention(s, e, word, "person", full.canonical, source="rule"))
            continue
        if word in STOP_FIRST or _DETERMINER_BEFORE.search(text, max(0, s - 8), s):
            continue  # "the Council said": not a surname
        after = _speech_pattern().match(text[e : e + 30])
        before = _speech_before_pattern().search(text[max(0, s - 30) : s])
        if (after or before) and role_before(text, s) is None:
            new = Mention(s, e, word, "person", word, source="rule")
            by_surname[word] = new
            extra.append(new)
    return extra
