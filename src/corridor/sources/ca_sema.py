"""Canada Consolidated Autonomous Sanctions List (SEMA/JVCFOR), ``sema-lmes.xml``.

A flat ``<data-set><record>`` per listing with no stable id: the record id is the slug of the
regime (``Country``), ``Schedule`` and ``Item`` (``belarus_1-part-2_6``). Values are
bilingual (``Belarus / Bélarus``): the English part is used, both are kept in the remarks.
People have ``LastName``/``GivenName``; entities and ships ``EntityOrShip`` (ships also
``ShipIMONumber`` and their type in ``TitleOrShip``). ``Aliases`` is one free-text field of
names separated by ``,`` or ``;``, some introduced by a language (``Belarusian: ...``). The
file states no publication date: a folder named ``YYYY-MM-DD`` gives it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from lxml import etree
from normality import slugify

from corridor.ids import normalise_identifier
from corridor.ids.countries import country_code
from corridor.ids.imo import is_valid_imo
from corridor.ids.script import name_script
from corridor.model import Entity, EntityType, Identifier, IdScheme, Name, NameQuality
from corridor.sources.context import SourceContext
from corridor.sources.values import date_from_folder
from corridor.sources.xmlsafe import local_name, read_xml, xml_file

LANGUAGES = {
    "belarusian": "be",
    "russian": "ru",
    "ukrainian": "uk",
    "english": "en",
    "french": "fr",
    "chinese": "zh",
    "arabic": "ar",
    "persian": "fa",
    "farsi": "fa",
}
_ALIAS_SPLIT = re.compile(r"\s*[;,]\s*")
_LANG_PREFIX = re.compile(r"^([A-Za-z]+)\s*:\s*(.+)$")
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def parse(path: Path, context: SourceContext) -> Iterator[Entity]:
    """Entities of a Canada SEMA XML file."""
    path = xml_file(path, context)
    root = read_xml(path, context)
    if local_name(root) != "data-set":
        raise context.error(
            f"not a Canada SEMA list (sema-lmes.xml): root element is <{local_name(root)}>"
        )
    date_from_folder(path, context)
    seen: set[str] = set()
    count = 0
    for record in root.iterfind("record"):
        entity = _entity(record, context, seen)
        count += 1
        yield entity
    if count == 0:
        raise context.error("no <record> in this SEMA file")


def english(value: str) -> str:
    """The English part of a bilingual ``English / Français`` value."""
    return value.split(" / ", 1)[0].strip()


def _text(node: etree._Element, tag: str) -> str:
    found = node.find(tag)
    if found is None or found.text is None:
        return ""
    return " ".join(str(found.text).split())


def split_aliases(text: str) -> list[tuple[str, str | None]]:
    """(name, language) pairs of an ``Aliases`` field.

    >>> split_aliases("Siarhei Karcheusky, Belarusian: Сяргей Карчэўскi; Russian: Сергей")
    [('Siarhei Karcheusky', None), ('Сяргей Карчэўскi', 'be'), ('Сергей', 'ru')]
    """
    found: list[tuple[str, str | None]] = []
    for part in _ALIAS_SPLIT.split(text.strip()):
        if not part:
            continue
        lang = None
        match = _LANG_PREFIX.match(part)
        if match is not None and match.group(1).lower() in LANGUAGES:
            lang = LANGUAGES[match.group(1).lower()]
            part = match.group(2).strip()
        if part and (part, lang) not in found:
            found.append((part, lang))
    return found


def _record_id(regime: str, schedule: str, item: str, name: str, seen: set[str]) -> str:
    """``belarus_1-part-2_6``; a repeated key gets the slug of the name appended."""
    base = "_".join(slugify(p, sep="-") or "none" for p in (regime, schedule, item))
    if base in seen:
        base = f"{base}_{slugify(name, sep='-') or 'unnamed'}"
    seen.add(base)
    return base


def _entity(record: etree._Element, context: SourceContext, seen: set[str]) -> Entity:
    line = record.sourceline
    country_field = _text(record, "Country")
    regime = english(country_field)
    last, given = _text(record, "LastName"), _text(record, "GivenName")
    org = _text(record, "EntityOrShip")
    imo = _text(record, "ShipIMONumber")
    if last or given:
        etype = EntityType.PERSON
        primary = " ".join(p for p in (given, last) if p)
    elif org:
        etype = EntityType.VESSEL if imo else EntityType.ORGANIZATION
        primary = org
    else:
        raise context.error("record without a name", line=line, field="LastName/EntityOrShip")
    if not regime:
        raise context.error("record without Country", line=line, field="Country")
    record_id = _record_id(regime, _text(record, "Schedule"), _text(record, "Item"), primary, seen)
    entity = Entity(
        id=context.make_id(record_id),
        source=context.source,
        record_id=record_id,
        type=etype,
        names=[Name(primary, NameQuality.PRIMARY, name_script(primary), kind="primary")],
        provenance=context.provenance(record_id, f"{context.path.name}:{line}"),
        programs=[regime],
    )
    entity.remarks.append(f"Country: {country_field}")
    schedule, item = _text(record, "Schedule"), _text(record, "Item")
    entity.remarks.append(f"Schedule {schedule}, item {item}")
    if code := country_code(regime):
        entity.countries.append(code)
    for alias, lang in split_aliases(_text(record, "Aliases")):
        if alias != primary:
            entity.names.append(Name(alias, NameQuality.STRONG, name_script(alias), lang, "aka"))
    title = _text(record, "TitleOrShip")
    born = _text(record, "DateOfBirthOrShipBuildDate")
    if etype is EntityType.VESSEL:
        if title:
            entity.remarks.append(f"Ship type: {title}")
        if born:
            entity.remarks.append(f"Build date: {born}")
        value = normalise_identifier(IdScheme.IMO, imo)
        if not is_valid_imo(value):
            context.warn(f"line {line}: IMO number {imo!r} fails its check digit")
        entity.identifiers.append(Identifier(IdScheme.IMO, value, original=imo))
    else:
        if title:
            entity.remarks.append(f"Title: {title}")
        if born:
            if _ISO_DATE.match(born):
                entity.birth_dates.append(born)
            else:
                entity.remarks.append(f"Date of birth: {born}")
    listed = _text(record, "DateOfListing")
    if listed:
        try:
            entity.listed_on = date.fromisoformat(listed[:10])
        except ValueError as exc:
            raise context.error(
                f"DateOfListing is not a date: {listed!r}", line=line, field="DateOfListing"
            ) from exc
    return entity
