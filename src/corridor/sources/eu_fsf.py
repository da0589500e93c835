"""The EU consolidated financial sanctions list (Financial Sanctions Files, XML "1.1" export).

Root ``export`` (namespace ``http://eu.europa.ec/fpi/fsd/export``) with ``generationDate``; one
``sanctionEntity`` per entry (attributes ``logicalId``, ``euReferenceNumber``,
``designationDate``, ``unitedNationId``) holding ``regulation`` (``programme``,
``publicationDate``, ``entryIntoForceDate``, ``numberTitle``), ``subjectType`` (``code``
``person``/``enterprise``), ``nameAlias`` (``wholeName``, ``firstName``, ``lastName``,
``nameLanguage``, ``strong``, ``function``, ``title``), ``citizenship``, ``birthdate``,
``address``, ``identification`` (``identificationTypeCode``, ``number``) and ``remark``. Values sit
in attributes, remarks in text.

No real file could be obtained for this project (see ``data/lists/eu_fsf/SOURCES.md``): this
reader follows the published layout. The XML is parsed with defusedxml, streaming; a document
type declaration (the vehicle of entity expansion and external entities) is refused.
"""

from __future__ import annotations

# ElementTree only for its types and ParseError: parsing goes through defusedxml below.
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pycountry
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from corridor.ids import extract_identifiers
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
from corridor.sources.values import full_date, make_identifier, partial_date

NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"

SUBJECT_TYPES = {"person": EntityType.PERSON, "enterprise": EntityType.ORGANIZATION}

ID_TYPES = {
    "passport": IdScheme.PASSPORT,
    "id": IdScheme.NATIONAL_ID,
    "ssn": IdScheme.NATIONAL_ID,
    "regnumber": IdScheme.REGISTRATION,
    "fiscalcode": IdScheme.TAX,
    "tax": IdScheme.TAX,
    "swiftbic": IdScheme.SWIFT,
    "imo": IdScheme.IMO,
}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _texts(element: ET.Element, name: str) -> list[str]:
    return [t.strip() for c in _children(element, name) if (t := c.text or "").strip()]


def _country(element: ET.Element) -> str | None:
    code = (element.get("countryIso2Code") or "").strip().lower()
    if len(code) != 2 or not code.isalpha() or code == "00":
        return None
    return code


def _language(code: str | None) -> str | None:
    if not code:
        return None
    language = pycountry.languages.get(alpha_2=code.lower())
    return None if language is None else str(language.alpha_3)


def _is_true(value: str | None) -> bool:
    return (value or "").strip().lower() in {"true", "1", "yes"}


def _names(entry: ET.Element) -> tuple[list[Name], list[str]]:
    names: list[Name] = []
    remarks: list[str] = []
    for alias in _children(entry, "nameAlias"):
        whole = (alias.get("wholeName") or "").strip()
        if not whole:
            parts = [alias.get(k) for k in ("firstName", "middleName", "lastName")]
            whole = " ".join(p.strip() for p in parts if p and p.strip())
        if not whole:
            continue
        if not _is_true(alias.get("strong")):
            quality = NameQuality.WEAK
        elif any(n.quality is NameQuality.PRIMARY for n in names):
            quality = NameQuality.STRONG
        else:
            quality = NameQuality.PRIMARY
        lang = _language(alias.get("nameLanguage"))
        names.append(Name(whole, quality, script=name_script(whole), lang=lang, kind="alias"))
        for key in ("function", "title"):
            value = (alias.get(key) or "").strip()
            if value and f"{key}: {value}" not in remarks:
                remarks.append(f"{key}: {value}")
        remarks += _texts(alias, "remark")
    return names, remarks


def _identifiers(entry: ET.Element) -> list[Identifier]:
    found: list[Identifier] = []
    for node in _children(entry, "identification"):
        number = (node.get("number") or node.get("latinNumber") or "").strip()
        if not number:
            continue
        code = (node.get("identificationTypeCode") or "").strip().lower()
        identifier = make_identifier(ID_TYPES.get(code, IdScheme.OTHER), number, _country(node))
        if identifier is not None and identifier not in found:
            found.append(identifier)
    return found


def _addresses(entry: ET.Element) -> list[Address]:
    addresses = []
    for node in _children(entry, "address"):
        keys = ("street", "poBox", "zipCode", "city", "place", "region", "countryDescription")
        parts = [v.strip() for k in keys if (v := node.get(k)) and v.strip() != "UNKNOWN"]
        if parts:
            addresses.append(Address(full=", ".join(parts), country=_country(node)))
    return addresses


def _birth_dates(entry: ET.Element) -> list[str]:
    dates: list[str] = []
    for node in _children(entry, "birthdate"):
        value = partial_date(node.get("birthdate"))
        if value is None and node.get("year"):
            month = node.get("monthOfYear") or "0"
            day = node.get("dayOfMonth") or "0"
            value = partial_date(f"{day}/{month}/{node.get('year')}")
        if value is not None and value not in dates:
            dates.append(value)
    return dates


def _entity(entry: ET.Element, context: SourceContext) -> Entity:
    logical_id = (entry.get("logicalId") or "").strip()
    if not logical_id:
        raise context.error("sanctionEntity without logicalId", field="logicalId")
    subject = _children(entry, "subjectType")
    code = subject[0].get("code", "") if subject else ""
    names, remarks = _names(entry)
    if not names:
        raise context.error(f"sanctionEntity {logical_id} has no name", field="nameAlias")
    programs: list[str] = []
    starts: list[date] = []
    reference = entry.get("euReferenceNumber")
    if reference:
        remarks.insert(0, f"EU reference number: {reference}")
    for regulation in _children(entry, "regulation"):
        programme = (regulation.get("programme") or "").strip()
        if programme and programme not in programs:
            programs.append(programme)
        title = regulation.get("numberTitle")
        if title:
            remarks.append(f"regulation: {title}")
        in_force = full_date(regulation.get("entryIntoForceDate"))
        starts += [in_force] if in_force is not None else []
    designated = full_date(entry.get("designationDate"))
    starts += [designated] if designated is not None else []
    entry_remarks = _texts(entry, "remark")
    remarks += entry_remarks
    identifiers = _identifiers(entry)
    for text in entry_remarks:
        identifiers += [i for i in extract_identifiers(text) if i not in identifiers]
    nationalities = sorted(
        {c for n in _children(entry, "citizenship") if (c := _country(n)) is not None}
    )
    addresses = _addresses(entry)
    countries = {*nationalities, *(a.country for a in addresses if a.country)}
    countries |= {i.country for i in identifiers if i.country}
    return Entity(
        id=context.make_id(logical_id),
        source=context.source,
        record_id=logical_id,
        type=SUBJECT_TYPES.get(code, EntityType.UNKNOWN),
        names=names,
        provenance=context.provenance(logical_id, span=f"sanctionEntity logicalId={logical_id}"),
        identifiers=identifiers,
        countries=sorted(countries),
        nationalities=nationalities,
        addresses=addresses,
        birth_dates=_birth_dates(entry),
        programs=programs,
        remarks=remarks,
        listed_on=min(starts) if starts else None,
    )


def parse(path: Path, context: SourceContext) -> Iterator[Entity]:
    """Stream the ``sanctionEntity`` elements of an FSF XML export."""
    if path.stat().st_size == 0:
        raise context.error("empty file: no XML", line=1)
    root: ET.Element | None = None
    count = 0
    try:
        for event, element in iterparse(str(path), events=("start", "end"), forbid_dtd=True):
            if root is None:
                root = element
                if _local(root.tag) != "export":
                    raise context.error(f"not an EU FSF export: root element is {root.tag}")
                generated = root.get("generationDate")
                if generated:
                    context.set_published(to_datetime(generated))
                continue
            if event == "end" and _local(element.tag) == "sanctionEntity":
                count += 1
                yield _entity(element, context)
                element.clear()
    except ET.ParseError as exc:
        line, _ = exc.position
        raise context.error(f"malformed XML: {exc}", line=line) from exc
    except DefusedXmlException as exc:
        raise context.error(f"refused XML (DTD or entities are not allowed): {exc}") from exc
    if count == 0:
        raise context.error("no sanctionEntity in the export")
