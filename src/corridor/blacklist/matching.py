"""Matching list entries to the operators of the register, for the partners' matrix."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from corridor.blacklist.matrix import column_of
from corridor.blacklist.operator import Operator
from corridor.model.entity import Entity
from corridor.model.listing import ListingPeriod
from corridor.screening.names import normalise


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
