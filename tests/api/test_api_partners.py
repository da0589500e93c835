"""``/partners`` over HTTP: every route answers with its model and its sources."""

from __future__ import annotations

from pathlib import Path

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from corridor.api.app import create_app
from corridor.api.routers.partners import router
from corridor.settings import Settings


def test_partners_routes(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(home=tmp_path)))
    rows = client.get("/partners").json()
    assert {"IQ", "TR", "UZ"} <= {r["id"] for r in rows}
    card = client.get("/partners/IQ", params={"outcomes": "false"}).json()
    assert card["partner"]["id"] == "IQ"
    assert all(c["source"] for c in card["commitments"])
    assert [m["id"] for m in card["measures"]] == ["M03", "M04", "M05"]
    reversed_ = client.get("/partners/commitments", params={"status": "reversed"}).json()
    assert {c["status"] for c in reversed_} == {"reversed"}
    timeline = client.get("/partners/TR/timeline").json()
    assert timeline["chart"]["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert [c["id"] for c in client.get("/partners/measures/M11").json()] == ["C14"]
    assert client.get("/partners/ZZ").status_code == 404
    assert client.post("/partners/promote/abc").status_code == 401
    assert client.post("/partners/load").status_code == 401


def test_every_partners_route_declares_a_response_model() -> None:
    routes = [r for r in router.routes if isinstance(r, APIRoute)]
    assert len(routes) >= 8
    assert all(r.response_model is not None for r in routes), [r.path for r in routes]
