"""Properties of the date and figure normalisers over generated values."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from corridor.evidence.extract.dates import WEEKDAYS, find_dates
from corridor.evidence.extract.pipeline import extract_text

MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


def _figures(text: str, published: date = date(2021, 11, 20)) -> list[dict[str, object]]:
    return [c.value for c in extract_text(text, published, ner=False) if c.kind == "figure"]


@given(st.integers(min_value=1, max_value=9_999_999))
def test_counts_with_thousands_separators(n: int) -> None:
    found = _figures(f"Guards said they had stopped {n:,} migrants at the border.")
    assert [(v["value"], v["metric"]) for v in found] == [(n, "prevented_entries")]


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["million", "billion"]))
def test_money_with_a_scale(units: int, scale: str) -> None:
    tenths = units / 10
    written = f"{tenths:g}"
    found = _figures(f"The Commission pledged €{written} {scale} for the region.")
    factor = 1_000_000 if scale == "million" else 1_000_000_000
    assert len(found) == 1
    assert found[0]["currency"] == "EUR"
    assert abs(float(str(found[0]["value"])) - tenths * factor) < 1e-3


@given(DAYS, st.booleans())
def test_explicit_dates_in_both_orders(day: date, day_first: bool) -> None:
    month = MONTH_NAMES[day.month - 1]
    written = f"{day.day} {month} {day.year}" if day_first else f"{month} {day.day}, {day.year}"
    found = find_dates(f"The decision was taken on {written} in Brussels.", date(2021, 11, 20))
    assert [(m.start_date, m.end_date, m.rule) for m in found] == [(day, day, "explicit_date")]


@given(DAYS, st.sampled_from(WEEKDAYS))
def test_past_weekday_is_within_the_week_before_publication(published: date, wd: str) -> None:
    found = find_dates(f"Guards said that on {wd.title()} the crossing was closed.", published)
    assert len(found) == 1
    value = found[0].start_date
    assert value.weekday() == WEEKDAYS.index(wd)
    assert timedelta(0) <= published - value < timedelta(days=7)


@given(DAYS, st.sampled_from(WEEKDAYS))
def test_future_weekday_is_within_the_week_after_publication(published: date, wd: str) -> None:
    found = find_dates(f"The airline will resume flights on {wd.title()}.", published)
    assert len(found) == 1
    value = found[0].start_date
    assert value.weekday() == WEEKDAYS.index(wd)
    assert timedelta(0) < value - published <= timedelta(days=7)


@given(DAYS)
def test_so_far_this_year_and_since_month_end_at_publication(published: date) -> None:
    found = find_dates("So far this year the route carried more people.", published)
    assert [(m.start_date, m.end_date) for m in found] == [(date(published.year, 1, 1), published)]
    month = MONTH_NAMES[published.month - 1]
    since = find_dates(f"Since {month} the route has been quieter.", published)
    assert [(m.start_date, m.end_date) for m in since] == [
        (date(published.year, published.month, 1), published)
    ]
