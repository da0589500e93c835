"""Loading a list file into the store: parse everything first, then store in one transaction.

A parse error anywhere in the file raises before the store is touched, so bad input leaves the
store exactly as it was.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from corridor.exc import InvalidData
from corridor.model import utcnow
from corridor.sources.context import SourceContext, file_sha256, iter_parsed
from corridor.sources.limits import check_zip, snapshot_files
from corridor.sources.registry import Registry, load_registry
from corridor.store.lists import ListStore, LoadReport, SnapshotInfo

log = logging.getLogger(__name__)


def load_path(
    engine: Engine,
    source: str,
    path: Path,
    *,
    retrieved_at: datetime | None = None,
    url: str | None = None,
    registry: Registry | None = None,
    allow_shrink: bool = False,
) -> LoadReport:
    """Parse the list file (or folder) ``path`` of ``source`` and apply it to the store.

    ``retrieved_at`` defaults to now; the list's own publication date is taken from the file by
    the parser when it states one. Raises InvalidData naming the file when it is empty,
    truncated, malformed, too large (:mod:`corridor.sources.limits`), or holds no entry of this
    source; RefusedOperation when it would remove most of the list in force and
    ``allow_shrink`` is not given.
    """
    spec = (registry or load_registry()).lookup(source)
    parse = spec.load_parser()
    files = snapshot_files(path)
    for file in files:
        if _is_zip(file):
            check_zip(file)
    context = SourceContext(
        source=spec.name,
        path=path,
        snapshot=file_sha256(path),
        retrieved_at=retrieved_at or utcnow(),
        url=url,
    )
    entities = list(iter_parsed(parse, context))
    if not entities:
        raise InvalidData.at(
            f"no {spec.name} entry found: is this a {spec.format} file?", file=str(path)
        )
    for warning in context.warnings:
        log.warning("%s: %s", path, warning)
    snapshot = SnapshotInfo(
        source=spec.name,
        sha256=context.snapshot,
        path=str(path),
        retrieved_at=context.retrieved_at,
        published_at=context.published_at,
        url=url,
    )
    return ListStore(engine).load(entities, snapshot, spec.jurisdiction, allow_shrink=allow_shrink)


def _is_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"
