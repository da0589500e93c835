"""The case state machine: every action from every state, roles, reasons and the time limits."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from corridor.blacklist.case import Case, CaseState, Transition, apply, load_procedure
from corridor.blacklist.measure import Measure, MeasureKind, add_months
from corridor.blacklist.roles import Role, User
from corridor.exc import Forbidden, InvalidData, ProcedureError
from corridor.model.time import to_datetime as d

ANALYST = User("ana", Role.ANALYST)
DECIDER = User("dora", Role.DECISION_MAKER)
COMMITTEE = User("cem", Role.COMMITTEE_MEMBER)
ROLE_USER = {
    Role.ANALYST: ANALYST,
    Role.DECISION_MAKER: DECIDER,
    Role.COMMITTEE_MEMBER: COMMITTEE,
}
MEASURE = Measure(
    kinds=(MeasureKind.SUSPEND_OPERATIONS,), start=d("2021-12-10"), end=d("2022-12-10")
)
ADOPTED_AT = d("2021-12-01")


def case_in(state: CaseState) -> Case:
    """A case in ``state`` carrying what that state implies."""
    return Case(
        id="case-00001",
        operator_id="op-1",
        state=state,
        version=3,
        opened_at=d("2021-11-01"),
        opened_by="ana",
        reply_deadline=d("2021-11-20"),
        heard_at=d("2021-11-15"),
        adopted_at=ADOPTED_AT,
        measure=MEASURE,
    )


def step_for(action: str, when: str = "2021-12-05") -> Transition:
    """A valid request for ``action`` made by a holder of its first allowed role."""
    role = load_procedure().actions[action].roles[0]
    when_dt = d(when)
    measure = MEASURE
    if action == "renew":
        measure = Measure(MEASURE.kinds, d("2022-12-10"), d("2023-12-10"))
        when_dt = d("2022-12-01")
    elif action == "expire":
        when_dt = d("2022-12-10")
    elif action == "lapse":
        when_dt = ADOPTED_AT + timedelta(days=15)
    return Transition(
        action,
        ROLE_USER[role],
        "reason given",
        when_dt,
        reply_deadline=when_dt + timedelta(days=14),
        measure=measure,
    )


LEGAL = [
    (action, state) for action, spec in load_procedure().actions.items() for state in spec.from_
]
ILLEGAL = [
    (action, state)
    for action, spec in load_procedure().actions.items()
    for state in CaseState
    if state not in spec.from_
]


@pytest.mark.parametrize(("action", "state"), LEGAL)
def test_legal_transition_moves_the_case(action: str, state: CaseState) -> None:
    case = case_in(state)
    new = apply(case, step_for(action))
    assert new.state is load_procedure().actions[action].to
    assert new.version == case.version + 1
    assert new.history[-1]["reason"] == "reason given"
    assert new.history[-1]["action"] == action


@pytest.mark.parametrize(("action", "state"), ILLEGAL)
def test_illegal_transition_is_refused(action: str, state: CaseState) -> None:
    with pytest.raises(ProcedureError, match=f"cannot {action}"):
        apply(case_in(state), step_for(action))


def test_adopting_before_hearing_says_so() -> None:
    with pytest.raises(ProcedureError, match="before the operator has been heard"):
        apply(case_in(CaseState.NOTIFIED), step_for("adopt"))


def test_adopting_a_case_without_a_hearing_date_is_refused() -> None:
    case = replace(case_in(CaseState.PROPOSED), heard_at=None)
    with pytest.raises(ProcedureError, match="heard"):
        apply(case, step_for("adopt"))


def test_renewing_an_expired_measure_is_refused() -> None:
    with pytest.raises(ProcedureError, match="expired"):
        apply(case_in(CaseState.EXPIRED), step_for("renew"))


def test_renewing_after_the_end_date_is_refused() -> None:
    step = replace(step_for("renew"), when=MEASURE.end)
    with pytest.raises(ProcedureError, match="expired"):
        apply(case_in(CaseState.IN_FORCE), step)


@pytest.mark.parametrize(("days", "ok"), [(0, True), (13, True), (14, True), (15, False)])
def test_endorsement_within_14_days(days: int, ok: bool) -> None:
    step = replace(step_for("endorse"), when=ADOPTED_AT + timedelta(days=days))
    case = case_in(CaseState.ADOPTED)
    if ok:
        assert apply(case, step).state is CaseState.IN_FORCE
    else:
        with pytest.raises(ProcedureError, match="14 days"):
            apply(case, step)


def test_endorsement_a_second_after_the_14th_day_lapses() -> None:
    step = replace(step_for("endorse"), when=ADOPTED_AT + timedelta(days=14, seconds=1))
    with pytest.raises(ProcedureError, match="lapsed"):
        apply(case_in(CaseState.ADOPTED), step)


def test_lapse_only_after_the_window() -> None:
    step = replace(step_for("lapse"), when=ADOPTED_AT + timedelta(days=14))
    with pytest.raises(ProcedureError, match="may still endorse"):
        apply(case_in(CaseState.ADOPTED), step)


@pytest.mark.parametrize(
    ("end", "ok"),
    [("2022-12-09", True), ("2022-12-10", True), ("2022-12-11", False), ("2023-06-01", False)],
)
def test_measure_at_most_12_months(end: str, ok: bool) -> None:
    measure = Measure(MEASURE.kinds, d("2021-12-10"), d(end))
    step = replace(step_for("propose"), measure=measure)
    case = case_in(CaseState.HEARD)
    if ok:
        assert apply(case, step).measure == measure
    else:
        with pytest.raises(ProcedureError, match="12 months"):
            apply(case, step)


def test_endorsing_late_start_moves_entry_into_force_and_checks_12_months() -> None:
    # proposed to start before endorsement: entry into force is the endorsement itself
    measure = Measure(MEASURE.kinds, d("2021-12-02"), d("2022-12-02"))
    case = replace(case_in(CaseState.ADOPTED), measure=measure)
    new = apply(case, replace(step_for("endorse"), when=d("2021-12-05")))
    assert new.measure is not None and new.measure.start == d("2021-12-05")


def test_renewal_longer_than_12_months_is_refused() -> None:
    step = replace(
        step_for("renew"), measure=Measure(MEASURE.kinds, d("2022-12-10"), d("2023-12-11"))
    )
    with pytest.raises(ProcedureError, match="12 months"):
        apply(case_in(CaseState.IN_FORCE), step)


def test_expire_only_at_the_end() -> None:
    step = replace(step_for("expire"), when=MEASURE.end - timedelta(seconds=1))
    with pytest.raises(ProcedureError, match="runs until"):
        apply(case_in(CaseState.IN_FORCE), step)


@pytest.mark.parametrize("action", sorted(load_procedure().actions))
def test_each_action_refuses_other_roles(action: str) -> None:
    allowed = set(load_procedure().actions[action].roles)
    state = load_procedure().actions[action].from_[0]
    for role in Role:
        if role in allowed:
            continue
        step = replace(step_for(action), user=User("x", role))
        with pytest.raises(Forbidden, match=action):
            apply(case_in(state), step)


def test_reason_is_required() -> None:
    step = replace(step_for("gather_evidence"), reason="  ")
    with pytest.raises(InvalidData, match="reason"):
        apply(case_in(CaseState.OPENED), step)


def test_notify_needs_a_future_deadline() -> None:
    step = replace(step_for("notify"), reply_deadline=None)
    with pytest.raises(InvalidData, match="deadline"):
        apply(case_in(CaseState.EVIDENCE_GATHERED), step)
    step = replace(step_for("notify"), reply_deadline=d("2021-12-01"))
    with pytest.raises(InvalidData, match="after notification"):
        apply(case_in(CaseState.EVIDENCE_GATHERED), step)


def test_unknown_action() -> None:
    with pytest.raises(InvalidData, match="unknown action"):
        apply(case_in(CaseState.OPENED), replace(step_for("hear"), action="fly"))


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(d("2024-02-29"), 12) == d("2025-02-28")
    assert add_months(d("2021-01-31"), 1) == d("2021-02-28")


def test_renewal_must_follow_on_without_a_gap() -> None:
    late = Measure(MEASURE.kinds, MEASURE.end + timedelta(days=1), d("2023-12-01"))
    with pytest.raises(ProcedureError, match="new case"):
        apply(case_in(CaseState.IN_FORCE), replace(step_for("renew"), measure=late))
