from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.exc import InvalidData
from corridor.flows.importers import border_csv
from corridor.flows.metric import Metric
from corridor.resources import data_dir

HEADER = "reporter,border,metric,period_start,period_end,value,approximate,note,source\n"


def test_bundled_file_matches_shared(shared_dir: Path) -> None:
    bundled = data_dir("flows") / "border_flows.csv"
    assert bundled.read_bytes() == (shared_dir / "data" / "border_flows.csv").read_bytes()
    figures = border_csv.parse(bundled)
    assert len(figures) == 50
    assert {f.metric for f in figures} >= {Metric.ATTEMPT, Metric.PREVENTED_ENTRY}


def test_bad_row_names_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text(
        HEADER + "PL,BY-PL,attempt,2021-01-01,2021-01-31,12,false,,x\n"
        "PL,BY-PL,arrivals,2021-02-01,2021-02-28,3,false,,x\n"
    )
    with pytest.raises(InvalidData) as info:
        border_csv.parse(path)
    assert info.value.errors[0].line == 3 and info.value.errors[0].field == "metric"
    path.write_text(HEADER + "PL,BY-PL,attempt,2021-01-01,2021-01-31,many,false,,x\n")
    with pytest.raises(InvalidData, match="value"):
        border_csv.parse(path)


@given(
    value=st.integers(min_value=0, max_value=10**7),
    approximate=st.booleans(),
    metric=st.sampled_from(list(Metric)),
    day=st.dates(min_value=__import__("datetime").date(2000, 1, 1)),
)
def test_parse_round_trip(
    tmp_path_factory: pytest.TempPathFactory,
    value: int,
    approximate: bool,
    metric: Metric,
    day: object,
) -> None:
    path = tmp_path_factory.mktemp("csv") / "f.csv"
    path.write_text(
        HEADER + f"LT,BY-LT,{metric.value},{day},{day},{value},{str(approximate).lower()},,s\n"
    )
    (fig,) = border_csv.parse(path)
    assert (fig.metric, fig.value, fig.approximate, str(fig.first_day), fig.days) == (
        metric,
        value,
        approximate,
        str(day),
        1,
    )
