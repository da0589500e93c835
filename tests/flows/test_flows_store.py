from __future__ import annotations

from pathlib import Path

import pytest

from corridor.exc import InvalidData, NotFound
from corridor.flows.importers import border_csv
from corridor.flows.metric import Metric
from corridor.resources import data_dir
from corridor.store.analytics import FlowStore

DATA = data_dir("flows")


def test_load_query_replace(tmp_path: Path) -> None:
    store = FlowStore(tmp_path / "flows")
    with pytest.raises(NotFound):
        store.figures()
    figures = border_csv.parse(DATA / "border_flows.csv")
    first = store.load(figures, "border_flows.csv")
    assert (first.figures, first.replaced) == (50, False)
    assert first.path.suffix == ".parquet"
    assert set(store.figures()) == set(figures)  # every field survives Parquet
    lv = store.figures(metric=Metric.PREVENTED_ENTRY, reporter="LV")
    assert len(lv) == 9 and all(f.dataset == "border_flows.csv" for f in lv)
    again = store.load(figures[:10], "border_flows.csv")
    assert again.replaced and len(store.figures()) == 10
    summary = store.summary()
    assert {r["metric"] for r in summary} == {f.metric.value for f in figures[:10]}


def test_failed_load_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = FlowStore(tmp_path / "flows")
    store.load(border_csv.parse(DATA / "border_flows.csv"), "border_flows.csv")
    with pytest.raises(InvalidData):
        store.load([], "border_flows.csv")
    assert len(store.figures()) == 50
    assert not list(store.figures_dir.glob("*.tmp"))
