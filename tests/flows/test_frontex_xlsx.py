from __future__ import annotations

from pathlib import Path

import pytest

from corridor.exc import InvalidData
from corridor.flows.importers import frontex_xlsx
from corridor.flows.metric import Metric
from corridor.flows.series import Freq, build_series


def write_workbook(path: Path, header_cells: list[str], rows: list[list[object]]) -> Path:
    """A small workbook in the Frontex layout: a title row, then the header on row 2."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Detections_of_IBC"
    sheet.append(["Detections of illegal border-crossings, monthly"])
    sheet.append(header_cells)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


HEADER = ["Route", "Border type or inland", "Nationality", "JUN2021", "JUL2021", "AUG2021"]


def test_wide_months_become_figures(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "Monthly_detections_of_IBC.xlsx",
        HEADER,
        [
            ["Eastern Borders Route", "Land", "Iraq", 300, 2600, 1500],
            ["Eastern Borders Route", "Land", "Syria", 1, None, 0],
            ["Central Mediterranean Route", "Sea", "Tunisia", 1200, 1400, 2000],
        ],
    )
    figures = frontex_xlsx.parse(path)
    assert len(figures) == 7  # empty and zero cells are not figures
    assert all(f.metric is Metric.FRONTEX_DETECTION for f in figures)
    eastern = [f for f in figures if f.border == "Eastern Borders Route (Land)"]
    (series,) = build_series(eastern, Freq.MONTH)
    assert [(str(p.start), p.value) for p in series.points] == [
        ("2021-06-01", 301),
        ("2021-07-01", 2600),
        ("2021-08-01", 1500),
    ]


def test_wrong_layouts_are_refused(tmp_path: Path) -> None:
    no_months = write_workbook(tmp_path / "a.xlsx", ["Route", "Type", "Nat", "Total"], [])
    with pytest.raises(InvalidData, match="JAN2009"):
        frontex_xlsx.parse(no_months)
    bad = write_workbook(
        tmp_path / "b.xlsx", HEADER, [["Eastern Borders Route", "Land", "Iraq", "n/a"]]
    )
    with pytest.raises(InvalidData) as info:
        frontex_xlsx.parse(bad)
    assert info.value.errors[0].line == 3 and info.value.errors[0].field == "JUN2021"
    with pytest.raises(InvalidData):
        frontex_xlsx.parse(tmp_path / "missing.xlsx")
