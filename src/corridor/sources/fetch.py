"""Downloading official list files: streaming, hashed, kept by source and hash.

Each fetch writes into a temporary folder beside the store of snapshots, hashes what it got
(:func:`corridor.sources.context.file_sha256`, the same id the loader uses) and renames it to
``<dest_dir>/<source>/<sha256>/``. A snapshot already kept is not written twice.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from corridor.exc import SourceError
from corridor.model import utcnow
from corridor.sources.context import file_sha256
from corridor.sources.registry import SourceSpec

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FetchedFile:
    """A kept snapshot: ``path`` is the file (or the folder when a source has several files)."""

    source: str
    path: Path
    sha256: str
    urls: list[str]
    retrieved_at: datetime
    size: int

    @property
    def url(self) -> str:
        return self.urls[0]


def filename_for(url: str) -> str:
    """The file name a URL downloads to: its last path segment.

    >>> filename_for("https://www.treasury.gov/ofac/downloads/sdn.csv")
    'sdn.csv'
    >>> filename_for("https://example.org/files/list/content?token=x")
    'content'
    >>> filename_for("https://example.org/files/..")
    'download'
    """
    name = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    name = "".join(c for c in name if c.isalnum() or c in "._-").lstrip(".")
    return name or "download"


def _download(client: httpx.Client, url: str, dest: Path, progress: Progress | None) -> int:
    size = 0
    try:
        with client.stream("GET", url, follow_redirects=True) as response:
            if response.status_code >= 400:
                raise SourceError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
            total = int(response.headers.get("content-length", 0)) or None
            task = None
            if progress is not None:
                task = progress.add_task(dest.name, total=total)
            with dest.open("wb") as fh:
                for chunk in response.iter_bytes():
                    fh.write(chunk)
                    size += len(chunk)
                    if progress is not None and task is not None:
                        progress.update(task, advance=len(chunk))
    except httpx.TimeoutException as exc:
        raise SourceError(f"{url}: timed out ({exc.__class__.__name__})") from exc
    except httpx.HTTPError as exc:
        raise SourceError(f"{url}: {exc.__class__.__name__}: {exc}") from exc
    if size == 0:
        raise SourceError(f"{url}: empty response")
    return size


def fetch(
    source: SourceSpec,
    dest_dir: Path,
    *,
    client: httpx.Client,
    progress: bool = False,
    url: str | None = None,
) -> FetchedFile:
    """Download ``source``'s official file(s), or ``url``, into ``dest_dir/<source>/<sha256>/``.

    Raises SourceError on HTTP errors, timeouts and empty answers; nothing is kept then.
    """
    urls = [url] if url is not None else list(source.urls)
    if url is None and source.token_required:
        raise SourceError(
            f"{source.name} needs a personal download token: pass the full URL with --url "
            f"({source.urls[0]})"
        )
    base = dest_dir / source.name
    base.mkdir(parents=True, exist_ok=True)
    retrieved_at = utcnow()
    tmp = Path(tempfile.mkdtemp(prefix=".fetch-", dir=base))
    try:
        bar = None
        if progress:
            bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                DownloadColumn(),
                TransferSpeedColumn(),
                TimeRemainingColumn(),
                transient=True,
            )
            bar.start()
        try:
            size = sum(_download(client, u, tmp / filename_for(u), bar) for u in urls)
        finally:
            if bar is not None:
                bar.stop()
        sha = file_sha256(tmp if len(urls) > 1 else tmp / filename_for(urls[0]))
        final = base / sha
        if final.exists():
            log.info("%s snapshot %s already kept", source.name, sha[:12])
        else:
            tmp.rename(final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    path = final if len(urls) > 1 else final / filename_for(urls[0])
    log.info("fetched %s: %d bytes, sha256 %s", source.name, size, sha)
    return FetchedFile(source.name, path, sha, urls, retrieved_at, size)
