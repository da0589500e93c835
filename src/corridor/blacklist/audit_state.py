"""The state the audit log implies, compared with the rows the register holds.

A sealed log proves what was logged; it says nothing of a row edited directly in the database
(``UPDATE bl_cases SET state='in_force'``). Replaying the log gives, for each case, user, link,
evidence item and publication, what the register must hold; :func:`compare` names every row
that differs from it, exists without an entry, or is missing though logged.

>>> implied = replay([(1, "t", "ana", "open_case", "case-00001", '{"operator_id":"op"}', "", ""),
...                   (2, "t", "bo", "notify", "case-00001",
...                    '{"from":"opened","to":"notified","version":2}', "", "")])
>>> implied.cases["case-00001"]
('notified', 2, 'op')
>>> compare(implied, Register(cases={"case-00001": ("in_force", 2, "op", "in_force", 2)}))
['case case-00001: stored state in_force, version 2; the log says notified, version 2']
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from corridor.blacklist.audit import AuditRow

# what evidence entries carry that the evidence table must still hold
EVIDENCE_FIELDS = ("claim", "document", "span", "url", "reviewer")


@dataclass(slots=True)
class Implied:
    """The register as the log describes it."""

    cases: dict[str, tuple[str, int, str]] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)
    links: dict[tuple[str, str], str] = field(default_factory=dict)
    evidence: dict[int, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    publications: dict[int, str | None] = field(default_factory=dict)


@dataclass(slots=True)
class Register:
    """The register as stored. Cases: id -> (state, version, operator, state and version in
    the case's JSON data); evidence: id -> (case id, fields); publications: number -> sha256."""

    cases: dict[str, tuple[str, int, str, str, int]] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)
    links: dict[tuple[str, str], str] = field(default_factory=dict)
    evidence: dict[int, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    publications: dict[int, str] = field(default_factory=dict)


def replay(rows: Iterable[AuditRow]) -> Implied:
    """Walk the log in order and build :class:`Implied`."""
    implied = Implied()
    for _seq, _at, _actor, action, target, payload_text, _prev, _hash in rows:
        try:
            payload: dict[str, Any] = json.loads(payload_text)
        except ValueError:
            continue  # an unreadable payload is already a broken seal
        if action == "open_case":
            implied.cases[target] = ("opened", 1, str(payload.get("operator_id")))
        elif target in implied.cases and "to" in payload and "version" in payload:
            operator = implied.cases[target][2]
            implied.cases[target] = (str(payload["to"]), int(payload["version"]), operator)
        elif action == "add_user":
            implied.users[target] = str(payload.get("role"))
        elif action in ("link_confirmed", "link_rejected"):
            status = action.removeprefix("link_")
            implied.links[(target, str(payload.get("entity_id")))] = status
        elif action == "add_evidence" and "id" in payload:
            fields = {k: payload.get(k) for k in EVIDENCE_FIELDS}
            implied.evidence[int(payload["id"])] = (target, fields)
        elif action == "publish" and target.startswith("version-"):
            number = int(target.removeprefix("version-"))
            implied.publications[number] = payload.get("sha256")
    return implied


def compare(implied: Implied, register: Register, *, limit: int = 100) -> list[str]:
    """Every difference between the register and the log, as one line each."""
    problems: list[str] = []
    for case_id, (state, version, operator, data_state, data_version) in sorted(
        register.cases.items()
    ):
        expected = implied.cases.get(case_id)
        if expected is None:
            problems.append(f"case {case_id}: stored but never opened in the log")
            continue
        if (state, version) != expected[:2] or (data_state, data_version) != expected[:2]:
            problems.append(
                f"case {case_id}: stored state {state}, version {version}; "
                f"the log says {expected[0]}, version {expected[1]}"
            )
        if operator != expected[2]:
            problems.append(f"case {case_id}: operator {operator}, the log says {expected[2]}")
    for case_id in sorted(set(implied.cases) - set(register.cases)):
        problems.append(f"case {case_id}: opened in the log but missing from the register")
    for name, role in sorted(register.users.items()):
        if implied.users.get(name) != role:
            logged = implied.users.get(name)
            problems.append(f"user {name}: role {role}, the log says {logged or 'no such user'}")
    for key, status in sorted(register.links.items()):
        if key in implied.links and implied.links[key] != status:
            problems.append(
                f"link {key[0]} -> {key[1]}: {status}, the log says {implied.links[key]}"
            )
    for item_id, (case_id, fields) in sorted(register.evidence.items()):
        expected_item = implied.evidence.get(item_id)
        if expected_item is None:
            problems.append(f"evidence {item_id} of {case_id}: stored but never logged")
        elif expected_item != (case_id, fields):
            problems.append(f"evidence {item_id} of {case_id}: differs from its log entry")
    for item_id in sorted(set(implied.evidence) - set(register.evidence)):
        problems.append(f"evidence {item_id}: logged but missing from the register")
    for number, digest in sorted(register.publications.items()):
        if number not in implied.publications:
            problems.append(f"published version {number}: stored but never logged")
        elif implied.publications[number] not in (None, digest):
            problems.append(f"published version {number}: content differs from what was logged")
    for number in sorted(set(implied.publications) - set(register.publications)):
        problems.append(f"published version {number}: logged but missing")
    return problems[:limit]
