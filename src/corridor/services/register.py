"""Searching the operator register (the console's register page; the CLI lists it whole)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from corridor.blacklist.operator import Operator
from corridor.screening.decisions import query_key
from corridor.services import blacklist, cases


@dataclass(frozen=True, slots=True)
class RegisterView:
    operators: list[Operator]
    total: int
    countries: list[str]
    roles: list[str]
    with_case: frozenset[str]


def search_operators(
    engine: Engine,
    *,
    text: str = "",
    country: str = "",
    role: str = "",
    with_case: bool = False,
) -> RegisterView:
    """Operators whose name, alias or identifier contains ``text`` (case and spacing ignored),
    of ``country``, whose role mentions ``role``, and (``with_case``) with a case opened."""
    everyone = blacklist.list_operators(engine)
    cased = frozenset(c.operator_id for c in cases.list_cases(engine))
    wanted = query_key(text)

    def keep(op: Operator) -> bool:
        words = [*op.all_names, *(i.value for i in op.identifiers)]
        return (
            (not wanted or any(wanted in query_key(w) for w in words))
            and (not country or (op.country or "").lower() == country.lower())
            and (not role or role in op.role)
            and (not with_case or op.id in cased)
        )

    return RegisterView(
        operators=[op for op in everyone if keep(op)],
        total=len(everyone),
        countries=sorted({op.country for op in everyone if op.country}),
        roles=sorted({op.role for op in everyone if op.role}),
        with_case=cased,
    )
