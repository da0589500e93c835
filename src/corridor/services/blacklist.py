"""Use cases of the blacklist register; the CLI and the API call these and nothing else.

Every write checks the user's role, runs in one transaction with its audit entry, and leaves
the store as it was when it fails.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from corridor.blacklist import matrix as mx
from corridor.blacklist.audit import GENESIS, Anchor, Verification, key_id, verify_chain
from corridor.blacklist.audit_state import compare, replay
from corridor.blacklist.case import CaseState, is_in_force
from corridor.blacklist.matching import OperatorIndex, match_listed
from corridor.blacklist.operator import Operator, read_seed
from corridor.blacklist.publication import diff_versions, make_entry
from corridor.blacklist.roles import ACTION_ROLES, Role, User, new_token, token_hash
from corridor.exc import NotFound, Unauthorized
from corridor.model.listing import ListingPeriod
from corridor.model.time import utcnow
from corridor.resources import data_dir
from corridor.services.cases import need_reason, parse_when
from corridor.sources.registry import is_sample_path
from corridor.store import blacklist as repo
from corridor.store.audit_key import audit_key
from corridor.store.db import transaction
from corridor.store.lists import ListStore

SYSTEM = "local-admin"


@dataclass(frozen=True, slots=True)
class SeedReport:
    """What seeding the operator register did: the file, its hash, operators read and changed."""

    path: str
    sha256: str
    operators: int
    changed: int
    curated: int


def seed_operators(engine: Engine, path: Path | None = None, *, actor: str = SYSTEM) -> SeedReport:
    """Load the seed CSV (operators and curated listing records), with its sha256 as provenance."""
    path = path or data_dir("operators", "operators_listings.csv")
    if not path.is_file():
        raise NotFound(f"seed file {path} not found")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    operators, curated = read_seed(path)
    now = utcnow()
    with transaction(engine, locks=repo.AUDIT_LOCK) as conn:
        changed = sum(repo.upsert_operator(conn, op, now) for op in operators)
        repo.replace_curated(conn, curated, sha)
        repo.append_audit(
            conn,
            at=now,
            actor=actor,
            action="seed_operators",
            target=path.name,
            payload={"sha256": sha, "operators": len(operators), "curated": len(curated)},
        )
    return SeedReport(str(path), sha, len(operators), changed, len(curated))


# -- users -----------------------------------------------------------------------------------


def add_user(engine: Engine, name: str, role: Role, secret: str, *, actor: str = SYSTEM) -> str:
    """Create a user; returns the API token, which is stored only as its hash."""
    token = new_token()
    now = utcnow()
    with transaction(engine, locks=repo.AUDIT_LOCK) as conn:
        repo.add_user(conn, name, role, token_hash(token, secret), now)
        repo.append_audit(
            conn, at=now, actor=actor, action="add_user", target=name, payload={"role": role}
        )
    return token


def authenticate(engine: Engine, token: str | None, secret: str) -> User:
    """The user an API token belongs to; :class:`Unauthorized` without one or for an unknown one."""
    if not token:
        raise Unauthorized("an API token is needed (--token or CORRIDOR_TOKEN)")
    with engine.connect() as conn:
        user = repo.user_by_token_hash(conn, token_hash(token, secret))
    if user is None:
        raise Unauthorized("unknown API token")
    return user


def list_users(engine: Engine) -> list[User]:
    """Users and their roles."""
    with engine.connect() as conn:
        return repo.list_users(conn)


# -- operators -------------------------------------------------------------------------------


def list_operators(engine: Engine) -> list[Operator]:
    """The operators in the register."""
    with engine.connect() as conn:
        return repo.list_operators(conn)


def get_operator(engine: Engine, ref: str) -> dict[str, Any]:
    """An operator with its curated records, reviewed links and cases."""
    with engine.connect() as conn:
        op = repo.get_operator(conn, ref)
        curated = [c.to_dict() for c in repo.list_curated(conn) if c.operator_id == op.id]
        links = [lk for lk in repo.list_links(conn) if lk["operator_id"] == op.id]
        cases = [c.to_dict() for c in repo.list_cases(conn) if c.operator_id == op.id]
    return {**op.to_dict(), "curated": curated, "links": links, "cases": cases}


def review_link(
    engine: Engine, user: User, operator_ref: str, entity_id: str, *, confirm: bool, reason: str
) -> None:
    """A person confirms or rejects that a list entry is this operator."""
    user.require(ACTION_ROLES["review_link"], "review links")
    need_reason(reason)
    now = utcnow()
    status = "confirmed" if confirm else "rejected"
    with transaction(engine, locks=repo.AUDIT_LOCK) as conn:
        op = repo.get_operator(conn, operator_ref)
        repo.set_link(conn, op.id, entity_id, status, reason, user.name, now)
        repo.append_audit(
            conn,
            at=now,
            actor=user.name,
            action=f"link_{status}",
            target=op.id,
            payload={"entity_id": entity_id, "reason": reason},
        )


def matrix(engine: Engine, as_of: datetime | str) -> list[mx.MatrixRow]:
    """The partners' matrix on ``as_of`` from curated records, list snapshots and measures."""
    when = parse_when(as_of, "as_of")
    with engine.connect() as conn:
        refs = repo.operator_refs(conn)
        facts = repo.curated_facts(conn, when)
        links = repo.list_links(conn)
        cases = repo.list_cases(conn, states=[CaseState.IN_FORCE])
    store = ListStore(engine)
    periods = store.periods()
    coverage: dict[str, datetime] = {}
    by_entity: dict[str, list[ListingPeriod]] = defaultdict(list)
    for period in periods:
        by_entity[period.entity_id].append(period)
        column = mx.column_of(period.jurisdiction)
        if column is not None and period.basis == "snapshot":
            first = coverage.get(column)
            coverage[column] = (
                period.interval.start if first is None else min(first, period.interval.start)
            )
    entities = store.entities(as_of=when) if periods else []
    confirmed = {lk["entity_id"]: lk["operator_id"] for lk in links if lk["status"] == "confirmed"}
    rejected = {(lk["operator_id"], lk["entity_id"]) for lk in links if lk["status"] == "rejected"}
    listed: dict[str, str] = {}
    if entities:
        index = OperatorIndex(list_operators(engine))
        listed = match_listed(index, entities, by_entity, when, confirmed, rejected)
    blacklisted = {c.operator_id: c.id for c in cases if is_in_force(c, when)}
    dates: dict[str, list[datetime]] = defaultdict(list)
    samples: set[str] = set()
    for source, jurisdiction, effective, path in store.snapshot_dates():
        column = mx.column_of(jurisdiction)
        if column is not None:
            dates[column].append(effective)
        if is_sample_path(path):
            samples.add(source)
    return mx.build_matrix(
        refs,
        facts,
        as_of=when,
        listed_entities=listed,
        list_coverage=coverage,
        blacklisted=blacklisted,
        list_dates=dates,
        sample_sources=samples,
    )


# -- publication and audit -------------------------------------------------------------------


def publish(
    engine: Engine, user: User, *, when: datetime | None = None, official: bool = False
) -> dict[str, Any]:
    """Publish the next numbered version: operators with a measure in force now. Only a
    production installation publishes ``official`` versions; others are marked DEMO."""
    user.require(ACTION_ROLES["publish"], "publish the blacklist")
    now = when or utcnow()
    with transaction(engine, locks=repo.AUDIT_LOCK) as conn:
        last = repo.last_publication(conn)
        number = 1 if last is None else last[0] + 1
        ops = {op.id: op for op in repo.list_operators(conn)}
        entries = [
            make_entry(ops[c.operator_id], c)
            for c in repo.list_cases(conn, states=[CaseState.IN_FORCE])
            if is_in_force(c, now)
        ]
        entries.sort(key=lambda e: (e["name"], e["case_id"]))
        content = {
            "number": number,
            "published_at": now.isoformat(),
            "official": official,
            "entries": entries,
        }
        previous = {"entries": []} if last is None else last[1]
        content["diff"] = diff_versions(previous, content)
        head = repo.get_head(conn)
        # the head of the log as it stood before this version: checkable later by anyone
        # holding a copy of the publication (`corridor audit anchor --publication N`)
        content["audit_head"] = {
            "seq": 0 if head is None else head.seq,
            "hash": GENESIS if head is None else head.hash,
        }
        sha = repo.insert_publication(conn, number, content, user.name, now)
        repo.append_audit(
            conn,
            at=now,
            actor=user.name,
            action="publish",
            target=f"version-{number}",
            payload={"entries": len(entries), "diff": content["diff"], "sha256": sha},
        )
    return content


def get_publication(engine: Engine, number: int | None = None) -> dict[str, Any]:
    """A published version of the blacklist (the latest when ``number`` is None)."""
    with engine.connect() as conn:
        if number is None:
            last = repo.last_publication(conn)
            if last is None:
                raise NotFound("nothing has been published yet")
            return last[1]
        return repo.get_publication(conn, number)


def diff(engine: Engine, a: int, b: int) -> dict[str, Any]:
    """Operators added, removed and changed between published versions ``a`` and ``b``."""
    with engine.connect() as conn:
        old, new = repo.get_publication(conn, a), repo.get_publication(conn, b)
    return {"from": a, "to": b, **diff_versions(old, new)}


def verify_audit(engine: Engine, anchors: list[Anchor] | None = None) -> Verification:
    """Walk the whole sealed chain and compare the register with the state it implies.

    Finds edited or forged entries (seals under the key), gaps, truncation (the sealed head,
    the heads exported with each publication, and ``anchors`` noted elsewhere), and case,
    user, link, evidence and publication rows that differ from what the log says.
    """
    key = audit_key(engine)
    with engine.connect() as conn:
        exported = [
            Anchor(seq, digest, f"published version {number}")
            for number, seq, digest in repo.publication_anchors(conn)
        ]
        result = verify_chain(
            repo.iter_audit(conn),
            key,
            head=repo.get_head(conn),
            anchors=[*exported, *(anchors or [])],
        )
        register = repo.stored_register(conn)
        implied = replay(repo.iter_audit(conn))
    result.problems.extend(compare(implied, register))
    result.rows_compared = (
        len(register.cases) + len(register.users) + len(register.links)
        + len(register.evidence) + len(register.publications)
    )  # fmt: skip
    return result


def audit_anchor(engine: Engine) -> dict[str, Any]:
    """The head of the log to note outside it (print, ticket, mail); check it later with
    :func:`check_anchor`. Also names the key's fingerprint, never the key."""
    with engine.connect() as conn:
        head = repo.get_head(conn)
    return {
        "seq": 0 if head is None else head.seq,
        "hash": GENESIS if head is None else head.hash,
        "key_id": key_id(audit_key(engine)),
        "at": utcnow().isoformat(),
    }


def check_anchor(engine: Engine, seq: int, digest: str, origin: str = "the anchor") -> Verification:
    """Verify the chain and that entry ``seq`` still has the seal ``digest`` (a noted head)."""
    return verify_audit(engine, [Anchor(seq, digest, origin)])


def audit_log(
    engine: Engine, *, target: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """The last ``limit`` audit entries, newest first, optionally about one ``target``."""
    with engine.connect() as conn:
        return repo.audit_entries(conn, target=target, limit=limit)


# -- designation dates for a list entry's history -------------------------------------------


def designations(engine: Engine, entity_id: str) -> list[ListingPeriod]:
    """Curated listing periods (with their designation dates) of the operator a list entry is
    matched to (a confirmed link, else the matcher unless rejected), in the entry's own
    jurisdiction; empty when the entry matches no operator."""
    store = ListStore(engine)
    entity = store.get(entity_id)
    own = {p.jurisdiction for p in store.history(entity_id)}
    with engine.connect() as conn:
        links = repo.list_links(conn)
        curated = repo.list_curated(conn)
    confirmed = {lk["entity_id"]: lk["operator_id"] for lk in links if lk["status"] == "confirmed"}
    rejected = {(lk["operator_id"], lk["entity_id"]) for lk in links if lk["status"] == "rejected"}
    operator_id = confirmed.get(entity_id)
    if operator_id is None:
        match = OperatorIndex(list_operators(engine)).match(entity)
        if match is None or (match.operator_id, entity_id) in rejected:
            return []
        operator_id = match.operator_id
    return [
        ListingPeriod(
            entity_id=entity_id,
            source=f"curated {c.document}:{c.line} ({c.legal_act}; {c.sources})",
            jurisdiction=c.jurisdiction,
            interval=c.interval,
            basis="curated",
        )
        for c in curated
        if c.operator_id == operator_id and c.jurisdiction in own and c.interval is not None
    ]
