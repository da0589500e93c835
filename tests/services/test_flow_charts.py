"""The flows page's charts: one per metric from the bundled figures, with sources, kept until the
stored figures change."""

from __future__ import annotations

from pathlib import Path

from corridor.services.flow_charts import FlowChartsCache, flow_charts
from corridor.services.flows import bundled_flows_dir, load_file
from corridor.settings import Settings


def test_charts_are_built_once_and_again_when_figures_change(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    assert flow_charts(settings).charts == []  # nothing stored: no chart, no error
    load_file(settings, bundled_flows_dir() / "border_flows.csv")
    cache = FlowChartsCache()
    first = cache.get(settings)
    assert first.figures > 0 and first.charts
    assert all(c.sources and c.spec.get("$schema") for c in first.charts)
    titles = [c.title for c in first.charts]
    assert len(titles) == len(set(titles))
    assert cache.get(settings) is first
    load_file(settings, bundled_flows_dir() / "opensky_minsk_week14_2021.csv")
    second = cache.get(settings)
    assert second is not first and second.figures > first.figures
