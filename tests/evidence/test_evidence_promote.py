"""Reviewed figure claims become flows figures that lead back to the article, on each backend.

The article is written here (the test's own sentences), ingested, reviewed and promoted; the
figures are read back from the flows store.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine

from corridor.evidence.claim import Claim
from corridor.evidence.document import make_document
from corridor.exc import InvalidData, NotFound, ProcedureError, RefusedOperation
from corridor.flows.metric import Metric
from corridor.model.interval import Interval
from corridor.services.evidence import ingest_document
from corridor.services.flows import flow_store
from corridor.services.promote import (
    border_of,
    country_code,
    evidence_figures,
    flows_metric,
    period_of,
    promote_claim,
    promote_reviewed,
)
from corridor.services.review import review_claim
from corridor.settings import Settings
from corridor.store.evidence import EvidenceStore

TEXT = (
    "Border update\n\n"
    "According to the Polish Border Guard, 2,310 attempts to cross the border from Belarus "
    "were recorded in September 2021. About 640 migrants were detained in Lithuania in August "
    "2021. Officers turned back 75 people that night. At least 12 people died near "
    "the border this year.\n"
)


def _ingest(engine: Engine) -> dict[str, Claim]:
    doc = make_document(
        TEXT.encode(),
        uri="urn:test:border-update",
        media_type="text/plain",
        title="Border update",
        publisher="Test Desk",
        published="2021-10-05",
    )
    ingest_document(engine, doc)
    return {c.text: c for c in EvidenceStore(engine).claims(kind="figure")}


def test_accepted_claim_becomes_a_flows_figure_with_its_source(
    engine: Engine, tmp_path: Path
) -> None:
    settings = Settings(home=tmp_path / "home")
    claim = _ingest(engine)["2,310"]
    with pytest.raises(ProcedureError):
        promote_claim(engine, settings, claim.id)
    review_claim(engine, claim.id, "accept", reviewer="ana", note="matches the article")

    promotion = promote_claim(engine, settings, claim.id[:12])
    assert promotion.status == "added"
    stored = flow_store(settings).figures(dataset=f"evidence:{claim.id}")
    assert stored == [promotion.figure]
    fig = stored[0]
    assert (fig.metric, fig.reporter, fig.border, fig.value) == (
        Metric.ATTEMPT,
        "news:PL",
        "BY-PL",
        2310.0,
    )
    assert fig.period == Interval.from_dates("2021-09-01", "2021-09-30")
    assert fig.dataset == f"evidence:{claim.id}"
    assert fig.source == f"evidence:{claim.id} urn:test:border-update"
    doc_id = EvidenceStore(engine).document(claim.document_id).id
    for part in (f"sha256:{doc_id}", "'Border update'", "Test Desk", f"{claim.start}:{claim.end}"):
        assert part in fig.note
    assert "accepted by ana" in fig.note
    assert "'in September 2021'" in fig.resolved and "month_year" in fig.resolved
    assert promotion.provenance["document"]["publisher"] == "Test Desk"
    assert promotion.provenance["review"]["note"] == "matches the article"

    files = sorted((settings.analytics_dir / "flows" / "figures").glob("*.parquet"))
    stamp = [f.stat().st_mtime_ns for f in files]
    again = promote_claim(engine, settings, claim.id)
    assert again.status == "unchanged" and again.figure == fig
    assert [f.stat().st_mtime_ns for f in files] == stamp
    assert evidence_figures(settings) == [fig]


def test_a_correction_is_what_goes_to_flows(engine: Engine, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    claim = _ingest(engine)["640"]
    review_claim(engine, claim.id, "correct", reviewer="bo", value={"value": 655})
    fig = promote_claim(engine, settings, claim.id).figure
    assert (fig.metric, fig.reporter, fig.border, fig.value) == (
        Metric.APPREHENSION,
        "news:LT",
        "BY-LT",
        655.0,
    )
    assert fig.approximate and "(approximately)" in fig.note and "corrected by bo" in fig.note


def test_what_would_be_guessed_is_refused(engine: Engine, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    claims = _ingest(engine)
    deaths, turned_back = claims["12"], claims["75"]
    review_claim(engine, deaths.id, "accept", reviewer="ana")
    with pytest.raises(RefusedOperation, match="'deaths'"):
        promote_claim(engine, settings, deaths.id)
    review_claim(engine, turned_back.id, "accept", reviewer="ana")
    with pytest.raises(InvalidData, match="no place") as err:
        promote_claim(engine, settings, turned_back.id)
    assert err.value.errors[0].field == "place"
    others = [c for c in EvidenceStore(engine).claims() if c.kind != "figure"]
    review_claim(engine, others[0].id, "accept", reviewer="ana")
    with pytest.raises(RefusedOperation, match="not a figure"):
        promote_claim(engine, settings, others[0].id)
    with pytest.raises(NotFound):
        promote_claim(engine, settings, "ffffffffffff")
    assert not flow_store(settings).has_data()

    done, refused = promote_reviewed(engine, settings)
    assert done == [] and {r.claim_id for r in refused} == {deaths.id, turned_back.id}


def test_an_open_period_closes_on_the_publication_day(engine: Engine, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    claim = _ingest(engine)["75"]
    correction = {"place": "Latvia", "period": {"start_date": "2021-09-20", "end_date": None}}
    review_claim(engine, claim.id, "correct", reviewer="ana", value=correction)
    done, refused = promote_reviewed(engine, settings)
    assert refused == [] and [p.claim_id for p in done] == [claim.id]
    fig = done[0].figure
    assert (fig.reporter, fig.border, fig.metric) == ("news:LV", "BY-LV", Metric.PREVENTED_ENTRY)
    assert fig.period == Interval.from_dates("2021-09-20", "2021-10-05")
    assert "open, so ended on the publication day 2021-10-05" in fig.resolved
    assert "reviewer's correction" in fig.resolved


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ({"start_date": "2021-01-01", "end_date": "2021-12-31", "rule": "this_year"}, "2021-10-05"),
        ({"start_date": "2021-10-01", "end_date": "2021-10-04", "rule": "x"}, "2021-10-04"),
    ],
)
def test_a_period_never_runs_past_publication(period: dict[str, str], expected: str) -> None:
    doc = make_document(b"x", uri="urn:x", media_type="text/plain", published="2021-10-05")
    interval, how = period_of(_claim(period=period), doc)
    assert interval.last_day == date.fromisoformat(expected)
    assert ("publication day" in how) is (expected == "2021-10-05")


def test_a_forecast_is_no_count() -> None:
    doc = make_document(b"x", uri="urn:x", media_type="text/plain", published="2021-10-05")
    with pytest.raises(InvalidData, match="forecast"):
        period_of(_claim(period={"start_date": "2021-11-01", "end_date": None}), doc)


def _claim(**value: object) -> Claim:
    return Claim("d", "figure", "attempts", 0, 1, "1", dict(value), 0.9, "r", 0, 1, id="c1")


@pytest.mark.parametrize(
    ("place", "reporter", "expected"),
    [
        ("Poland", None, ("BY-PL", "pl")),
        ("Belarus", "Lithuanian State Border Guard Service", ("BY-LT", "lt")),
        ("Belarus-EU border", "Polish border guards", ("BY-PL", "pl")),
        ("by-lv", None, ("BY-LV", "lv")),
        ("Latvia", "Frontex", ("BY-LV", "lv")),
    ],
)
def test_border_from_place_and_reporter(
    place: str, reporter: str | None, expected: tuple[str, str]
) -> None:
    assert border_of(_claim(place=place, reporter=reporter)) == expected


@pytest.mark.parametrize("place", ["Belarus", "Germany", "Minsk", ""])
def test_a_place_with_no_border_is_refused(place: str) -> None:
    with pytest.raises(InvalidData):
        border_of(_claim(place=place, reporter=None))


@given(st.text(max_size=40))
def test_country_code_is_a_code_or_none(text: str) -> None:
    code = country_code(text)
    assert code is None or (len(code) == 2 and code.islower())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"metric": "attempts", "unit": "people"}, Metric.ATTEMPT),
        ({"metric": "arrests", "unit": "arrests"}, Metric.APPREHENSION),
        ({"metric": "admitted_humanitarian", "unit": "people"}, Metric.ADMITTED_HUMANITARIAN),
    ],
)
def test_flows_metric_of_a_claim(value: dict[str, object], expected: Metric) -> None:
    assert flows_metric(_claim(**value)) is expected


@pytest.mark.parametrize(
    "value",
    [
        {"metric": "troops", "unit": "troops"},
        {"metric": "money", "unit": "money"},
        {"metric": "frontex_detection", "unit": "people"},
        {"metric": "attempts", "unit": "flights"},
    ],
)
def test_no_flows_metric_is_refused(value: dict[str, object]) -> None:
    with pytest.raises(RefusedOperation):
        flows_metric(_claim(**value))
