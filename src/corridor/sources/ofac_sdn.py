"""US OFAC SDN list: the legacy CSV folder and the XML (``sdn.xml``, ``consolidated.xml``).

The CSV folder holds four files without header rows, joined on ``ent_num``:

- ``sdn.csv``: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
  Vess_flag, Vess_owner, Remarks
- ``add.csv``: ent_num, add_num, Address, City/State/Province/Postal Code, Country, Add_remarks
- ``alt.csv``: ent_num, alt_num, alt_type (aka/fka/nka), alt_name, alt_remarks
- ``sdn_comments.csv``: ent_num, continuation of Remarks

Quirks handled: the null ``-0- ``, a last line holding only 0x1A (DOS end of file), programs
joined by ``] [``, aircraft as their own records whose facts (model, MSN, "Linked To:") live in
the Remarks, weak aliases in quotes in the Remarks (``a.k.a. 'ANA I'``).

``parse`` takes the folder, ``sdn.csv`` inside it, or an XML file (or a folder holding one). The CSV files state no
publication date: a folder named ``YYYY-MM-DD`` gives it (:func:`corridor.sources.values.date_from_folder`). XML is read with
:func:`corridor.sources.xmlsafe.read_xml`, which refuses DTDs and entities (billion laughs, external entities).
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from corridor.exc import InvalidData
from corridor.ids import extract_identifiers, normalise_identifier
from corridor.ids.aircraft import find_mark
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
from corridor.sources.values import date_from_folder
from corridor.sources.xmlsafe import local_name, read_xml, xml_file

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

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_DOB = re.compile(r"^(?:circa\s+)?(?:(\d{1,2})\s+)?(?:([A-Za-z]{3})[a-z]*\s+)?(\d{4})$")
_REMARK_ALIAS = re.compile(r"^(?:alt\.\s+)?([afn]\.k\.a\.),?\s+'([^']+)'$")
_CUT_DOT = re.compile(r"\.$")


# --- entry point -------------------------------------------------------------------------


def parse(path: Path, context: SourceContext) -> Iterator[Entity]:
    """Entities of an OFAC CSV folder (or its ``sdn.csv``) or of an OFAC XML file."""
    if path.is_file() and path.suffix.lower() == ".xml":
        yield from parse_xml(path, context)
        return
    folder = path if path.is_dir() else path.parent
    sdn = _find(folder, "sdn.csv")
    if sdn is None and path.is_dir() and any(p.suffix.lower() == ".xml" for p in path.iterdir()):
        yield from parse_xml(xml_file(path, context), context)
        return
    if sdn is None:
        raise context.error("no sdn.csv in this folder: not an OFAC SDN CSV snapshot")
    date_from_folder(folder, context)
    yield from parse_csv(folder, sdn, context)


def _find(folder: Path, name: str) -> Path | None:
    for candidate in folder.iterdir():
        if candidate.is_file() and candidate.name.lower() == name:
            return candidate
    return None


# --- CSV ---------------------------------------------------------------------------------


def _rows(path: Path, context: SourceContext, width: int) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of a headerless OFAC CSV; nulls become ``""``; the 0x1A line is skipped."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidData.at(
            f"not ASCII/UTF-8 text: {exc.reason}", file=str(path), line=line
        ) from exc
    if text.lstrip().startswith("<"):
        raise InvalidData.at("XML or HTML, not an OFAC CSV file", file=str(path))
    reader = csv.reader(io.StringIO(text, newline=""))
    for cells in reader:
        if not cells or cells == [EOF_MARK] or (len(cells) == 1 and not cells[0].strip()):
            continue
        line = reader.line_num
        if len(cells) != width:
            raise InvalidData.at(
                f"expected {width} columns, found {len(cells)} "
                "(truncated file, or not an OFAC file?)",
                file=str(path),
                line=line,
            )
        if not cells[0].strip().isdigit():
            raise InvalidData.at(
                f"first column is not an ent_num: {cells[0][:40]!r}", file=str(path), line=line
            )
        yield line, ["" if c.strip() == NULL else c.strip() for c in cells]


def parse_csv(folder: Path, sdn: Path, context: SourceContext) -> Iterator[Entity]:
    """Join the four CSV files of a folder; missing companion files are allowed."""
    aliases: dict[str, list[Name]] = defaultdict(list)
    addresses: dict[str, list[Address]] = defaultdict(list)
    comments: dict[str, str] = defaultdict(str)
    if (alt := _find(folder, "alt.csv")) is not None:
        for _, (ent, _num, kind, name, _rem) in _rows(alt, context, 5):
            if name:
                aliases[ent].append(_name(name, NameQuality.STRONG, ALIAS_KINDS.get(kind.lower())))
    if (add := _find(folder, "add.csv")) is not None:
        for _, (ent, _num, street, city, country, _rem) in _rows(add, context, 6):
            full = ", ".join(p for p in (street, city, country) if p)
            if full:
                addresses[ent].append(Address(full=full, country=country_code(country)))
    if (com := _find(folder, "sdn_comments.csv")) is not None:
        for _, (ent, more) in _rows(com, context, 2):
            comments[ent] += more
    entities = [
        _csv_entity(
            cells,
            aliases.get(cells[0], []),
            addresses.get(cells[0], []),
            comments.get(cells[0], ""),
            context,
            span=f"{sdn.name}:{line}",
        )
        for line, cells in _rows(sdn, context, SDN_COLUMNS)
    ]
    if not entities:
        raise context.error("sdn.csv holds no record")
    resolve_links(entities)
    yield from entities


def resolve_links(entities: list[Entity]) -> None:
    """Add ``linked_to_id``: the ids of the entries a "Linked To:" remark names, when listed."""
    by_name = {e.caption.upper(): e.id for e in entities}
    for entity in entities:
        ids = [
            by_name[n.upper()] for n in entity.links.get("linked_to", []) if n.upper() in by_name
        ]
        if ids:
            entity.links["linked_to_id"] = ids


def _csv_entity(
    cells: list[str],
    aliases: list[Name],
    addresses: list[Address],
    more_remarks: str,
    context: SourceContext,
    span: str,
) -> Entity:
    ent, name, sdn_type, program, title, call_sign, vess_type, tonnage, grt, flag, owner, rem = (
        cells
    )
    etype = TYPES.get(sdn_type.lower() or "entity", EntityType.UNKNOWN)
    entity = Entity(
        id=context.make_id(ent),
        source=context.source,
        record_id=ent,
        type=etype,
        names=[_name(name, NameQuality.PRIMARY, "primary"), *aliases],
        provenance=context.provenance(ent, span),
        programs=split_programs(program),
        addresses=list(addresses),
    )
    if title:
        entity.remarks.append(f"Title: {title}")
    vessel = [
        f"{label}: {v}"
        for label, v in (("Vessel type", vess_type), ("Tonnage", tonnage), ("GRT", grt))
        if v
    ]
    entity.remarks.extend(vessel)
    if call_sign:
        _add_id(
            entity,
            Identifier(
                IdScheme.CALL_SIGN,
                normalise_identifier(IdScheme.CALL_SIGN, call_sign),
                original=call_sign,
            ),
        )
    if flag and (code := country_code(flag)):
        entity.countries.append(code)
    if owner:
        entity.links.setdefault("owner", []).append(owner)
    if etype is EntityType.AIRCRAFT:
        add_registration(entity, name)
    apply_remarks(entity, rem + more_remarks)
    for address in addresses:
        if address.country and address.country not in entity.countries:
            entity.countries.append(address.country)
    return entity


def add_registration(entity: Entity, name: str) -> None:
    """An aircraft entry is filed under its tail number: add it as an identifier, and the
    state of registration (from the nationality mark) to the countries."""
    mark = find_mark(name)
    if mark is None:
        return
    value = normalise_identifier(IdScheme.AIRCRAFT_REGISTRATION, name)
    _add_id(entity, Identifier(IdScheme.AIRCRAFT_REGISTRATION, value, name, mark.country))
    if mark.country not in entity.countries:
        entity.countries.append(mark.country)


def split_programs(text: str) -> list[str]:
    """``"UKRAINE-EO13662] [RUSSIA-EO14024"`` -> both programs."""
    return [p.strip(" []") for p in text.split("] [") if p.strip(" []")]


def _name(value: str, quality: NameQuality, kind: str | None) -> Name:
    return Name(value=value, quality=quality, script=name_script(value), kind=kind)


def _add_id(entity: Entity, ident: Identifier) -> None:
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
    number = _MONTHS.get(month.lower())
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
            entity.names.append(_name(match.group(2), NameQuality.WEAK, kind))
    for ident in extract_identifiers(text):
        _add_id(entity, ident)
        taxish = ident.scheme in (IdScheme.TAX, IdScheme.REGISTRATION)
        if taxish and ident.country and ident.country not in entity.countries:
            entity.countries.append(ident.country)


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
        names=[_name(_xml_person_name(entry), NameQuality.PRIMARY, "primary")],
        provenance=context.provenance(uid, f"{path_name(context)}:{entry.sourceline}"),
        programs=[p.text.strip() for p in _all(entry, "programList/program") if p.text],
    )
    if title := _text(entry, "title"):
        entity.remarks.append(f"Title: {title}")
    for aka in _all(entry, "akaList/aka"):
        quality = NameQuality.WEAK if _text(aka, "category") == "weak" else NameQuality.STRONG
        kind = ALIAS_KINDS.get(_text(aka, "type").lower())
        if value := _xml_person_name(aka):
            entity.names.append(_name(value, quality, kind))
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
        _add_id(
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
            _add_id(
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


def path_name(context: SourceContext) -> str:
    return context.path.name
