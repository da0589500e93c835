"""The OFAC SDN legacy CSV folder (``sdn.csv``, ``add.csv``, ``alt.csv``, ``sdn_comments.csv``)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from corridor.exc import InvalidData
from corridor.ids import normalise_identifier
from corridor.ids.countries import country_code
from corridor.model import (
    Address,
    Entity,
    EntityType,
    Identifier,
    IdScheme,
    Name,
    NameQuality,
)
from corridor.sources.context import SourceContext
from corridor.sources.ofac_common import (
    ALIAS_KINDS,
    EOF_MARK,
    NULL,
    SDN_COLUMNS,
    TYPES,
    add_id,
    add_registration,
    apply_remarks,
    find_file,
    ofac_name,
    resolve_links,
    split_programs,
)

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
    if (alt := find_file(folder, "alt.csv")) is not None:
        for _, (ent, _num, kind, name, _rem) in _rows(alt, context, 5):
            if name:
                aliases[ent].append(
                    ofac_name(name, NameQuality.STRONG, ALIAS_KINDS.get(kind.lower()))
                )
    if (add := find_file(folder, "add.csv")) is not None:
        for _, (ent, _num, street, city, country, _rem) in _rows(add, context, 6):
            full = ", ".join(p for p in (street, city, country) if p)
            if full:
                addresses[ent].append(Address(full=full, country=country_code(country)))
    if (com := find_file(folder, "sdn_comments.csv")) is not None:
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
        names=[ofac_name(name, NameQuality.PRIMARY, "primary"), *aliases],
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
        add_id(
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
