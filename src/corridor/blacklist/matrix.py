"""The partners' matrix: each operator's status in each jurisdiction on one date.

Two kinds of record feed a cell, each kept with its provenance: curated records with a cited
source (the seed CSV's rows) and list-snapshot periods (an entry appears in, and leaves, the
snapshots the store holds). When both speak and they disagree, the cell shows both. A *gap* is
an operator listed by at least one partner and not by another.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from corridor.blacklist.operator import CuratedListing, Operator
from corridor.model.entity import Entity
from corridor.model.listing import Jurisdiction, ListingPeriod
from corridor.screening.names import normalise

EU_BLACKLIST = "EU-753"
COLUMNS: tuple[str, ...] = (EU_BLACKLIST, "EU", "US", "UK", "CA", "UN")
COLUMN_TITLES = {
    EU_BLACKLIST: "EU blacklist",
    "EU": "EU CFSP",
    "US": "US",
    "UK": "UK",
    "CA": "Canada",
    "UN": "UN",
}


@dataclass(slots=True)
class Cell:
    """One operator in one jurisdiction: what the curated records and the lists say."""

    curated: bool | None = None
    lists: bool | None = None
    undated: bool = False
    evidence: list[str] = field(default_factory=list)

    @property
    def listed(self) -> bool:
        return bool(self.curated) or bool(self.lists)

    @property
    def disagree(self) -> bool:
        return self.curated is not None and self.lists is not None and self.curated != self.lists

    @property
    def label(self) -> str:
        if self.disagree:
            return f"curated: {_word(self.curated)} / lists: {_word(self.lists)}"
        if self.listed:
            return "listed"
        if self.curated is False or self.lists is False:
            return "not listed"
        return "undated record" if self.undated else "-"

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.label,
            "listed": self.listed,
            "curated": self.curated,
            "lists": self.lists,
            "disagree": self.disagree,
            "undated": self.undated,
            "evidence": self.evidence,
        }


def _word(value: bool | None) -> str:
    return "unknown" if value is None else ("listed" if value else "not listed")


class OperatorRef(NamedTuple):
    """What a matrix row needs of an operator."""

    id: str
    name: str
    country: str | None


class CuratedFact(NamedTuple):
    """A curated record reduced to one date: does it cover ``as_of`` (None: undated), and where
    it comes from (document:line, legal act, sources, period)."""

    operator_id: str
    jurisdiction: str
    covered: bool | None
    where: str


_EMPTY = Cell()


@dataclass(slots=True)
class MatrixRow:
    operator: OperatorRef
    cells: dict[str, Cell] = field(default_factory=dict)

    def cell(self, column: str) -> Cell:
        """The cell of ``column`` (an empty one when nothing speaks to it)."""
        return self.cells.get(column, _EMPTY)

    def _writable(self, column: str) -> Cell:
        found = self.cells.get(column)
        if found is None:
            found = self.cells[column] = Cell()
        return found

    @property
    def listed_by(self) -> list[str]:
        return [c for c in COLUMNS if c in self.cells and self.cells[c].listed]

    @property
    def gap(self) -> list[str]:
        """Partners not listing an operator that another partner lists."""
        listed = self.listed_by
        return [c for c in COLUMNS if listed and c not in listed]

    @property
    def disagreements(self) -> list[str]:
        return [c for c in COLUMNS if self.cell(c).disagree]

    def to_dict(self) -> dict[str, Any]:
        return {
            "operator_id": self.operator.id,
            "operator": self.operator.name,
            "country": self.operator.country,
            "cells": {c: self.cell(c).to_dict() for c in COLUMNS},
            "listed_by": self.listed_by,
            "gap": self.gap,
            "disagreements": self.disagreements,
        }


def curated_facts(items: Iterable[CuratedListing], as_of: datetime) -> list[CuratedFact]:
    """Curated records as facts about ``as_of`` (the store computes the same in SQL)."""
    return [
        CuratedFact(
            c.operator_id,
            c.jurisdiction.value,
            None if c.interval is None else c.interval.contains(as_of),
            describe_curated(
                c.document,
                c.line,
                c.legal_act,
                c.sources,
                None if c.interval is None else c.interval.start.date().isoformat(),
                None
                if c.interval is None or c.interval.end is None
                else c.interval.end.date().isoformat(),
            ),
        )
        for c in items
    ]


def describe_curated(
    document: str, line: int, act: str, sources: str, start: str | None, end: str | None
) -> str:
    period = "undated" if start is None else f"[{start}, {end or 'open'})"
    return f"curated {period}: {document}:{line} ({act}; {sources})"


@dataclass(frozen=True, slots=True)
class Match:
    """A list entry matched to an operator, and why."""

    entity_id: str
    operator_id: str
    basis: str


class OperatorIndex:
    """Match list entries to operators by identifier or by normalised name.

    Names compare by the screening normaliser's word set (script, legal form and word order
    do not count), then by its core words (generic words such as *airlines* dropped).
    """

    def __init__(self, operators: Iterable[Operator]) -> None:
        self.by_id: dict[tuple[str, str], str] = {}
        self.by_name: dict[str, str] = {}
        for op in operators:
            for ident in op.identifiers:
                self.by_id.setdefault((ident.scheme.value, ident.value), op.id)
            for name in op.all_names:
                norm = normalise(name)
                for key in (norm.key, "core:" + norm.core_key):
                    if key and key != "core:":
                        self.by_name.setdefault(key, op.id)

    def match(self, entity: Entity) -> Match | None:
        for ident in entity.identifiers:
            found = self.by_id.get((ident.scheme.value, ident.value.upper()))
            if found is not None:
                return Match(entity.id, found, f"identifier {ident.scheme.value}:{ident.value}")
        for name in entity.names:
            norm = normalise(name.value)
            for key in (norm.key, "core:" + norm.core_key):
                found = self.by_name.get(key)
                if found is not None:
                    return Match(entity.id, found, f"name {name.value!r}")
        return None


def column_of(jurisdiction: Jurisdiction | str) -> str | None:
    value = Jurisdiction(jurisdiction).value
    return value if value in COLUMNS else None


def build_matrix(
    operators: Iterable[OperatorRef],
    curated: Iterable[CuratedFact],
    *,
    as_of: datetime,
    listed_entities: Mapping[str, str],
    list_coverage: Mapping[str, datetime],
    blacklisted: Mapping[str, str],
) -> list[MatrixRow]:
    """The matrix on ``as_of``.

    ``curated``: curated records as facts about ``as_of``. ``listed_entities``:
    ``"<operator id>\x1f<column>"`` -> explanation, for list entries in force on ``as_of``
    matched to an operator (see :func:`match_listed`). ``list_coverage``: column -> first
    instant the snapshots held cover; before it the lists say nothing. ``blacklisted``:
    operator id -> case id of measures in force under COM(2021) 753.
    """
    rows = {op.id: MatrixRow(op) for op in operators}
    for fact in curated:
        row = rows.get(fact.operator_id)
        if row is None or fact.jurisdiction not in COLUMN_TITLES:
            continue
        cell = row._writable(fact.jurisdiction)
        cell.evidence.append(fact.where)
        if fact.covered is None:
            cell.undated = True
        else:
            cell.curated = fact.covered or bool(cell.curated)
    covered = [c for c, start in list_coverage.items() if start <= as_of]
    if covered:
        for row in rows.values():
            for column in covered:
                row._writable(column).lists = False
    for key, why in listed_entities.items():
        operator_id, column = key.split("\x1f", 1)
        row = rows.get(operator_id)
        if row is None:
            continue
        cell = row._writable(column)
        cell.lists = True
        cell.evidence.append(why)
    for op_id, case_id in blacklisted.items():
        row = rows.get(op_id)
        if row is not None:
            cell = row._writable(EU_BLACKLIST)
            cell.curated = True
            cell.evidence.append(f"measure in force: {case_id}")
    return list(rows.values())


def match_listed(
    index: OperatorIndex,
    entities: Iterable[Entity],
    periods_by_entity: Mapping[str, list[ListingPeriod]],
    as_of: datetime,
    confirmed: Mapping[str, str],
    rejected: set[tuple[str, str]],
) -> dict[str, str]:
    """(operator id, column) keys joined by ``\\x1f`` -> explanation, for entries in force."""
    found: dict[str, str] = {}
    for entity in entities:
        if not periods_by_entity.get(entity.id):
            continue
        operator_id = confirmed.get(entity.id)
        basis = "confirmed link"
        if operator_id is None:
            match = index.match(entity)
            if match is None or (match.operator_id, entity.id) in rejected:
                continue
            operator_id, basis = match.operator_id, match.basis
        for period in periods_by_entity.get(entity.id, []):
            column = column_of(period.jurisdiction)
            if column is None or not period.interval.contains(as_of):
                continue
            snap = period.from_snapshot[:12] if period.from_snapshot else "-"
            why = (
                f"list {period.source} entry {entity.id} ({basis}), {period.basis} "
                f"{period.interval}, snapshot {snap}"
            )
            found.setdefault(f"{operator_id}\x1f{column}", why)
    return found


def to_csv(rows: Sequence[MatrixRow]) -> str:
    """One line per operator: a status column per jurisdiction, then gaps and disagreements."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["operator_id", "operator", "country", *COLUMNS, "gap", "disagreements", "evidence"]
    )
    for row in rows:
        evidence = [f"{c}: {e}" for c in COLUMNS for e in row.cell(c).evidence]
        writer.writerow(
            [
                row.operator.id,
                row.operator.name,
                row.operator.country or "",
                *(row.cell(c).label for c in COLUMNS),
                ";".join(row.gap),
                ";".join(row.disagreements),
                " | ".join(evidence),
            ]
        )
    return out.getvalue()
