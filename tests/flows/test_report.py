from __future__ import annotations

import json
import re
from pathlib import Path

from corridor.flows.charts import flights_chart
from corridor.flows.importers import opensky
from corridor.resources import data_dir
from corridor.services import flows as service
from corridor.settings import Settings

DATA = data_dir("flows")


def test_report_is_self_contained_with_png(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    service.load_file(settings, DATA / "border_flows.csv")
    service.load_file(settings, DATA / "opensky_minsk_week14_2021.csv")
    out = tmp_path / "report.html"
    written = service.write_flow_report(settings, out, png_dir=tmp_path / "png")
    text = out.read_text()
    assert written[0] == out
    assert "<svg" in text and "<script src" not in text and "http-equiv" not in text
    specs = re.findall(r"<script type='application/json' id='spec-([\w-]+)'>", text)
    assert {"series-attempt", "series-prevented_entry", "flights-minsk", "surges"} <= set(specs)
    assert "+623" in text  # Poland's months against its annual total
    assert "2021-10-01..2021-10-31" in text  # a surge alert row
    pngs = [p for p in written if p.suffix == ".png"]
    assert len(pngs) == len(specs)
    assert all(p.read_bytes()[:4] == b"\x89PNG" for p in pngs)


def test_flights_chart_names_origin_countries() -> None:
    figures = opensky.parse_daily_counts(DATA / "opensky_minsk_week14_2021.csv")
    spec = flights_chart(figures).to_dict()
    values = json.dumps(spec)
    assert "Ukraine" in values and "Poland" in values and "UMMS" in values
