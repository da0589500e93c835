"""The domain language of :file:`patterns.yml` and :file:`gazetteer.yml`, validated on load."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from corridor.exc import InvalidData

EVENT_TYPES: tuple[str, ...] = (
    "flight_suspension",
    "ticket_sales_ban",
    "nationality_boarding_ban",
    "transit_ban",
    "sanctions_listing",
    "blacklist_proposal",
    "diplomatic_commitment",
    "consular_closure",
    "humanitarian_access",
    "border_incident",
    # (#12) the work against smuggling
    "arrest",
    "network_dismantled",
    "prosecution",
    "conviction",
    "death",
    "pushback",
    "return",
    "repatriation_flight",
    "crossing_closure",
    "border_barrier",
    "asylum_suspension",
    "visa_policy",
    "route_change",
    "diplomatic_meeting",
    "agreement",
    "funding_pledge",
    "statement",
)

# The ten event types of the first vocabulary: the held-out files written before #12 are
# annotated in these only, and are scored on them.
FIRST_VOCABULARY: tuple[str, ...] = EVENT_TYPES[:10]


class FigurePatterns(BaseModel):
    model_config = ConfigDict(extra="forbid")
    units: dict[str, list[str]]
    currencies: dict[str, str]
    metrics: dict[str, list[str]]
    approximate: list[str]
    lower_bound: list[str]
    scales: dict[str, int]
    number_words: dict[str, int] = Field(default_factory=dict)
    vague_numbers: dict[str, int] = Field(default_factory=dict)
    count_verbs: list[str] = Field(default_factory=list)
    # words that make a money figure a price per person (#12)
    price_words: list[str] = Field(default_factory=list)


class FurniturePatterns(BaseModel):
    """Lines of a page that are not its text (#12)."""

    model_config = ConfigDict(extra="forbid")
    line_starts: list[str]


class Patterns(BaseModel):
    model_config = ConfigDict(extra="forbid")
    figures: FigurePatterns
    speech_verbs: list[str]
    role_words: list[str]
    not_name_words: list[str] = Field(default_factory=list)
    events: dict[str, list[str]]
    # Words right before a trigger that make it a plan, pledge or help, not the act itself
    # ("pledged to keep flights suspended"), and the event types they undo.
    intent_words: list[str] = Field(default_factory=list)
    act_events: list[str] = Field(default_factory=list)
    # Words that make a trigger's clause a wish, duty or condition, or deny it, and the event
    # types whose nature is the plan or the word, left alone (#12).
    hedge_words: list[str] = Field(default_factory=list)
    negation_words: list[str] = Field(default_factory=list)
    hedge_exempt: list[str] = Field(default_factory=list)
    furniture: FurniturePatterns = Field(default_factory=lambda: FurniturePatterns(line_starts=[]))

    def compiled_events(self) -> dict[str, list[re.Pattern[str]]]:
        return {k: [re.compile(p, re.I) for p in v] for k, v in self.events.items()}


class GazetteerEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    kind: str | None = None


class GazetteerData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    authorities: list[GazetteerEntry]
    carriers: list[GazetteerEntry] = Field(default_factory=list)
    places: list[GazetteerEntry]
    extra_countries: dict[str, list[str]]
    demonyms: dict[str, list[str]]
    # Capitals that news uses for their government ("Ankara suspended ..."): state code (or
    # "eu" for Brussels) -> the names.
    capitals: dict[str, list[str]] = Field(default_factory=dict)


def _load_yaml(name: str) -> Any:
    text = resources.files("corridor.evidence").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def load_patterns() -> Patterns:
    """The bundled patterns; raises :class:`InvalidData` naming the file when they do not fit."""
    try:
        patterns = Patterns.model_validate(_load_yaml("patterns.yml"))
        for name, regexes in patterns.events.items():
            if name not in EVENT_TYPES:
                raise ValueError(f"unknown event type {name!r}")
            for regex in regexes:
                re.compile(regex)
        for name in [*patterns.act_events, *patterns.hedge_exempt]:
            if name not in EVENT_TYPES:
                raise ValueError(f"unknown event type {name!r}")
        f = patterns.figures
        furniture = patterns.furniture.line_starts
        for regex in [*patterns.hedge_words, *patterns.negation_words, *f.price_words, *furniture]:
            re.compile(regex)
        for metric_words in f.metrics.values():
            for regex in metric_words:
                re.compile(regex)
    except (ValueError, re.error) as exc:
        raise InvalidData.at(str(exc), file="patterns.yml") from exc
    return patterns


@cache
def load_gazetteer_data() -> GazetteerData:
    try:
        return GazetteerData.model_validate(_load_yaml("gazetteer.yml"))
    except ValueError as exc:
        raise InvalidData.at(str(exc), file="gazetteer.yml") from exc
