"""Fetching list files: against httpx.MockTransport and a local HTTP server, never the internet."""

from __future__ import annotations

import functools
import hashlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.cli import main
from corridor.exc import SourceError
from corridor.resources import data_dir
from corridor.sources.fetch import fetch, filename_for
from corridor.sources.registry import load_registry

ROOT = Path(__file__).resolve().parents[2]
EU_JOURNAL_DIR = data_dir() / "lists" / "eu_journal" / "2026-08-22"
BODY = b'36,"AEROCARIBBEAN AIRLINES","-0-","CUBA","-0-"\r\n'


def mock_client(status: int = 200, body: bytes = BODY) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host != "www.treasury.gov" and request.url.host != "example.org":
            raise httpx.ConnectError("no internet in tests", request=request)
        return httpx.Response(status, content=body + request.url.path.encode() if body else b"")

    return httpx.Client(transport=httpx.MockTransport(handler))


def test_fetch_keeps_each_file_by_hash(tmp_path: Path) -> None:
    spec = load_registry().lookup("ofac_sdn")
    with mock_client() as client:
        got = fetch(spec, tmp_path, client=client)
    assert got.path.is_dir() and got.path.parent == tmp_path / "ofac_sdn"
    assert got.path.name == got.sha256
    assert sorted(p.name for p in got.path.iterdir()) == [
        "add.csv", "alt.csv", "sdn.csv", "sdn_comments.csv"
    ]  # fmt: skip
    assert (got.path / "sdn.csv").read_bytes() == BODY + b"/ofac/downloads/sdn.csv"
    assert got.retrieved_at.tzinfo is not None and got.size > 4 * len(BODY)
    # the same bytes again: the same snapshot, kept once, no temp folder left behind
    with mock_client() as client:
        again = fetch(spec, tmp_path, client=client)
    assert again.path == got.path
    assert [p.name for p in (tmp_path / "ofac_sdn").iterdir()] == [got.sha256]


def test_fetch_one_url(tmp_path: Path) -> None:
    spec = load_registry().lookup("ofac_sdn")
    with mock_client() as client:
        got = fetch(spec, tmp_path, client=client, url="https://example.org/x/sdn.xml")
    assert got.path.name == "sdn.xml" and got.urls == ["https://example.org/x/sdn.xml"]
    assert got.sha256 == hashlib.sha256(got.path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("status", "body"), [(404, b"gone"), (503, b""), (200, b"")])
def test_http_errors_are_source_errors(tmp_path: Path, status: int, body: bytes) -> None:
    spec = load_registry().lookup("un_sc")
    with mock_client(status, body) as client, pytest.raises(SourceError):
        fetch(spec, tmp_path, client=client, url="https://example.org/")
    assert list((tmp_path / "un_sc").iterdir()) == []


def test_timeout_is_a_source_error(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    spec = load_registry().lookup("un_sc")
    transport = httpx.MockTransport(handler)
    with httpx.Client(transport=transport) as client, pytest.raises(SourceError, match="timed out"):
        fetch(spec, tmp_path, client=client)


def test_token_required(tmp_path: Path) -> None:
    spec = load_registry().lookup("eu_fsf")
    with mock_client() as client, pytest.raises(SourceError, match="token"):
        fetch(spec, tmp_path, client=client)


@pytest.fixture
def server() -> Iterator[str]:
    if not EU_JOURNAL_DIR.is_dir():
        pytest.skip("bundled EU journal excerpt not present")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(EU_JOURNAL_DIR))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_cli_fetch_and_load_from_local_server(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CORRIDOR_HOME", str(tmp_path))
    url = f"{server}/32006R0765.csv"
    code = main(["lists", "fetch", "eu_journal", "--url", url, "--no-progress"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "408 entries, 408 added" in out
    kept = list((tmp_path / "snapshots" / "eu_journal").glob("*/32006R0765.csv"))
    assert len(kept) == 1
    code = main(["lists", "fetch", "eu_journal", "--url", f"{server}/missing.csv"])
    _, err = capsys.readouterr()
    assert code == 5 and "HTTP 404" in err


@given(st.text())
def test_filename_for_is_always_a_safe_name(tail: str) -> None:
    name = filename_for("https://example.org/a/" + tail)
    assert (name and "/" not in name and name not in (".", "..")) or name.strip(".") == ""
    assert all(c.isalnum() or c in "._-" for c in name)
