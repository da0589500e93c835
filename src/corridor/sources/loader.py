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
from corridor.sources.registry import Registry, dataset_of, load_registry
from corridor.store.lists import ListStore, LoadReport, SnapshotInfo

log = logging.getLogger(__name__)


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InvalidData.at("no such file or folder", file=str(path))
    files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
    if not files:
        raise InvalidData.at("empty folder: no list file in it", file=str(path))
    if all(p.stat().st_size == 0 for p in files):
        raise InvalidData.at("empty file", file=str(path))


def load_path(
    engine: Engine,
    source: str,
    path: Path,
    *,
    retrieved_at: datetime | None = None,
    url: str | None = None,
    registry: Registry | None = None,
    dataset: str | None = None,
) -> LoadReport:
    """Parse the list file (or folder) ``path`` of ``source`` and apply it to the store.

    ``retrieved_at`` defaults to now; the list's own publication date is taken from the file by
    the parser when it states one. Raises InvalidData naming the file when it is empty,
    truncated, malformed, or holds no entry of this source. For a format of named datasets
    (FtM), the source is ``<source>_<dataset>``: ``dataset`` when given, else the one the file's
    path names (:func:`~corridor.sources.registry.dataset_of`).
    """
    registry = registry or load_registry()
    spec = registry.lookup(source)
    if spec.datasets and spec.name == source and source in registry.names:
        spec = registry.dataset_source(source, dataset or dataset_of(url or str(path)))
    elif dataset is not None:
        raise InvalidData.at(f"{source} has no named datasets", field="dataset")
    parse = spec.load_parser()
    _check_file(path)
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
    return ListStore(engine).load(entities, snapshot, spec.jurisdiction)
