"""The EU Belarus regime's annexes as OpenSanctions transcribes them from the Official Journal.

One CSV row per annex entry of Council Regulation (EC) 765/2006 (header row; columns ``celex``,
``recordId``, ``programKey``, ``annex``, ``measure``, ``startDate`` as ``d.m.yyyy``, ``reason``,
``schema``, ``name``, ``alias``, ``weakAlias``, ``previousName``, ``nationality``, ``birthDate``,
identifier columns, ``address``...). Multiple values in one cell are joined by ``"; "``.

Value helpers (dates, names, identifiers) live in :mod:`corridor.sources.values`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from normality import slugify

from corridor.ids.countries import country_code
from corridor.model import Address, Entity, EntityType, IdScheme, NameQuality
from corridor.sources.context import SourceContext
from corridor.sources.ftm_mapping import entity_type
from corridor.sources.values import (
    full_date,
    make_identifier,
    make_names,
    partial_date,
    split_values,
)

REQUIRED = ("programKey", "annex", "schema", "name", "startDate")

ID_COLUMNS = {
    "registrationNumber": IdScheme.REGISTRATION,
    "ogrnCode": IdScheme.REGISTRATION,
    "okpoCode": IdScheme.REGISTRATION,
    "taxNumber": IdScheme.TAX,
    "innCode": IdScheme.TAX,
    "idNumber": IdScheme.NATIONAL_ID,
    "passportNumber": IdScheme.PASSPORT,
    "imoNumber": IdScheme.IMO,
    "mmsi": IdScheme.MMSI,
    "swiftBic": IdScheme.SWIFT,
    "leiCode": IdScheme.OTHER,
}


def _type(schema: str) -> EntityType:
    """The FtM type of the row's schema; a ``LegalEntity`` of these annexes is an organisation:
    the Regulation lists natural persons apart from "legal persons, entities and bodies", so
    the transcription's LegalEntity never means "person or organisation, unknown" here."""
    kind = entity_type(schema) or EntityType.UNKNOWN
    if kind is EntityType.UNKNOWN and schema == "LegalEntity":
        return EntityType.ORGANIZATION
    return kind


def _record_id(row: dict[str, str]) -> str:
    record = row.get("recordId", "").strip()
    annex = row["annex"].strip()
    if record:
        return f"{annex}-{record}"
    return f"{annex}-{slugify(row['name']) or 'unnamed'}"


def _entity(row: dict[str, str], line: int, context: SourceContext) -> Entity:
    if not row["name"].strip():
        raise context.error("entry without a name", line=line, field="name")
    record_id = _record_id(row)
    names = make_names([row["name"].strip()], NameQuality.PRIMARY, "primary")
    names += make_names(split_values(row.get("alias")), NameQuality.STRONG, "alias")
    names += make_names(split_values(row.get("weakAlias")), NameQuality.WEAK, "weak")
    names += make_names(split_values(row.get("previousName")), NameQuality.STRONG, "previous")
    nationalities = [
        code
        for value in split_values(row.get("nationality"), ",")
        if (code := country_code(value)) is not None
    ]
    addresses = []
    for value in split_values(row.get("address")):
        country = country_code(value.rsplit(",", 1)[-1])
        addresses.append(Address(full=value, country=country))
    identifiers = []
    for column, scheme in ID_COLUMNS.items():
        for value in split_values(row.get(column)):
            for part in re.split(r"\s+and\s+|,\s*", value):
                identifier = make_identifier(scheme, part)
                if identifier is not None:
                    identifiers.append(identifier)
    remarks = [f"{row.get('measure', '').strip()} (annex {row['annex'].strip()})"]
    remarks += split_values(row.get("reason"), "\n")
    for column in ("position", "legalForm", "notes"):
        remarks += [f"{column}: {value}" for value in split_values(row.get(column))]
    incorporated = partial_date(row.get("incorporationDate"))
    if incorporated is not None:
        remarks.append(f"incorporated: {incorporated}")
    countries = sorted({*nationalities, *(a.country for a in addresses if a.country)})
    birth = [d for v in split_values(row.get("birthDate")) if (d := partial_date(v)) is not None]
    program = row["programKey"].strip()
    return Entity(
        id=context.make_id(record_id),
        source=context.source,
        record_id=record_id,
        type=_type(row["schema"].strip()),
        names=names,
        provenance=context.provenance(record_id, span=f"row {line}"),
        identifiers=identifiers,
        countries=countries,
        nationalities=sorted(set(nationalities)),
        addresses=addresses,
        birth_dates=birth,
        programs=[program, f"{program}/{row['annex'].strip()}"],
        remarks=[r for r in remarks if r],
        listed_on=full_date(row.get("startDate")),
    )


def parse(path: Path, context: SourceContext) -> Iterator[Entity]:
    """Read the annex transcription CSV; one entity per row (rows are annex entries)."""
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise context.error(
                f"not an EU journal annex CSV: missing columns {', '.join(missing)}", line=1
            )
        seen: set[str] = set()
        for row in reader:
            line = reader.line_num
            if None in row or any(v is None for v in row.values()):
                raise context.error("row has the wrong number of fields", line=line)
            entity = _entity(row, line, context)
            if entity.record_id in seen:
                raise context.error(f"duplicate entry {entity.record_id}", line=line)
            seen.add(entity.record_id)
            yield entity
