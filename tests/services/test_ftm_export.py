"""FtM datasets in (each its own source) and the lists out as FtM, round trip on real data."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

from sqlalchemy import Engine

from corridor.model import EntityType
from corridor.resources import data_dir
from corridor.services.ftm import export_lists
from corridor.services.lists import load_path
from corridor.sources.ftm_mapping import ftm_id
from corridor.store.lists import ListStore

FTM = data_dir("lists") / "ftm"
OFAC = data_dir("lists") / "ofac_sdn" / "2024-05-03"


def test_datasets_are_sources_of_their_own(engine: Engine) -> None:
    t1 = load_path(engine, "ftm", FTM / "yente-t1" / "entities.ftm.json")
    zala = load_path(engine, "ftm", FTM / "yente-zala" / "entities.ftm.json")
    assert (t1.source, len(t1.added)) == ("ftm_yente_t1", 6)
    # loading a second dataset is not the first one's delisting
    assert (zala.source, len(zala.added), zala.removed) == ("ftm_yente_zala", 17, [])
    store = ListStore(engine)
    assert {s.source: s.entries for s in store.status()} == {
        "ftm_yente_t1": 6,
        "ftm_yente_zala": 17,
    }
    again = load_path(engine, "ftm", FTM / "yente-zala" / "entities.ftm.json", dataset="zala")
    assert again.source == "ftm_zala" and again.removed == []
    assert len(store.entities(sources=["ftm_yente_t1"])) == 6


def test_export_round_trip(engine: Engine, tmp_path: Path) -> None:
    load_path(engine, "ofac_sdn", OFAC)
    load_path(engine, "ftm", FTM / "yente-t1" / "entities.ftm.json")
    out = StringIO()
    written = export_lists(engine, out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert written == len(lines)
    things = [e for e in lines if e["schema"] != "Sanction"]
    sanctions = [e for e in lines if e["schema"] == "Sanction"]
    store = ListStore(engine)
    before = {e.id: e for e in store.entities()}
    assert len(things) == len(before)
    assert {s["properties"]["entity"][0] for s in sanctions} == {ftm_id(i) for i in before}
    belavia = next(e for e in things if e["id"] == "ofac.sdn-44541")
    assert belavia["schema"] == "Organization"
    assert belavia["datasets"] == ["ofac_sdn"]
    # what corridor writes, corridor (through followthemoney) reads back as a dataset
    path = tmp_path / "corridor-export" / "entities.ftm.json"
    path.parent.mkdir()
    path.write_text(out.getvalue(), encoding="utf-8")
    report = load_path(engine, "ftm", path)
    assert report.source == "ftm_corridor_export"
    assert report.total == len(before)
    back = {e.record_id: e for e in store.entities(sources=["ftm_corridor_export"])}
    for entity_id, entity in before.items():
        again = back[ftm_id(entity_id)]
        assert again.type is entity.type
        # every name comes back; the FtM reader also splits "A (B)" into its forms
        assert {n.value for n in again.names} >= {n.value for n in entity.names}
        if entity.type is not EntityType.AIRCRAFT:
            assert {(i.scheme, i.value) for i in again.identifiers} == {
                (i.scheme, i.value) for i in entity.identifiers
            }
        else:  # an Airplane's registrationNumber is read back as its aircraft registration
            assert len(again.identifiers) <= len(entity.identifiers)
            assert {i.original for i in again.identifiers} <= {
                i.original for i in entity.identifiers
            }
        assert set(again.programs) == set(entity.programs)
