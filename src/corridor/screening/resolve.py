"""One entity per real target: which records of different lists are the same target, and why.

nomenklatura's resolver is the model: pairs of records are *linked* with a judgement and its
reasons; links are proposed by rules here, kept in the store with their reasons, reviewed by an
analyst (who may confirm or reject any pair) and reversible; targets are the connected
groups of records once rejected pairs are left out.

Two rules propose a link between records of *different* sources, of compatible types (a person
never with an organisation):

1. **A shared strong identifier**: IMO or MMSI number, company registration or tax number,
   aircraft registration, SWIFT/BIC, ICAO airline designator, passport or national id number,
   compared within their scheme after normalisation.
2. **The same name and an agreeing fact**: the same name key (words in any order, scripts and
   spellings folded; weak aliases left out) and, for a person, a date of birth that agrees
   (the same day, or the same month or year where one list is less precise), for an
   organisation, vessel or aircraft a shared country.

A proposal is vetoed when the two records disagree on a fact that should not differ: two full
dates of birth with no agreement, or two values of the same strong identifier scheme with none
in common.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from corridor.model import Entity, EntityType, IdScheme, NameQuality
from corridor.screening.names import normalise

STRONG_SCHEMES = frozenset(
    {
        IdScheme.IMO,
        IdScheme.MMSI,
        IdScheme.REGISTRATION,
        IdScheme.TAX,
        IdScheme.AIRCRAFT_REGISTRATION,
        IdScheme.SWIFT,
        IdScheme.ICAO_AIRLINE,
        IdScheme.PASSPORT,
        IdScheme.NATIONAL_ID,
    }
)
# A name key shared by more records than this is too common to propose links on its own.
MAX_BLOCK = 12


@dataclass(frozen=True, slots=True)
class Link:
    """A proposed or judged pair: ``left`` < ``right`` (entity ids), with the rule and reasons."""

    left: str
    right: str
    rule: str
    reasons: tuple[str, ...]

    @property
    def pair(self) -> tuple[str, str]:
        return (self.left, self.right)


def pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _types_agree(a: Entity, b: Entity) -> bool:
    if EntityType.UNKNOWN in (a.type, b.type):
        return EntityType.PERSON not in (a.type, b.type) or a.type == b.type
    return a.type is b.type


def _dates_agree(a: Sequence[str], b: Sequence[str]) -> tuple[bool, str]:
    """(agree, detail): agree when some pair of dates agrees to the precision of the less
    precise one (year at least)."""
    for x in a:
        for y in b:
            n = min(len(x), len(y))
            if n >= 4 and x[:n] == y[:n]:
                return True, f"date of birth {x} ~ {y}"
    return False, ""


def _dates_conflict(a: Entity, b: Entity) -> bool:
    if not a.birth_dates or not b.birth_dates:
        return False
    return not _dates_agree(a.birth_dates, b.birth_dates)[0]


def _ids_conflict(a: Entity, b: Entity) -> str | None:
    """A strong scheme both carry with no value in common."""
    mine: dict[IdScheme, set[str]] = defaultdict(set)
    for i in a.identifiers:
        if i.scheme in STRONG_SCHEMES:
            mine[i.scheme].add(i.value)
    theirs: dict[IdScheme, set[str]] = defaultdict(set)
    for i in b.identifiers:
        if i.scheme in STRONG_SCHEMES:
            theirs[i.scheme].add(i.value)
    for scheme in set(mine) & set(theirs):
        if scheme in (IdScheme.PASSPORT, IdScheme.NATIONAL_ID):
            continue  # people hold several passports over time
        if not mine[scheme] & theirs[scheme]:
            return scheme.value
    return None


def name_keys(entity: Entity) -> set[str]:
    """Name keys of an entity's primary and strong names (persons: at least two words)."""
    keys = set()
    for name in entity.names:
        if name.quality is NameQuality.WEAK:
            continue
        norm = normalise(name.value)
        words = norm.words if entity.type is EntityType.PERSON else norm.core
        if entity.type is EntityType.PERSON and len(words) < 2:
            continue
        key = " ".join(sorted(words))
        if len(key.replace(" ", "")) >= 4:
            keys.add(key)
    return keys


def propose(entities: Iterable[Entity]) -> list[Link]:
    """Links between records of different sources that the two rules support."""
    items = list(entities)
    by_id = {e.id: e for e in items}
    by_code: dict[tuple[IdScheme, str], list[str]] = defaultdict(list)
    by_name: dict[str, list[str]] = defaultdict(list)
    for entity in items:
        for ident in entity.identifiers:
            if ident.scheme in STRONG_SCHEMES and len(ident.value) >= 3:
                by_code[(ident.scheme, ident.value)].append(entity.id)
        for key in name_keys(entity):
            by_name[key].append(entity.id)
    found: dict[tuple[str, str], Link] = {}
    for (scheme, value), ids in by_code.items():
        for a_id, b_id in combinations(sorted(set(ids)), 2):
            a, b = by_id[a_id], by_id[b_id]
            if a.source == b.source or not _types_agree(a, b) or _dates_conflict(a, b):
                continue
            found[pair(a_id, b_id)] = Link(
                *pair(a_id, b_id), "identifier", (f"same {scheme.value} {value}",)
            )
    for key, ids in by_name.items():
        unique = sorted(set(ids))
        if len(unique) > MAX_BLOCK:
            continue
        for a_id, b_id in combinations(unique, 2):
            if pair(a_id, b_id) in found:
                continue
            link = _name_link(key, by_id[a_id], by_id[b_id])
            if link is not None:
                found[link.pair] = link
    return sorted(found.values(), key=lambda link: link.pair)


def _name_link(key: str, a: Entity, b: Entity) -> Link | None:
    if a.source == b.source or not _types_agree(a, b):
        return None
    conflict = _ids_conflict(a, b)
    if conflict is not None:
        return None
    if EntityType.PERSON in (a.type, b.type):
        agree, detail = _dates_agree(a.birth_dates, b.birth_dates)
        if not agree:
            return None
    else:
        shared = sorted(set(a.countries + a.nationalities) & set(b.countries + b.nationalities))
        if not shared:
            return None
        detail = f"country {', '.join(shared)}"
    left, right = pair(a.id, b.id)
    return Link(left, right, "name", (f"same name {key!r}", detail))


def clusters(
    ids: Iterable[str],
    links: Iterable[tuple[str, str]],
    rejected: Iterable[tuple[str, str]] = (),
) -> dict[str, list[str]]:
    """Connected groups: each member id -> the sorted members of its group (itself alone
    when unlinked). Two groups are never joined when a rejected pair would end up in one:
    links are taken in order (put analysts' confirmations first), and a link that would
    join what an analyst kept apart is left out, as nomenklatura's resolver does."""
    groups: dict[str, set[str]] = {i: {i} for i in ids}
    apart: dict[str, set[str]] = defaultdict(set)
    for a, b in rejected:
        apart[a].add(b)
        apart[b].add(a)
    for a, b in links:
        ga = groups.setdefault(a, {a})
        gb = groups.setdefault(b, {b})
        if ga is gb or any(apart[m] & gb for m in ga):
            continue
        ga |= gb
        for m in gb:
            groups[m] = ga
    return {m: sorted(g) for m, g in groups.items()}
