"""Evidence ingest takes only http(s), never reaches private addresses, stores only safe URIs."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from corridor.evidence.document import check_public_url, check_uri, fetch_document, iter_paths
from corridor.exc import InvalidData


@pytest.fixture
def server() -> Iterator[str]:
    """A local server: /page answers text, /hop redirects to the loopback page."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/hop":
                self.send_response(302)
                self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/page")
                self.end_headers()
                return
            body = b"Belavia flights to Minsk were suspended.\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8000/x",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/",
        "http://[::1]/",
        "file:///etc/passwd",
        "ftp://example.org/a",
        "gopher://example.org/",
    ],
)
def test_private_and_non_http_urls_are_refused(url: str) -> None:
    with pytest.raises(InvalidData):
        check_public_url(url)


def test_loopback_fetch_and_redirect_are_refused(server: str) -> None:
    with pytest.raises(InvalidData, match="loopback"):
        fetch_document(f"{server}/page")
    # a test may allow the local server; every hop is still requested by hand, no auto-follow
    doc = fetch_document(f"{server}/hop", allow_private=True)
    assert "Belavia" in doc.text and doc.uri == f"{server}/hop"


@pytest.mark.parametrize(
    "uri", ["javascript:alert(1)", "data:text/html,<script>", "vbscript:x", "/etc/passwd", ""]
)
def test_unsafe_uris_are_not_stored(uri: str) -> None:
    with pytest.raises(InvalidData):
        check_uri(uri)


@pytest.mark.parametrize("uri", ["https://example.org/a", "article.txt", "urn:one"])
def test_safe_uris_are_kept(uri: str) -> None:
    assert check_uri(uri) == uri


def test_local_files_only_under_the_configured_folders(tmp_path: Path) -> None:
    allowed = tmp_path / "evidence"
    allowed.mkdir()
    (allowed / "a.txt").write_text("x")
    outside = tmp_path / "b.txt"
    outside.write_text("y")
    assert iter_paths(allowed / "a.txt", [allowed.resolve()]) == [allowed / "a.txt"]
    with pytest.raises(InvalidData, match="CORRIDOR_EVIDENCE_DIRS"):
        iter_paths(outside, [allowed.resolve()])
    (allowed / "link.txt").symlink_to(outside)
    with pytest.raises(InvalidData):
        iter_paths(allowed / "link.txt", [allowed.resolve()])
