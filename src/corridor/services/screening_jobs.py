"""Batch screening of an uploaded file as a job with progress: the queries are screened in
chunks, and the results written as CSV (one row per hit) and JSON lines (one result per query)
beside the input, for download.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from corridor.exc import CorridorError, InvalidData
from corridor.model.time import utcnow
from corridor.screening.files import read_queries, write_results
from corridor.screening.result import Query, ScreenResult
from corridor.services.screening import IndexCache, screen

CHUNK = 25
SUFFIXES = (".csv", ".jsonl", ".ndjson", ".json")


@dataclass
class BatchJob:
    """One uploaded file being screened; ``done`` of ``total`` queries so far."""

    id: str
    owner: str
    filename: str
    folder: Path
    queries: list[Query]
    threshold: float
    as_of: datetime | None = None
    done: int = 0
    hits: int = 0
    status: str = "queued"  # queued, running, finished, failed
    error: str | None = None
    started: datetime = field(default_factory=utcnow)

    @property
    def total(self) -> int:
        return len(self.queries)

    def output(self, suffix: str) -> Path:
        return self.folder / f"hits{suffix}"

    def run(self, cache: IndexCache) -> None:
        """Screen every query, chunk by chunk, then write both result files."""
        self.status = "running"
        try:
            index, periods = cache.get(None, self.as_of)
            results: list[ScreenResult] = []
            for start in range(0, self.total, CHUNK):
                chunk = self.queries[start : start + CHUNK]
                found = screen(
                    chunk, index, threshold=self.threshold, as_of=self.as_of, periods=periods
                )
                results.extend(found)
                self.hits += sum(len(r.hits) for r in found)
                self.done += len(chunk)
            write_results(self.output(".csv"), results)
            write_results(self.output(".jsonl"), results)
            self.status = "finished"
        except CorridorError as exc:
            self.status, self.error = "failed", exc.message


def start_batch(
    folder: Path,
    owner: str,
    filename: str,
    content: bytes,
    cache: IndexCache,
    *,
    threshold: float,
    as_of: datetime | None = None,
) -> BatchJob:
    """Validate the uploaded file (InvalidData names the line and field) and start screening it
    in a background thread; the job reports its progress."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidData.at("upload a .csv or .jsonl file of queries", field="file")
    job_id = secrets.token_hex(8)
    where = folder / job_id
    where.mkdir(parents=True, exist_ok=True)
    path = where / f"queries{suffix}"
    path.write_bytes(content)
    try:
        queries = read_queries(path)
    except InvalidData as exc:
        raise InvalidData(exc.message.replace(str(path), filename), exc.errors) from None
    job = BatchJob(job_id, owner, filename, where, queries, threshold, as_of)
    threading.Thread(target=job.run, args=(cache,), daemon=True, name=f"batch-{job_id}").start()
    return job
