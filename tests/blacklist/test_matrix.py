"""The partners' matrix against the real history of Belavia and Cham Wings."""

from __future__ import annotations

from sqlalchemy import Engine

from corridor.blacklist.matrix import MatrixRow
from corridor.blacklist.measure import Measure, MeasureKind
from corridor.blacklist.roles import Role, User
from corridor.model.entity import Entity, EntityType, Identifier, IdScheme, Name
from corridor.model.listing import Jurisdiction
from corridor.model.provenance import Provenance
from corridor.model.time import to_datetime as d
from corridor.services import blacklist as service
from corridor.services import cases
from corridor.store.lists import ListStore, SnapshotInfo

SDN_2024 = "a" * 64  # stand-in hashes of the two OFAC snapshots below
SDN_2026 = "b" * 64


def rows_by_name(engine: Engine, as_of: str) -> dict[str, MatrixRow]:
    return {r.operator.name: r for r in service.matrix(engine, as_of)}


def status(engine: Engine, as_of: str, name: str, column: str) -> str:
    return rows_by_name(engine, as_of)[name].cell(column).label


HISTORY = [
    ("2021-12-01", "Belavia", "EU", "not listed"),
    ("2021-12-02", "Belavia", "EU", "listed"),
    ("2021-12-03", "Belavia", "EU", "listed"),
    ("2021-12-03", "Belavia", "US", "not listed"),
    ("2023-08-08", "Belavia", "US", "not listed"),
    ("2023-08-09", "Belavia", "US", "listed"),
    ("2025-11-03", "Belavia", "US", "listed"),
    ("2025-11-04", "Belavia", "US", "not listed"),
    ("2021-12-01", "Cham Wings Airlines", "EU", "not listed"),
    ("2021-12-03", "Cham Wings Airlines", "EU", "listed"),
    ("2022-07-17", "Cham Wings Airlines", "EU", "listed"),
    ("2022-07-18", "Cham Wings Airlines", "EU", "not listed"),
    ("2021-12-03", "Tsentrkurort", "CA", "listed"),
    ("2021-12-03", "Iraqi Airways", "EU", "-"),
]


def test_curated_history(engine: Engine) -> None:
    service.seed_operators(engine)
    found = [(a, n, c, status(engine, a, n, c)) for a, n, c, _ in HISTORY]
    assert found == HISTORY


def test_gaps_on_2021_12_03(engine: Engine) -> None:
    service.seed_operators(engine)
    rows = rows_by_name(engine, "2021-12-03")
    assert rows["Belavia"].listed_by == ["EU"]
    # only partners whose evidence says "not listed" are gaps; "-" (no data) is unknown
    belavia = rows["Belavia"]
    assert all(belavia.cell(c).label == "not listed" for c in belavia.gap)
    assert "US" in belavia.gap and "EU-753" not in belavia.gap
    assert "EU-753" in belavia.unknown and belavia.cell("EU-753").label == "-"
    assert not set(belavia.gap) & set(belavia.unknown)
    assert rows["Tsentrkurort"].listed_by == ["EU", "US", "CA"]
    assert rows["Iraqi Airways"].gap == []
    evidence = rows["Belavia"].cell("EU").evidence
    assert any("operators_listings.csv:2" in e and "2021/2124" in e for e in evidence)


def _belavia(snapshot: str) -> Entity:
    # OFAC SDN record 44541 as published in the 2024-05-03 sdn.csv (shared/data/lists)
    return Entity(
        id="ofac_sdn-44541",
        source="ofac_sdn",
        record_id="44541",
        type=EntityType.ORGANIZATION,
        names=[Name("OPEN JOINT STOCK COMPANY BELAVIA BELARUSIAN AIRLINES")],
        provenance=Provenance("ofac_sdn", snapshot, "44541", d("2024-05-03")),
        identifiers=[Identifier(IdScheme.TAX, "600390798")],
        programs=["BELARUS-EO14038"],
    )


def _load(engine: Engine, sha: str, when: str, entities: list[Entity]) -> None:
    info = SnapshotInfo("ofac_sdn", sha, f"ofac_sdn/{when}", d(when), d(when))
    ListStore(engine).load(entities, info, Jurisdiction.US)


def test_snapshots_and_curated_records_both_show(engine: Engine) -> None:
    service.seed_operators(engine)
    _load(engine, SDN_2024, "2024-05-03", [_belavia(SDN_2024)])
    _load(engine, SDN_2026, "2026-01-08", [])
    # both say listed: the entry is matched to Belavia by its name
    cell = rows_by_name(engine, "2024-06-01")["Belavia"].cell("US")
    assert (cell.curated, cell.lists, cell.label) == (True, True, "listed")
    assert any("ofac_sdn-44541" in e and "name" in e for e in cell.evidence)
    # after the cited delisting of 2025-11-04 the snapshots only learn it on 2026-01-08: on
    # 2025-12-01 the curated lifting (newer) decides, the 2024 snapshot is shown beside it
    cell = rows_by_name(engine, "2025-12-01")["Belavia"].cell("US")
    assert cell.disagree and cell.decided_by == "curated" and not cell.listed
    assert cell.label == (
        "not listed (curated record 2025-11-04: not listed; older list snapshot 2024-05-03: listed)"
    )
    assert (str(cell.curated_date), str(cell.lists_date)) == ("2025-11-04", "2024-05-03")
    # once the 2026 snapshot is held, both agree
    cell = rows_by_name(engine, "2026-02-01")["Belavia"].cell("US")
    assert (cell.label, str(cell.lists_date)) == ("not listed", "2026-01-08")
    # before the first snapshot held, the lists say nothing
    cell = rows_by_name(engine, "2021-12-03")["Belavia"].cell("US")
    assert (cell.curated, cell.lists) == (False, None)
    # a person rejects the match: the lists no longer count for Belavia
    analyst = User("ana", Role.ANALYST)
    service.review_link(
        engine, analyst, "Belavia", "ofac_sdn-44541", confirm=False, reason="test rejection"
    )
    assert rows_by_name(engine, "2024-06-01")["Belavia"].cell("US").lists is False


def test_measure_in_force_fills_the_eu_blacklist_column(engine: Engine) -> None:
    service.seed_operators(engine)
    ana, dora, cem = (
        User("ana", Role.ANALYST),
        User("dora", Role.DECISION_MAKER),
        User("cem", Role.COMMITTEE_MEMBER),
    )
    case = cases.open_case(engine, ana, "Belavia", "flights to Minsk", when=d("2021-11-01"))
    for action, when in [("gather_evidence", "2021-11-02"), ("notify", "2021-11-03")]:
        cases.transition(
            engine, ana, case.id, action, "r", when=d(when), reply_deadline=d("2021-11-10")
        )
    cases.transition(engine, ana, case.id, "hear", "r", when=d("2021-11-10"))
    measure = Measure((MeasureKind.SUSPEND_OPERATIONS,), d("2021-12-02"), d("2022-12-02"))
    cases.transition(engine, ana, case.id, "propose", "r", when=d("2021-11-11"), measure=measure)
    cases.transition(engine, dora, case.id, "adopt", "r", when=d("2021-11-20"))
    cases.transition(engine, cem, case.id, "endorse", "r", when=d("2021-11-30"))
    row = rows_by_name(engine, "2021-12-03")["Belavia"]
    assert row.cell("EU-753").label == "listed"
    assert rows_by_name(engine, "2021-12-01")["Belavia"].cell("EU-753").label == "-"
