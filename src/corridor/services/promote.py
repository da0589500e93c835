"""Reviewed figure claims become flows figures, keeping the way back to the article.

An accepted (or corrected: the reviewer's values win) figure claim becomes one
:class:`corridor.flows.figure.Figure` typed by the flows metric vocabulary. Anything that would
have to be guessed is refused instead: a claim that is not a figure or not reviewed, an evidence
metric flows has no word for (deaths, troops, money), a claim with no period, or a place that
names no border. A reviewer fixes those by correcting the claim (``{"place": "Poland"}``,
``{"metric": "prevented_entry"}``), then promotes it.

News figures stay apart from official ones, so flows never mixes them silently:

- the reporter reads ``news:PL`` (the country whose authority the article quotes, or whose
  border the figure is at), so a series, surge or impact on ``PL`` never takes them in, while
  reconciliation sets a news total against the official months and names its source;
- the source reads ``evidence:<claim id> <document address>``;
- each claim is its own flows dataset ``evidence:<claim id>``, so promoting a claim again
  rewrites nothing, and the note carries the document's sha256, title, publisher, the
  character span and the reviewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine

from corridor.evidence.claim import Claim
from corridor.evidence.document import Document
from corridor.evidence.patterns import load_gazetteer_data
from corridor.exc import CorridorError, InvalidData, ProcedureError, RefusedOperation
from corridor.flows.figure import Figure
from corridor.flows.metric import METRIC_WORDS, Metric
from corridor.ids.countries import country_code
from corridor.model.interval import Interval
from corridor.services.flows import EVIDENCE_KIND, flow_store, is_evidence
from corridor.settings import Settings
from corridor.store.evidence import EvidenceStore, Review

SOURCE_KIND = EVIDENCE_KIND
NEWS_REPORTER = "news"
REVIEWED = ("accepted", "corrected")

# The flows metrics an article's figure may be: counts of people or attempts at a border.
BORDER_METRICS: tuple[Metric, ...] = (
    Metric.ATTEMPT,
    Metric.PREVENTED_ENTRY,
    Metric.APPREHENSION,
    Metric.ADMITTED_HUMANITARIAN,
)
COUNTED_UNITS: tuple[str, ...] = ("people", "attempts", "arrests")

# Flows borders are Belarus against the EU state on the other side (``BY-PL``).
BORDER_STATES: tuple[str, ...] = ("pl", "lt", "lv")
_BORDER_CODE = re.compile(r"^BY-(PL|LT|LV)$", re.I)
_ALPHA_2 = re.compile(r"^[A-Za-z]{2}$")


@dataclass(frozen=True, slots=True)
class Promotion:
    """One claim written to flows: ``status`` is ``added``, ``replaced`` or ``unchanged``."""

    claim_id: str
    figure: Figure
    status: str
    provenance: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "status": self.status,
            "figure": figure_row(self.figure),
            "provenance": self.provenance,
        }


@dataclass(frozen=True, slots=True)
class Refusal:
    """A claim that could not become a figure, and why (for ``--all-accepted``)."""

    claim_id: str
    reason: str


def figure_row(figure: Figure) -> dict[str, Any]:
    """A figure as JSON-ready fields (dates as ISO strings)."""
    row = figure.to_row()
    row["period_start"] = str(row["period_start"])
    row["period_end"] = str(row["period_end"])
    return row


def dataset_for(claim_id: str) -> str:
    return f"{SOURCE_KIND}:{claim_id}"


def flows_metric(claim: Claim) -> Metric:
    """The flows metric of a figure claim; a correction may name a border metric directly.

    Only counts of people or attempts at a border are promoted: flight, seat, asylum and Frontex
    figures come to flows from their own sources, on their own keys.
    """
    name = str(claim.value.get("metric") or claim.type)
    try:
        metric: Metric | None = Metric.parse(name)
    except InvalidData:
        metric = None
    if metric is None or metric not in BORDER_METRICS:
        words = [w for w, m in METRIC_WORDS.items() if m in BORDER_METRICS]
        known = ", ".join([*sorted(words), *(m.value for m in BORDER_METRICS)])
        raise RefusedOperation(
            f"claim {claim.id} counts {name!r}, which flows has no border metric for "
            f"(promotable: {known}; a reviewer may correct the metric)"
        )
    unit = str(claim.value.get("unit") or "people")
    if unit not in COUNTED_UNITS:
        raise RefusedOperation(
            f"claim {claim.id} counts {unit}, not people or attempts: it is no {metric.value} "
            "figure (a reviewer may correct the unit)"
        )
    return metric


def place_country(name: str | None) -> str | None:
    """The ISO code (lower case) of a gazetteer place or authority ("Polish Border Guard"),
    else of a country name or code as :func:`corridor.ids.countries.country_code` reads it."""
    if not name or not name.strip():
        return None
    if _ALPHA_2.match(name.strip()) and (code := country_code(name)) is not None:
        return code
    wanted = name.strip().lower()
    data = load_gazetteer_data()
    for entry in [*data.authorities, *data.places]:
        if wanted in {n.lower() for n in [entry.name, *entry.aliases]}:
            return entry.country
    for code, names in data.extra_countries.items():
        if wanted in {n.lower() for n in names}:
            return code
    return country_code(name)


def border_of(claim: Claim) -> tuple[str, str]:
    """``(border, reporter country)`` of a figure claim, from its place and reporter.

    The place names the EU side ("into Poland") or Belarus, whose border is then the one of the
    authority quoted ("according to the Polish Border Guard").
    """
    place = claim.value.get("place")
    if not place:
        raise InvalidData.at(
            f"claim {claim.id} has no place: correct it with the place first", field="place"
        )
    reporter = place_country(claim.value.get("reporter"))
    code = _BORDER_CODE.match(str(place).strip())
    if code is not None:
        side = code.group(1).lower()
        return f"BY-{side.upper()}", reporter or side
    for side in (place_country(str(place)), reporter):
        if side in BORDER_STATES:
            return f"BY-{side.upper()}", reporter or side
    raise InvalidData.at(
        f"claim {claim.id}: cannot tell which border {place!r} is (reported by "
        f"{claim.value.get('reporter') or 'nobody named'}); correct the place to one of "
        + ", ".join(f"BY-{s.upper()}" for s in BORDER_STATES),
        field="place",
    )


def period_of(claim: Claim, document: Document) -> tuple[Interval, str]:
    """The closed period of a figure claim and how it was read.

    A count cannot run past the day it was published: an open period ("since 2 August") ends on
    the publication day, and so does one the text reads as running beyond it ("this year").
    """
    period = claim.value.get("period")
    if not isinstance(period, dict) or not period.get("start_date"):
        raise InvalidData.at(
            f"claim {claim.id} has no period: correct it with the period first", field="period"
        )
    published = None if document.published_at is None else document.published_at.date()
    where = ""
    if isinstance(period.get("start"), int) and isinstance(period.get("end"), int):
        where = f" {document.text[period['start'] : period['end']]!r}"
    rule = period.get("rule")
    how = f"evidence period{where} " + (
        f"read by rule {rule}" if rule else "set by the reviewer's correction"
    )
    if claim.value.get("period_inherited"):
        how += " (from the total it is part of)"
    try:
        start = date.fromisoformat(str(period["start_date"]))
        end = None if not period.get("end_date") else date.fromisoformat(str(period["end_date"]))
    except ValueError as exc:
        raise InvalidData.at(
            f"claim {claim.id}: bad period {period}: {exc}", field="period"
        ) from exc
    if end is None or (published is not None and end > published):
        if published is None:
            raise InvalidData.at(
                f"claim {claim.id}: the period{where} is open and the document has no "
                "publication date to close it",
                field="period",
            )
        if start > published:
            raise InvalidData.at(
                f"claim {claim.id}: the period{where} starts after publication ({published}): "
                "a forecast, not a count",
                field="period",
            )
        cut = "open" if end is None else f"to {end}"
        how += f"; {cut}, so ended on the publication day {published}"
        end = published
    if end < start:
        raise InvalidData.at(f"claim {claim.id}: the period ends before it starts", field="period")
    return Interval.from_dates(start, end), how


def decision_of(reviews: list[Review]) -> Review:
    """The accept or correct decision among a claim's reviews (the latest one)."""
    for review in reversed(reviews):
        if review.action in ("accept", "correct"):
            return review
    raise ProcedureError("the claim has no accept or correct decision")


def provenance_of(claim: Claim, document: Document, review: Review) -> dict[str, Any]:
    return {
        "claim_id": claim.id,
        "kind": f"{claim.kind}/{claim.type}",
        "text": claim.text,
        "span": f"{claim.start}:{claim.end}",
        "sentence": document.text[claim.sentence_start : claim.sentence_end],
        "document": {
            "sha256": document.id,
            "uri": document.uri,
            "title": document.title,
            "publisher": document.publisher,
            "published_at": None
            if document.published_at is None
            else document.published_at.date().isoformat(),
        },
        "review": {
            "status": claim.status,
            "reviewer": review.reviewer,
            "reviewed_at": review.created_at.isoformat(),
            "note": review.note,
        },
    }


def check_promotable(claim: Claim) -> None:
    """Refuse a claim that is not a figure, or not accepted or corrected."""
    if claim.kind != "figure":
        raise RefusedOperation(f"claim {claim.id} is a {claim.kind} claim, not a figure")
    if claim.status not in REVIEWED:
        raise ProcedureError(
            f"claim {claim.id} is {claim.status}: only accepted or corrected figures go to flows"
        )


def figure_from_claim(claim: Claim, document: Document, review: Review) -> Figure:
    """The flows figure a reviewed figure claim stands for; refuses what it would have to guess."""
    check_promotable(claim)
    metric = flows_metric(claim)
    border, reporter = border_of(claim)
    period, resolved = period_of(claim, document)
    try:
        value = float(claim.value["value"])
    except (KeyError, TypeError, ValueError):
        raise InvalidData.at(f"claim {claim.id} has no number", field="value") from None
    if value < 0:
        raise InvalidData.at(f"claim {claim.id}: negative count {value:g}", field="value")
    qualifier = claim.value.get("qualifier")
    published = "" if document.published_at is None else f", {document.published_at.date()}"
    said = f" ({qualifier.replace('_', ' ')})" if qualifier else ""
    note = (
        f"claim {claim.id} chars {claim.start}:{claim.end} {claim.text!r}{said} in "
        f"{document.title or document.uri!r} ({document.publisher or 'publisher unknown'}"
        f"{published}) sha256:{document.id}; {claim.status} by {review.reviewer} "
        f"{review.created_at.date()}"
    )
    return Figure(
        metric=metric,
        reporter=f"{NEWS_REPORTER}:{reporter.upper()}",
        border=border,
        period=period,
        value=value,
        approximate=bool(qualifier),
        source=f"{SOURCE_KIND}:{claim.id} {document.uri}",
        note=note,
        resolved=resolved,
        dataset=dataset_for(claim.id),
    )


def promote_claim(engine: Engine, settings: Settings, claim_id: str) -> Promotion:
    """Write a reviewed figure claim to the flows store; the same claim again changes nothing."""
    store = EvidenceStore(engine)
    claim = store.claim(claim_id)
    check_promotable(claim)
    document = store.document(claim.document_id)
    review = decision_of(store.reviews(claim.id))
    figure = figure_from_claim(claim, document, review)
    provenance = provenance_of(claim, document, review)
    flows = flow_store(settings)
    dataset = dataset_for(claim.id)
    before = flows.figures(dataset=dataset) if flows.has_data() else []
    if before == [figure] and before[0].dataset == figure.dataset:
        return Promotion(claim.id, before[0], "unchanged", provenance)
    flows.load([figure], dataset)
    return Promotion(claim.id, figure, "replaced" if before else "added", provenance)


def promote_reviewed(engine: Engine, settings: Settings) -> tuple[list[Promotion], list[Refusal]]:
    """Promote every accepted or corrected figure claim; the ones refused say why."""
    store = EvidenceStore(engine)
    done: list[Promotion] = []
    refused: list[Refusal] = []
    for status in REVIEWED:
        for claim in store.claims(kind="figure", status=status):
            try:
                done.append(promote_claim(engine, settings, claim.id))
            except CorridorError as exc:
                refused.append(Refusal(claim.id, exc.message))
    return done, refused


def evidence_figures(settings: Settings) -> list[Figure]:
    """The figures in flows that came from evidence claims."""
    flows = flow_store(settings)
    if not flows.has_data():
        return []
    return [f for f in flows.figures() if is_evidence(f)]


def promoted_figure(settings: Settings, claim_id: str) -> Figure | None:
    """The flows figure a claim (full id) became, or None when it was not promoted."""
    flows = flow_store(settings)
    if not flows.has_data():
        return None
    found = flows.figures(dataset=dataset_for(claim_id))
    return found[0] if found else None
