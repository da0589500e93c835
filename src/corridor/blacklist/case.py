"""The case state machine: which action moves a case where, who may take it, and when.

The states and roles come from ``procedure.yml``; the limits that need dates are here:
adopting needs a hearing first, the committee endorses within 14 days of adoption or the
measure lapses, a measure lasts at most 12 months from entry into force, and an expired
measure cannot be renewed (renewal is a new decision taken while it is in force).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import Any

from pydantic import BaseModel

from corridor.blacklist.measure import Measure, check_duration
from corridor.blacklist.roles import Role, User
from corridor.exc import InvalidData, ProcedureError
from corridor.resources import load_yaml


class CaseState(StrEnum):
    OPENED = "opened"
    EVIDENCE_GATHERED = "evidence_gathered"
    NOTIFIED = "notified"
    HEARD = "heard"
    PROPOSED = "proposed"
    ADOPTED = "adopted"
    IN_FORCE = "in_force"
    LAPSED = "lapsed"
    EXPIRED = "expired"
    REPEALED = "repealed"
    CLOSED = "closed"


class ActionSpec(BaseModel):
    from_: list[CaseState]
    to: CaseState
    roles: list[Role]

    model_config = {"populate_by_name": True}


class Procedure(BaseModel):
    endorsement_days: int
    actions: dict[str, ActionSpec]


@cache
def load_procedure() -> Procedure:
    """The bundled procedure, validated."""
    raw = load_yaml(files("corridor.blacklist").joinpath("procedure.yml").read_text())
    for spec in raw["actions"].values():
        spec["from_"] = spec.pop("from")
    return Procedure.model_validate(raw)


@dataclass(frozen=True, slots=True)
class Case:
    """A case against one operator; ``version`` guards against concurrent writes."""

    id: str
    operator_id: str
    state: CaseState
    version: int
    opened_at: datetime
    opened_by: str
    reply_deadline: datetime | None = None
    heard_at: datetime | None = None
    adopted_at: datetime | None = None
    measure: Measure | None = None
    in_force_since: datetime | None = None
    history: tuple[dict[str, Any], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "operator_id": self.operator_id,
            "state": self.state.value,
            "version": self.version,
            "opened_at": self.opened_at.isoformat(),
            "opened_by": self.opened_by,
            "reply_deadline": _iso(self.reply_deadline),
            "heard_at": _iso(self.heard_at),
            "adopted_at": _iso(self.adopted_at),
            "measure": None if self.measure is None else self.measure.to_dict(),
            "in_force_since": _iso(self.in_force_since),
            "history": list(self.history),
        }


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


@dataclass(frozen=True, slots=True)
class Transition:
    """A request to move a case: the action, who, why, when, and its parameters."""

    action: str
    user: User
    reason: str
    when: datetime
    reply_deadline: datetime | None = None
    measure: Measure | None = None


def apply(case: Case, step: Transition) -> Case:
    """The case after ``step``, or an error saying why the procedure forbids it."""
    procedure = load_procedure()
    spec = procedure.actions.get(step.action)
    if spec is None:
        known = ", ".join(sorted(procedure.actions))
        raise InvalidData.at(f"unknown action {step.action!r}; known: {known}", field="action")
    step.user.require(frozenset(spec.roles), f"{step.action} a case")
    if not step.reason.strip():
        raise InvalidData.at(f"{step.action} needs a reason", field="reason")
    if case.state not in spec.from_:
        raise ProcedureError(_refusal(case, step.action))
    changes: dict[str, Any] = {"state": spec.to}
    check = _CHECKS.get(step.action)
    if check is not None:
        changes.update(check(case, step, procedure))
    entry = {
        "action": step.action,
        "from": case.state.value,
        "to": spec.to.value,
        "by": step.user.name,
        "role": step.user.role.value,
        "reason": step.reason,
        "at": step.when.isoformat(),
    }
    return replace(case, version=case.version + 1, history=(*case.history, entry), **changes)


def _refusal(case: Case, action: str) -> str:
    if action == "adopt" and case.state in _BEFORE_HEARING:
        return f"case {case.id}: cannot adopt a measure before the operator has been heard"
    if action == "renew" and case.state is CaseState.EXPIRED:
        return f"case {case.id}: cannot renew an expired measure; open a new case"
    return f"case {case.id}: cannot {action} while {case.state.value}"


_BEFORE_HEARING = {CaseState.OPENED, CaseState.EVIDENCE_GATHERED, CaseState.NOTIFIED}


def _notify(case: Case, step: Transition, _p: Procedure) -> dict[str, Any]:
    if step.reply_deadline is None:
        raise InvalidData.at("notifying the operator needs a reply deadline", field="deadline")
    if step.reply_deadline <= step.when:
        raise InvalidData.at("the reply deadline must be after notification", field="deadline")
    return {"reply_deadline": step.reply_deadline}


def _hear(case: Case, step: Transition, _p: Procedure) -> dict[str, Any]:
    return {"heard_at": step.when}


def _propose(case: Case, step: Transition, _p: Procedure) -> dict[str, Any]:
    if step.measure is None:
        raise InvalidData.at("a proposal needs a measure", field="measure")
    check_duration(step.measure.start, step.measure.end)
    return {"measure": step.measure}


def _adopt(case: Case, step: Transition, _p: Procedure) -> dict[str, Any]:
    if case.heard_at is None or step.when < case.heard_at:
        raise ProcedureError(f"case {case.id}: cannot adopt before the operator was heard")
    return {"adopted_at": step.when}


def _endorse(case: Case, step: Transition, procedure: Procedure) -> dict[str, Any]:
    assert case.adopted_at is not None and case.measure is not None
    deadline = case.adopted_at + timedelta(days=procedure.endorsement_days)
    if step.when > deadline:
        raise ProcedureError(
            f"case {case.id}: endorsement is due within {procedure.endorsement_days} days of "
            f"adoption ({case.adopted_at.date()}), by {deadline.date()}; the measure has lapsed"
        )
    measure = case.measure
    if measure.start < step.when:
        # entry into force cannot precede endorsement; the 12 months run from entry into force
        measure = replace(measure, start=step.when)
    check_duration(measure.start, measure.end)
    return {"measure": measure, "in_force_since": measure.start}


def _lapse(case: Case, step: Transition, procedure: Procedure) -> dict[str, Any]:
    assert case.adopted_at is not None
    deadline = case.adopted_at + timedelta(days=procedure.endorsement_days)
    if step.when <= deadline:
        raise ProcedureError(f"case {case.id}: the committee may still endorse until {deadline}")
    return {}


def _renew(case: Case, step: Transition, _p: Procedure) -> dict[str, Any]:
    assert case.measure is not None
    if step.when >= case.measure.end:
        raise ProcedureError(
            f"case {case.id}: cannot renew an expired measure (ended {case.measure.end.date()})"
        )
    if step.measure is None:
        raise InvalidData.at("a renewal needs the renewed measure", field="measure")
    if step.measure.start > case.measure.end:
        raise ProcedureError(
            f"case {case.id}: the renewal must start by {case.measure.end.date()}, when the "
            "measure in force ends; a later start is a new case"
        )
    check_duration(step.measure.start, step.measure.end)
    return {"measure": step.measure}


def _expire(case: Case, step: Transition, _p: Procedure) -> dict[str, Any]:
    assert case.measure is not None
    if step.when < case.measure.end:
        raise ProcedureError(f"case {case.id}: the measure runs until {case.measure.end}")
    return {}


_CHECKS = {
    "notify": _notify,
    "hear": _hear,
    "propose": _propose,
    "adopt": _adopt,
    "endorse": _endorse,
    "lapse": _lapse,
    "renew": _renew,
    "expire": _expire,
}


def is_in_force(case: Case, when: datetime) -> bool:
    """Whether the case's measure applies at ``when``."""
    if case.state is not CaseState.IN_FORCE or case.measure is None:
        return False
    since = case.measure.start if case.in_force_since is None else case.in_force_since
    return since <= when < case.measure.end
