"""Watchlists that re-screen themselves when a list changes.

A watchlist is a file of names and codes (customers, passengers, operators: CSV, JSON lines or
Parquet with the columns of ``corridor screen --input``) kept under
``CORRIDOR_HOME/watch/<name>/`` with the hits of its last run and the store revision they were
screened at. :func:`run` screens the watchlist only against the entries that changed since
(added or changed entries, in a small index of their own) and reports **new**, **changed**
(another score) and **removed** hits (the entry was delisted or changed so that it no longer
hits), each with the list snapshot that caused it. The first run screens against everything.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from sqlalchemy import Engine

from corridor.exc import InvalidData, NotFound
from corridor.screening.files import query_from_row, read_queries
from corridor.screening.index import ScreeningIndex
from corridor.screening.result import Query
from corridor.services.screening import screen
from corridor.store.lists import ListStore
from corridor.store.watch import changes_since

STATE = "state.json"


@dataclass(frozen=True)
class WatchReport:
    name: str
    revision: int
    screened: int
    entries: int
    new: list[dict[str, Any]]
    changed: list[dict[str, Any]]
    removed: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "revision": self.revision, "screened": self.screened,
                "entries": self.entries, "new": self.new, "changed": self.changed,
                "removed": self.removed}  # fmt: skip


def _folder(home: Path, name: str) -> Path:
    if not name.replace("_", "").replace("-", "").isalnum():
        raise InvalidData.at(f"not a watchlist name: {name!r}", field="name")
    return home / "watch" / name


def read_watchlist(path: Path) -> list[Query]:
    if path.suffix.lower() == ".parquet":
        rows = pq.read_table(path).to_pylist()
        return [query_from_row(r, default_id=str(i + 1), file=str(path), line=i + 2)
                for i, r in enumerate(rows)]  # fmt: skip
    return read_queries(path)


def add(home: Path, name: str, path: Path) -> int:
    """Keep a copy of the watchlist file; its hits start empty (the next run screens all)."""
    queries = read_watchlist(path)
    folder = _folder(home, name)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("watchlist.*"):
        old.unlink()
    shutil.copyfile(path, folder / f"watchlist{path.suffix.lower()}")
    (folder / STATE).write_text(json.dumps({"revision": None, "hits": {}, "last": None}))
    return len(queries)


def add_rows(home: Path, name: str, rows: list[dict[str, Any]]) -> int:
    """Keep a watchlist given as rows (the columns of ``corridor screen --input``), checked as a
    file would be: a bad row names its line (its position, from 1) and field, and nothing is kept."""
    if not rows:
        raise InvalidData.at("a watchlist needs at least one entry", field="entries")
    _folder(home, name)  # the name is checked before anything is written
    with tempfile.TemporaryDirectory(prefix="corridor-watch-") as tmp:
        path = Path(tmp) / "watchlist.jsonl"
        lines = (json.dumps(row, ensure_ascii=False) for row in rows)
        path.write_text("\n".join(lines) + "\n", "utf-8")
        return add(home, name, path)


def _load(home: Path, name: str) -> tuple[Path, list[Query], dict[str, Any]]:
    folder = _folder(home, name)
    files = sorted(folder.glob("watchlist.*"))
    if not files:
        raise NotFound(f"no watchlist {name!r}: add one with `corridor watch add`")
    state = json.loads((folder / STATE).read_text("utf-8"))
    return folder, read_watchlist(files[0]), state


def _hit_key(query_id: str, entity_id: str) -> str:
    return f"{query_id}\t{entity_id}"


def run(engine: Engine, home: Path, name: str, *, threshold: float) -> WatchReport:
    """Screen the watchlist against what changed since its last run; report the difference."""
    folder, queries, state = _load(home, name)
    store = ListStore(engine)
    revision = store.revision()
    old: dict[str, dict[str, Any]] = state["hits"]
    if state["revision"] is None:
        entities = store.entities()
        touched = {e.id for e in entities}
        cause = {e.id: e.provenance.snapshot for e in entities}
    else:
        changes = changes_since(engine, int(state["revision"]))
        cause = {c.entity_id: c.snapshot for c in changes}
        touched = set(cause)
        entities = [e for e in store.entities() if e.id in touched]
    index = ScreeningIndex.build(entities)
    fresh: dict[str, dict[str, Any]] = {}
    for result in screen(queries, index, threshold=threshold) if entities else []:
        for found in result.hits:
            fresh[_hit_key(result.query.id, found.entity_id)] = {
                "query_id": result.query.id, "query": "; ".join(result.query.names),
                "entity_id": found.entity_id, "caption": found.caption, "source": found.source,
                "score": round(found.score, 4), "snapshot": cause.get(found.entity_id),
            }  # fmt: skip
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    removed: list[dict[str, Any]] = []
    hits = {k: v for k, v in old.items() if v["entity_id"] not in touched}
    for key, hit in fresh.items():
        if key not in old:
            new.append(hit)
        elif old[key]["score"] != hit["score"]:
            changed.append({**hit, "previous_score": old[key]["score"]})
        hits[key] = hit
    for key, hit in old.items():
        if hit["entity_id"] in touched and key not in fresh:
            removed.append({**hit, "snapshot": cause.get(hit["entity_id"])})
    report = WatchReport(name, revision, len(queries), len(entities), new, changed, removed)
    state = {"revision": revision, "hits": hits, "last": report.to_dict()}
    tmp = folder / (STATE + ".part")
    tmp.write_text(json.dumps(state, ensure_ascii=False), "utf-8")
    tmp.replace(folder / STATE)
    return report


def names(home: Path) -> list[str]:
    """The watchlists kept under ``CORRIDOR_HOME/watch``, by name."""
    root = home / "watch"
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / STATE).is_file())


def run_all(engine: Engine, home: Path, *, threshold: float) -> list[WatchReport]:
    """Re-screen every kept watchlist against what changed (``lists load`` calls this after a
    load that changed something, so a watchlist re-screens itself when a list changes)."""
    return [run(engine, home, name, threshold=threshold) for name in names(home)]


def last(home: Path, name: str) -> dict[str, Any]:
    """The report of the watchlist's last run."""
    state = _load(home, name)[2]
    if state["last"] is None:
        raise NotFound(f"watchlist {name!r} has not run yet: `corridor watch run {name}`")
    report: dict[str, Any] = state["last"]
    return report
