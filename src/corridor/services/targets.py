"""One entity per real target: the resolver's proposals stored with their reasons, analysts'
judgements, and the groups of records (targets) the CLI, the API and the matrix show.

:func:`resolve` runs :func:`corridor.screening.resolve.propose` over the entries in force and
stores new proposals (a pair an analyst judged is never touched); :func:`judge` confirms or
rejects a pair; :func:`targets` gives, per record, the records of its target (confirmed and
proposed links, rejected ones left out).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from corridor.screening.resolve import clusters, propose
from corridor.store import links as store
from corridor.store.lists import ListStore


@dataclass(frozen=True, slots=True)
class ResolveReport:
    entities: int
    proposed: int
    new: int
    by_rule: dict[str, int]


def resolve(engine: Engine) -> ResolveReport:
    """Propose links over the entries in force and keep the new ones."""
    entities = ListStore(engine).entities()
    proposals = propose(entities)
    new = store.save_proposals(
        engine, [(p.left, p.right, p.rule, list(p.reasons)) for p in proposals]
    )
    by_rule: dict[str, int] = {}
    for p in proposals:
        by_rule[p.rule] = by_rule.get(p.rule, 0) + 1
    return ResolveReport(len(entities), len(proposals), new, by_rule)


def judge(
    engine: Engine, left: str, right: str, *, confirm: bool, user: str, note: str | None = None
) -> store.StoredLink:
    """An analyst confirms (or rejects) that two records are the same target; reversible by
    judging again."""
    ListStore(engine).get(left)
    ListStore(engine).get(right)
    return store.judge(engine, left, right, "confirmed" if confirm else "rejected", user, note)


def links(engine: Engine) -> list[store.StoredLink]:
    return store.all_links(engine)


def targets(engine: Engine) -> dict[str, list[str]]:
    """Per linked record, the sorted ids of every record of its target (records never linked
    are left out: they are their own target)."""
    stored = store.all_links(engine)
    confirmed = [(x.left_id, x.right_id) for x in stored if x.judgement == "confirmed"]
    proposed = [(x.left_id, x.right_id) for x in stored if x.judgement == "proposed"]
    rejected = [(x.left_id, x.right_id) for x in stored if x.judgement == "rejected"]
    return clusters([], confirmed + proposed, rejected)
