"""FollowTheMoney entity files (JSON lines), the shape OpenSanctions exports and yente serves.

Each line is one FtM entity: ``id``, ``schema``, ``properties``, ``datasets``,
``first_seen``/``last_seen``. Every line is read through the ``followthemoney`` library
(:func:`corridor.sources.ftm_mapping.make_proxy`): an unknown schema or property is an error
naming the line. Things (Person, Organization, Company, LegalEntity, PublicBody, Vessel,
Airplane...) become entities. Interval schemas are not entries but tell us about them: a
``Sanction`` gives its target's programme and listing date, an ``Address`` fills the
``addressEntity`` of whoever points at it, and ``Ownership``, ``Family`` and ``Directorship``
become links. The file is read twice so those can come in any order.

Each FtM *dataset* is its own source (``ftm_<dataset>``, see
:func:`corridor.sources.registry.Registry.lookup`), with its own snapshot history: loading one
dataset never marks another's entities removed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from followthemoney import EntityProxy

from corridor.exc import BadQuery
from corridor.model import Address, Entity
from corridor.model.time import to_datetime
from corridor.sources import ftm_mapping as ftm
from corridor.sources.context import SourceContext
from corridor.sources.limits import MAX_JSON_DEPTH, check_json_depth
from corridor.sources.values import full_date, partial_date

# (schema, property pointing at one side, property pointing at the other, link from first, back)
LINK_SCHEMAS = {
    "Ownership": ("owner", "asset", "owns", "owned_by"),
    "Directorship": ("director", "organization", "directs", "directed_by"),
    "Family": ("person", "relative", "relative", "relative"),
}


@dataclass
class _Index:
    """What the first pass learns about things from the other entities of the file."""

    programs: dict[str, list[str]] = field(default_factory=dict)
    listed: dict[str, list[date]] = field(default_factory=dict)
    addresses: dict[str, Address] = field(default_factory=dict)
    links: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    last_seen: str | None = None
    lines: int = 0


def _read_lines(
    path: Path, context: SourceContext
) -> Iterator[tuple[int, dict[str, Any], EntityProxy]]:
    with path.open("r", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                if line.count("[") + line.count("{") > MAX_JSON_DEPTH:
                    check_json_depth(line)
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise context.error(f"not a JSON object: {exc.msg}", line=number) from exc
            except (ValueError, RecursionError) as exc:
                raise context.error(f"refused: {exc or 'nested too deeply'}", line=number) from exc
            if not isinstance(data, dict) or not data.get("id") or not data.get("schema"):
                raise context.error("not an FtM entity (needs id and schema)", line=number)
            if not isinstance(data.get("properties", {}), dict):
                raise context.error("properties is not an object", line=number, field="properties")
            try:
                proxy = ftm.make_proxy(data, where=str(data["id"]))
            except BadQuery as exc:
                raise context.error(exc.message, line=number, field="schema") from exc
            yield number, data, proxy


def _index(path: Path, context: SourceContext) -> _Index:
    index = _Index()
    for _, data, proxy in _read_lines(path, context):
        index.lines += 1
        seen = data.get("last_seen")
        if isinstance(seen, str) and (index.last_seen is None or seen > index.last_seen):
            index.last_seen = seen
        schema = proxy.schema.name
        if proxy.schema.is_a("Sanction"):
            for target in ftm.values(proxy, "entity"):
                programs = index.programs.setdefault(target, [])
                programs += ftm.values(proxy, "programId", "program")
                index.listed.setdefault(target, []).extend(ftm.listing_dates(proxy))
        elif proxy.schema.is_a("Address"):
            address = ftm.address_of(proxy)
            if address is not None and proxy.id is not None:
                index.addresses[proxy.id] = address
        elif schema in LINK_SCHEMAS:
            one, other, forward, back = LINK_SCHEMAS[schema]
            for a in ftm.values(proxy, one):
                for b in ftm.values(proxy, other):
                    index.links.setdefault(a, {}).setdefault(forward, []).append(b)
                    index.links.setdefault(b, {}).setdefault(back, []).append(a)
    return index


def _entity(
    number: int, data: dict[str, Any], proxy: EntityProxy, index: _Index, context: SourceContext
) -> Entity | None:
    kind = ftm.entity_type(proxy.schema)
    if kind is None:
        return None
    fid = str(data["id"])
    caption = data.get("caption")
    names = ftm.names_of(proxy, caption if isinstance(caption, str) else None)
    if not names:
        raise context.error(f"{proxy.schema.name} {fid} has no name", line=number, field="name")
    resolved = [index.addresses[a] for a in ftm.values(proxy, "addressEntity")
                if a in index.addresses]  # fmt: skip
    written = {a.full: a for a in resolved}
    for value in ftm.values(proxy, "address"):
        written.setdefault(value, Address(full=value))
    remarks = ftm.values(proxy, "notes", "summary")
    remarks += [f"position: {v}" for v in ftm.values(proxy, "position")]
    datasets = [d for d in data.get("datasets") or [] if isinstance(d, str)]
    if datasets:
        remarks.append(f"datasets: {', '.join(datasets)}")
    for key in ("first_seen", "last_seen"):
        if isinstance(data.get(key), str):
            remarks.append(f"{key}: {data[key]}")
    listed = sorted(index.listed.get(fid, []))
    if not listed:
        listed = sorted(d for v in ftm.values(proxy, "createdAt") if (d := full_date(v)))
    programs = ftm.values(proxy, "programId", "program") + index.programs.get(fid, [])
    links = {
        rel: [context.make_id(t) for t in dict.fromkeys(targets)]
        for rel, targets in index.links.get(fid, {}).items()
    }
    return Entity(
        id=context.make_id(fid),
        source=context.source,
        record_id=fid,
        type=kind,
        names=names,
        provenance=context.provenance(fid, span=f"line {number}"),
        identifiers=ftm.identifiers_of(proxy),
        countries=ftm.countries(proxy, *ftm.COUNTRY_PROPS),
        nationalities=ftm.countries(proxy, *ftm.NATIONALITY_PROPS),
        addresses=list(written.values()),
        birth_dates=[b for v in ftm.birth_dates_of(proxy) if (b := partial_date(v)) is not None],
        programs=list(dict.fromkeys(programs)),
        remarks=remarks,
        listed_on=listed[0] if listed else None,
        links=links,
    )


def parse(path: Path, context: SourceContext) -> Iterator[Entity]:
    """Read an FtM JSON lines file; yields one entity per thing, in file order."""
    index = _index(path, context)
    if index.lines == 0:
        raise context.error("empty file: no FtM entities", line=1)
    if index.last_seen is not None:
        context.set_published(to_datetime(index.last_seen))
    for number, data, proxy in _read_lines(path, context):
        entity = _entity(number, data, proxy, index, context)
        if entity is not None:
            yield entity
