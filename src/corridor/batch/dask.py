"""The Dask engine: the same compiled SQL, run by DuckDB inside each partition on a cluster.

``DaskEngine("tcp://host:8786")`` connects to a running scheduler; without an address the
partitions run on local threads. The output is a folder of Parquet parts (one per input
partition) with the columns of the local engine; rejects are gathered into one file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from corridor.batch.base import BatchReport, file_format
from corridor.batch.local import decide_table, reject_table, write_table
from corridor.rules.spec import Rule


def _check_partition(
    frame: Any, rules: Sequence[Rule], part: Path
) -> tuple[dict[str, int], pa.Table]:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    decisions = decide_table(rules, table)
    pq.write_table(decisions, part)
    counts: dict[str, int] = {}
    for value in decisions.column("decision").to_pylist():
        counts[value] = counts.get(value, 0) + 1
    return counts, reject_table(table)


class DaskEngine:
    name = "dask"
    reads_nested_json = False

    def __init__(self, scheduler: str | None = None, blocksize: str = "64MB") -> None:
        self.scheduler = scheduler
        self.blocksize = blocksize

    def run(
        self, rules: Sequence[Rule], source: Path, output: Path, rejects: Path | None = None
    ) -> BatchReport:
        import dask.dataframe as dd
        from dask.base import compute
        from dask.delayed import delayed

        fmt = file_format(source)
        if fmt == "parquet":
            frame = dd.read_parquet(str(source))
        elif fmt == "csv":
            frame = dd.read_csv(str(source), dtype=str, blocksize=self.blocksize)
        else:
            frame = dd.read_json(str(source), lines=True, dtype=False, blocksize=self.blocksize)
        output.mkdir(parents=True, exist_ok=True)
        parts = frame.to_delayed()
        check = delayed(_check_partition)
        tasks = [
            check(p, list(rules), output / f"part-{i:05d}.parquet") for i, p in enumerate(parts)
        ]
        if self.scheduler is None:
            results = compute(*tasks, scheduler="threads")  # type: ignore[no-untyped-call]
        else:
            from distributed import Client

            with Client(self.scheduler) as client:  # type: ignore[no-untyped-call]
                results = tuple(client.gather(client.compute(tasks)))
        decisions: dict[str, int] = {}
        rejected_tables: list[pa.Table] = []
        for counts, rejected in results:
            for key, value in counts.items():
                decisions[key] = decisions.get(key, 0) + value
            rejected_tables.append(rejected)
        rejected_count = sum(t.num_rows for t in rejected_tables)
        if rejects is not None and rejected_tables:
            write_table(pa.concat_tables(rejected_tables), rejects)
        return BatchReport(
            engine=self.name,
            input=str(source),
            output=str(output),
            rejects=None if rejects is None else str(rejects),
            rows=sum(decisions.values()),
            rejected=rejected_count,
            decisions=decisions,
            rules=[r.id for r in rules],
        )
