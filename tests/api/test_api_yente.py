"""The yente-compatible API, checked by yente's own pydantic models and nomenklatura's
``YenteEnricher`` (match and expand) against a real server, on the bundled real lists."""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from corridor.api.app import create_app
from corridor.resources import data_dir
from corridor.services.lists import load_path
from corridor.settings import Settings

LISTS = data_dir("lists")
PROJECT = Path(__file__).resolve().parents[2]
YENTE_PYTHON = PROJECT / ".venv-yente" / "bin" / "python"
CLIENT = Path(__file__).resolve().parent / "yente" / "yente_client.py"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    home = tmp_path_factory.mktemp("yente")
    app = create_app(Settings(home=home))
    engine = app.state.engine
    logging.disable(logging.WARNING)
    try:
        load_path(engine, "ofac_sdn", LISTS / "ofac_sdn" / "2024-05-03")
        load_path(engine, "eu_journal", LISTS / "eu_journal" / "2026-08-22" / "32006R0765.csv")
        load_path(engine, "ftm", LISTS / "ftm" / "yente-t1" / "entities.ftm.json")
    finally:
        logging.disable(logging.NOTSET)
    return app


@pytest.fixture(scope="module")
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


class _Obj:
    """Attribute access over the JSON answer (the yente models check it in the client run)."""

    def __init__(self, data: Any) -> None:
        self.__dict__.update(
            {k: _wrap(v) for k, v in data.items()} if isinstance(data, dict) else {}
        )
        self.raw = data

    def __getitem__(self, key: str) -> Any:
        return _wrap(self.raw[key])


def _wrap(value: Any) -> Any:
    if isinstance(value, dict):
        return _Obj(value)
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    return value


def _match(client: TestClient, queries: dict[str, Any], **params: Any) -> Any:
    resp = client.post("/match/default", json={"queries": queries}, params=params)
    assert resp.status_code == 200, resp.text
    assert resp.headers["x-batch-size"] == str(len(queries))
    return _Obj(resp.json())


def test_first_and_last_name_are_one_name(client: TestClient) -> None:
    q = {"schema": "Person", "properties": {"firstName": ["Alexander"], "lastName": ["Lukashenko"],
                                            "birthDate": ["1954-08-30"]}}  # fmt: skip
    found = _match(client, {"q": q}).responses["q"]
    assert found.results, "firstName + lastName found nothing"
    top = found.results[0]
    assert top.match is True and top.raw["schema"] == "Person"
    assert "LUKASHENKA" in top.caption.upper()
    assert top.explanations["birth_date"].score > 0
    assert found.query.properties["firstName"] == ["Alexander"]


def test_plain_string_values(client: TestClient) -> None:
    found = _match(client, {"q": {"schema": "Company", "properties": {"name": "Belavia"}}})
    assert "ofac.sdn-44541" in [r.id for r in found.responses["q"].results]


def test_below_threshold_comes_back_as_no_match(client: TestClient) -> None:
    q = {"q": {"schema": "Company", "properties": {"name": ["Belavio Cargo"]}}}
    near = _match(client, q, threshold=0.8, cutoff=0.5).responses["q"]
    assert near.results, "candidates over the cutoff are returned"
    assert all(r.match is False and 0.5 < r.score < 0.8 for r in near.results)
    assert near.total.value == 0  # total counts matches
    loose = _match(client, q, threshold=0.6, cutoff=0.6).responses["q"]
    assert loose.results and all(r.match is True for r in loose.results)
    assert loose.total.value == len(loose.results)
    # cutoff above the threshold is brought down to it, as yente does
    same = _match(client, q, threshold=0.6, cutoff=0.9).responses["q"]
    assert [r.id for r in same.results] == [r.id for r in loose.results]


def test_total_is_counted_before_the_limit(client: TestClient) -> None:
    q = {"q": {"schema": "Person", "properties": {"name": ["Lukashenka"]}}}
    one = _match(client, q, limit=1, threshold=0.6).responses["q"]
    many = _match(client, q, limit=500, threshold=0.6).responses["q"]
    assert len(one.results) == 1
    assert one.total.value == many.total.value == sum(r.match for r in many.results) > 1


def test_limit_up_to_500(client: TestClient) -> None:
    q = {"q": {"schema": "Person", "properties": {"name": ["Lukashenka"]}}}
    assert (
        client.post("/match/default", json={"queries": q}, params={"limit": 500}).status_code == 200
    )
    assert (
        client.post("/match/default", json={"queries": q}, params={"limit": 501}).status_code == 422
    )


@pytest.mark.parametrize(
    ("path", "body", "params", "status", "message"),
    [
        ("/match/default", {"queries": {"q": {"schema": "Company", "properties": {"name": "x"}}}},
         {"algorithm": "logic-v9"}, 400, "Invalid algorithm"),
        ("/match/default", {"queries": {"q": {"schema": "Spaceship", "properties": {"name": "x"}}}},
         {}, 400, "Invalid schema"),
        ("/match/default", {"queries": {"q": {"schema": "Person", "properties": {}}}},
         {}, 400, "no name"),
        ("/match/default", {"queries": {}}, {}, 400, "No queries"),
        ("/match/default", {"queries": {"q": {"schema": "Address", "properties": {"full": "x"}}}},
         {}, 400, "Non-matchable"),
        ("/match/no_such_list", {"queries": {"q": {"schema": "Company", "properties": {"name": "x"}}}},
         {}, 404, "No such dataset"),
    ],
)  # fmt: skip
def test_errors_as_yente_gives_them(
    client: TestClient, path: str, body: Any, params: Any, status: int, message: str
) -> None:
    resp = client.post(path, json=body, params=params)
    assert resp.status_code == status
    assert message in resp.json()["detail"]


def test_dataset_scope(client: TestClient) -> None:
    q = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Belavia"]}}}}
    only_eu = client.post("/match/eu_journal", json=q).json()
    assert all(r["datasets"] == ["eu_journal"] for r in only_eu["responses"]["q"]["results"])
    excluded = client.post("/match/default", json=q, params={"exclude_dataset": "ofac_sdn"}).json()
    assert "ofac.sdn-44541" not in [r["id"] for r in excluded["responses"]["q"]["results"]]


def test_search_entities_catalog_algorithms(client: TestClient) -> None:
    search = client.get("/search/default", params={"q": "Belavia"}).json()
    assert "ofac.sdn-44541" in [r["id"] for r in search["results"]]
    assert search["total"]["value"] >= 1 and "datasets" in search["facets"]
    assert client.get("/search/default", params={"schema": "Nope"}).status_code == 400
    everything = client.get("/search/ftm_yente_t1", params={"limit": 2}).json()
    assert everything["total"]["value"] == 6 and len(everything["results"]) == 2
    entity = client.get("/entities/ofac_sdn-44541").json()
    assert entity["id"] == "ofac.sdn-44541" and entity["schema"] == "Organization"
    sanctions = entity["properties"]["sanctions"]
    assert sanctions and sanctions[0]["schema"] == "Sanction"
    assert sanctions[0]["properties"]["entity"] == ["ofac.sdn-44541"]
    assert entity["corridor"]["listing"]["US"][0]["in_force"] is True  # corridor's extra key
    assert entity["corridor"]["entity"]["provenance"]["source"] == "ofac_sdn"
    flat = client.get("/entities/ofac.sdn-44541", params={"nested": "false"}).json()
    assert "sanctions" not in flat["properties"]
    missing = client.get("/entities/nope-1")
    assert missing.status_code == 404 and missing.json()["detail"] == "No such entity!"
    catalog = client.get("/catalog").json()
    names = {d["name"] for d in catalog["datasets"]}
    assert {"default", "ofac_sdn", "eu_journal", "ftm_yente_t1"} <= names
    assert "ofac_sdn" in catalog["current"] and "un_sc" not in catalog["current"]
    algos = client.get("/algorithms").json()
    assert algos["best"] == "corridor" and "name" in algos["algorithms"][0]["docs"]["features"]


# --- nomenklatura's YenteEnricher against a real server -------------------------------


@pytest.fixture(scope="module")
def server(app: FastAPI) -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    srv.should_exit = True
    thread.join(timeout=10)


def test_yente_models_and_enricher(server: str) -> None:
    """yente 5.5's models validate every answer; nomenklatura's YenteEnricher matches and
    expands the demo queries (both from .venv-yente: yente pins older libraries than
    corridor runs on)."""
    if not YENTE_PYTHON.exists():
        pytest.skip("no .venv-yente: `make yente-client` installs yente and nomenklatura")
    run = subprocess.run(
        [str(YENTE_PYTHON), str(CLIENT), server],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout)
    for row in report["validate"]:
        assert row["errors"] == [], row
        assert row["status"] == row["expected"], row
    assert [r["batch_size"] for r in report["validate"] if "batch_size" in r] == ["3", "3", "3"]
    enriched = {json.dumps(r["query"]): r for r in report["enrich"]}
    for row in enriched.values():
        assert row["matches"], f"no match for {row['query']}"
        assert row["expanded"][0][0] == row["matches"][0]
        assert "Sanction" in [schema for _id, schema in row["expanded"]], row
    belavia = enriched[json.dumps({"name": ["Belavia"], "country": ["by"]})]
    assert "ofac.sdn-44541" in belavia["matches"]
    tobacco = enriched[json.dumps({"name": ["Inter Tobacco"]})]
    assert "ftm.yente.t1-NK-2GdmHtZTeNXjNVrBGEXZNj" in tobacco["matches"]
