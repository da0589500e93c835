"""Figures stored as Parquet (one file per loaded dataset) and queried with DuckDB.

Loading a dataset writes a temporary file and renames it over the old one, so a failed load
leaves the store as it was. Queries read every file with ``read_parquet`` in DuckDB.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corridor.exc import InvalidData, NotFound
from corridor.flows.figure import Figure
from corridor.flows.metric import Metric

FIELDS: tuple[tuple[str, str], ...] = (
    ("metric", "string"),
    ("reporter", "string"),
    ("border", "string"),
    ("period_start", "date32"),
    ("period_end", "date32"),
    ("value", "float64"),
    ("approximate", "bool_"),
    ("source", "string"),
    ("note", "string"),
    ("breakdown", "string"),
    ("resolved", "string"),
    ("dataset", "string"),
)


@dataclass(frozen=True, slots=True)
class LoadResult:
    dataset: str
    path: Path
    figures: int
    replaced: bool


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, kind)()) for name, kind in FIELDS])


class FlowStore:
    """The figures under ``root`` (``settings.analytics_dir / "flows"``)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def figures_dir(self) -> Path:
        return self.root / "figures"

    def _file_for(self, dataset: str) -> Path:
        key = hashlib.sha256(dataset.encode()).hexdigest()[:16]
        return self.figures_dir / f"{key}.parquet"

    def load(self, figures: Sequence[Figure], dataset: str) -> LoadResult:
        """Replace the figures of ``dataset`` with ``figures`` (all or nothing)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not figures:
            raise InvalidData.at("no figures to load", file=dataset)
        rows = [{**f.to_row(), "dataset": dataset} for f in figures]
        table = pa.Table.from_pylist(rows, schema=_schema())
        self.figures_dir.mkdir(parents=True, exist_ok=True)
        target = self._file_for(dataset)
        replaced = target.exists()
        tmp = target.with_suffix(".tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, target)
        return LoadResult(dataset, target, len(figures), replaced)

    def has_data(self) -> bool:
        return self.figures_dir.is_dir() and any(self.figures_dir.glob("*.parquet"))

    def query(self, sql: str, params: Sequence[object] = ()) -> list[dict[str, Any]]:
        """Run ``sql`` in DuckDB with the view ``figures`` over every stored file."""
        import duckdb

        if not self.has_data():
            raise NotFound(f"no flow figures loaded under {self.root}: run 'corridor flows load'")
        con = duckdb.connect()
        try:
            pattern = str(self.figures_dir / "*.parquet").replace("'", "''")
            con.execute(f"CREATE VIEW figures AS SELECT * FROM read_parquet('{pattern}')")
            cursor = con.execute(sql, list(params))
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        finally:
            con.close()

    def figures(
        self,
        *,
        metric: Metric | None = None,
        reporter: str | None = None,
        border: str | None = None,
        dataset: str | None = None,
    ) -> list[Figure]:
        """Stored figures matching every given filter, by period."""
        where: list[str] = []
        params: list[object] = []
        for column, value in (
            ("metric", metric.value if metric is not None else None),
            ("reporter", reporter),
            ("border", border),
            ("dataset", dataset),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self.query(
            f"SELECT * FROM figures {clause} "
            "ORDER BY metric, reporter, border, period_start, period_end, breakdown",
            params,
        )
        return [Figure.from_row(r) for r in rows]

    def summary(self) -> list[dict[str, Any]]:
        """Per metric, reporter and border: count, first and last day, datasets."""
        return self.query(
            "SELECT metric, reporter, border, count(*) AS figures, min(period_start) AS first, "
            "max(period_end) AS last, bool_or(approximate) AS any_approximate, "
            "string_agg(DISTINCT dataset, ', ') AS datasets "
            "FROM figures GROUP BY ALL ORDER BY metric, reporter, border"
        )
