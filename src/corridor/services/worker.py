"""Long work off the request path: a worker process for evidence ingest.

Extracting claims from a long text takes seconds of CPU (spaCy, rules, screening). Run in the
server's own threads it holds the interpreter lock and every short request waits behind it
(the probe of #17: ``/check`` at 450 ms while a 0.5 MB text was ingested). Here it runs in a
separate process (``CORRIDOR_INGEST_WORKERS``, default 1; 0 runs it inline), so the server keeps
answering while the handler awaits the result. The worker opens the registry itself from the
settings it is given and keeps its engine between jobs.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine

from corridor.services.evidence import ingest_text
from corridor.services.screening_cache import IndexCache
from corridor.settings import Settings
from corridor.store.audit_key import audit_key, bind_audit_key
from corridor.store.db import make_engine
from corridor.store.evidence import IngestReport

T = TypeVar("T")

# in a worker process: its engine and its screening index cache per registry URL, kept between
# jobs so that an ingest links to the lists without building the index again
_ENGINES: dict[str, Engine] = {}
_CACHES: dict[str, IndexCache] = {}


def _engine(url: str, key: bytes) -> Engine:
    engine = _ENGINES.get(url)
    if engine is None:
        engine = make_engine(url)
        bind_audit_key(engine, key)
        _ENGINES[url] = engine
    return engine


def _cache(url: str, engine: Engine, folder: str, secret: str) -> IndexCache:
    cache = _CACHES.get(url)
    if cache is None:
        cache = IndexCache(engine, Path(folder), secret=secret)
        _CACHES[url] = cache
    return cache


def ingest_job(url: str, key: bytes, text: str, options: dict[str, Any]) -> IngestReport:
    """What the worker runs: :func:`ingest_text` on its own engine, with the index cache kept
    under ``CORRIDOR_HOME/cache/screening`` (the one ``corridor screen`` and ``/screen`` use)."""
    options = dict(options)
    folder, secret = options.pop("cache_dir"), options.pop("cache_secret")
    engine = _engine(url, key)
    cache = None if options.get("threshold") is None else _cache(url, engine, folder, secret)
    return ingest_text(engine, text, cache=cache, **options)


class Worker:
    """A lazily started pool of worker processes (spawned: no state copied from the server)."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._pool: Executor | None = None

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in a worker process (or a thread when there are none), awaited."""
        if self.processes <= 0:
            return await asyncio.to_thread(fn, *args)
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=context)
        return await asyncio.wrap_future(self._pool.submit(fn, *args))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


async def ingest_in_worker(
    worker: Worker, engine: Engine, text: str, options: dict[str, Any]
) -> IngestReport:
    """:func:`ingest_text` on ``engine``'s registry, run by ``worker``."""
    url = engine.url.render_as_string(hide_password=False)
    return await worker.run(ingest_job, url, audit_key(engine), text, options)


def ingest_options(settings: Settings, **fields: Any) -> dict[str, Any]:
    """The keyword arguments of :func:`ingest_text` for an API ingest, and where the worker keeps
    its screening index (``cache_dir``, ``cache_secret``: taken out before the call)."""
    return {
        **fields,
        "threshold": settings.screen_threshold,
        "cache_dir": str(settings.home / "cache" / "screening"),
        "cache_secret": settings.secret,
    }
