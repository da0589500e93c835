"""What a case page offers: the timeline, the deadlines and each action with why it is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from corridor.blacklist.case import Case, CaseState, Transition, apply
from corridor.blacklist.measure import Measure, MeasureKind
from corridor.blacklist.roles import Role, User
from corridor.blacklist.steps import deadlines, steps, timeline

ANA = User("ana", Role.ANALYST)
DORA = User("dora", Role.DECISION_MAKER)
CEM = User("cem", Role.COMMITTEE_MEMBER)
T0 = datetime(2021, 12, 1, tzinfo=UTC)


def _case() -> Case:
    return Case("case-00001", "op-x", CaseState.OPENED, 1, T0, "ana",
                history=({"action": "open", "to": "opened", "by": "ana", "at": T0.isoformat()},))  # fmt: skip


def _walk(case: Case, *moves: tuple[str, User, int]) -> Case:
    for action, user, day in moves:
        when = T0 + timedelta(days=day)
        extra: dict[str, object] = {}
        if action == "notify":
            extra["reply_deadline"] = when + timedelta(days=5)
        if action == "propose":
            extra["measure"] = Measure((MeasureKind.BAN_TRANSIT,), when, when + timedelta(days=300))
        case = apply(case, Transition(action, user, "why", when, **extra))  # type: ignore[arg-type]
    return case


def _why(case: Case, user: User, now: datetime) -> dict[str, str | None]:
    return {s.action: s.why for s in steps(case, user, now)}


def test_refused_steps_say_why() -> None:
    case = _walk(_case(), ("gather_evidence", ANA, 1), ("notify", ANA, 2))
    assert _why(case, ANA, T0)["adopt"] == "needs the role decision_maker"
    assert _why(case, DORA, T0)["adopt"] == (
        "cannot adopt a measure before the operator has been heard"
    )
    assert _why(case, ANA, T0)["hear"] is None
    assert [d.what for d in deadlines(case, T0 + timedelta(days=3))] == ["operator's reply"]


def test_endorsement_deadline_and_timeline() -> None:
    case = _walk(_case(), ("gather_evidence", ANA, 1), ("notify", ANA, 2), ("hear", ANA, 4),
                 ("propose", ANA, 5), ("adopt", DORA, 6))  # fmt: skip
    (due,) = deadlines(case, T0 + timedelta(days=10))
    assert due.due == T0 + timedelta(days=20) and due.days == 10 and not due.overdue
    assert _why(case, CEM, T0 + timedelta(days=10))["endorse"] is None
    late = _why(case, CEM, T0 + timedelta(days=21))["endorse"]
    assert late is not None and "the measure lapsed" in late
    stages = timeline(case)
    assert [s.status for s in stages] == ["done"] * 5 + ["current", "todo"]
    assert stages[5].by == "dora"
    in_force = _walk(case, ("endorse", CEM, 7))
    (expiry,) = deadlines(in_force, T0 + timedelta(days=8))
    assert expiry.what.startswith("measure expires")
