from __future__ import annotations

import pytest

from corridor.exc import RefusedOperation
from corridor.flows.figure import Figure, compare_figures, month_interval, sum_figures
from corridor.flows.importers import border_csv
from corridor.flows.metric import Metric
from corridor.flows.reconcile import reconcile
from corridor.model.interval import Interval
from corridor.resources import data_dir

DATA = data_dir("flows")


@pytest.fixture(scope="module")
def figures() -> list[Figure]:
    return border_csv.parse(DATA / "border_flows.csv")


def pick(figs: list[Figure], reporter: str, metric: Metric, start: str, end: str) -> Figure:
    (found,) = [
        f
        for f in figs
        if f.reporter == reporter
        and f.metric is metric
        and str(f.first_day) == start
        and str(f.last_day) == end
    ]
    return found


def test_figures_keep_their_meaning(figures: list[Figure]) -> None:
    oct21 = pick(figures, "PL", Metric.ATTEMPT, "2021-10-01", "2021-10-31")
    assert oct21.value == 17447 and not oct21.approximate and oct21.border == "BY-PL"
    assert oct21.period == month_interval(2021, 10)
    assert "tvrepublika" in oct21.source
    aug21 = pick(figures, "PL", Metric.ATTEMPT, "2021-08-01", "2021-08-31")
    assert aug21.approximate


def test_poland_months_against_annual_total(figures: list[Figure]) -> None:
    recs = [
        r
        for r in reconcile(figures)
        if r.total.reporter == "PL" and r.total.value == 39670 and r.total.days == 365
    ]
    assert len(recs) == 1
    rec = recs[0]
    assert rec.parts_sum == 3500 + 7700 + 17447 + 8900 + 1500
    # Five months of the year: a coverage finding, never a "+623" discrepancy.
    assert rec.kind == "coverage" and rec.comparable_difference is None
    assert rec.covered_share == pytest.approx(153 / 365)
    assert [p.first_day.month for p in rec.parts] == [8, 9, 10, 11, 12]
    # the record days inside September and October are not added on top of their months
    assert all(p.days >= 28 for p in rec.parts)
    (gap,) = rec.uncovered
    assert str(gap.start.date()) == "2021-01-01" and str(gap.last_day) == "2021-07-31"
    assert rec.rounding == 200
    assert "+623" not in rec.explanation and "2021-01-01..2021-07-31" in rec.explanation
    assert "153 of 365 days (42%" in rec.explanation and rec.to_row()["difference"] is None


def test_latvia_2023_one_month_is_coverage_not_a_discrepancy(figures: list[Figure]) -> None:
    (rec,) = [r for r in reconcile(figures) if r.total.reporter == "LV" and r.total.value == 13863]
    assert rec.parts_sum == 321 and rec.kind == "coverage"
    assert rec.covered_share == pytest.approx(31 / 365)
    assert "+13,542" not in rec.explanation and "no difference is computed" in rec.explanation


def test_discrepancy_needs_full_cover_or_parts_above_the_total() -> None:
    def fig(start: str, end: str, value: float, approx: bool = False) -> Figure:
        return Figure(
            Metric.ATTEMPT, "PL", "BY-PL", Interval.from_dates(start, end), value, approx, "t"
        )

    year = fig("2021-01-01", "2021-03-31", 3000, approx=True)
    months = [fig("2021-01-01", "2021-01-31", 1000), fig("2021-02-01", "2021-02-28", 900)]
    (partial,) = reconcile([year, *months])
    assert partial.kind == "coverage"
    exact = fig("2021-01-01", "2021-03-31", 3000)
    (full,) = reconcile([exact, *months, fig("2021-03-01", "2021-03-31", 1400)])
    assert full.kind == "discrepancy" and full.comparable_difference == -300
    (close,) = reconcile([year, *months, fig("2021-03-01", "2021-03-31", 1120)])
    assert close.kind == "agree"  # 3,000 is rounded to the thousand: ±500
    (over,) = reconcile([year, fig("2021-01-01", "2021-01-31", 3600)])
    assert over.kind == "discrepancy" and "already exceed" in over.explanation


def test_mixing_lithuanian_prevented_entries_with_polish_attempts_is_refused(
    figures: list[Figure],
) -> None:
    lt = pick(figures, "LT", Metric.PREVENTED_ENTRY, "2022-01-01", "2022-12-31")
    pl = pick(figures, "PL", Metric.ATTEMPT, "2022-07-01", "2022-07-31")
    with pytest.raises(RefusedOperation, match="different metrics"):
        sum_figures([lt, pl])
    with pytest.raises(RefusedOperation):
        compare_figures(lt, pl)
    mixed = sum_figures([lt, pl], allow_mixed_metrics=True)
    assert mixed.value == 11211 + 914 and mixed.metric is None and mixed.mixed_metrics
    assert "MIXED" in mixed.explanation


def test_overlapping_periods_are_refused(figures: list[Figure]) -> None:
    year = pick(figures, "PL", Metric.ATTEMPT, "2021-01-01", "2021-12-31")
    october = pick(figures, "PL", Metric.ATTEMPT, "2021-10-01", "2021-10-31")
    with pytest.raises(RefusedOperation, match="overlapping"):
        sum_figures([year, october])
    allowed = sum_figures([year, october], allow_overlap=True)
    assert allowed.overlapping and "double count" in allowed.explanation
    months = [f for f in figures if f.reporter == "PL" and f.days in (30, 31)]
    assert sum_figures(months).value > 0


def test_compare_same_metric_uses_rates(figures: list[Figure]) -> None:
    y2019 = pick(figures, "PL", Metric.ATTEMPT, "2019-01-01", "2019-12-31")
    october = pick(figures, "PL", Metric.ATTEMPT, "2021-10-01", "2021-10-31")
    result = compare_figures(y2019, october)
    assert result.rate_ratio is not None and result.rate_ratio > 10_000
    assert any("per-day" in c for c in result.caveats)


def test_row_round_trip(figures: list[Figure]) -> None:
    for fig in figures:
        assert Figure.from_row(fig.to_row()) == fig
