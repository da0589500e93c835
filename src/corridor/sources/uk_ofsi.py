"""The UK consolidated list (OFSI "ConList"), as CSV (Windows-1252) or as the Excel export.

Row 1 is a preamble (``Last Updated``, ``dd/mm/yyyy``: the list's publication date), row 2 the
header. Every further row is one name variant; rows sharing a ``Group ID`` are one entry. Names
are split over ``Name 1`` to ``Name 5`` with the surname (or an entity's whole name) in
``Name 6``. The 2022+ layout adds a non-Latin name with its script and language, passport and
national identification numbers, and ``Alias Quality``. ``Other Information`` packs labelled
values as ``(Label):value`` (IMO number, business registration, UK list reference...).
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import pycountry

from corridor.ids import extract_identifiers
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
from corridor.sources.values import full_date, make_identifier, partial_date

REQUIRED = ("Name 6", "Name 1", "Group Type", "Alias Type", "Regime", "Listed On", "Group ID")
NAME_PARTS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
ADDRESS_PARTS = (
    "Address 1",
    "Address 2",
    "Address 3",
    "Address 4",
    "Address 5",
    "Address 6",
    "Post/Zip Code",
    "Country",
)
GROUP_TYPES = {
    "Individual": EntityType.PERSON,
    "Entity": EntityType.ORGANIZATION,
    "Ship": EntityType.VESSEL,
}
PRIMARY_ALIAS_TYPES = {"Primary name", "Prime Alias"}
LABELLED_IDS = {"IMO number": IdScheme.IMO, "Business Reg No": IdScheme.REGISTRATION}

_LABEL = re.compile(r"\(([^()]{2,60})\):")
_NUMBERED = re.compile(r"\(\d+\)")
_YEAR_OR_DATE = re.compile(r"^(?:1[89]\d\d|20\d\d|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})$")
# Bytes and characters a real list never holds: C0 controls other than tab and line breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Row = dict[str, str]
PREAMBLE_MISSING = "not an OFSI ConList: row 1 is not the 'Last Updated' preamble"
T = TypeVar("T")


def labelled_values(text: str) -> list[tuple[str, str]]:
    """The ``(Label):value`` pairs of an ``Other Information`` cell, in order.

    >>> labelled_values("(IMO number):7408873 (Flag of ship):North Korea")
    [('IMO number', '7408873'), ('Flag of ship', 'North Korea')]
    """
    matches = list(_LABEL.finditer(text))
    pairs = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        pairs.append((match.group(1).strip(), text[match.end() : end].strip()))
    return pairs


def numbered_values(text: str) -> list[str]:
    """The items of a ``(1) a (2) b`` cell; the whole text when it is not numbered."""
    return [p.strip() for p in _NUMBERED.split(text) if p.strip()]


def _document_number(text: str) -> str | None:
    """The number in a free-text document cell (``2255278 (Syria)``, ``no 3603251708570001``).

    The first token holding a digit that is not a year or a date: the number comes first.
    """
    for token in (t.strip(".,;:()") for t in text.split()):
        if any(c.isdigit() for c in token) and not _YEAR_OR_DATE.match(token):
            return token
    return None


@lru_cache(maxsize=256)
def _language(name: str) -> str | None:
    if not name:
        return None
    try:
        language = pycountry.languages.lookup(name)
    except LookupError:
        return None
    code = getattr(language, "alpha_3", None)
    return str(code) if code else None


def _csv_rows(path: Path, context: SourceContext) -> Iterator[tuple[int, list[str]]]:
    """Rows of a ConList CSV, decoded by layout.

    The pre-2022 layout is Windows-1252: a file that is valid UTF-8 with non-ASCII bytes was
    re-encoded (or is another file) and is refused. The 2022 layout (with ``Name Non-Latin
    Script``) holds Cyrillic and Arabic names, so it must be UTF-8.
    """
    raw = path.read_bytes()
    head = raw[:4096].split(b"\n", 2)
    if not head[0].removeprefix(b"\xef\xbb\xbf").lstrip(b'"').startswith(b"Last Updated"):
        raise context.error(PREAMBLE_MISSING, line=1)
    is_2022 = len(head) > 1 and b"Name Non-Latin Script" in head[1]
    text = _decode_utf8(raw, context) if is_2022 else _decode_cp1252(raw, context)
    bad = _CONTROL.search(text)
    if bad is not None:
        line = text[: bad.start()].count("\n") + 1
        raise context.error("binary data where text was expected (wrong encoding?)", line=line)
    reader = csv.reader(io.StringIO(text, newline=""))
    for row in reader:
        yield reader.line_num, row


def _decode_utf8(raw: bytes, context: SourceContext) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise context.error(f"not UTF-8 text (byte {exc.start})", line=line) from exc


def _decode_cp1252(raw: bytes, context: SourceContext) -> str:
    try:
        raw.decode("ascii")
    except UnicodeDecodeError:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise context.error(
                "file is UTF-8 but this ConList layout is Windows-1252: wrong file or re-encoded",
                line=raw[: _first_non_ascii(raw)].count(b"\n") + 1,
            ) from None
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise context.error(f"not Windows-1252 text (byte {exc.start})", line=line) from exc


def _first_non_ascii(raw: bytes) -> int:
    return next(i for i, b in enumerate(raw) if b > 0x7F)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def _xlsx_rows(path: Path, context: SourceContext) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    # A file object, not a path: openpyxl refuses paths without an Excel extension, and
    # fetched files are named after their URL.
    with path.open("rb") as handle:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                book = load_workbook(handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError) as exc:
            raise context.error(f"not a readable Excel workbook: {exc}") from exc
        try:
            if "Data" not in book.sheetnames:
                raise context.error(f"no sheet 'Data' (sheets: {', '.join(book.sheetnames)})")
            rows = book["Data"].iter_rows(values_only=True)
            for number, row in enumerate(rows, start=1):
                yield number, [_cell(v) for v in row]
        except (zipfile.BadZipFile, zlib.error, EOFError, SyntaxError) as exc:
            raise context.error(f"damaged Excel workbook: {exc}") from exc
        finally:
            book.close()


def _read_groups(
    rows: Iterator[tuple[int, list[str]]], context: SourceContext
) -> dict[str, list[tuple[int, Row]]]:
    first = next(rows, None)
    if first is None or not first[1] or first[1][0] != "Last Updated":
        raise context.error(PREAMBLE_MISSING, line=1)
    published = full_date(first[1][1] if len(first[1]) > 1 else None)
    if published is None:
        raise context.error("unreadable 'Last Updated' date", line=1, field="Last Updated")
    context.set_published(to_datetime(published))
    second = next(rows, None)
    header = [h.strip() for h in second[1]] if second is not None else []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise context.error(f"missing columns {', '.join(missing)}", line=2)
    groups: dict[str, list[tuple[int, Row]]] = {}
    for number, values in rows:
        if not any(values):
            continue
        if len(values) != len(header):
            raise context.error(
                f"row has {len(values)} fields, header has {len(header)}", line=number
            )
        row = dict(zip(header, values, strict=True))
        group = row["Group ID"]
        if not group.isdigit():
            raise context.error(f"bad Group ID {group!r}", line=number, field="Group ID")
        groups.setdefault(group, []).append((number, row))
    return groups


def _row_names(row: Row) -> list[Name]:
    full = " ".join(" ".join(row[p].split()) for p in NAME_PARTS if row.get(p))
    alias_type = row["Alias Type"]
    quality_text = row.get("Alias Quality", "")
    if alias_type in PRIMARY_ALIAS_TYPES:
        quality, kind = NameQuality.PRIMARY, "primary"
    elif quality_text == "Low quality":
        quality, kind = NameQuality.WEAK, alias_type.lower() or "aka"
    else:
        quality, kind = NameQuality.STRONG, alias_type.lower() or "aka"
    names = []
    if full:
        names.append(Name(value=full, quality=quality, script=name_script(full), kind=kind))
    other = row.get("Name Non-Latin Script", "")
    if other:
        lang = _language(row.get("Non-Latin Script Language", ""))
        strong = NameQuality.WEAK if quality is NameQuality.WEAK else NameQuality.STRONG
        names.append(Name(other, strong, script=name_script(other), lang=lang, kind="non-latin"))
    return names


def _row_identifiers(row: Row) -> list[Identifier]:
    found: list[Identifier | None] = []
    for value in numbered_values(row.get("Passport Number", "")):
        found.append(make_identifier(IdScheme.PASSPORT, value))
    for value in numbered_values(row.get("National Identification Number", "")):
        found.append(make_identifier(IdScheme.NATIONAL_ID, value))
    if "Passport Number" not in row:
        for value in numbered_values(row.get("Passport Details", "")):
            number = _document_number(value)
            found.append(None if number is None else make_identifier(IdScheme.PASSPORT, number))
    for value in numbered_values(row.get("NI Number", "")):
        number = _document_number(value)
        found.append(None if number is None else make_identifier(IdScheme.NATIONAL_ID, number))
    return [i for i in found if i is not None]


def _text_identifiers(other: str) -> list[Identifier]:
    """Codes in ``Other Information``: the labelled ones, then whatever the text names."""
    found: list[Identifier | None] = []
    for label, value in labelled_values(other):
        scheme = LABELLED_IDS.get(label)
        if scheme is not None and value:
            found.append(make_identifier(scheme, value))
    found.extend(extract_identifiers(other))
    return [i for i in found if i is not None]


def _unique(values: Sequence[T]) -> list[T]:
    return list(dict.fromkeys(values))


def _entity(group: str, rows: list[tuple[int, Row]], context: SourceContext) -> Entity:
    first_line, first = rows[0]
    kind = GROUP_TYPES.get(first["Group Type"])
    if kind is None:
        raise context.error(
            f"unknown Group Type {first['Group Type']!r}", line=first_line, field="Group Type"
        )
    names: list[Name] = []
    identifiers: list[Identifier] = []
    addresses: list[Address] = []
    countries: list[str] = []
    nationalities: list[str] = []
    births: list[str] = []
    programs: list[str] = []
    remarks: list[str] = []
    listed: list[date] = []
    for _, row in rows:
        names += _row_names(row)
        identifiers += _row_identifiers(row)
        parts = [row[p] for p in ADDRESS_PARTS if row.get(p)]
        country = country_code(row.get("Country"))
        if parts:
            addresses.append(Address(full=", ".join(parts), country=country))
        countries += [c for c in (country,) if c is not None]
        for value in numbered_values(row.get("Nationality", "")):
            code = country_code(value)
            if code is not None:
                nationalities.append(code)
        other = row.get("Other Information", "")
        for label, value in labelled_values(other):
            if label == "Flag of ship" and (flag := country_code(value)) is not None:
                countries.append(flag)
        births += [b for b in (partial_date(row.get("DOB")),) if b is not None]
        programs.append(row["Regime"])
        remarks += [
            f"{column}: {row[column]}"
            for column in (
                "Title",
                "Position",
                "Passport Details",
                "National Identification Details",
            )
            if row.get(column)
        ]
        if other:
            remarks.append(other)
        listed += [d for d in (full_date(row.get("Listed On")),) if d is not None]
    for other in _unique([r.get("Other Information", "") for _, r in rows]):
        identifiers += _text_identifiers(other)
    if not names:
        raise context.error(f"group {group} has no name", line=first_line, field="Name 6")
    primary = [n for n in names if n.quality is NameQuality.PRIMARY]
    names = _unique(primary + [n for n in names if n.quality is not NameQuality.PRIMARY])
    span = f"row {first_line}" if len(rows) == 1 else f"rows {', '.join(str(n) for n, _ in rows)}"
    return Entity(
        id=context.make_id(group),
        source=context.source,
        record_id=group,
        type=kind,
        names=names,
        provenance=context.provenance(group, span=span),
        identifiers=_unique(identifiers),
        countries=sorted(set(countries + nationalities)),
        nationalities=sorted(set(nationalities)),
        addresses=_unique(addresses),
        birth_dates=_unique(births),
        programs=_unique([p for p in programs if p]),
        remarks=_unique(remarks),
        listed_on=min(listed) if listed else None,
    )


def parse(path: Path, context: SourceContext) -> Iterator[Entity]:
    """Read a ConList CSV or Excel file (told apart by content); one entity per Group ID."""
    with path.open("rb") as handle:
        is_zip = handle.read(4) == b"PK\x03\x04"
    rows = _xlsx_rows(path, context) if is_zip else _csv_rows(path, context)
    groups = _read_groups(rows, context)
    if not groups:
        raise context.error("no entries after the header", line=3)
    for group, group_rows in groups.items():
        yield _entity(group, group_rows, context)
