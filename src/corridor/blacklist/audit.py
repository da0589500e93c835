"""The sealed audit chain: each entry's seal is an HMAC over its content and the previous seal.

The key is kept outside the database (``CORRIDOR_AUDIT_KEY`` or a key file under
``CORRIDOR_HOME``), so someone who can write to the database but does not hold the key cannot
edit an entry and re-seal it and every later one: plain SHA-256 re-hashing no longer passes.
Changing any stored field changes its seal; recomputing it without the key fails; deleting an
entry leaves a gap in the sequence; dropping the newest entries leaves the sealed *head* (the
last sequence number and seal, itself sealed, stored beside the log) pointing past the end.
Heads exported elsewhere (with each publication, by ``corridor audit anchor``) are checked
against the chain later: a whole rewrite with the key still cannot change what was exported.

>>> key = b"k" * 32
>>> a = seal(key, 1, "2021-12-02T00:00:00+00:00", "ana", "open", "case-1", "{}", GENESIS)
>>> b = seal(key, 2, "2021-12-03T00:00:00+00:00", "ana", "notify", "case-1", "{}", a)
>>> rows = [(1, "2021-12-02T00:00:00+00:00", "ana", "open", "case-1", "{}", GENESIS, a),
...         (2, "2021-12-03T00:00:00+00:00", "ana", "notify", "case-1", "{}", a, b)]
>>> verify_chain(rows, key, head=Head(2, b, head_seal(key, 2, b))).ok
True
>>> verify_chain(rows[:1], key, head=Head(2, b, head_seal(key, 2, b))).problems
['truncated: the sealed head is entry 2 but the log ends at entry 1']
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

GENESIS = "0" * 64

# seq, at (ISO text), actor, action, target, payload (canonical JSON), prev_hash, hash
AuditRow = tuple[int, str, str, str, str, str, str, str]


def canonical(payload: dict[str, Any]) -> str:
    """The payload as canonical JSON (sorted keys, no spaces), the form that is sealed."""
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def _text(
    seq: int, at: str, actor: str, action: str, target: str, payload: str, prev: str
) -> bytes:
    return f"{seq}\x1f{at}\x1f{actor}\x1f{action}\x1f{target}\x1f{payload}\x1f{prev}".encode()


def seal(
    key: bytes, seq: int, at: str, actor: str, action: str, target: str, payload: str, prev: str
) -> str:
    """The seal of one entry: HMAC-SHA256 under ``key`` of its fields and the previous seal."""
    text = _text(seq, at, actor, action, target, payload, prev)
    return hmac.new(key, text, hashlib.sha256).hexdigest()


def head_seal(key: bytes, seq: int, digest: str) -> str:
    """The seal of the head record (the last entry's number and seal)."""
    return hmac.new(key, f"head\x1f{seq}\x1f{digest}".encode(), hashlib.sha256).hexdigest()


def key_id(key: bytes) -> str:
    """A short public fingerprint of the key (which key sealed a chain), not the key."""
    return hmac.new(key, b"corridor-audit-key-id", hashlib.sha256).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Head:
    """The sealed head: the newest entry's number and seal, and the seal over both."""

    seq: int
    hash: str
    mac: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """A head exported outside the log (with a publication, or noted by an auditor)."""

    seq: int
    hash: str
    origin: str


@dataclass(slots=True)
class Verification:
    """What verification found: entries checked and every problem, by sequence number."""

    checked: int = 0
    problems: list[str] = field(default_factory=list)
    head_seq: int = 0
    head_hash: str = GENESIS
    anchors: int = 0
    rows_compared: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "head": {"seq": self.head_seq, "hash": self.head_hash},
            "anchors_checked": self.anchors,
            "rows_compared": self.rows_compared,
            "problems": self.problems,
        }


def verify_chain(
    rows: Iterable[AuditRow],
    key: bytes,
    *,
    head: Head | None = None,
    anchors: Iterable[Anchor] = (),
    limit: int = 100,
) -> Verification:
    """Check rows (in sequence order): numbers, links, seals, the sealed head and anchors."""
    result = Verification()
    expected_seq = 1
    prev_hash = GENESIS
    problems = result.problems
    pending = {a.seq: a for a in anchors}
    seen_anchors: set[int] = set()
    checked = 0
    for seq, at, actor, action, target, payload, prev, digest in rows:
        checked += 1
        if seq != expected_seq:
            problems.append(f"gap: entries {expected_seq}..{seq - 1} are missing")
        if prev != prev_hash:
            problems.append(f"entry {seq}: link to the previous entry is broken")
        text = _text(seq, at, actor, action, target, payload, prev)
        if not hmac.compare_digest(hmac.new(key, text, hashlib.sha256).hexdigest(), digest):
            problems.append(f"entry {seq}: content does not match its seal (edited or forged)")
        anchor = pending.get(seq)
        if anchor is not None:
            seen_anchors.add(seq)
            if anchor.hash != digest:
                problems.append(
                    f"entry {seq}: differs from the head exported by {anchor.origin} "
                    "(the log was rewritten)"
                )
        expected_seq = seq + 1
        prev_hash = digest
        if len(problems) >= limit:
            problems.append("too many problems; stopped")
            break
    result.checked = checked
    result.head_seq, result.head_hash = expected_seq - 1, prev_hash
    for seq, anchor in sorted(pending.items()):
        if seq not in seen_anchors and seq > expected_seq - 1:
            problems.append(
                f"truncated: {anchor.origin} exported entry {seq} but the log ends at "
                f"entry {expected_seq - 1}"
            )
    result.anchors = len(pending)
    _check_head(result, key, head)
    return result


def _check_head(result: Verification, key: bytes, head: Head | None) -> None:
    last = result.head_seq
    if head is None:
        if last > 0:
            result.problems.append("the sealed head is missing (deleted?)")
        return
    if not hmac.compare_digest(head_seal(key, head.seq, head.hash), head.mac):
        result.problems.append("the head record does not match its seal (edited or forged)")
        return
    if head.seq > last:
        result.problems.append(
            f"truncated: the sealed head is entry {head.seq} but the log ends at entry {last}"
        )
    elif head.seq < last:
        result.problems.append(
            f"entries {head.seq + 1}..{last} were added without moving the sealed head"
        )
    elif head.hash != result.head_hash:
        result.problems.append(f"entry {last} is not the entry the sealed head names")
