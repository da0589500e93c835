"""``GET /lists/status`` and ``GET /entities/{id}`` in process."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from corridor.api.app import create_app
from corridor.model import to_datetime
from corridor.resources import data_dir
from corridor.services.lists import load_path
from corridor.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
EU_JOURNAL = data_dir() / "lists" / "eu_journal" / "2026-08-22" / "32006R0765.csv"


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(Settings(home=tmp_path)))


def test_empty_store(client: TestClient) -> None:
    assert client.get("/lists/status").json() == []
    response = client.get("/entities/eu_journal-I.A-1")
    assert response.status_code == 404
    assert response.json()["error"] == "NotFound"


def test_status_and_entity_with_history(client: TestClient) -> None:
    if not EU_JOURNAL.is_file():
        pytest.skip("bundled EU journal excerpt not present")
    engine = client.app.state.engine  # type: ignore[attr-defined]
    report = load_path(engine, "eu_journal", EU_JOURNAL, retrieved_at=to_datetime("2026-08-22"))
    (status,) = client.get("/lists/status").json()
    assert status["source"] == "eu_journal" and status["jurisdiction"] == "EU"
    assert status["entries"] == report.total == status["added"]
    assert status["snapshot"] == report.snapshot

    entity = client.get("/entities/eu_journal-I.A-1").json()  # an FtM entity, as yente's
    assert entity["id"] == "eu.journal-I.A-1" and entity["schema"] == "Person"
    body = entity["corridor"]  # corridor's own view of the entry
    assert body["active"] is True
    assert body["entity"]["provenance"]["snapshot"] == report.snapshot
    assert body["entity"]["provenance"]["source"] == "eu_journal"
    (period,) = body["listing"]["EU"]
    assert period["listed_from"].startswith("2004-09-24")
    assert period["basis"] == "stated" and period["in_force"] is True
    props = {s["prop"] for s in body["statements"]}
    assert "name:primary" in props and "listingDate" in props
