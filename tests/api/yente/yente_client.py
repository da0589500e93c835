"""Run by tests/api/test_api_yente.py with .venv-yente's Python (yente 5.5 and nomenklatura):
every endpoint's answer validated by yente's own pydantic models, then nomenklatura's
YenteEnricher (match and expand) on the demo queries. Prints one JSON report.

    .venv-yente/bin/python tests/api/yente/yente_client.py http://127.0.0.1:PORT/
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import requests
from followthemoney import Dataset, StatementEntity
from nomenklatura.cache import Cache
from nomenklatura.db import get_engine
from nomenklatura.enrich import make_enricher
from pydantic import BaseModel, ValidationError
from sqlalchemy import MetaData
from yente.data.common import (
    AlgorithmResponse,
    DataCatalogModel,
    EntityMatchResponse,
    EntityResponse,
    ErrorResponse,
    SearchResponse,
)

MATCH = {
    "queries": {
        "belavia": {"schema": "Company", "properties": {"name": "Belavia", "country": ["by"]}},
        "lukashenko": {
            "schema": "Person",
            "properties": {"firstName": ["Alexander"], "lastName": ["Lukashenko"],
                           "birthDate": ["1954-08-30"]},
        },
        "tobacco": {"schema": "Company", "properties": {"name": ["Inter Tobacco"]}},
    }
}  # fmt: skip

# (method, path, params, body, expected status, model)
CALLS: list[tuple[str, str, dict[str, Any], Any, int, type[BaseModel]]] = [
    ("POST", "match/default", {}, MATCH, 200, EntityMatchResponse),
    ("POST", "match/default", {"limit": 500, "threshold": 0.95, "cutoff": 0.5}, MATCH, 200,
     EntityMatchResponse),
    ("POST", "match/ofac_sdn", {"algorithm": "best"}, MATCH, 200, EntityMatchResponse),
    ("POST", "match/default", {"algorithm": "logic-v9"}, MATCH, 400, ErrorResponse),
    ("POST", "match/no_such_list", {}, MATCH, 404, ErrorResponse),
    ("POST", "match/default", {}, {"queries": {"q": {"schema": "Spaceship", "properties": {}}}},
     400, ErrorResponse),
    ("POST", "match/default", {}, {"queries": {"q": {"schema": "Person", "properties": {}}}},
     400, ErrorResponse),
    ("GET", "search/default", {"q": "Belavia"}, None, 200, SearchResponse),
    ("GET", "search/default", {"limit": 3, "offset": 2}, None, 200, SearchResponse),
    ("GET", "search/default", {"schema": "Nope"}, None, 400, ErrorResponse),
    ("GET", "search/nope", {}, None, 404, ErrorResponse),
    ("GET", "entities/ofac_sdn-44541", {}, None, 200, EntityResponse),
    ("GET", "entities/ofac.sdn-44541", {"nested": "false"}, None, 200, EntityResponse),
    ("GET", "entities/no-such-entity", {}, None, 404, ErrorResponse),
    ("GET", "catalog", {}, None, 200, DataCatalogModel),
    ("GET", "algorithms", {}, None, 200, AlgorithmResponse),
]  # fmt: skip

ENRICH = [
    ("Company", {"name": ["Belavia"], "country": ["by"]}),
    # the enricher sends matchable properties only (not firstName/lastName): a full name here
    ("Person", {"name": ["Alexander Lukashenko"], "birthDate": ["1954-08-30"]}),
    ("Company", {"name": ["Inter Tobacco"]}),
    ("Organization", {"name": ["Tsentrkurort"]}),
]


def validate(api: str) -> list[dict[str, Any]]:
    report = []
    for method, path, params, body, status, model in CALLS:
        resp = requests.request(method, api + path, params=params, json=body, timeout=60)
        row: dict[str, Any] = {"call": f"{method} /{path} {params}", "status": resp.status_code,
                               "expected": status, "errors": []}  # fmt: skip
        try:
            model.model_validate(resp.json())
        except ValidationError as exc:
            row["errors"] = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
        if path.startswith("match") and status == 200:
            row["batch_size"] = resp.headers.get("x-batch-size")
        report.append(row)
    return report


def enrich(api: str) -> list[dict[str, Any]]:
    dataset = Dataset.make({"name": "corridor_check", "title": "corridor check"})
    with tempfile.TemporaryDirectory() as tmp:
        engine = get_engine(f"sqlite:///{Path(tmp) / 'nk.db'}")
        cache = Cache(engine, MetaData(), dataset, create=True)
        enricher = make_enricher(
            dataset, cache, {"type": "nomenklatura.enrich.yente:YenteEnricher", "api": api}
        )
        assert enricher is not None
        out = []
        for number, (schema, props) in enumerate(ENRICH):
            query = StatementEntity(dataset, {"schema": schema, "id": f"q{number}"})
            for prop, values in props.items():
                query.add(prop, values)
            matches = list(enricher.match(query))
            row: dict[str, Any] = {"query": props, "matches": [m.id for m in matches],
                                   "expanded": []}  # fmt: skip
            if matches:
                expanded = list(enricher.expand(query, matches[0]))
                row["expanded"] = [[e.id, e.schema.name] for e in expanded]
            out.append(row)
        enricher.close()
    return out


if __name__ == "__main__":
    api = sys.argv[1]
    sys.stdout.write(json.dumps({"validate": validate(api), "enrich": enrich(api)}) + "\n")
