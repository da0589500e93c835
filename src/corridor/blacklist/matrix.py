"""The partners' matrix: each operator's status in each jurisdiction on one date.

Two kinds of record feed a cell, each kept with its provenance and its date: curated records
with a cited source (the seed CSV's rows; dated by the listing or lifting they record) and
list-snapshot periods (dated by the latest snapshot held on or before the matrix date). When
both speak and disagree, the most recent dated evidence decides the cell and the other is shown
beside it (Belavia in the US on 2025-12-01: the curated lifting of 2025-11-04 is newer than the
2024 OFAC snapshot). A *gap* is a partner whose evidence says "not listed" while another lists
the operator; a cell with no data ("-") is unknown, never a gap.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from corridor.blacklist.operator import CuratedListing
from corridor.model.listing import Jurisdiction

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
    """One operator in one jurisdiction: what the curated records and the lists say, and the
    date of each (``curated_date``: the listing or lifting the record gives; ``lists_date``:
    the snapshot the lists' answer comes from)."""

    curated: bool | None = None
    lists: bool | None = None
    undated: bool = False
    evidence: list[str] = field(default_factory=list)
    curated_date: date | None = None
    lists_date: date | None = None
    sample: bool = False

    @property
    def disagree(self) -> bool:
        return self.curated is not None and self.lists is not None and self.curated != self.lists

    @property
    def decided_by(self) -> str | None:
        """``curated`` or ``lists`` when both speak, disagree and one is more recent."""
        if not self.disagree or self.curated_date is None or self.lists_date is None:
            return None
        if self.curated_date == self.lists_date:
            return None
        return "curated" if self.curated_date > self.lists_date else "lists"

    @property
    def listed(self) -> bool:
        decided = self.decided_by
        if decided == "curated":
            return bool(self.curated)
        if decided == "lists":
            return bool(self.lists)
        return bool(self.curated) or bool(self.lists)

    @property
    def not_listed(self) -> bool:
        """The evidence says "not listed" (no data is not "not listed")."""
        return not self.listed and (self.curated is False or self.lists is False)

    @property
    def label(self) -> str:
        mark = " [SAMPLE]" if self.sample else ""
        decided = self.decided_by
        if decided is not None:
            lists_word = f"list snapshot {self.lists_date}: {_word(self.lists)}"
            curated_word = f"curated record {self.curated_date}: {_word(self.curated)}"
            newer, older = (
                (curated_word, lists_word) if decided == "curated" else (lists_word, curated_word)
            )
            return f"{_word(self.listed)} ({newer}; older {older}){mark}"
        if self.disagree:
            return f"curated: {_word(self.curated)} / lists: {_word(self.lists)}{mark}"
        if self.listed:
            return f"listed{mark}"
        if self.not_listed:
            return f"not listed{mark}"
        return "undated record" if self.undated else "-"

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.label,
            "listed": self.listed,
            "curated": self.curated,
            "curated_date": None if self.curated_date is None else self.curated_date.isoformat(),
            "lists": self.lists,
            "lists_date": None if self.lists_date is None else self.lists_date.isoformat(),
            "disagree": self.disagree,
            "decided_by": self.decided_by,
            "undated": self.undated,
            "sample": self.sample,
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
    """A curated record reduced to one date: does it cover ``as_of`` (None: undated), where it
    comes from (document:line, legal act, sources, period), and the date of the evidence it
    gives about ``as_of`` (see :func:`evidence_date`)."""

    operator_id: str
    jurisdiction: str
    covered: bool | None
    where: str
    dated: date | None = None


def evidence_date(start: date | None, end: date | None, as_of: date) -> date | None:
    """The date a curated period's answer about ``as_of`` rests on: the lifting when it ended
    on or before ``as_of``, else the listing (also when it starts later: "not yet listed")."""
    if start is None:
        return None
    if end is not None and end <= as_of:
        return end
    return start


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
        """Partners whose evidence says "not listed" for an operator another partner lists
        (a partner with no data is unknown, not a gap: see :attr:`unknown`)."""
        listed = self.listed_by
        return [c for c in COLUMNS if listed and self.cell(c).not_listed]

    @property
    def unknown(self) -> list[str]:
        """Partners about which nothing dated speaks ("-")."""
        return [c for c in COLUMNS if not self.cell(c).listed and not self.cell(c).not_listed]

    @property
    def disagreements(self) -> list[str]:
        return [c for c in COLUMNS if self.cell(c).disagree]

    def to_flat(self, titles: Mapping[str, str] | None = None) -> dict[str, Any]:
        """One flat row: a status per jurisdiction (headed by ``titles`` when given), the gap,
        the disagreements and the evidence of every cell."""
        row: dict[str, Any] = {
            "operator_id": self.operator.id,
            "operator": self.operator.name,
            "country": self.operator.country or "",
        }
        for c in COLUMNS:
            row[titles[c] if titles else c] = self.cell(c).label
        row["gap"] = ";".join(self.gap)
        row["no_data"] = ";".join(self.unknown)
        row["disagreements"] = ";".join(self.disagreements)
        row["evidence"] = [f"{c}: {e}" for c in COLUMNS for e in self.cell(c).evidence]
        return row

    def to_dict(self) -> dict[str, Any]:
        return {
            "operator_id": self.operator.id,
            "operator": self.operator.name,
            "country": self.operator.country,
            "cells": {c: self.cell(c).to_dict() for c in COLUMNS},
            "listed_by": self.listed_by,
            "gap": self.gap,
            "unknown": self.unknown,
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
            None
            if c.interval is None
            else evidence_date(
                c.interval.start.date(),
                None if c.interval.end is None else c.interval.end.date(),
                as_of.date(),
            ),
        )
        for c in items
    ]


def describe_curated(
    document: str, line: int, act: str, sources: str, start: str | None, end: str | None
) -> str:
    period = "undated" if start is None else f"[{start}, {end or 'open'})"
    return f"curated {period}: {document}:{line} ({act}; {sources})"


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
    list_dates: Mapping[str, Sequence[datetime]] | None = None,
    sample_sources: Iterable[str] = (),
) -> list[MatrixRow]:
    """The matrix on ``as_of``.

    ``curated``: curated records as facts about ``as_of``. ``listed_entities``:
    ``"<operator id>\x1f<column>"`` -> explanation, for list entries in force on ``as_of``
    matched to an operator (see :func:`match_listed`). ``list_coverage``: column -> first
    instant the snapshots held cover; before it the lists say nothing. ``blacklisted``:
    operator id -> case id of measures in force under COM(2021) 753. ``list_dates``: column ->
    the dates of the snapshots held (the latest on or before ``as_of`` dates the lists' answer).
    ``sample_sources``: list sources made by hand for the demo; cells they feed are marked.
    """
    samples = tuple(sample_sources)
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
            if fact.covered and not cell.curated:
                cell.curated_date = fact.dated
            elif fact.covered == bool(cell.curated) and fact.dated is not None:
                cell.curated_date = max(filter(None, (cell.curated_date, fact.dated)))
            cell.curated = fact.covered or bool(cell.curated)
    covered = [c for c, start in list_coverage.items() if start <= as_of]
    held = {
        c: max((d for d in (list_dates or {}).get(c, ()) if d <= as_of), default=None)
        for c in covered
    }
    if covered:
        for row in rows.values():
            for column in covered:
                cell = row._writable(column)
                cell.lists = False
                when = held.get(column)
                cell.lists_date = None if when is None else when.date()
    for key, why in listed_entities.items():
        operator_id, column = key.split("\x1f", 1)
        row = rows.get(operator_id)
        if row is None:
            continue
        cell = row._writable(column)
        cell.lists = True
        cell.evidence.append(why)
        if any(f"list {src} " in why for src in samples):
            cell.sample = True
    for op_id, case_id in blacklisted.items():
        row = rows.get(op_id)
        if row is not None:
            cell = row._writable(EU_BLACKLIST)
            cell.curated = True
            cell.evidence.append(f"measure in force: {case_id}")
    return list(rows.values())


def to_csv(rows: Sequence[MatrixRow]) -> str:
    """One line per operator: a status column per jurisdiction, then gaps, unknowns,
    disagreements and the evidence of every cell."""
    out = io.StringIO()
    flat = [r.to_flat() for r in rows]
    names = [
        "operator_id",
        "operator",
        "country",
        *COLUMNS,
        "gap",
        "no_data",
        "disagreements",
        "evidence",
    ]
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for row in flat:
        writer.writerow({**row, "evidence": " | ".join(row["evidence"])})
    return out.getvalue()
