from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from corridor.evidence.document import make_document
from corridor.model import Entity, EntityType
from corridor.model.entity import Name, NameQuality
from corridor.model.listing import Jurisdiction
from corridor.model.provenance import Provenance
from corridor.services.evidence import claim_clusters, ingest_document
from corridor.store.db import create_schema, make_engine
from corridor.store.evidence import EvidenceStore
from corridor.store.lists import ListStore, SnapshotInfo

WHEN = datetime(2021, 12, 2, tzinfo=UTC)


def _belavia() -> Entity:
    return Entity(
        id="eu-belavia",
        source="eu_fsf",
        record_id="belavia",
        type=EntityType.ORGANIZATION,
        names=[
            Name("Belavia", NameQuality.PRIMARY, "Latn"),
            Name("OJSC Belavia Belarusian Airlines", NameQuality.STRONG, "Latn"),
        ],
        provenance=Provenance("eu_fsf", "0" * 64, "belavia", WHEN),
        countries=["by"],
    )


def test_operators_are_linked_to_list_entries(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    create_schema(engine)
    ListStore(engine).load(
        [_belavia()],
        SnapshotInfo("eu_fsf", "0" * 64, "test", WHEN, WHEN),
        Jurisdiction.EU,
    )
    text = "The EU said Belavia would lose access to leased aircraft, officials said on Friday.\n"
    doc = make_document(text.encode(), uri="urn:t", media_type="text/plain", published="2021-12-03")
    ingest_document(engine, doc, threshold=0.8)
    operator = EvidenceStore(engine).claims(kind="entity", type_="operator")[0]
    assert operator.links["operator"] == ["Belavia"]
    assert operator.links["lists"] == ["eu-belavia"]
    assert operator.value["list_hits"][0]["source"] == "eu_fsf"
    assert claim_clusters(engine) == []
