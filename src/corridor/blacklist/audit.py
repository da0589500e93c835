"""The hash chain of the audit log: each entry's hash covers its content and the previous hash.

Changing any stored field of an entry changes its hash; recomputing that hash breaks the next
entry's link; deleting an entry leaves a gap in the sequence. :func:`verify_chain` finds all three.

>>> a = seal(1, "2021-12-02T00:00:00+00:00", "ana", "open", "case-1", "{}", GENESIS)
>>> b = seal(2, "2021-12-03T00:00:00+00:00", "ana", "notify", "case-1", "{}", a)
>>> verify_chain([(1, "2021-12-02T00:00:00+00:00", "ana", "open", "case-1", "{}", GENESIS, a),
...               (2, "2021-12-03T00:00:00+00:00", "ana", "notify", "case-1", "{}", a, b)]).ok
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

GENESIS = "0" * 64

# seq, at (ISO text), actor, action, target, payload (canonical JSON), prev_hash, hash
AuditRow = tuple[int, str, str, str, str, str, str, str]


def canonical(payload: dict[str, Any]) -> str:
    """The payload as canonical JSON (sorted keys, no spaces), the form that is hashed."""
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def seal(seq: int, at: str, actor: str, action: str, target: str, payload: str, prev: str) -> str:
    """The hash of one entry."""
    text = f"{seq}\x1f{at}\x1f{actor}\x1f{action}\x1f{target}\x1f{payload}\x1f{prev}"
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(slots=True)
class Verification:
    """What :func:`verify_chain` found: entries checked and every problem, by sequence number."""

    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "checked": self.checked, "problems": self.problems}


def verify_chain(rows: Iterable[AuditRow], *, limit: int = 100) -> Verification:
    """Check rows (in sequence order): contiguous numbers, links, and recomputed hashes."""
    result = Verification()
    expected_seq = 1
    prev_hash = GENESIS
    sha = hashlib.sha256
    problems = result.problems
    checked = 0
    for seq, at, actor, action, target, payload, prev, digest in rows:
        checked += 1
        if seq != expected_seq:
            problems.append(f"gap: entries {expected_seq}..{seq - 1} are missing")
        if prev != prev_hash:
            problems.append(f"entry {seq}: link to the previous entry is broken")
        text = f"{seq}\x1f{at}\x1f{actor}\x1f{action}\x1f{target}\x1f{payload}\x1f{prev}"
        if sha(text.encode()).hexdigest() != digest:
            problems.append(f"entry {seq}: content does not match its hash (edited)")
        expected_seq = seq + 1
        prev_hash = digest
        if len(problems) >= limit:
            problems.append("too many problems; stopped")
            break
    result.checked = checked
    return result
