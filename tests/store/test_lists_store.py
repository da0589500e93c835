"""The list store: diffs, idempotent reloads, listing history, ordering of snapshots."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, func, select

from corridor.exc import Conflict, NotFound
from corridor.model import Entity, EntityType, Name, NameQuality, Provenance, to_datetime
from corridor.model.listing import Jurisdiction
from corridor.store.lists import (
    ListStore,
    SnapshotInfo,
    changes_table,
    entries_table,
    periods_table,
    snapshots_table,
    statements_table,
)
from corridor.store.lists import load as lists_load

# Real OFAC SDN records (sdn.csv of 2024-05-03): Belavia and Tsentrkurort, Cham Wings.
BELAVIA = ("44541", "OPEN JOINT STOCK COMPANY BELAVIA BELARUSIAN AIRLINES")
TSENTRKURORT = ("33171", "REPUBLICAN UNITARY ENTERPRISE TSENTRKURORT")
CHAM_WINGS = ("21244", "CHAM WINGS AIRLINES")


def snap(sha: str, day: str) -> SnapshotInfo:
    return SnapshotInfo(
        source="ofac_sdn",
        sha256=sha * 64 if len(sha) == 1 else sha,
        path=f"src/corridor/data/lists/ofac_sdn/{day}/sdn.csv",
        retrieved_at=to_datetime(day),
        published_at=None,
    )


def entity(
    record: tuple[str, str],
    info: SnapshotInfo,
    *,
    programs: list[str] | None = None,
    listed_on: date | None = None,
) -> Entity:
    record_id, name = record
    return Entity(
        id=f"ofac_sdn-{record_id}",
        source="ofac_sdn",
        record_id=record_id,
        type=EntityType.ORGANIZATION,
        names=[Name(name, NameQuality.PRIMARY, "Latn")],
        provenance=Provenance("ofac_sdn", info.sha256, record_id, info.retrieved_at),
        programs=programs or ["BELARUS-EO14038"],
        listed_on=listed_on,
    )


def counts(engine: Engine) -> dict[str, int]:
    tables = (snapshots_table, entries_table, statements_table, changes_table, periods_table)
    with engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables
        }


def test_first_load_adds_everything_and_opens_periods(engine: Engine) -> None:
    store = ListStore(engine)
    s1 = snap("a", "2021-07-07")
    report = store.load([entity(CHAM_WINGS, s1, programs=["SYRIA"])], s1, Jurisdiction.US)
    assert not report.unchanged
    assert report.added == ["ofac_sdn-21244"]
    assert (report.removed, report.changed, report.total) == ([], [], 1)
    (period,) = store.history("ofac_sdn-21244")
    assert period.jurisdiction is Jurisdiction.US
    assert period.interval.start == to_datetime("2021-07-07")
    assert period.interval.end is None
    assert period.basis == "snapshot"
    assert store.get("ofac_sdn-21244").caption == "CHAM WINGS AIRLINES"


def test_same_snapshot_twice_changes_nothing(engine: Engine) -> None:
    store = ListStore(engine)
    s1 = snap("a", "2021-07-07")
    assert store.revision() == 0
    store.load([entity(CHAM_WINGS, s1)], s1, Jurisdiction.US)
    revision = store.revision()
    assert revision > 0
    before = counts(engine)
    again = store.load([entity(CHAM_WINGS, s1)], s1, Jurisdiction.US)
    assert again.unchanged
    assert (again.added, again.removed, again.changed, again.total) == ([], [], [], 1)
    assert counts(engine) == before
    assert store.revision() == revision


def test_diff_added_removed_changed(engine: Engine) -> None:
    store = ListStore(engine)
    s1, s2 = snap("a", "2021-07-07"), snap("b", "2024-05-03")
    store.load(
        [entity(CHAM_WINGS, s1, programs=["SYRIA"]), entity(TSENTRKURORT, s1)],
        s1,
        Jurisdiction.US,
    )
    report = store.load(
        [entity(CHAM_WINGS, s2, programs=["SYRIA", "SDGT"]), entity(BELAVIA, s2)],
        s2,
        Jurisdiction.US,
    )
    assert report.added == ["ofac_sdn-44541"]
    assert report.removed == ["ofac_sdn-33171"]
    assert report.changed == ["ofac_sdn-21244"]
    change_set = store.changes("ofac_sdn")
    assert change_set.previous == "a" * 64
    by_id = {c.entity_id: c for c in change_set.changes}
    assert by_id["ofac_sdn-21244"].props == ["programs"]
    assert by_id["ofac_sdn-33171"].kind == "removed"
    assert [e.id for e in store.entities()] == ["ofac_sdn-21244", "ofac_sdn-44541"]
    # the dropped programme survives as a statement last seen in the first snapshot
    seen = {(s.prop, s.value): s for s in store.statements("ofac_sdn-21244")}
    assert seen[("program", "SDGT")].first_seen == to_datetime("2024-05-03")
    assert seen[("program", "SYRIA")].first_seen == to_datetime("2021-07-07")
    assert seen[("program", "SYRIA")].last_seen == to_datetime("2024-05-03")
    (status,) = store.status()
    assert (status.entries, status.added, status.removed, status.changed) == (2, 1, 1, 1)
    assert status.snapshots == 2 and status.snapshot == "b" * 64


def test_history_closes_and_reopens(engine: Engine) -> None:
    store = ListStore(engine)
    s1, s2, s3 = snap("a", "2021-01-01"), snap("b", "2022-01-01"), snap("c", "2023-01-01")
    store.load([entity(TSENTRKURORT, s1)], s1, Jurisdiction.US)
    store.load([entity(BELAVIA, s2)], s2, Jurisdiction.US)
    store.load([entity(TSENTRKURORT, s3), entity(BELAVIA, s3)], s3, Jurisdiction.US)
    first, second = store.history("ofac_sdn-33171")
    assert first.interval.start == to_datetime("2021-01-01")
    assert first.interval.end == to_datetime("2022-01-01")
    assert (first.from_snapshot, first.until_snapshot) == ("a" * 64, "b" * 64)
    assert second.interval.start == to_datetime("2023-01-01") and second.interval.end is None
    in_2022 = store.entities(as_of=to_datetime("2022-06-01"))
    assert [e.id for e in in_2022] == ["ofac_sdn-44541"]
    in_2021 = store.entities(as_of=to_datetime("2021-06-01"), sources=["ofac_sdn"])
    assert [e.id for e in in_2021] == ["ofac_sdn-33171"]
    assert len(store.periods(sources=["ofac_sdn"])) == 3
    assert store.periods(sources=["uk_ofsi"]) == []


def test_stated_listing_date_opens_the_period(engine: Engine) -> None:
    store = ListStore(engine)
    s1 = snap("a", "2024-05-03")
    store.load([entity(BELAVIA, s1, listed_on=date(2021, 12, 2))], s1, Jurisdiction.US)
    (period,) = store.history("ofac_sdn-44541")
    assert period.basis == "stated"
    assert period.interval.start == to_datetime("2021-12-02")


def test_older_snapshot_is_refused_and_store_unchanged(engine: Engine) -> None:
    store = ListStore(engine)
    new, old = snap("b", "2024-05-03"), snap("a", "2021-07-07")
    store.load([entity(BELAVIA, new)], new, Jurisdiction.US)
    before = counts(engine)
    with pytest.raises(Conflict, match="older than the one in force"):
        store.load([entity(CHAM_WINGS, old)], old, Jurisdiction.US)
    assert counts(engine) == before


def test_failure_inside_load_rolls_back(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ListStore(engine)
    s1 = snap("a", "2021-07-07")
    store.load([entity(CHAM_WINGS, s1)], s1, Jurisdiction.US)
    before = counts(engine)

    def fail(*_args: object) -> None:
        raise RuntimeError("disk full")

    # entries and statements are written by then: the periods step fails
    monkeypatch.setattr(lists_load, "_write_periods", fail)
    s2 = snap("b", "2024-05-03")
    with pytest.raises(RuntimeError, match="disk full"):
        store.load([entity(BELAVIA, s2), entity(CHAM_WINGS, s2)], s2, Jurisdiction.US)
    assert counts(engine) == before
    assert [e.id for e in store.entities()] == ["ofac_sdn-21244"]


def test_unknown_entity(engine: Engine) -> None:
    store = ListStore(engine)
    with pytest.raises(NotFound):
        store.get("ofac_sdn-0")
    with pytest.raises(NotFound):
        store.history("ofac_sdn-0")
    with pytest.raises(NotFound):
        store.changes("ofac_sdn")


def test_the_store_keeps_its_interface_after_the_split() -> None:
    """ListStore and the names readers import stay at corridor.store.lists; the tables are the
    ones the schema registers."""
    import inspect

    from corridor.store import lists
    from corridor.store.lists import tables as lists_tables
    from corridor.store.schema import metadata

    methods = {n for n, _ in inspect.getmembers(ListStore, inspect.isfunction) if n[0] != "_"}
    assert methods == {
        "load", "entities", "get", "is_active", "history", "periods", "statements",
        "revision", "status", "changes", "snapshot_dates",
    }  # fmt: skip
    assert list(inspect.signature(ListStore.entities).parameters) == ["self", "sources", "as_of"]
    for name in lists_tables.__all__:
        table = getattr(lists, name)
        assert table is getattr(lists_tables, name) and metadata.tables[table.name] is table
    assert {"SnapshotInfo", "LoadReport", "SourceStatus", "Change", "ChangeSet"} <= set(
        lists.__all__
    )
