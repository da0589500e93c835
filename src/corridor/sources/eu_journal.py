"""The EU Belarus regime's annexes as OpenSanctions transcribes them from the Official Journal.

One CSV row per annex entry of Council Regulation (EC) 765/2006 (header row; columns ``celex``,
``recordId``, ``programKey``, ``annex``, ``measure``, ``startDate`` as ``d.m.yyyy``, ``reason``,
``schema``, ``name``, ``alias``, ``weakAlias``, ``previousName``, ``nationality``, ``birthDate``,
identifier columns, ``address``...). Multiple values in one cell are joined by ``"; "``.

The helpers :func:`partial_date`, :func:`make_names` and :func:`make_identifier` are shared by
the other parsers of this family (UK, EU FSF, FtM).
"""

from __future__ import annotations

import calendar
import csv
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from normality import slugify

from corridor.ids import normalise_identifier
from corridor.ids.countries import country_code
from corridor.ids.script import name_script
from corridor.model import Address, Entity, EntityType, Identifier, IdScheme, Name, NameQuality
from corridor.sources.context import SourceContext

REQUIRED = ("programKey", "annex", "schema", "name", "startDate")

SCHEMA_TYPES = {
    "Person": EntityType.PERSON,
    "LegalEntity": EntityType.ORGANIZATION,
    "Organization": EntityType.ORGANIZATION,
    "Company": EntityType.ORGANIZATION,
    "Vessel": EntityType.VESSEL,
    "Airplane": EntityType.AIRCRAFT,
}

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

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_TEXT_DATE = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PAREN = re.compile(r"^(.*?)\s*\(([^()]+)\)$")
_NOTE = re.compile(r"\(([^():]*spelling[^():]*):\s*([^()]+)\)", re.IGNORECASE)


def partial_date(text: str | None) -> str | None:
    """A date as written in a list, as an ISO string keeping its precision.

    Zeros stand for unknown parts (``00/00/1955`` is ``1955``); returns None for blank or
    unreadable text.

    >>> partial_date("2.12.2021"), partial_date("00/08/1955"), partial_date("20 March 2022")
    ('2021-12-02', '1955-08', '2022-03-20')
    >>> partial_date("1996"), partial_date("1971-01-22T00:00:00"), partial_date("soon")
    ('1996', '1971-01-22', None)
    """
    if text is None:
        return None
    value = text.strip()
    day: int | str
    month: int | str
    match = _DMY.match(value)
    if match is not None:
        day, month, year = (int(g) for g in match.groups())
    elif (match := _TEXT_DATE.match(value)) is not None:
        day, year = int(match.group(1)), int(match.group(3))
        month = _MONTHS.get(match.group(2).lower(), -1)
    elif (match := _ISO.match(value)) is not None:
        year = int(match.group(1))
        month = int(match.group(2) or 0)
        day = int(match.group(3) or 0)
    else:
        return None
    if not 1000 <= year <= 2999 or not 0 <= month <= 12:
        return None
    if month == 0:
        return f"{year:04d}"
    if day == 0:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def full_date(text: str | None) -> date | None:
    """A complete calendar date, or None when the text gives less (or nothing)."""
    value = partial_date(text)
    if value is None or len(value) != 10:
        return None
    return date.fromisoformat(value)


def split_values(text: str | None, sep: str = ";") -> list[str]:
    """The values of a multi-valued cell, stripped, blanks dropped."""
    if text is None:
        return []
    return [v.strip() for v in text.split(sep) if v.strip()]


def make_identifier(scheme: IdScheme, value: str, country: str | None = None) -> Identifier | None:
    """A typed identifier with its normalised value; None when nothing is left."""
    original = value.strip()
    normalised = normalise_identifier(scheme, original)
    if not normalised:
        return None
    return Identifier(scheme=scheme, value=normalised, original=original, country=country)


def name_forms(value: str) -> list[str]:
    """The forms one written name stands for, itself first.

    A bracketed variant (``A (B)``) and slash-joined names (``A / B``) yield each part; notes
    such as ``(Russian spelling: X)`` yield ``X`` and are cut from the name, splitting what is
    left on `` or ``.

    >>> name_forms("Kirsanova (Russian spelling: Кирсанова) or Selyun (Russian spelling: Селюн)")
    ['Kirsanova', 'Selyun', 'Кирсанова', 'Селюн']
    >>> name_forms("Dmitri PAVLICHENKO (Dmitriy PAVLICHENKO)")
    ['Dmitri PAVLICHENKO (Dmitriy PAVLICHENKO)', 'Dmitri PAVLICHENKO', 'Dmitriy PAVLICHENKO']
    """
    noted = [m.group(2).strip() for m in _NOTE.finditer(value)]
    if noted:
        rest = _NOTE.sub(" ", value)
        forms = [" ".join(p.split()) for p in re.split(r"\s+or\s+", rest) if p.strip()]
        return list(dict.fromkeys(forms + noted))
    forms = [value]
    match = _PAREN.match(value)
    if match is not None and match.group(1):
        forms += [match.group(1).strip(), match.group(2).strip()]
    if " / " in value:
        forms += [p.strip() for p in value.split(" / ") if p.strip()]
    return list(dict.fromkeys(forms))


def make_names(values: Iterable[str], quality: NameQuality, kind: str) -> list[Name]:
    """Names with their script, one per form of each value (see :func:`name_forms`)."""
    names: list[Name] = []
    for value in values:
        for form in name_forms(value):
            names.append(Name(value=form, quality=quality, script=name_script(form), kind=kind))
    return names


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
        type=SCHEMA_TYPES.get(row["schema"].strip(), EntityType.UNKNOWN),
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
