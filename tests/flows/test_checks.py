"""flows load refuses figures that are not figures: NaN, inf, 1e308, no reporter, duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.exc import InvalidData
from corridor.services.flows import read_figures

HEADER = "reporter,border,metric,period_start,period_end,value,approximate,note,source\n"
GOOD = "PL,BY-PL,attempt,2021-09-01,2021-09-30,7000,false,,https://strazgraniczna.pl\n"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("PL,BY-PL,attempt,2021-10-01,2021-10-31,nan,false,,x\n", "not a finite number"),
        ("PL,BY-PL,attempt,2021-10-01,2021-10-31,inf,false,,x\n", "not a finite number"),
        ("PL,BY-PL,attempt,2021-10-01,2021-10-31,1e308,false,,x\n", "beyond any real count"),
        ("PL,BY-PL,attempt,2021-10-01,2021-10-31,-5,false,,x\n", "negative"),
        (",BY-PL,attempt,2021-10-01,2021-10-31,5,false,,x\n", "no reporter"),
        (GOOD, "exact duplicate of figure 1"),
    ],
)
def test_bad_figures_are_refused(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "border.csv"
    path.write_text(HEADER + GOOD + row)
    with pytest.raises(InvalidData) as info:
        read_figures(path, "border_csv")
    assert message in info.value.message
    assert all(d.file == str(path) for d in info.value.errors)


def test_good_file_passes(tmp_path: Path) -> None:
    path = tmp_path / "border.csv"
    path.write_text(HEADER + GOOD)
    assert len(read_figures(path, "border_csv")) == 1
