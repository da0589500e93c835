"""The blacklist over HTTP: roles from bearer tokens, statuses, matrix, publication, audit."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from corridor.api.app import create_app
from corridor.blacklist.roles import Role
from corridor.services import blacklist as service
from corridor.settings import Settings


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(Settings(home=tmp_path))
    service.seed_operators(app.state.engine)
    return TestClient(app)


def bearer(client: TestClient, name: str, role: Role) -> dict[str, str]:
    settings = client.app.state.settings  # type: ignore[attr-defined]
    token = service.add_user(client.app.state.engine, name, role, settings.secret)  # type: ignore[attr-defined]
    return {"Authorization": f"Bearer {token}"}


def test_matrix_json_and_csv(client: TestClient) -> None:
    res = client.get("/matrix", params={"as_of": "2021-12-03"})
    assert res.status_code == 200
    rows = {r["operator"]: r for r in res.json()["rows"]}
    assert rows["Belavia"]["cells"]["EU"]["status"] == "listed"
    assert rows["Belavia"]["cells"]["US"]["status"] == "not listed"
    assert "US" in rows["Belavia"]["gap"]
    res = client.get("/matrix", params={"as_of": "2021-12-03", "format": "csv"})
    assert res.status_code == 200 and res.text.startswith("operator_id,operator")
    assert client.get("/matrix", params={"as_of": "yesterday"}).status_code == 422


def test_case_flow_statuses(client: TestClient) -> None:
    ana = bearer(client, "ana", Role.ANALYST)
    dora = bearer(client, "dora", Role.DECISION_MAKER)
    aud = bearer(client, "audrey", Role.AUDITOR)
    body = {"operator": "Belavia", "reason": "flights to Minsk"}
    assert client.post("/cases", json=body).status_code == 401
    assert (
        client.post("/cases", json=body, headers={"Authorization": "Bearer x"}).status_code == 401
    )
    assert client.post("/cases", json=body, headers=dora).status_code == 403
    res = client.post("/cases", json=body, headers=ana)
    assert res.status_code == 201
    case_id = res.json()["id"]
    step = {"action": "adopt", "reason": "r"}
    res = client.post(f"/cases/{case_id}/transitions", json=step, headers=dora)
    assert res.status_code == 409 and "heard" in res.json()["message"]
    step = {"action": "gather_evidence", "reason": "", "version": 1}
    assert client.post(f"/cases/{case_id}/transitions", json=step, headers=ana).status_code == 422
    step["reason"] = "documents"
    res = client.post(f"/cases/{case_id}/transitions", json=step, headers=ana)
    assert res.status_code == 200 and res.json()["version"] == 2
    assert client.post(f"/cases/{case_id}/transitions", json=step, headers=ana).status_code == 409
    ev = {"claim": "charter flights to Minsk", "document": "seeds/x.txt", "span": "1:20"}
    assert client.post(f"/cases/{case_id}/evidence", json=ev, headers=ana).status_code == 201
    assert client.get(f"/cases/{case_id}").status_code == 401  # case files need a known user
    assert client.get("/cases").status_code == 401
    file = client.get(f"/cases/{case_id}", headers=aud).json()
    assert file["evidence"][0]["claim"] == ev["claim"]
    assert [a["action"] for a in file["audit"]] == ["open_case", "gather_evidence", "add_evidence"]
    assert client.get("/cases/case-99999", headers=aud).status_code == 404
    assert client.get("/audit/verify", headers=ana).status_code == 403
    assert client.get("/audit/verify", headers=aud).json()["ok"] is True
    assert client.post("/blacklist/publish", headers=dora).json()["number"] == 1
    assert client.post("/blacklist/publish", headers=dora).json()["number"] == 2
    assert client.get("/blacklist/diff", params={"a": 1, "b": 2}).json()["added"] == []
    html = client.get("/blacklist/versions/1", params={"format": "html"})
    assert html.status_code == 200 and "<table>" in html.text


def test_openapi_describes_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/cases", "/cases/{case_id}/transitions", "/matrix", "/blacklist/publish"):
        assert path in paths
