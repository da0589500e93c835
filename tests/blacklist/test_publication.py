"""Published versions: contents, the four formats, and diffs between versions."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta

from sqlalchemy import Engine

from corridor.blacklist.case import Case
from corridor.blacklist.measure import Measure, MeasureKind
from corridor.blacklist.publication import DEMO_MARK, diff_versions, render
from corridor.blacklist.roles import Role, User
from corridor.model.time import to_datetime as d
from corridor.services import blacklist as service
from corridor.services import cases

ANA = User("ana", Role.ANALYST)
DORA = User("dora", Role.DECISION_MAKER)
CEM = User("cem", Role.COMMITTEE_MEMBER)


def in_force(engine: Engine, operator: str, start: str, end: str) -> Case:
    """Walk a case through the procedure to a measure in force from ``start``."""
    base = d(start)
    case = cases.open_case(engine, ANA, operator, "investigation", when=d("2021-10-01"))
    cases.transition(engine, ANA, case.id, "gather_evidence", "r", when=d("2021-10-02"))
    cases.transition(
        engine, ANA, case.id, "notify", "r", when=d("2021-10-03"), reply_deadline=d("2021-10-20")
    )
    cases.transition(engine, ANA, case.id, "hear", "r", when=d("2021-10-20"))
    measure = Measure((MeasureKind.BAN_TECHNICAL_STOPS,), base, d(end))
    cases.transition(engine, ANA, case.id, "propose", "r", when=d("2021-10-21"), measure=measure)
    cases.transition(engine, DORA, case.id, "adopt", "r", when=d("2021-10-25"))
    return cases.transition(engine, CEM, case.id, "endorse", "r", when=d("2021-11-01"))


def test_versions_and_diffs(engine: Engine) -> None:
    service.seed_operators(engine)
    belavia = in_force(engine, "Belavia", "2021-12-02", "2022-12-02")
    v1 = service.publish(engine, DORA, when=d("2021-12-05"))
    assert [e["name"] for e in v1["entries"]] == ["Belavia"]
    assert v1["diff"] == {"added": [belavia.operator_id], "removed": [], "changed": []}
    cham = in_force(engine, "Cham Wings Airlines", "2021-12-10", "2022-06-10")
    v2 = service.publish(engine, DORA, when=d("2021-12-11"))
    assert v2["diff"]["added"] == [cham.operator_id]
    renewed = Measure((MeasureKind.BAN_TECHNICAL_STOPS,), d("2022-06-10"), d("2023-06-10"))
    cases.transition(
        engine, DORA, cham.id, "renew", "still flying", when=d("2022-06-01"), measure=renewed
    )
    cases.transition(engine, DORA, belavia.id, "repeal", "court ruling", when=d("2022-06-02"))
    v3 = service.publish(engine, DORA, when=d("2022-06-03"))
    assert service.diff(engine, 2, 3) == {
        "from": 2,
        "to": 3,
        "added": [],
        "removed": [belavia.operator_id],
        "changed": [cham.operator_id],
    }
    assert service.diff(engine, 1, 3)["added"] == [cham.operator_id]
    # the four formats of one version
    rows = list(csv.DictReader(io.StringIO(render(v3, "csv"))))
    assert rows == [
        {
            "operator_id": cham.operator_id,
            "name": "Cham Wings Airlines",
            "country": "sy",
            "case_id": cham.id,
            "measures": "ban_technical_stops",
            "start": "2022-06-10",
            "end": "2023-06-10",
            "modes": "air",
            "authority": f"European Commission (COM(2021) 753); {DEMO_MARK}",
        }
    ]
    assert v3["official"] is False and DEMO_MARK in render(v3, "html")
    ftm = [json.loads(line) for line in render(v3, "ftm").splitlines()]
    assert DEMO_MARK in ftm[1]["properties"]["authority"][0]
    assert [e["schema"] for e in ftm] == ["Company", "Sanction"]
    assert ftm[1]["properties"]["entity"] == [cham.operator_id]
    assert json.loads(render(v3, "json"))["number"] == 3
    assert "Cham Wings Airlines" in render(v3, "html")
    assert service.verify_audit(engine).ok


def test_diff_of_identical_versions_is_empty() -> None:
    entry = {"operator_id": "op-1", "name": "A", "start": "2021-12-02"}
    assert diff_versions({"entries": [entry]}, {"entries": [dict(entry)]}) == {
        "added": [],
        "removed": [],
        "changed": [],
    }


def test_due_lists_deadlines_and_expiries(engine: Engine) -> None:
    service.seed_operators(engine)
    in_force(engine, "Belavia", "2021-12-02", "2022-12-02")
    other = cases.open_case(engine, ANA, "VIP Grub", "visas", when=d("2021-11-01"))
    cases.transition(engine, ANA, other.id, "gather_evidence", "r", when=d("2021-11-01"))
    cases.transition(
        engine, ANA, other.id, "notify", "r", when=d("2021-11-02"), reply_deadline=d("2021-11-20")
    )
    now: datetime = d("2021-11-15")
    due = cases.due(engine, timedelta(days=10), now=now)
    assert [(x["case_id"], x["what"]) for x in due] == [(other.id, "reply deadline")]
    due = cases.due(engine, timedelta(days=30), now=d("2022-11-10"))
    assert {x["what"] for x in due} == {"reply deadline", "measure expires"}
    assert [x["overdue"] for x in due if x["what"] == "reply deadline"] == [True]
