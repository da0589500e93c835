from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fastapi.testclient import TestClient

import corridor.exc as exc
from corridor.api.app import create_app
from corridor.api.errors import HANDLERS, status_for
from corridor.exc import CorridorError, InvalidData, NotFound
from corridor.settings import Settings


def test_health_and_openapi(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(home=tmp_path)))
    assert client.get("/healthz").json()["status"] == "ok"
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "corridor"
    assert client.get("/docs").status_code == 200


def test_statuses() -> None:
    assert status_for(NotFound("x")) == 404
    assert status_for(InvalidData.at("x", file="f")) == 422
    classes = {
        c
        for c in vars(exc).values()
        if isinstance(c, type) and issubclass(c, CorridorError) and c is not CorridorError
    }
    assert classes == set(HANDLERS)


def test_request_bodies_over_the_limit_are_413(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(home=tmp_path, max_body_bytes=2048)))
    big = {"text": "x" * 4096, "uri": "a.txt"}
    response = client.post("/evidence/documents", json=big)
    assert response.status_code == 413 and response.json()["error"] == "PayloadTooLarge"

    def chunks() -> Iterator[bytes]:
        for _ in range(8):
            yield b"x" * 1024

    streamed = client.post("/check", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    assert client.get("/rules").status_code == 200
