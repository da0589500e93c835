from __future__ import annotations

from pathlib import Path

import pytest

from corridor.exc import InvalidData
from corridor.flows.metric import Metric
from corridor.flows.series import Freq, build_series
from corridor.services import flows as service


def test_daily_series_with_options(tmp_path: Path) -> None:
    path = tmp_path / "sg_daily.csv"
    path.write_text("date,value\n2021-11-08,309\n2021-11-09,599\n2021-11-10,\n")
    with pytest.raises(InvalidData) as info:
        service.read_figures(path, reporter="PL", border="BY-PL", metric=Metric.ATTEMPT)
    assert info.value.errors[0].line == 4 and info.value.errors[0].field == "value"
    path.write_text("date,value\n2021-11-08,309\n2021-11-09,599\n")
    assert service.detect_kind(path) == "national_csv"
    with pytest.raises(InvalidData, match="no metric or reporter"):
        service.read_figures(path)
    figures = service.read_figures(path, reporter="PL", border="BY-PL", metric=Metric.ATTEMPT)
    assert [(str(f.first_day), f.days, f.value) for f in figures] == [
        ("2021-11-08", 1, 309),
        ("2021-11-09", 1, 599),
    ]
    (week,) = build_series(figures, Freq.WEEK)
    assert [(str(p.start), p.value, p.complete) for p in week.points] == [
        ("2021-11-08", 908, False)
    ]


def test_monthly_rows_carry_their_own_meaning(tmp_path: Path) -> None:
    path = tmp_path / "lv.csv"
    path.write_text(
        "date,value,reporter,border,metric,source\n"
        "2022-11,429,LV,BY-LV,prevented entry,state border guard\n"
        "2022-12,1053,LV,BY-LV,prevented_entry,state border guard\n"
    )
    figures = service.read_figures(path)
    assert [(f.metric, f.days, f.value) for f in figures] == [
        (Metric.PREVENTED_ENTRY, 30, 429),
        (Metric.PREVENTED_ENTRY, 31, 1053),
    ]
