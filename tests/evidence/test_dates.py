from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from corridor.evidence.extract.dates import find_dates

PUB = date(2024, 3, 14)  # a Thursday


def one(text: str, published: date = PUB):  # type: ignore[no-untyped-def]
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


def test_so_far_this_year_runs_to_publication() -> None:
    m = one("Guards counted 900 attempts so far this year.")
    assert (m.start_date, m.end_date, m.rule) == (date(2024, 1, 1), PUB, "so_far_this_year")


def test_last_year_is_the_whole_previous_year() -> None:
    m = one("There were 300 last year.")
    assert (m.start_date, m.end_date) == (date(2023, 1, 1), date(2023, 12, 31))


def test_since_the_start_of_a_named_year() -> None:
    m = one("Since the start of 2023, crossings rose.", date(2024, 5, 2))
    assert (m.start_date, m.end_date, m.rule) == (
        date(2023, 1, 1),
        date(2024, 5, 2),
        "since_start_of_year",
    )


def test_on_monday_in_past_tense_is_the_monday_before() -> None:
    m = one("On Monday the airline stopped flights.")
    assert m.start_date == date(2024, 3, 11)
    assert m.rule == "weekday_before_publication"


def test_on_monday_in_future_tense_is_the_next_monday() -> None:
    m = one("Ministers will meet on Monday.")
    assert m.start_date == date(2024, 3, 18)
    assert m.rule == "weekday_after_publication"


def test_weekday_with_date_is_checked() -> None:
    good = one("on Friday (8 March) the border closed")
    bad = one("on Tuesday (8 March) the border closed")
    assert good.start_date == bad.start_date == date(2024, 3, 8)
    assert good.consistent and not bad.consistent


def test_date_without_year_takes_the_nearest_year() -> None:
    assert one("on 28 December", date(2024, 1, 5)).start_date == date(2023, 12, 28)
    assert one("on 2 January", date(2024, 1, 5)).start_date == date(2024, 1, 2)


def test_since_month_and_day_range() -> None:
    found = find_dates("Since August and over 13-14 November things changed.", date(2021, 11, 20))
    assert [(m.rule, m.start_date) for m in found] == [
        ("since_month", date(2021, 8, 1)),
        ("day_range", date(2021, 11, 13)),
    ]


@given(
    st.text(
        alphabet=st.sampled_from(list("Monday so far this year 12 March 2021 last week, ")),
        max_size=80,
    )
)
def test_mentions_are_ordered_spans_inside_the_text(text: str) -> None:
    found = find_dates(text, PUB)
    ends = -1
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= ends
        ends = m.end


def test_months_last_month_and_the_first_half() -> None:
    found = find_dates(
        "Crossings peaked in October, fell last month and in the first half of 2022.",
        date(2022, 1, 10),
    )
    assert [(d.rule, d.start_date.isoformat(), str(d.end_date)) for d in found] == [
        ("month", "2021-10-01", "2021-10-31"),
        ("last_month", "2021-12-01", "2021-12-31"),
        ("first_half", "2022-01-01", "2022-06-30"),
    ]
