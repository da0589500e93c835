"""UN Security Council Consolidated List (XML, ``<CONSOLIDATED_LIST dateGenerated=...>``).

One ``INDIVIDUAL`` or ``ENTITY`` per listing, keyed by ``DATAID``. Names are split over
``FIRST_NAME`` to ``FOURTH_NAME``; ``NAME_ORIGINAL_SCRIPT`` holds the name in its own script
(Arabic for many entries); alias ``QUALITY`` is ``Good``, ``Low``, ``a.k.a.`` or ``f.k.a.``
(``Low`` aliases are weak). ``UN_LIST_TYPE`` is the programme, ``REFERENCE_NUMBER`` the UN's
own reference (``QDi.001``), ``LISTED_ON`` the listing date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from lxml import etree

from corridor.ids import normalise_identifier
from corridor.ids.countries import country_code
from corridor.ids.script import name_script
from corridor.model import (
    Address,
    Entity,
    EntityType,
    Identifier,
    IdScheme,
    Name,
    NameQuality,
    to_datetime,
)
from corridor.sources.context import SourceContext
from corridor.sources.xmlsafe import local_name, read_xml, xml_file

ROOT = "CONSOLIDATED_LIST"
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
QUALITIES: dict[str, tuple[NameQuality, str | None]] = {
    "good": (NameQuality.STRONG, "aka"),
    "low": (NameQuality.WEAK, "aka"),
    "a.k.a.": (NameQuality.STRONG, "aka"),
    "f.k.a.": (NameQuality.STRONG, "fka"),
    "": (NameQuality.STRONG, "aka"),
}
DOCUMENTS = {
    "passport": IdScheme.PASSPORT,
    "número de pasaporte": IdScheme.PASSPORT,
    "numéro de passeport": IdScheme.PASSPORT,
    "national identification number": IdScheme.NATIONAL_ID,
    "national identification": IdScheme.NATIONAL_ID,
}


def parse(path: Path, context: SourceContext) -> Iterator[Entity]:
    """Entities of a UN consolidated list XML file."""
    path = xml_file(path, context)
    root = read_xml(path, context)
    if local_name(root) != ROOT or etree.QName(root).namespace is not None:
        raise context.error(
            f"not a UN Security Council consolidated list: root element is <{local_name(root)}>"
        )
    if generated := root.get("dateGenerated"):
        context.set_published(to_datetime(generated))
    for section, tag, etype in (
        ("INDIVIDUALS", "INDIVIDUAL", EntityType.PERSON),
        ("ENTITIES", "ENTITY", EntityType.ORGANIZATION),
    ):
        for node in root.iterfind(f"{section}/{tag}"):
            yield _entity(node, tag, etype, context)


def _text(node: etree._Element, path: str) -> str:
    found = node.find(path)
    if found is None or found.text is None:
        return ""
    return " ".join(str(found.text).split())


def _values(node: etree._Element, path: str) -> list[str]:
    return [" ".join(str(v.text).split()) for v in node.iterfind(path) if v.text and v.text.strip()]


def _name(value: str, quality: NameQuality, kind: str | None) -> Name:
    return Name(value=value, quality=quality, script=name_script(value), kind=kind)


def _entity(node: etree._Element, tag: str, etype: EntityType, context: SourceContext) -> Entity:
    dataid = _text(node, "DATAID")
    if not dataid:
        raise context.error(f"{tag} without DATAID", line=node.sourceline)
    primary = " ".join(p for p in (_text(node, part) for part in NAME_PARTS) if p)
    if not primary:
        raise context.error(f"{tag} {dataid} has no name", line=node.sourceline, field="FIRST_NAME")
    entity = Entity(
        id=context.make_id(dataid),
        source=context.source,
        record_id=dataid,
        type=etype,
        names=[_name(primary, NameQuality.PRIMARY, "primary")],
        provenance=context.provenance(dataid, f"{context.path.name}:{node.sourceline}"),
        programs=_values(node, "UN_LIST_TYPE"),
    )
    if original := _text(node, "NAME_ORIGINAL_SCRIPT"):
        entity.names.append(_name(original, NameQuality.STRONG, "original_script"))
    for alias in node.iterfind(f"{tag}_ALIAS"):
        value = _text(alias, "ALIAS_NAME")
        if not value:
            continue
        quality, kind = QUALITIES.get(_text(alias, "QUALITY").lower(), (NameQuality.STRONG, None))
        entity.names.append(_name(value, quality, kind))
    if reference := _text(node, "REFERENCE_NUMBER"):
        entity.identifiers.append(
            Identifier(IdScheme.OTHER, normalise_identifier(IdScheme.OTHER, reference), reference)
        )
    if listed := _text(node, "LISTED_ON"):
        entity.listed_on = date.fromisoformat(listed[:10])
    for nationality in _values(node, "NATIONALITY/VALUE"):
        code = country_code(nationality)
        if code and code not in entity.nationalities:
            entity.nationalities.append(code)
    for label in ("TITLE", "DESIGNATION"):
        for value in _values(node, f"{label}/VALUE"):
            entity.remarks.append(f"{label.title()}: {value}")
    for comment in _values(node, "COMMENTS1"):
        entity.remarks.append(comment)
    _addresses(node, tag, entity)
    _birth_dates(node, tag, entity)
    _documents(node, tag, entity)
    return entity


def _addresses(node: etree._Element, tag: str, entity: Entity) -> None:
    for address in node.iterfind(f"{tag}_ADDRESS"):
        parts = [_text(address, p) for p in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE")]
        country_name = _text(address, "COUNTRY")
        full = ", ".join(p for p in [*parts, country_name] if p)
        code = country_code(country_name)
        if full:
            entity.addresses.append(Address(full=full, country=code))
        if code and code not in entity.countries:
            entity.countries.append(code)


def _birth_dates(node: etree._Element, tag: str, entity: Entity) -> None:
    for dob in node.iterfind(f"{tag}_DATE_OF_BIRTH"):
        values = [_text(dob, "DATE")[:10], _text(dob, "YEAR")]
        values += [_text(dob, "FROM_YEAR"), _text(dob, "TO_YEAR")]
        for value in values:
            if value and value not in entity.birth_dates:
                entity.birth_dates.append(value)


def _documents(node: etree._Element, tag: str, entity: Entity) -> None:
    for doc in node.iterfind(f"{tag}_DOCUMENT"):
        number = _text(doc, "NUMBER")
        if not number:
            continue
        scheme = DOCUMENTS.get(_text(doc, "TYPE_OF_DOCUMENT").lower(), IdScheme.OTHER)
        country = country_code(_text(doc, "ISSUING_COUNTRY") or _text(doc, "COUNTRY_OF_ISSUE"))
        value = normalise_identifier(scheme, number)
        if value:
            entity.identifiers.append(Identifier(scheme, value, original=number, country=country))
