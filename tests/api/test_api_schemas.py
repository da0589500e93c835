"""Every route declares its response body, and every body it sends matches the declaration.

The store is filled as ``make demo`` fills it (a bundled EU list, the seeded operators, one case
through the procedure to a published version, a news text with a reviewed and promoted figure,
the bundled border figures); then every GET route is called and its JSON checked against the
schema ``/openapi.json`` publishes for it — the document clients generate code from.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

from corridor.api.app import create_app
from corridor.blacklist.roles import Role
from corridor.model import to_datetime, utcnow
from corridor.resources import data_dir
from corridor.services import blacklist as blacklist_service
from corridor.services import flows as flows_service
from corridor.services.lists import load_path
from corridor.settings import Settings
from corridor.store.lists import ListStore

EU_JOURNAL = data_dir("lists") / "eu_journal" / "2026-08-22" / "32006R0765.csv"
TEXT = (
    "Iraq suspended flights to Minsk on Friday, officials said. "
    "Polish border guards said 500 migrants tried to cross the border from Belarus on Thursday.\n"
)
AGAIN = "Officials said on Friday that Iraq had suspended flights to Minsk after talks.\n"


def _schema_of(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        schema = spec["components"]["schemas"][name]
    return schema


def _is_bare(spec: dict[str, Any], schema: dict[str, Any]) -> bool:
    """True when a schema says no more than "some JSON object" (or a list of them)."""
    schema = _schema_of(spec, schema)
    if schema.get("type") == "array":
        return _is_bare(spec, schema.get("items", {}))
    if "anyOf" in schema:
        return any(_is_bare(spec, s) for s in schema["anyOf"] if s.get("type") != "null")
    if schema.get("type") == "object" or not schema:
        return "properties" not in schema
    return False


def test_every_route_declares_a_body_that_is_not_a_bare_object(tmp_path: Path) -> None:
    spec = create_app(Settings(home=tmp_path)).openapi()
    checked = 0
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            for status, response in operation["responses"].items():
                if not status.startswith("2") or status == "204":
                    continue
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                assert schema, f"{method.upper()} {path} {status}: no JSON schema"
                assert not _is_bare(spec, schema), f"{method.upper()} {path}: a bare object"
                checked += 1
    assert checked >= 30


def _bearer(client: TestClient, name: str, role: Role) -> dict[str, str]:
    app: Any = client.app
    token = blacklist_service.add_user(app.state.engine, name, role, app.state.settings.secret)
    return {"Authorization": f"Bearer {token}"}


def _ok(response: Any) -> Any:
    assert response.status_code in (200, 201), response.text
    return response.json()


@pytest.fixture
def demo(tmp_path: Path) -> tuple[TestClient, dict[str, str]]:
    """A client over a store filled as the demo fills it, and the ids to put in paths."""
    settings = Settings(home=tmp_path)
    app = create_app(settings)
    client = TestClient(app)
    load_path(app.state.engine, "eu_journal", EU_JOURNAL, retrieved_at=to_datetime("2026-08-22"))
    blacklist_service.seed_operators(app.state.engine)
    flows_service.load_file(settings, data_dir("flows") / "border_flows.csv")
    ana = _bearer(client, "ana", Role.ANALYST)
    dora = _bearer(client, "dora", Role.DECISION_MAKER)
    cem = _bearer(client, "cem", Role.COMMITTEE_MEMBER)
    case = _ok(client.post("/cases", json={"operator": "Belavia", "reason": "r"}, headers=ana))
    now = utcnow()
    measure = {
        "kinds": ["suspend_operations"],
        "start": now.isoformat(),
        "end": (now + timedelta(days=300)).isoformat(),
        "routes": ["IST-MSQ"],
    }
    steps = [
        ("gather_evidence", ana, {}),
        ("notify", ana, {"reply_deadline": (now + timedelta(days=5)).isoformat()}),
        ("hear", ana, {}),
        ("propose", ana, {"measure": measure}),
        ("adopt", dora, {}),
        ("endorse", cem, {}),
    ]
    for action, who, extra in steps:
        body = {"action": action, "reason": "r", **extra}
        _ok(client.post(f"/cases/{case['id']}/transitions", json=body, headers=who))
    _ok(client.post("/blacklist/publish", headers=dora))
    _ok(client.post("/blacklist/publish", headers=dora))
    doc = {"text": TEXT, "uri": "urn:demo", "published": "2021-11-20", "title": "t"}
    document = _ok(client.post("/evidence/documents", json=doc, headers=ana))["document_id"]
    again = {"text": AGAIN, "uri": "urn:again", "published": "2021-11-21"}
    _ok(client.post("/evidence/documents", json=again, headers=ana))
    claims = client.get("/evidence/claims", params={"kind": "figure"}, headers=ana)
    claim = _ok(claims)[0]["id"]
    review = {"action": "correct", "value": {"place": "BY-PL"}, "note": "the Polish border"}
    _ok(client.post(f"/evidence/claims/{claim}/review", json=review, headers=ana))
    _ok(client.post(f"/evidence/claims/{claim}/figure", headers=ana))
    attach = {"case_id": case["id"], "note": "n"}
    _ok(client.post(f"/evidence/claims/{claim}/attach", json=attach, headers=ana))
    entity = _ok(client.get("/operators", headers=ana))[0]["id"]
    watched = {"name": "carriers", "entries": [{"id": "1", "name": "Belavia"}]}
    _ok(client.post("/watch", json=watched, headers=ana))
    _ok(client.post("/watch/carriers/run", headers=ana))
    listed = ListStore(app.state.engine).entities()[0].id
    ids = {
        "ref": entity,
        "case_id": case["id"],
        "number": "1",
        "document_id": document,
        "claim_id": claim,
        "entity_id": listed,
        "dataset": "default",
        "partner_id": "TR",
        "measure_id": "M11",
        "name": "carriers",
    }
    return client, {**ids, "auditor": _bearer(client, "aud", Role.AUDITOR)["Authorization"]}


# Query parameters a GET route needs to answer 200 on the demo data.
QUERIES: dict[str, dict[str, str]] = {
    "/cases/due": {"within_days": "400"},
    "/matrix": {"as_of": "2021-12-03"},
    "/blacklist/diff": {"a": "1", "b": "2"},
    "/flows/series": {"metric": "attempt", "reporter": "PL"},
    "/flows/surges": {"metric": "attempt", "reporter": "PL"},
}


def test_every_get_route_answers_as_its_schema_says(
    demo: tuple[TestClient, dict[str, str]],
) -> None:
    client, ids = demo
    spec = client.app.openapi()  # type: ignore[attr-defined]
    paths = {path: ops["get"] for path, ops in spec["paths"].items() if "get" in ops}
    assert len(paths) >= 20
    headers = {"Authorization": ids["auditor"]}
    for path, operation in paths.items():
        url = path.format(**{p: ids[p] for p in re.findall(r"{(\w+)}", path)})
        response = client.get(url, params=QUERIES.get(path, {}), headers=headers)
        assert response.status_code == 200, f"GET {url}: {response.text[:300]}"
        body = response.json()
        assert body, f"GET {url} answered nothing on the demo data"
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        validator = Draft202012Validator({**schema, "components": spec["components"]})
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(body)]
        assert not errors, f"GET {url} does not match its schema: {errors[:5]}"
