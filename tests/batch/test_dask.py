from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corridor.batch.dask import DaskEngine
from corridor.batch.local import DuckDBEngine
from corridor.bookings.synth import write_synthetic
from corridor.rules.spec import load_rules


def decided(path: Path) -> list[tuple[str, str, int, str, tuple[str, ...]]]:
    rows = pq.read_table(path).to_pylist()
    return sorted(
        (r["booking_id"], r["passenger_id"], r["segment_no"], r["decision"], tuple(r["rules"]))
        for r in rows
    )


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_dask_cluster_decides_like_the_local_engine(tmp_path: Path) -> None:
    from distributed import LocalCluster

    source = tmp_path / "rows.parquet"
    write_synthetic(source, 3000, seed=11)
    rules = load_rules()
    local = DuckDBEngine().run(rules, source, tmp_path / "local.parquet")
    with LocalCluster(
        n_workers=1, processes=False, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        report = DaskEngine(cluster.scheduler_address).run(
            rules, source, tmp_path / "dask", tmp_path / "rejects.csv"
        )
    assert report.rows == local.rows
    assert report.decisions == local.decisions
    assert decided(tmp_path / "dask") == decided(tmp_path / "local.parquet")


def test_dask_threads_without_scheduler(tmp_path: Path) -> None:
    source = tmp_path / "rows.parquet"
    write_synthetic(source, 500, seed=3)
    report = DaskEngine().run(load_rules(), source, tmp_path / "out")
    assert report.rows == pq.read_table(source).num_rows
