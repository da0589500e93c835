"""Documents: plain text, HTML (main text by trafilatura) and PDF text, kept with their hash.

The document id is the sha256 of the original bytes, so ingesting the same file or page twice
finds the same document. Offsets of every claim point into :attr:`Document.text`.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import shutil
import socket
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from corridor.exc import InvalidData, SourceError
from corridor.model.time import to_datetime, utcnow

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES

_EN_STOPWORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "by",
        "was",
        "were",
        "from",
        "at",
        "it",
        "be",
        "has",
        "have",
        "will",
        "this",
    ]
)


@dataclass(frozen=True, slots=True)
class Document:
    """An ingested text with where it came from."""

    id: str
    uri: str
    media_type: str
    text: str
    original: bytes
    retrieved_at: datetime
    title: str | None = None
    publisher: str | None = None
    published_at: datetime | None = None
    language: str | None = None

    @property
    def published_date(self) -> date | None:
        return None if self.published_at is None else self.published_at.date()

    def summary(self) -> dict[str, object]:
        return {
            "id": self.id,
            "uri": self.uri,
            "media_type": self.media_type,
            "title": self.title,
            "publisher": self.publisher,
            "published_at": None if self.published_at is None else self.published_at.isoformat(),
            "language": self.language,
            "retrieved_at": self.retrieved_at.isoformat(),
            "chars": len(self.text),
        }


def guess_language(text: str) -> str | None:
    """``"en"`` when English function words are common, else None (not guessed).

    >>> guess_language("The flights to Minsk were suspended by the airline.")
    'en'
    >>> guess_language("Рейсы в Минск приостановлены") is None
    True
    """
    words = re.findall(r"[a-zA-Z]+", text[:20000].lower())
    total = len(re.findall(r"\w+", text[:20000]))
    if total == 0:
        return None
    hits = sum(1 for w in words if w in _EN_STOPWORDS)
    return "en" if hits / total > 0.12 else None


def guess_title(text: str) -> str | None:
    """The first headline-like line (four words or more, no final full stop) of the top five.

    >>> guess_title("Search\\n\\nAirline halts flights to Minsk\\n\\nThe carrier said so.")
    'Airline halts flights to Minsk'
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()][:5]
    for line in lines:
        if len(line) <= 200 and len(line.split()) >= 4 and not line.endswith((".", ":")):
            return line
    return None


def _html_to_text(html: str, url: str | None) -> tuple[str, str | None, str | None, str | None]:
    import trafilatura

    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_tables=False)
    if result is None:
        return "", None, None, None
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    return text, data.get("title"), data.get("sitename"), data.get("date")


def _pdf_to_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        raise InvalidData.at("PDF needs the pdftotext tool (poppler-utils)", file=str(path))
    done = subprocess.run(
        [tool, "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False
    )
    if done.returncode != 0:
        raise InvalidData.at(done.stderr.decode(errors="replace").strip(), file=str(path))
    return done.stdout.decode("utf-8", errors="replace")


def make_document(
    original: bytes,
    *,
    uri: str,
    media_type: str,
    text: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    published: str | date | datetime | None = None,
    retrieved_at: datetime | None = None,
) -> Document:
    """A :class:`Document` from bytes already read; HTML is reduced to its main text."""
    page_title = page_publisher = page_date = None
    if text is None:
        if media_type == "text/html":
            decoded = original.decode("utf-8", errors="replace")
            text, page_title, page_publisher, page_date = _html_to_text(decoded, uri)
        else:
            try:
                text = original.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InvalidData.at(f"not UTF-8 text: {exc}", file=uri) from exc
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise InvalidData.at("no text found", file=uri)
    published_at = None
    when = published if published is not None else page_date
    if when is not None:
        try:
            published_at = to_datetime(when)
        except ValueError as exc:
            raise InvalidData.at(f"bad publication date {when!r}", file=uri) from exc
    return Document(
        id=hashlib.sha256(original).hexdigest(),
        uri=uri,
        media_type=media_type,
        text=text,
        original=original,
        retrieved_at=retrieved_at or utcnow(),
        title=title or page_title or guess_title(text),
        publisher=publisher or page_publisher,
        published_at=published_at,
        language=guess_language(text),
    )


def read_document(
    path: Path,
    *,
    title: str | None = None,
    publisher: str | None = None,
    published: str | date | datetime | None = None,
) -> Document:
    """Read one file by its suffix (``.txt``, ``.html``, ``.pdf``)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InvalidData.at("no such file", file=str(path))
    original = path.read_bytes()
    text: str | None = None
    if suffix in HTML_SUFFIXES:
        media_type = "text/html"
    elif suffix in PDF_SUFFIXES:
        media_type = "application/pdf"
        text = _pdf_to_text(path)
    else:
        media_type = "text/plain"
    return make_document(
        original,
        uri=path.resolve().as_uri(),
        media_type=media_type,
        text=text,
        title=title,
        publisher=publisher,
        published=published,
    )


# redirects followed at most; the largest page read
MAX_REDIRECTS = 5
MAX_FETCH_BYTES = 20 * 1024 * 1024


def check_public_url(url: str, *, allow_private: bool = False) -> None:
    """Refuse a URL that is not http(s), or whose host resolves to a private, loopback,
    link-local, multicast or reserved address (a request forged to reach the inside)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidData.at("only http(s) URLs with a host are fetched", file=url)
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise SourceError(f"{url}: cannot resolve {parts.hostname}: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not address.is_global or address.is_multicast:
            raise InvalidData.at(
                f"{parts.hostname} is a private, loopback or link-local address ({address}): "
                "refused",
                file=url,
            )


def fetch_document(
    url: str,
    *,
    timeout: float = 60.0,
    title: str | None = None,
    publisher: str | None = None,
    published: str | date | datetime | None = None,
    allow_private: bool = False,
) -> Document:
    """Fetch a page or text over HTTP(S).

    Only http(s); every hop of a redirect is checked before it is requested, so no redirect
    leads to a private, loopback or link-local address (``allow_private`` is for tests against
    a local server); at most :data:`MAX_FETCH_BYTES` are read.
    """
    import httpx

    current = url
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False) as client:
            for _ in range(MAX_REDIRECTS + 1):
                check_public_url(current, allow_private=allow_private)
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        current = str(response.url.join(response.headers.get("location", "")))
                        continue
                    response.raise_for_status()
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > MAX_FETCH_BYTES:
                            raise InvalidData.at(
                                f"larger than {MAX_FETCH_BYTES:,} bytes: refused", file=url
                            )
                    break
            else:
                raise SourceError(f"{url}: more than {MAX_REDIRECTS} redirects")
    except httpx.HTTPError as exc:
        raise SourceError(f"{url}: {exc}") from exc
    content_type = response.headers.get("content-type", "text/plain").split(";")[0].strip()
    if content_type not in ("text/html", "text/plain", "application/xhtml+xml"):
        raise InvalidData.at(f"unsupported content type {content_type}", file=url)
    media_type = "text/plain" if content_type == "text/plain" else "text/html"
    return make_document(
        bytes(body),
        uri=url,
        media_type=media_type,
        title=title,
        publisher=publisher,
        published=published,
    )


def iter_paths(path: Path, folders: list[Path] | None = None) -> list[Path]:
    """A file, or the readable files of a folder (sorted; no sub-folders, no links out).

    With ``folders``, the path must lie inside one of them (after resolving links).
    """
    resolved = path.resolve()
    if folders and not any(resolved.is_relative_to(f) for f in folders):
        raise InvalidData.at(
            "outside the folders evidence may be read from (CORRIDOR_EVIDENCE_DIRS)",
            file=str(path),
        )
    if path.is_dir():
        return sorted(
            p
            for p in path.iterdir()
            if p.is_file() and p.suffix.lower() in SUFFIXES and p.resolve().parent == resolved
        )
    return [path]


def check_uri(uri: str) -> str:
    """A URI to store with a document: an http(s) URL, a ``file:///`` path the CLI read, a
    ``urn:`` name (an identifier, never a link), or a plain file name. Anything else
    (``javascript:``, ``data:``...) is refused: the console shows these as links.

    >>> check_uri("https://example.org/a")
    'https://example.org/a'
    >>> check_uri("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    corridor.exc.InvalidData: [uri]: only http(s) URLs or file names are stored, not 'javascript:'
    """
    text = uri.strip()
    parts = urlsplit(text)
    if parts.scheme in ("http", "https") and parts.netloc:
        return text
    if parts.scheme == "file" and text.startswith("file:///"):
        return text
    if parts.scheme == "urn" and re.fullmatch(r"urn:[A-Za-z0-9][\w.:/-]{0,250}", text):
        return text
    if not parts.scheme and text and "/" not in text and "\\" not in text and len(text) <= 255:
        return text
    shown = f"{parts.scheme}:" if parts.scheme else repr(text[:40])
    raise InvalidData.at(f"only http(s) URLs or file names are stored, not {shown}", field="uri")
