"""The screening index, built once per store revision and kept: in memory and on disk.

Building the index normalises every listed name (transliteration, phonetic keys): about half a
second on the demo store and several CPU-seconds on the full lists, for a query that then takes
a millisecond. :class:`IndexCache` therefore

- keeps each built index in memory, one per (sources, as_of), for the life of the process
  (the API server, a batch run);
- writes it under a folder (``CORRIDOR_HOME/cache/screening`` from :func:`index_cache`), keyed by
  the database, the store's revision, the sources, the date and a digest of the screening code
  and its reference tables, so that the next ``corridor screen`` reads it instead of building
  it again; files of older revisions of the same scope are removed when a new one is written;
- asks the store's revision (``max(snapshot seq)``, one query) only when the store may have
  changed, not on every request: when the SQLite files changed (every commit rewrites the
  database or its write-ahead log, so a ``corridor lists load`` in another process is seen by
  the next request), when :meth:`IndexCache.invalidate` was called, or when ``recheck``
  seconds passed since the last check (the bound for a PostgreSQL registry written by another
  process: :data:`RECHECK_SECONDS` by default).

A file on disk is signed (HMAC-SHA256 with the settings' secret) and read only when its
signature, format and key match; anything else is ignored and rebuilt, never trusted.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import hmac
import io
import logging
import os
import pickle
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import Engine

from corridor.model.listing import ListingPeriod
from corridor.screening.index import ScreeningIndex
from corridor.settings import Settings
from corridor.store.lists import ListStore

log = logging.getLogger(__name__)

# Seconds after which the revision is asked again even when nothing local says it changed.
RECHECK_SECONDS = 5.0
# Bumped when what is written changes shape.
FORMAT = b"corridor-screening-index/1\n"
# Packages whose code or tables decide what an index holds.
CODE_PACKAGES = ("corridor.screening", "corridor.ids", "corridor.model")

_code_digest: str | None = None


def code_digest() -> str:
    """A digest of the modules and tables the index is built with: an index written by other
    code (an upgrade, an edited checkout) is never read back."""
    global _code_digest
    if _code_digest is None:
        digest = hashlib.sha256()
        for package in CODE_PACKAGES:
            for item in sorted(resources.files(package).iterdir(), key=lambda i: i.name):
                if item.is_file() and item.name.endswith((".py", ".yml", ".yaml", ".tsv")):
                    digest.update(item.name.encode())
                    digest.update(item.read_bytes())
        _code_digest = digest.hexdigest()[:16]
    return _code_digest


@dataclass(slots=True)
class Built:
    """An index and the listing periods of its entities."""

    index: ScreeningIndex
    periods: dict[str, list[ListingPeriod]]


class _Pickler(pickle.Pickler):
    """Writes dataclass instances as ``cls(*fields)``: read back through the generated
    ``__init__``, several times faster than pickle's default for slotted frozen dataclasses
    (which calls :func:`dataclasses.fields` once per object)."""

    _fields: ClassVar[dict[type, tuple[str, ...] | None]] = {}

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        names = self._fields.get(cls, ())
        if names == ():
            names = _init_fields(cls)
            self._fields[cls] = names
        if names is None:
            return NotImplemented
        return (cls, tuple(getattr(obj, name) for name in names))


def _init_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a dataclass that its ``__init__`` takes, in order; None when it is not a
    dataclass or keeps a field out of ``__init__``."""
    if not dataclasses.is_dataclass(cls):
        return None
    found = dataclasses.fields(cls)
    if any(not f.init for f in found):
        return None
    return tuple(f.name for f in found)


def _dumps(value: object) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def _sqlite_files(engine: Engine) -> tuple[Path, ...]:
    """The files a SQLite database changes on commit (the database and its write-ahead log)."""
    if engine.dialect.name != "sqlite":
        return ()
    database = engine.url.database
    if not database or database == ":memory:":
        return ()
    path = Path(database)
    return (path, path.with_name(path.name + "-wal"))


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_size)


class IndexCache:
    """Indexes built from the store, one per (sources, as_of), rebuilt when snapshots change."""

    def __init__(
        self,
        engine: Engine,
        folder: Path | None = None,
        *,
        secret: str = "",
        recheck: float = RECHECK_SECONDS,
    ) -> None:
        self.store = ListStore(engine)
        self.folder = folder
        self.recheck = recheck
        self._key = hashlib.sha256(secret.encode()).digest()
        self._database = engine.url.render_as_string(hide_password=True)
        self._files = _sqlite_files(engine)
        self._built: dict[tuple[tuple[str, ...] | None, str | None], Built] = {}
        self._lock = threading.Lock()
        self._revision: int | None = None
        self._stamp: tuple[tuple[int, int] | None, ...] = ()
        self._checked = 0.0

    def invalidate(self) -> None:
        """Ask the store's revision again at the next use (call after loading lists)."""
        with self._lock:
            self._revision = None

    def revision(self) -> int:
        """The store's revision, asked only when the store may have changed (see the module)."""
        with self._lock:
            return self._current_revision()

    def _current_revision(self) -> int:
        stamp = tuple(_stat(path) for path in self._files)
        now = time.monotonic()
        if self._revision is None or stamp != self._stamp or now - self._checked >= self.recheck:
            self._stamp = stamp  # taken first: a commit after the query changes it again
            self._revision = self.store.revision()
            self._checked = now
        return self._revision

    def fingerprint(self, sources: Sequence[str] | None, as_of: datetime | None) -> str:
        """What an index is built from: database, revision, sources, date and code."""
        with self._lock:
            return self._fingerprint(self._scope(sources, as_of), self._current_revision())

    def _scope(self, sources: Sequence[str] | None, as_of: datetime | None) -> str:
        text = f"{self._database}\n{sorted(sources or [])}\n{as_of}"
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    @staticmethod
    def _fingerprint(scope: str, revision: int) -> str:
        return hashlib.sha256(f"{scope}:{revision}:{code_digest()}".encode()).hexdigest()[:16]

    def get(
        self, sources: Sequence[str] | None = None, as_of: datetime | None = None
    ) -> tuple[ScreeningIndex, dict[str, list[ListingPeriod]]]:
        key = (None if sources is None else tuple(sorted(sources)), None if as_of is None else
               as_of.isoformat())  # fmt: skip
        with self._lock:
            scope = self._scope(sources, as_of)
            fingerprint = self._fingerprint(scope, self._current_revision())
            built = self._built.get(key)
            if built is None or built.index.fingerprint != fingerprint:
                with _collector_paused():
                    built = self._read(scope, fingerprint)
                    if built is None:
                        built = self._build(sources, as_of, fingerprint)
                        self._write(scope, fingerprint, built)
                self._built[key] = built
                # the index lives as long as the process: the collector need not walk its
                # hundreds of thousands of objects again (a full pass is a latency spike)
                gc.freeze()
        return built.index, built.periods

    def _build(
        self, sources: Sequence[str] | None, as_of: datetime | None, fingerprint: str
    ) -> Built:
        entities = self.store.entities(sources=sources, as_of=as_of)
        periods: dict[str, list[ListingPeriod]] = defaultdict(list)
        for period in self.store.periods(sources=sources):
            periods[period.entity_id].append(period)
        return Built(ScreeningIndex.build(entities, fingerprint), dict(periods))

    def _path(self, scope: str, fingerprint: str) -> Path | None:
        return None if self.folder is None else self.folder / f"{scope}-{fingerprint}.index"

    def _read(self, scope: str, fingerprint: str) -> Built | None:
        path = self._path(scope, fingerprint)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        head = len(FORMAT) + 32
        body = data[head:]
        signature = hmac.new(self._key, FORMAT + body, hashlib.sha256).digest()
        signed = data[len(FORMAT) : head]
        if data[: len(FORMAT)] != FORMAT or not hmac.compare_digest(signed, signature):
            log.warning("ignoring screening index %s: not written by this installation", path)
            return None
        try:
            built = pickle.loads(body)
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
                ValueError, IndexError, KeyError) as exc:  # fmt: skip
            # a class that changed shape: rebuild
            log.warning("ignoring screening index %s: %s", path, exc)
            return None
        if not isinstance(built, Built) or built.index.fingerprint != fingerprint:
            return None
        return built

    def _write(self, scope: str, fingerprint: str, built: Built) -> None:
        path = self._path(scope, fingerprint)
        if path is None:
            return
        body = _dumps(built)
        signature = hmac.new(self._key, FORMAT + body, hashlib.sha256).digest()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".index-")
            with os.fdopen(handle, "wb") as out:
                out.write(FORMAT + signature + body)
            os.replace(tmp, path)  # readers see the whole file or none
            for old in path.parent.glob(f"{scope}-*.index"):
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError as exc:  # a read-only home: screening still works, only slower
            log.warning("could not keep the screening index in %s: %s", path.parent, exc)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the index's objects are made: they are all alive, so
    the passes the allocations trigger find nothing (reading the index takes half the time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def index_cache(settings: Settings, engine: Engine) -> IndexCache:
    """The index cache of an entry point: kept under ``CORRIDOR_HOME/cache/screening``."""
    return IndexCache(engine, settings.home / "cache" / "screening", secret=settings.secret)
