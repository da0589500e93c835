"""Values and helpers shared by the OFAC SDN readers (:mod:`corridor.sources.ofac_sdn`): the
null marker, entity types, alias kinds, dates, remarks, registrations and links."""

from __future__ import annotations

import re
from pathlib import Path

from corridor.ids import extract_identifiers, normalise_identifier
from corridor.ids.aircraft import find_mark
from corridor.ids.countries import country_code
from corridor.ids.script import name_script
from corridor.model import (
    Entity,
    EntityType,
    Identifier,
    IdScheme,
    Name,
    NameQuality,
)
from corridor.model.months import month_number
from corridor.sources.context import SourceContext

NULL = "-0-"
EOF_MARK = "\x1a"
OFAC_NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"

SDN_COLUMNS = 12
TYPES = {
    "individual": EntityType.PERSON,
    "entity": EntityType.ORGANIZATION,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}
ALIAS_KINDS = {"aka": "aka", "fka": "fka", "nka": "nka", "a.k.a.": "aka", "f.k.a.": "fka"}
ALIAS_KINDS["n.k.a."] = "nka"

_DOB = re.compile(r"^(?:circa\s+)?(?:(\d{1,2})\s+)?(?:([A-Za-z]{3})[a-z]*\s+)?(\d{4})$")
_REMARK_ALIAS = re.compile(r"^(?:alt\.\s+)?([afn]\.k\.a\.),?\s+'([^']+)'$")
_CUT_DOT = re.compile(r"\.$")


def resolve_links(entities: list[Entity]) -> None:
    """Add ``linked_to_id``: the ids of the entries a "Linked To:" remark names, when listed."""
    by_name = {e.caption.upper(): e.id for e in entities}
    for entity in entities:
        ids = [
            by_name[n.upper()] for n in entity.links.get("linked_to", []) if n.upper() in by_name
        ]
        if ids:
            entity.links["linked_to_id"] = ids


def add_registration(entity: Entity, name: str) -> None:
    """An aircraft entry is filed under its tail number: add it as an identifier, and the
    state of registration (from the nationality mark) to the countries."""
    mark = find_mark(name)
    if mark is None:
        return
    value = normalise_identifier(IdScheme.AIRCRAFT_REGISTRATION, name)
    add_id(entity, Identifier(IdScheme.AIRCRAFT_REGISTRATION, value, name, mark.country))
    if mark.country not in entity.countries:
        entity.countries.append(mark.country)


def split_programs(text: str) -> list[str]:
    """``"UKRAINE-EO13662] [RUSSIA-EO14024"`` -> both programs."""
    return [p.strip(" []") for p in text.split("] [") if p.strip(" []")]


def ofac_name(value: str, quality: NameQuality, kind: str | None) -> Name:
    return Name(value=value, quality=quality, script=name_script(value), kind=kind)


def add_id(entity: Entity, ident: Identifier) -> None:
    if ident.value and all(
        (i.scheme, i.value) != (ident.scheme, ident.value) for i in entity.identifiers
    ):
        entity.identifiers.append(ident)


def ofac_date(text: str) -> str | None:
    """``30 Aug 1954`` -> ``1954-08-30``, ``Aug 1954`` -> ``1954-08``, ``circa 1954`` -> ``1954``."""
    match = _DOB.match(text.strip())
    if match is None:
        return None
    day, month, year = match.groups()
    if month is None:
        return year
    number = month_number(month)
    if number is None:
        return None
    if day is None:
        return f"{year}-{number:02d}"
    return f"{year}-{number:02d}-{int(day):02d}"


def apply_remarks(entity: Entity, remarks: str) -> None:
    """Read the ``;``-separated facts of an OFAC remarks field into the entity.

    DOBs, nationality and citizenship, weak aliases in quotes, "Linked To:", aircraft operators
    and every identifier :func:`corridor.ids.extract_identifiers` recognises; the full text is
    kept in ``remarks``.
    """
    text = _CUT_DOT.sub("", remarks.strip())
    if not text:
        return
    entity.remarks.append(text)
    for part in (p.strip() for p in text.split(";")):
        lower = part.lower()
        fact = part[5:] if lower.startswith("alt. ") else part
        label, _, value = fact.partition(" ")
        if label.lower() == "dob":
            for piece in re.split(r"\s+to\s+", value):
                if (dob := ofac_date(piece)) and dob not in entity.birth_dates:
                    entity.birth_dates.append(dob)
        elif label.lower() in ("nationality", "citizen"):
            code = country_code(value)
            if code and code not in entity.nationalities:
                entity.nationalities.append(code)
        elif lower.startswith("linked to:"):
            entity.links.setdefault("linked_to", []).append(part.split(":", 1)[1].strip())
        elif lower.startswith("aircraft operator "):
            entity.links.setdefault("operator", []).append(part[len("aircraft operator ") :])
        elif (match := _REMARK_ALIAS.match(part)) is not None:
            kind = ALIAS_KINDS[match.group(1)]
            entity.names.append(ofac_name(match.group(2), NameQuality.WEAK, kind))
    for ident in extract_identifiers(text):
        add_id(entity, ident)
        taxish = ident.scheme in (IdScheme.TAX, IdScheme.REGISTRATION)
        if taxish and ident.country and ident.country not in entity.countries:
            entity.countries.append(ident.country)


def path_name(context: SourceContext) -> str:
    return context.path.name


def find_file(folder: Path, name: str) -> Path | None:
    for candidate in folder.iterdir():
        if candidate.is_file() and candidate.name.lower() == name:
            return candidate
    return None
