"""The ingest worker keeps its engine and its screening index between jobs: the second ingest
links to the lists without building the index again, and the index is the one kept on disk."""

from __future__ import annotations

import logging
from pathlib import Path

from corridor.model import to_datetime
from corridor.resources import data_dir
from corridor.services import worker
from corridor.services.lists import load_path
from corridor.services.registry import open_registry
from corridor.settings import Settings
from corridor.store.audit_key import audit_key

EU = data_dir("lists") / "eu_journal" / "2026-08-22" / "32006R0765.csv"
TEXT = "Belavia, the Belarusian state carrier, added flights from Istanbul to Minsk in 2021."


def test_the_worker_keeps_its_index_between_jobs(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    engine = open_registry(settings)
    logging.disable(logging.WARNING)
    try:
        load_path(engine, "eu_journal", EU, retrieved_at=to_datetime("2026-08-22"))
    finally:
        logging.disable(logging.NOTSET)
    url = engine.url.render_as_string(hide_password=False)
    key = audit_key(engine)
    worker._CACHES.pop(url, None)
    first = worker.ingest_job(url, key, TEXT, worker.ingest_options(settings, uri="a.txt"))
    cache = worker._CACHES[url]
    built = dict(cache._built)
    second = worker.ingest_job(
        url, key, TEXT + " More.", worker.ingest_options(settings, uri="b.txt")
    )
    assert first.document_id != second.document_id
    assert worker._CACHES[url] is cache
    assert len(built) == 1 and cache._built == built  # the same index, not built again
    assert list((tmp_path / "cache" / "screening").glob("*"))  # kept on disk for other processes
    worker._CACHES.pop(url, None)
    worker._ENGINES.pop(url, None)
