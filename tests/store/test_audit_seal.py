"""The sealed audit chain against the attacks of the probe (#17), on each backend.

Every attack is run on a real register: truncation of the newest 1..n entries, forgeries
re-sealed with plain SHA-256 (the old scheme) or with a wrong key, direct edits of case, user,
evidence and publication rows, and rewrites caught by an exported head. Each must be detected:
the figure is 100 % of the attempts.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import Engine, text

from corridor.blacklist.audit import head_seal, seal
from corridor.blacklist.roles import Role, User
from corridor.services import blacklist as service
from corridor.services import cases
from corridor.store.audit_key import audit_key

ANALYST = User("ana", Role.ANALYST)
DECIDER = User("dora", Role.DECISION_MAKER)


def _register(engine: Engine) -> int:
    """A register with cases, steps, evidence, users and two publications; returns entries."""
    service.seed_operators(engine)
    service.add_user(engine, "ana", Role.ANALYST, "s" * 32)
    first = cases.open_case(engine, ANALYST, "Belavia", "flights to Minsk")
    cases.transition(engine, ANALYST, first.id, "gather_evidence", "documents")
    cases.add_evidence(engine, ANALYST, first.id, claim="charters", document="seed.txt")
    service.publish(engine, DECIDER)
    second = cases.open_case(engine, ANALYST, "Cham Wings Airlines", "Damascus-Minsk")
    cases.transition(engine, ANALYST, second.id, "gather_evidence", "documents")
    service.publish(engine, DECIDER)
    result = service.verify_audit(engine)
    assert result.ok, result.problems
    return result.checked


def _sql(engine: Engine, statement: str, **params: object) -> None:
    with engine.begin() as conn:
        conn.execute(text(statement), params)


def test_every_truncation_of_the_newest_entries_is_detected(engine: Engine) -> None:
    total = _register(engine)
    detected = 0
    for dropped in range(1, total + 1):
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT * FROM bl_audit_log ORDER BY seq")).all()
        _sql(engine, "DELETE FROM bl_audit_log WHERE seq > :n", n=total - dropped)
        result = service.verify_audit(engine)
        detected += not result.ok
        assert any("truncated" in p for p in result.problems), (dropped, result.problems)
        with engine.begin() as conn:  # put the rows back for the next attempt
            conn.execute(text("DELETE FROM bl_audit_log"))
            conn.execute(
                text(
                    "INSERT INTO bl_audit_log (seq, at, actor, action, target, payload, "
                    "prev_hash, hash) VALUES (:seq, :at, :actor, :action, :target, :payload, "
                    ":prev_hash, :hash)"
                ),
                [dict(r._mapping) for r in rows],
            )
    assert detected == total  # 100 %
    assert service.verify_audit(engine).ok


def test_truncation_with_the_head_moved_back_is_detected(engine: Engine) -> None:
    """Dropping entries and setting the head to the new last entry: its seal needs the key."""
    total = _register(engine)
    with engine.connect() as conn:
        last = conn.execute(
            text("SELECT seq, hash FROM bl_audit_log WHERE seq = :n"), {"n": total - 3}
        ).one()
    _sql(engine, "DELETE FROM bl_audit_log WHERE seq > :n", n=total - 3)
    _sql(engine, "UPDATE bl_audit_head SET seq = :s, hash = :h", s=last.seq, h=last.hash)
    problems = service.verify_audit(engine).problems
    assert "the head record does not match its seal (edited or forged)" in problems


def test_deleting_the_head_is_detected(engine: Engine) -> None:
    _register(engine)
    _sql(engine, "DELETE FROM bl_audit_head")
    assert "the sealed head is missing (deleted?)" in service.verify_audit(engine).problems


def _reseal_from(engine: Engine, seq: int, make: object) -> None:
    """Rewrite every entry from ``seq`` on with ``make`` (a sealing function), as a forger would."""
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM bl_audit_log ORDER BY seq")).all()
    prev = rows[seq - 2].hash if seq > 1 else "0" * 64
    with engine.begin() as conn:
        for row in rows[seq - 1 :]:
            actor = "mallory" if row.seq == seq else row.actor
            digest = make(row.seq, row.at, actor, row.action, row.target, row.payload, prev)  # type: ignore[operator]
            conn.execute(
                text("UPDATE bl_audit_log SET actor=:a, prev_hash=:p, hash=:h WHERE seq=:s"),
                {"a": actor, "p": prev, "h": digest, "s": row.seq},
            )
            prev = digest


def _sha256(seq: int, at: str, actor: str, action: str, target: str, body: str, prev: str) -> str:
    return hashlib.sha256(
        f"{seq}\x1f{at}\x1f{actor}\x1f{action}\x1f{target}\x1f{body}\x1f{prev}".encode()
    ).hexdigest()


@pytest.mark.parametrize("scheme", ["sha256", "wrong-key"])
def test_every_resealed_forgery_is_detected(engine: Engine, scheme: str) -> None:
    total = _register(engine)
    wrong = b"not-the-audit-key-but-long-enough"

    def make(*fields: object) -> str:
        if scheme == "sha256":
            return _sha256(*fields)  # type: ignore[arg-type]
        return seal(wrong, *fields)  # type: ignore[arg-type]

    detected = 0
    for seq in range(1, total + 1):
        with engine.connect() as conn:
            saved = [dict(r._mapping) for r in conn.execute(text("SELECT * FROM bl_audit_log"))]
        _reseal_from(engine, seq, make)
        problems = service.verify_audit(engine).problems
        detected += f"entry {seq}: content does not match its seal (edited or forged)" in problems
        with engine.begin() as conn:
            for row in saved:
                conn.execute(
                    text("UPDATE bl_audit_log SET actor=:actor, prev_hash=:prev_hash, hash=:hash "
                         "WHERE seq=:seq"),
                    row,
                )  # fmt: skip
    assert detected == total  # 100 %


def test_a_forgery_sealed_with_the_key_is_caught_by_an_exported_head(engine: Engine) -> None:
    """Even a forger holding the key cannot change what a publication exported."""
    _register(engine)
    published = service.get_publication(engine, 2)
    exported = published["audit_head"]
    key = audit_key(engine)
    _reseal_from(engine, 2, lambda *f: seal(key, *f))  # type: ignore[arg-type]
    with engine.begin() as conn:  # and moves the head, with the key
        last = conn.execute(text("SELECT seq, hash FROM bl_audit_log ORDER BY seq DESC")).first()
        assert last is not None
        conn.execute(
            text("UPDATE bl_audit_head SET hash=:h, mac=:m"),
            {"h": last.hash, "m": head_seal(key, last.seq, last.hash)},
        )
    problems = service.verify_audit(engine).problems
    assert any("differs from the head exported by published version" in p for p in problems)
    noted = service.check_anchor(engine, exported["seq"], exported["hash"], "my notes")
    assert any("exported by my notes" in p for p in noted.problems)


EDITS = [
    ("UPDATE bl_cases SET state = 'in_force' WHERE id = 'case-00001'", "case case-00001"),
    ("UPDATE bl_cases SET version = 7 WHERE id = 'case-00002'", "case case-00002"),
    ("UPDATE bl_cases SET operator_id = 'chamwings' WHERE id = 'case-00001'", "case case-00001"),
    ("DELETE FROM bl_case_evidence", "evidence 1"),
    ("UPDATE bl_case_evidence SET claim = 'forged'", "evidence 1"),
    ("UPDATE bl_users SET role = 'decision_maker' WHERE name = 'ana'", "user ana"),
    ("UPDATE bl_publications SET content = '{}' WHERE number = 1", "published version 1"),
    ("DELETE FROM bl_publications WHERE number = 2", "published version 2"),
]


def test_every_direct_row_edit_is_detected(engine: Engine) -> None:
    _register(engine)
    with engine.connect() as conn:
        operators = [r[0] for r in conn.execute(text("SELECT id FROM bl_operators"))]
    detected = 0
    for statement, what in EDITS:
        statement = statement.replace("chamwings", operators[-1])
        with engine.connect() as conn:
            before = {
                t: [dict(r._mapping) for r in conn.execute(text(f"SELECT * FROM {t}"))]
                for t in ("bl_cases", "bl_case_evidence", "bl_users", "bl_publications")
            }
        _sql(engine, statement)
        problems = service.verify_audit(engine).problems
        detected += any(p.startswith(what) for p in problems)
        assert any(p.startswith(what) for p in problems), (statement, problems)
        with engine.begin() as conn:
            for table in ("bl_case_evidence", "bl_publications", "bl_users", "bl_cases"):
                conn.execute(text(f"DELETE FROM {table}"))
            for table in ("bl_cases", "bl_users", "bl_publications", "bl_case_evidence"):
                rows = before[table]
                if rows:
                    cols = ", ".join(rows[0])
                    marks = ", ".join(f":{c}" for c in rows[0])
                    conn.execute(text(f"INSERT INTO {table} ({cols}) VALUES ({marks})"), rows)
        assert service.verify_audit(engine).ok
    assert detected == len(EDITS)  # 100 %


def test_publication_exports_the_head_and_anchor_checks_it(engine: Engine) -> None:
    _register(engine)
    first = service.get_publication(engine, 1)
    assert first["audit_head"]["seq"] > 0
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT hash FROM bl_audit_log WHERE seq = :s"), {"s": first["audit_head"]["seq"]}
        ).scalar()
    assert stored == first["audit_head"]["hash"]
    anchor = service.audit_anchor(engine)
    assert service.check_anchor(engine, anchor["seq"], anchor["hash"]).ok
    assert json.dumps(anchor)  # printable as it is
    assert "key" not in json.dumps(anchor).replace("key_id", "")
