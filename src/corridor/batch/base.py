"""The batch port: check a file of passenger-segment rows against rules, stream the decisions.

Implementations: :class:`corridor.batch.local.DuckDBEngine` (one machine, larger-than-memory
files) and :class:`corridor.batch.dask.DaskEngine` (a Dask cluster). Both run the SQL of
:mod:`corridor.rules.compile`, so they decide identically.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from corridor.exc import InvalidData
from corridor.rules.spec import Rule

FORMATS: dict[str, str] = {
    ".parquet": "parquet",
    ".pq": "parquet",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


def file_format(path: Path) -> str:
    """``parquet``, ``csv`` or ``jsonl`` from the suffix (a folder is read as Parquet)."""
    if path.is_dir():
        return "parquet"
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InvalidData.at(
            f"unknown file type {path.suffix!r} (use {', '.join(sorted(FORMATS))})",
            file=str(path),
        )
    return fmt


@dataclass(frozen=True)
class BatchReport:
    """What a batch run did: rows decided, rows rejected and the decision counts."""

    engine: str
    input: str
    output: str
    rejects: str | None
    rows: int
    rejected: int
    decisions: dict[str, int] = field(default_factory=dict)
    rules: list[str] = field(default_factory=list)
    rules_file: str | None = None  # the rules' explanations and sources, beside the output

    def to_dict(self) -> dict[str, object]:
        return {
            "engine": self.engine,
            "input": self.input,
            "output": self.output,
            "rejects": self.rejects,
            "rows": self.rows,
            "rejected": self.rejected,
            "decisions": dict(self.decisions),
            "rules": list(self.rules),
            "rules_file": self.rules_file,
        }


class BatchEngine(Protocol):
    name: str
    reads_nested_json: bool  # whether ``run`` reads booking-shaped JSON lines itself

    def run(
        self, rules: Sequence[Rule], source: Path, output: Path, rejects: Path | None = None
    ) -> BatchReport:
        """Decide every valid row of ``source`` into ``output``; bad rows to ``rejects``."""
        ...
