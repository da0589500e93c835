"""The OFAC SDN XML (``sdn.xml``, ``consolidated.xml``), read without DTDs or entities."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from corridor.ids import normalise_identifier
from corridor.ids.countries import country_code
from corridor.model import (
    Address,
    Entity,
    EntityType,
    Identifier,
    IdScheme,
    NameQuality,
    to_datetime,
)
from corridor.sources.context import SourceContext
from corridor.sources.ofac_common import (
    ALIAS_KINDS,
    OFAC_NS,
    TYPES,
    add_id,
    add_registration,
    apply_remarks,
    ofac_date,
    ofac_name,
    path_name,
    resolve_links,
)
from corridor.sources.xmlsafe import local_name, read_xml

# --- XML ---------------------------------------------------------------------------------


def _text(parent: etree._Element, tag: str) -> str:
    found = parent.find(f"{{{OFAC_NS}}}{tag}")
    if found is None or found.text is None:
        return ""
    return str(found.text).strip()


def _all(parent: etree._Element, path: str) -> list[etree._Element]:
    steps = "/".join(f"{{{OFAC_NS}}}{step}" for step in path.split("/"))
    return list(parent.findall(steps))


_XML_IDS = {
    "Tax ID No.": IdScheme.TAX,
    "Registration ID": IdScheme.REGISTRATION,
    "Registration Number": IdScheme.REGISTRATION,
    "Public Registration Number": IdScheme.REGISTRATION,
    "Unified Social Credit Code (USCC)": IdScheme.REGISTRATION,
    "Government Gazette Number": IdScheme.REGISTRATION,
    "SWIFT/BIC": IdScheme.SWIFT,
    "Passport": IdScheme.PASSPORT,
    "National ID No.": IdScheme.NATIONAL_ID,
    "IMO": IdScheme.IMO,
    "Vessel Registration Identification": IdScheme.IMO,
    "MMSI": IdScheme.MMSI,
    "Aircraft Tail Number": IdScheme.AIRCRAFT_REGISTRATION,
    "Aircraft Manufacturer's Serial Number (MSN)": IdScheme.AIRCRAFT_SERIAL,
}


def parse_xml(path: Path, context: SourceContext) -> Iterator[Entity]:
    """Entities of an OFAC XML file (``<sdnList>`` in the OFAC namespace)."""
    root = read_xml(path, context)
    if etree.QName(root).namespace != OFAC_NS or local_name(root) != "sdnList":
        raise context.error(
            f"not an OFAC SDN XML file: root element is <{local_name(root)}>"
            f" in namespace {etree.QName(root).namespace!r}"
        )
    for info in _all(root, "publshInformation"):
        if published := _text(info, "Publish_Date"):
            context.set_published(to_datetime(published))
    entities = [_xml_entity(entry, context) for entry in _all(root, "sdnEntry")]
    resolve_links(entities)
    yield from entities


def _xml_person_name(node: etree._Element) -> str:
    return ", ".join(p for p in (_text(node, "lastName"), _text(node, "firstName")) if p)


def _xml_entity(entry: etree._Element, context: SourceContext) -> Entity:
    uid = _text(entry, "uid")
    if not uid:
        raise context.error("sdnEntry without uid", line=entry.sourceline)
    etype = TYPES.get(_text(entry, "sdnType").lower(), EntityType.UNKNOWN)
    entity = Entity(
        id=context.make_id(uid),
        source=context.source,
        record_id=uid,
        type=etype,
        names=[ofac_name(_xml_person_name(entry), NameQuality.PRIMARY, "primary")],
        provenance=context.provenance(uid, f"{path_name(context)}:{entry.sourceline}"),
        programs=[p.text.strip() for p in _all(entry, "programList/program") if p.text],
    )
    if title := _text(entry, "title"):
        entity.remarks.append(f"Title: {title}")
    for aka in _all(entry, "akaList/aka"):
        quality = NameQuality.WEAK if _text(aka, "category") == "weak" else NameQuality.STRONG
        kind = ALIAS_KINDS.get(_text(aka, "type").lower())
        if value := _xml_person_name(aka):
            entity.names.append(ofac_name(value, quality, kind))
    for item in _all(entry, "dateOfBirthList/dateOfBirthItem"):
        if (dob := ofac_date(_text(item, "dateOfBirth"))) and dob not in entity.birth_dates:
            entity.birth_dates.append(dob)
    for nat in [
        *_all(entry, "nationalityList/nationality"),
        *_all(entry, "citizenshipList/citizenship"),
    ]:
        code = country_code(_text(nat, "country"))
        if code and code not in entity.nationalities:
            entity.nationalities.append(code)
    for addr in _all(entry, "addressList/address"):
        parts = [
            _text(addr, t)
            for t in (
                "address1",
                "address2",
                "address3",
                "city",
                "stateOrProvince",
                "postalCode",
                "country",
            )
        ]
        full = ", ".join(p for p in parts if p)
        code = country_code(_text(addr, "country"))
        if full:
            entity.addresses.append(Address(full=full, country=code))
        if code and code not in entity.countries:
            entity.countries.append(code)
    for ident in _all(entry, "idList/id"):
        scheme = _XML_IDS.get(_text(ident, "idType"))
        number = _text(ident, "idNumber")
        if scheme is None or not number:
            continue
        country = country_code(_text(ident, "idCountry"))
        add_id(
            entity,
            Identifier(
                scheme, normalise_identifier(scheme, number), original=number, country=country
            ),
        )
        if country and country not in entity.countries:
            entity.countries.append(country)
    vessel = entry.find(f"{{{OFAC_NS}}}vesselInfo")
    if vessel is not None:
        if call_sign := _text(vessel, "callSign"):
            add_id(
                entity,
                Identifier(
                    IdScheme.CALL_SIGN,
                    normalise_identifier(IdScheme.CALL_SIGN, call_sign),
                    original=call_sign,
                ),
            )
        if (flag := country_code(_text(vessel, "vesselFlag"))) and flag not in entity.countries:
            entity.countries.append(flag)
        if owner := _text(vessel, "vesselOwner"):
            entity.links.setdefault("owner", []).append(owner)
    if etype is EntityType.AIRCRAFT:
        add_registration(entity, entity.caption)
    apply_remarks(entity, _text(entry, "remarks"))
    return entity
