"""The lists use cases: fetch, load (parse everything first, then store in one transaction),
status, diffs, history and single entries.

A parse error anywhere in the file raises before the store is touched, so bad input leaves the
store exactly as it was.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

import httpx
from sqlalchemy import Engine

from corridor.exc import InvalidData
from corridor.model import Entity, Statement, utcnow
from corridor.model.listing import ListingPeriod
from corridor.sources.context import SourceContext, file_sha256, iter_parsed
from corridor.sources.fetch import FetchedFile, fetch
from corridor.sources.limits import check_zip, snapshot_files
from corridor.sources.registry import Registry, SourceSpec, dataset_of, load_registry
from corridor.store.lists import ChangeSet, ListStore, SnapshotInfo, SourceStatus
from corridor.store.lists import LoadReport as LoadReport  # the result type callers format

log = logging.getLogger(__name__)


def _is_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def load_path(
    engine: Engine,
    source: str,
    path: Path,
    *,
    retrieved_at: datetime | None = None,
    url: str | None = None,
    registry: Registry | None = None,
    allow_shrink: bool = False,
    dataset: str | None = None,
) -> LoadReport:
    """Parse the list file (or folder) ``path`` of ``source`` and apply it to the store.

    ``retrieved_at`` defaults to now; the list's own publication date is taken from the file by
    the parser when it states one. Raises InvalidData naming the file when it is empty,
    truncated, malformed, too large (:mod:`corridor.sources.limits`), or holds no entry of this
    source; RefusedOperation when it would remove most of the list in force and
    ``allow_shrink`` is not given. For a format of named datasets (FtM), the source is
    ``<source>_<dataset>``: ``dataset`` when given, else the one the file's path names
    (:func:`~corridor.sources.registry.dataset_of`).
    """
    registry = registry or load_registry()
    spec = registry.lookup(source)
    if spec.datasets and spec.name == source and source in registry.names:
        spec = registry.dataset_source(source, dataset or dataset_of(url or str(path)))
    elif dataset is not None:
        raise InvalidData.at(f"{source} has no named datasets", field="dataset")
    parse = spec.load_parser()
    for file in snapshot_files(path):
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


def sources() -> list[SourceSpec]:
    """The official sources corridor knows (``sources/sources.yml``)."""
    return list(load_registry())


def fetch_sources(
    name: str | None,
    snapshots_dir: Path,
    *,
    timeout: float,
    load_into: Engine | None = None,
    url: str | None = None,
    progress: bool = False,
) -> list[tuple[FetchedFile, LoadReport | None]]:
    """Download one source (or every source that needs no token) and, with ``load_into``,
    load each file fetched into that store."""
    registry = load_registry()
    specs = (
        [s for s in registry if not s.token_required] if name is None else [registry.lookup(name)]
    )
    done: list[tuple[FetchedFile, LoadReport | None]] = []
    with httpx.Client(timeout=timeout) as client:
        for spec in specs:
            got = fetch(spec, snapshots_dir, client=client, progress=progress, url=url)
            report = None
            if load_into is not None:
                report = load_path(
                    load_into,
                    spec.name,
                    got.path,
                    retrieved_at=got.retrieved_at,
                    url=got.url,
                    registry=registry,
                )
            done.append((got, report))
    return done


def status(engine: Engine) -> list[SourceStatus]:
    """Per source: the snapshot in force, its dates, counts and the last diff."""
    return ListStore(engine).status()


def sample_sources(engine: Engine) -> set[str]:
    """Sources whose snapshot in force was made by hand for the demo (marked as SAMPLE)."""
    return {s.source for s in ListStore(engine).status() if s.sample}


def changes(engine: Engine, source: str, snapshot: str | None = None) -> ChangeSet:
    """The change set of a source's last (or given) snapshot."""
    return ListStore(engine).changes(source, snapshot)


def entity(engine: Engine, entity_id: str) -> Entity:
    """One list entry; raises NotFound."""
    return ListStore(engine).get(entity_id)


def history(engine: Engine, entity_id: str) -> list[ListingPeriod]:
    """The entry's listing periods per jurisdiction, with their basis and snapshots."""
    return ListStore(engine).history(entity_id)


def statements(engine: Engine, entity_id: str) -> list[Statement]:
    """The entry's values with first and last seen, one statement each."""
    return ListStore(engine).statements(entity_id)


def is_active(engine: Engine, entity_id: str) -> bool:
    """Whether the entry is in the snapshot in force of its source."""
    return ListStore(engine).is_active(entity_id)
