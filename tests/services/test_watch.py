"""A watchlist re-screened after list loads: only new, changed and removed hits, with the
snapshot that caused each (real EU annex rows, an older cut of the same file)."""

from __future__ import annotations

import logging
from itertools import pairwise
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sqlalchemy import Engine

from corridor.exc import NotFound
from corridor.model import to_datetime
from corridor.resources import data_dir
from corridor.services import watch
from corridor.services.lists import load_path

EU = data_dir("lists") / "eu_journal" / "2026-08-22" / "32006R0765.csv"


def _cut(tmp_path: Path, drop: str) -> Path:
    """The real file without the rows naming ``drop``: the list before they were added."""
    lines = EU.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("32006R0765,")] + [len(lines)]
    kept = lines[: starts[0]]
    for a, b in pairwise(starts):
        record = "".join(lines[a:b])
        if drop not in record:
            kept.append(record)
    path = tmp_path / "older.csv"
    path.write_text("".join(kept), encoding="utf-8")
    return path


def test_only_what_changed_is_reported(engine: Engine, tmp_path: Path) -> None:
    home = tmp_path / "home"
    names = pa.table({"id": ["1", "2", "3"],
                      "name": ["Belavia", "Tsentrkurort", "Maria Ivanova Nobody"]})  # fmt: skip
    pq.write_table(names, tmp_path / "passengers.parquet")
    assert watch.add(home, "passengers", tmp_path / "passengers.parquet") == 3
    with pytest.raises(NotFound):
        watch.last(home, "passengers")
    logging.disable(logging.WARNING)
    try:
        older = _cut(tmp_path, "Belavia")
        load_path(engine, "eu_journal", older, retrieved_at=to_datetime("2026-08-01"),
                  allow_shrink=True)  # fmt: skip
        first = watch.run(engine, home, "passengers", threshold=0.8)
        assert {h["query"] for h in first.new} == {"Tsentrkurort"}
        assert first.changed == [] and first.removed == []
        again = watch.run(engine, home, "passengers", threshold=0.8)
        assert again.entries == 0 and again.new == [] and again.removed == []
        report = load_path(engine, "eu_journal", EU, retrieved_at=to_datetime("2026-08-22"))
        after = watch.run(engine, home, "passengers", threshold=0.8)
        delisted = _cut(tmp_path, "TSENTRKURORT")
        gone = load_path(engine, "eu_journal", delisted, retrieved_at=to_datetime("2026-09-01"),
                         allow_shrink=True)  # fmt: skip
        later = watch.run(engine, home, "passengers", threshold=0.8)
    finally:
        logging.disable(logging.NOTSET)
    assert after.entries == len(report.added) + len(report.changed)
    assert [h["query"] for h in after.new] == ["Belavia"]
    assert after.new[0]["snapshot"] == report.snapshot
    assert after.removed == []
    assert watch.last(home, "passengers")["removed"] == later.removed
    assert [h["query"] for h in later.removed] == ["Tsentrkurort"]
    assert later.removed[0]["snapshot"] == gone.snapshot and later.new == []
