from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from corridor.flows.charts import flights_chart, period_text, series_chart
from corridor.flows.importers import border_csv, opensky
from corridor.flows.metric import Metric
from corridor.flows.report import analyse
from corridor.resources import data_dir
from corridor.services import flows as service
from corridor.settings import Settings

DATA = data_dir("flows")
WHEN = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)


class _Tables(HTMLParser):
    """Tables (header and rows of cell text) and figures (with their captions) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.figcaptions: list[str] = []
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "figcaption":
            self._caption = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None
        elif tag == "figcaption" and self._caption is not None:
            self.figcaptions.append("".join(self._caption))
            self._caption = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._caption is not None:
            self._caption.append(data)


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[Path]]:
    tmp = tmp_path_factory.mktemp("report")
    settings = Settings(home=tmp / "home")
    service.load_file(settings, DATA / "border_flows.csv")
    service.load_file(settings, DATA / "opensky_minsk_week14_2021.csv")
    out = tmp / "report.html"
    written = service.write_flow_report(settings, out, png_dir=tmp / "png")
    return out.read_text(), written


def _specs(text: str) -> dict[str, dict[str, Any]]:
    found = re.findall(r"<script type='application/json' id='spec-([\w-]+)'>(.*?)</script>", text)
    return {name: json.loads(body.replace("<\\/", "</")) for name, body in found}


def _encodings(spec: Any) -> list[dict[str, Any]]:
    """Every ``encoding`` object in a (layered, concatenated) spec."""
    found: list[dict[str, Any]] = []
    if isinstance(spec, dict):
        if isinstance(spec.get("encoding"), dict):
            found.append(spec["encoding"])
        for value in spec.values():
            found.extend(_encodings(value))
    elif isinstance(spec, list):
        for value in spec:
            found.extend(_encodings(value))
    return found


def test_report_is_self_contained_with_png(report_html: tuple[str, list[Path]]) -> None:
    text, written = report_html
    assert "<svg" in text and "<script src" not in text and "http-equiv" not in text
    specs = _specs(text)
    assert set(specs) == {
        "attempt-per-day",
        "apprehension-per-day",
        "prevented_entry-per-day",
        "admitted_humanitarian-per-day",
        "asylum_application-per-day",
        "frontex_detection-per-day",
        "flights-umms",
        "surges",
    }
    pngs = [p for p in written if p.suffix == ".png"]
    assert len(pngs) == len(specs)
    assert all(p.read_bytes()[:4] == b"\x89PNG" for p in pngs)
    assert "series-attempt" not in text  # headings are titles, not ids


def test_charts_are_honest(report_html: tuple[str, list[Path]]) -> None:
    specs = _specs(report_html[0])
    for name, spec in specs.items():
        title = spec["title"]["text"]
        assert re.search(r"\d{4}", title), f"{name}: no period in {title!r}"
        assert any(s.startswith("Sources: ") for s in spec["title"]["subtitle"])
        assert any(s.startswith("Generated ") for s in spec["title"]["subtitle"])
        assert spec["usermeta"]["sources"], name
        for enc in _encodings(spec):
            y = enc.get("y", {})
            scale = y.get("scale", {}).get("type", "linear")
            assert scale == "linear" or "log" in y.get("title", ""), name
            if name != "flights-umms":
                for channel in ("x", "y"):
                    assert "stack" not in enc.get(channel, {}) or enc[channel]["stack"] is None
    assert specs["flights-umms"]["title"]["text"] == (
        "Flights arriving at Minsk (UMMS) by origin country, 5–11 April 2021"
    )
    assert specs["attempt-per-day"]["title"]["text"] == (
        "Attempts to cross the border illegally per day, 2018–2025"
    )


def test_every_chart_point_and_table_row_is_traceable(report_html: tuple[str, list[Path]]) -> None:
    text = report_html[0]
    for name, spec in _specs(text).items():
        rows = [r for data in spec.get("datasets", {}).values() for r in data]
        assert rows, name
        for row in rows:
            if "what" in row:  # a measure's rule: sourced in usermeta
                assert any(row["id"] in s for s in spec["usermeta"]["sources"])
            else:
                assert row["sources"], (name, row)
    page = _Tables()
    page.feed(text)
    assert len(page.figcaptions) == len(_specs(text))
    assert all("Sources:" in c and "Generated 20" in c for c in page.figcaptions)
    for table in page.tables:
        head, *rows = table
        assert "sources" in head, head
        column = head.index("sources")
        assert all(row[column].strip() for row in rows), head


def test_series_lines_have_one_frequency_and_break_at_gaps() -> None:
    figures = border_csv.parse(DATA / "border_flows.csv")
    report = analyse(figures, [])
    attempt = report.series[Metric.ATTEMPT]
    assert {(s.reporter, s.freq.value) for s in attempt} == {
        ("PL", "day"),
        ("PL", "month"),
        ("PL", "year"),
    }
    chart = series_chart(attempt, [], metric=Metric.ATTEMPT, generated=WHEN)
    rows = next(iter(chart.spec["datasets"].values()))
    segments = {r["segment"] for r in rows if r["frequency"] == "month"}
    # August-December 2021 is one run; July 2022 stands alone: no line across the gap.
    assert segments == {"PL, BY-PL: monthly totals #0", "PL, BY-PL: monthly totals #1"}
    years = [r for r in rows if r["frequency"] == "year"]
    assert [r["start"][:4] for r in years] == [
        "2018",
        "2019",
        "2020",
        "2021",
        "2023",
        "2024",
        "2025",
    ]
    assert chart.generated == WHEN and "2026-12-04 17:00 UTC" in chart.footer
    assert "log" not in chart.spec["layer"][0]["encoding"]["y"]["title"]
    logged = series_chart(attempt, [], metric=Metric.ATTEMPT, generated=WHEN, log=True)
    assert "log scale" in logged.spec["layer"][0]["encoding"]["y"]["title"]


def test_flights_chart_names_origin_countries_and_period() -> None:
    figures = opensky.parse_daily_counts(DATA / "opensky_minsk_week14_2021.csv")
    chart = flights_chart(figures, generated=WHEN)
    values = json.dumps(chart.spec)
    assert "Ukraine" in values and "Poland" in values and "UMMS" in values
    assert (chart.first, chart.last) == (date(2021, 4, 5), date(2021, 4, 11))
    assert chart.to_dict()["period"] == {"first": "2021-04-05", "last": "2021-04-11"}


def test_period_text() -> None:
    assert period_text(date(2021, 4, 5), date(2021, 4, 11)) == "5–11 April 2021"
    assert period_text(date(2018, 1, 1), date(2025, 12, 31)) == "2018–2025"
    assert period_text(date(2009, 1, 1), date(2025, 4, 30)) == "January 2009 – April 2025"
    assert period_text(date(2021, 8, 3), date(2021, 9, 1)) == "3 August – 1 September 2021"
