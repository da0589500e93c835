"""What a case page shows: the lifecycle as a timeline, the deadlines due, and each action of
the procedure with whether this user may take it now and, if not, why.

The reasons come from the same procedure (``procedure.yml``) and limits as
:func:`corridor.blacklist.case.apply`, which still decides when an action is taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from corridor.blacklist.case import Case, CaseState, load_procedure
from corridor.blacklist.roles import User

# The path a case takes, and where it may end instead.
LIFECYCLE: tuple[CaseState, ...] = (
    CaseState.OPENED,
    CaseState.EVIDENCE_GATHERED,
    CaseState.NOTIFIED,
    CaseState.HEARD,
    CaseState.PROPOSED,
    CaseState.ADOPTED,
    CaseState.IN_FORCE,
)
ENDINGS: tuple[CaseState, ...] = (
    CaseState.EXPIRED,
    CaseState.REPEALED,
    CaseState.LAPSED,
    CaseState.CLOSED,
)
# The parameters an action asks for besides a reason.
NEEDS: dict[str, tuple[str, ...]] = {
    "notify": ("deadline",),
    "propose": ("measure",),
    "renew": ("measure",),
}


@dataclass(frozen=True, slots=True)
class Stage:
    state: CaseState
    status: str  # done, current, todo, off
    at: str | None = None
    by: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Step:
    action: str
    to: CaseState
    allowed: bool
    why: str | None
    needs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Deadline:
    what: str
    due: datetime
    days: int

    @property
    def overdue(self) -> bool:
        return self.days < 0


def timeline(case: Case) -> list[Stage]:
    """Each lifecycle stage: done (with when, who, why), current, still to come, or not taken."""
    reached: dict[str, dict[str, object]] = {}
    for entry in case.history:
        reached[str(entry.get("to"))] = entry
    path = list(LIFECYCLE)
    if case.state in ENDINGS:
        path.append(case.state)
    current = path.index(case.state) if case.state in path else len(path)
    stages = []
    for number, state in enumerate(path):
        entry = reached.get(state.value, {})
        if state is case.state:
            status = "current"
        elif number < current and entry:
            status = "done"
        elif number < current:
            status = "off"
        else:
            status = "todo"
        stages.append(
            Stage(state, status, _text(entry.get("at")), _text(entry.get("by")),
                  _text(entry.get("reason")))
        )  # fmt: skip
    return stages


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def deadlines(case: Case, now: datetime) -> list[Deadline]:
    """The reply deadline, the 14-day endorsement deadline and the 12-month expiry, when due."""
    found: list[Deadline] = []
    procedure = load_procedure()
    if case.state is CaseState.NOTIFIED and case.reply_deadline is not None:
        found.append(_deadline("operator's reply", case.reply_deadline, now))
    if case.state is CaseState.ADOPTED and case.adopted_at is not None:
        due = case.adopted_at + timedelta(days=procedure.endorsement_days)
        what = f"committee endorsement ({procedure.endorsement_days} days from adoption)"
        found.append(_deadline(what, due, now))
    if case.state is CaseState.IN_FORCE and case.measure is not None:
        found.append(_deadline("measure expires (at most 12 months)", case.measure.end, now))
    return found


def _deadline(what: str, due: datetime, now: datetime) -> Deadline:
    return Deadline(what, due, (due - now).days if due >= now else -((now - due).days + 1))


def steps(case: Case, user: User, now: datetime) -> list[Step]:
    """Every action of the procedure, allowed or refused for ``user`` now, with the reason."""
    procedure = load_procedure()
    result = []
    for action, spec in procedure.actions.items():
        why: str | None = None
        if user.role not in spec.roles:
            why = "needs the role " + " or ".join(r.value for r in spec.roles)
        elif case.state not in spec.from_:
            why = _refusal(case, action, [s.value for s in spec.from_])
        else:
            why = _timing(case, action, now, procedure.endorsement_days)
        result.append(Step(action, spec.to, why is None, why, NEEDS.get(action, ())))
    return result


def _refusal(case: Case, action: str, states: list[str]) -> str:
    if action == "adopt" and case.heard_at is None:
        return "cannot adopt a measure before the operator has been heard"
    if action == "renew" and case.state is CaseState.EXPIRED:
        return "cannot renew an expired measure: open a new case"
    return f"not while the case is {case.state.value} (only from {', '.join(states)})"


def _timing(case: Case, action: str, now: datetime, days: int) -> str | None:
    if action in ("endorse", "lapse") and case.adopted_at is not None:
        deadline = case.adopted_at + timedelta(days=days)
        if action == "endorse" and now > deadline:
            return (
                f"the {days}-day endorsement period ended on {deadline.date()}: the measure lapsed"
            )
        if action == "lapse" and now <= deadline:
            return f"the committee may still endorse until {deadline.date()}"
    if action == "expire" and case.measure is not None and now < case.measure.end:
        return f"the measure runs until {case.measure.end.date()}"
    if action == "renew" and case.measure is not None and now >= case.measure.end:
        return f"the measure ended on {case.measure.end.date()}: open a new case"
    return None
