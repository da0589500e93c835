"""``/watch`` in process: an analyst keeps and runs a watchlist over HTTP against the real EU annex
excerpt; other roles may read the last report but not keep or run one; bad entries are refused."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from corridor.api.app import create_app
from corridor.blacklist.roles import Role
from corridor.model import to_datetime
from corridor.resources import data_dir
from corridor.services import blacklist as blacklist_service
from corridor.services.lists import load_path
from corridor.settings import Settings

EU = data_dir("lists") / "eu_journal" / "2026-08-22" / "32006R0765.csv"


def _bearer(client: TestClient, name: str, role: Role) -> dict[str, str]:
    app: Any = client.app
    token = blacklist_service.add_user(app.state.engine, name, role, app.state.settings.secret)
    return {"Authorization": f"Bearer {token}"}


def test_an_analyst_keeps_and_runs_a_watchlist(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(home=tmp_path)))
    app: Any = client.app
    ana = _bearer(client, "ana", Role.ANALYST)
    reader = _bearer(client, "rita", Role.READ_ONLY)
    logging.disable(logging.WARNING)
    try:
        load = load_path(app.state.engine, "eu_journal", EU, retrieved_at=to_datetime("2026-08-22"))
    finally:
        logging.disable(logging.NOTSET)
    body = {
        "name": "passengers",
        "entries": [{"id": "p1", "name": "Belavia"}, {"id": "p2", "name": "Maria Nobody Known"}],
    }
    assert client.post("/watch", json=body, headers=reader).status_code == 403
    kept = client.post("/watch", json=body, headers=ana)
    assert kept.status_code == 201 and kept.json() == {"name": "passengers", "entries": 2}
    assert client.get("/watch/passengers", headers=ana).status_code == 404  # not run yet

    assert client.post("/watch/passengers/run", headers=reader).status_code == 403
    first = client.post("/watch/passengers/run", headers=ana).json()
    assert first["screened"] == 2 and first["entries"] == load.total
    assert {h["query_id"] for h in first["new"]} == {"p1"}
    assert all(h["snapshot"] == load.snapshot for h in first["new"])
    again = client.post("/watch/passengers/run", headers=ana).json()
    assert again["entries"] == 0 and again["new"] == again["removed"] == []

    last = client.get("/watch/passengers", headers=reader)
    assert last.status_code == 200 and last.json() == again
    assert client.get("/watch/passengers").status_code == 401


def test_bad_watchlists_are_refused_and_nothing_is_kept(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(home=tmp_path)))
    ana = _bearer(client, "ana", Role.ANALYST)
    bad_type = {"name": "crew", "entries": [{"name": "Belavia"}, {"name": "X", "type": "ship"}]}
    refused = client.post("/watch", json=bad_type, headers=ana)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["line"] == 2
    assert refused.json()["errors"][0]["field"] == "type"
    assert client.post("/watch/crew/run", headers=ana).status_code == 404
    for body in (
        {"name": "crew", "entries": []},
        {"name": "../etc", "entries": [{"name": "Belavia"}]},
    ):
        assert client.post("/watch", json=body, headers=ana).status_code == 422
    assert not (tmp_path / "watch" / "crew").exists()
