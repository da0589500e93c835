"""The yente-compatible API, checked by yente's own pydantic models and nomenklatura's
``YenteEnricher`` (match and expand) against a real server, on the bundled real lists."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from followthemoney import Dataset, StatementEntity
from nomenklatura.cache import Cache
from nomenklatura.db import get_engine as nk_engine
from nomenklatura.enrich import make_enricher
from sqlalchemy import MetaData
from yente.data.common import (
    AlgorithmResponse,
    DataCatalogModel,
    EntityMatchResponse,
    EntityResponse,
    ErrorResponse,
    SearchResponse,
)

from corridor.api.app import create_app
from corridor.settings import Settings
from corridor.sources.loader import load_path

ROOT = Path(__file__).resolve().parents[2]
LISTS = ROOT / "data" / "lists"


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


def _match(client: TestClient, queries: dict[str, Any], **params: Any) -> EntityMatchResponse:
    resp = client.post("/match/default", json={"queries": queries}, params=params)
    assert resp.status_code == 200, resp.text
    assert resp.headers["x-batch-size"] == str(len(queries))
    return EntityMatchResponse.model_validate(resp.json())


def test_first_and_last_name_are_one_name(client: TestClient) -> None:
    q = {"schema": "Person", "properties": {"firstName": ["Alexander"], "lastName": ["Lukashenko"],
                                            "birthDate": ["1954-08-30"]}}  # fmt: skip
    found = _match(client, {"q": q}).responses["q"]
    assert found.results, "firstName + lastName found nothing"
    top = found.results[0]
    assert top.match is True and top.schema_ == "Person"
    assert "LUKASHENKA" in top.caption.upper()
    assert top.explanations["birth_date"].score > 0
    assert found.query.properties["firstName"] == ["Alexander"]


def test_plain_string_values(client: TestClient) -> None:
    found = _match(client, {"q": {"schema": "Company", "properties": {"name": "Belavia"}}})
    assert "ofac.sdn-44541" in [r.id for r in found.responses["q"].results]


def test_below_threshold_comes_back_as_no_match(client: TestClient) -> None:
    q = {"q": {"schema": "Company", "properties": {"name": ["Belavia"]}}}
    strict = _match(client, q, threshold=0.99, cutoff=0.5).responses["q"]
    assert strict.results and all(r.match is False for r in strict.results)
    assert strict.total.value == 0  # total counts matches
    loose = _match(client, q, threshold=0.7).responses["q"]
    assert loose.results[0].match is True
    assert loose.total.value == sum(r.match for r in loose.results) or loose.total.value > 0


def test_total_is_counted_before_the_limit(client: TestClient) -> None:
    q = {"q": {"schema": "Person", "properties": {"name": ["Lukashenka"]}}}
    one = _match(client, q, limit=1, threshold=0.6).responses["q"]
    many = _match(client, q, limit=500, threshold=0.6).responses["q"]
    assert len(one.results) == 1
    assert one.total.value == many.total.value == sum(r.match for r in many.results) > 1


def test_limit_up_to_500(client: TestClient) -> None:
    q = {"q": {"schema": "Person", "properties": {"name": ["Lukashenka"]}}}
    assert client.post("/match/default", json={"queries": q}, params={"limit": 500}).status_code == 200
    assert client.post("/match/default", json={"queries": q}, params={"limit": 501}).status_code == 422


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
    assert message in ErrorResponse.model_validate(resp.json()).detail


def test_dataset_scope(client: TestClient) -> None:
    q = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Belavia"]}}}}
    only_eu = client.post("/match/eu_journal", json=q).json()
    assert all(r["datasets"] == ["eu_journal"] for r in only_eu["responses"]["q"]["results"])
    excluded = client.post("/match/default", json=q, params={"exclude_dataset": "ofac_sdn"}).json()
    assert "ofac.sdn-44541" not in [r["id"] for r in excluded["responses"]["q"]["results"]]


def test_search_entities_catalog_algorithms(client: TestClient) -> None:
    search = SearchResponse.model_validate(client.get("/search/default", params={"q": "Belavia"}).json())
    assert search.results[0].id == "ofac.sdn-44541" and search.total.value >= 1
    assert "datasets" in search.facets
    assert client.get("/search/default", params={"schema": "Nope"}).status_code == 400
    everything = client.get("/search/ftm_yente_t1", params={"limit": 2}).json()
    assert everything["total"]["value"] == 6 and len(everything["results"]) == 2
    entity = client.get("/entities/ofac_sdn-44541").json()
    nested = EntityResponse.model_validate(entity)
    assert nested.id == "ofac.sdn-44541"
    sanctions = nested.properties["sanctions"]
    assert sanctions and isinstance(sanctions[0], EntityResponse)
    assert entity["listing"]["US"][0]["in_force"] is True  # corridor's extra keys
    flat = client.get("/entities/ofac.sdn-44541", params={"nested": "false"}).json()
    assert "sanctions" not in flat["properties"]
    missing = client.get("/entities/nope-1")
    assert missing.status_code == 404 and ErrorResponse.model_validate(missing.json())
    catalog = DataCatalogModel.model_validate(client.get("/catalog").json())
    names = {d.name for d in catalog.datasets}
    assert {"default", "ofac_sdn", "eu_journal", "ftm_yente_t1"} <= names
    assert "ofac_sdn" in catalog.current
    algos = AlgorithmResponse.model_validate(client.get("/algorithms").json())
    assert algos.best == "corridor" and "name" in algos.algorithms[0].docs.features


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


DEMO_QUERIES = [
    ("Company", {"name": ["Belavia"], "country": ["by"]}, "ofac.sdn-44541"),
    ("Person", {"firstName": ["Alexander"], "lastName": ["Lukashenko"]}, None),
    ("Company", {"name": ["Inter Tobacco"]}, "ftm.yente.t1-NK-2GdmHtZTeNXjNVrBGEXZNj"),
    ("Company", {"name": ["Tsentrkurort"]}, None),
]


def test_yente_enricher_match_and_expand(server: str, tmp_path: Path) -> None:
    dataset = Dataset.make({"name": "corridor_test", "title": "corridor test"})
    cache = Cache(nk_engine(f"sqlite:///{tmp_path / 'nk.db'}"), MetaData(), dataset, create=True)
    enricher = make_enricher(
        dataset, cache, {"type": "nomenklatura.enrich.yente:YenteEnricher", "api": server}
    )
    assert enricher is not None
    for number, (schema, props, expected) in enumerate(DEMO_QUERIES):
        query = StatementEntity(dataset, {"schema": schema, "id": f"q{number}"})
        for prop, values in props.items():
            query.add(prop, values)
        matches = list(enricher.match(query))
        assert matches, f"no match for {props}"
        if expected is not None:
            assert expected in [m.id for m in matches]
        expanded = list(enricher.expand(query, matches[0]))
        assert expanded[0].id == matches[0].id
        assert any(e.schema.name == "Sanction" for e in expanded), "listing not nested"
    enricher.close()

