"""Route measures as data: the YAML schema of a measure and its rules, and the loader.

One YAML file per measure (``data/rules/M07.yml``): who imposed it, who applies it, its
sources, and one or more rules. A rule says when it is in force, which traffic it covers
(origins, destinations, transit, carriers, ticket type, point of sale), which passengers
(nationalities, any or all of them), what exempts a passenger, and its effect. Where sources
disagree, a measure holds one rule per reading, each with a ``variant`` label, and the caller
picks one (``variants={"M06": "b"}``); by default the measure's ``default_variant`` runs.

Place codes are IATA airport codes (``IST``) or ``country:XX`` (ISO alpha-2, upper case).
Exemptions are ``document:<type>``, ``residence:<CC>``, ``visa:<CC>`` or ``citizen:<CC>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from corridor.exc import InvalidData
from corridor.model.interval import Interval
from corridor.model.time import to_datetime
from corridor.resources import data_dir, load_yaml

_PLACE = re.compile(r"^(?:[A-Z]{3}|country:[A-Z]{2})$")
_EXEMPTION = re.compile(r"^(?:document:[a-z_]+|(?:residence|visa|citizen):[A-Z]{2})$")
_CARRIER = re.compile(r"^[A-Z0-9]{2}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


class Effect(StrEnum):
    DENY_BOARDING = "deny_boarding"
    DENY_SALE = "deny_sale"
    REFER = "refer"

    @property
    def is_deny(self) -> bool:
        return self is not Effect.REFER


class Source(BaseModel):
    """A report a measure rests on, and what it says."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    url: str
    says: str = ""


class Rule(BaseModel):
    """One checkable rule; carries its measure's identity, actor and sources."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    measure_id: str = ""
    variant: str | None = None
    actor: str = ""
    effect: Effect
    effective_from: date
    effective_until: date | None = Field(default=None, description="last day in force")
    origins: tuple[str, ...] = ()
    destinations: tuple[str, ...] = ()
    transit_only: bool = False
    operating_carriers: tuple[str, ...] = ()
    marketing_carriers: tuple[str, ...] = ()
    carriers: tuple[str, ...] = Field(default=(), description="operating or marketing")
    ticket_types: tuple[Literal["one_way", "return"], ...] = ()
    points_of_sale: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    nationality_match: Literal["any", "all"] = "any"
    exemptions: tuple[str, ...] = ()
    explanation: str
    sources: tuple[Source, ...] = ()

    @field_validator("origins", "destinations")
    @classmethod
    def _places(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for place in value:
            if not _PLACE.match(place):
                raise ValueError(f"place {place!r} is neither IATA nor country:XX")
        return value

    @field_validator("operating_carriers", "marketing_carriers", "carriers")
    @classmethod
    def _carriers(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for code in value:
            if not _CARRIER.match(code):
                raise ValueError(f"carrier {code!r} is not a two-character IATA code")
        return value

    @field_validator("nationalities", "points_of_sale")
    @classmethod
    def _countries(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for code in value:
            if not _COUNTRY.match(code):
                raise ValueError(f"country {code!r} is not ISO alpha-2 upper case")
        return value

    @field_validator("exemptions")
    @classmethod
    def _exemptions(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            if not _EXEMPTION.match(item):
                raise ValueError(f"exemption {item!r} is not document:/residence:/visa:/citizen:")
        return value

    @model_validator(mode="after")
    def _dates(self) -> Rule:
        if self.effective_until is not None and self.effective_until < self.effective_from:
            raise ValueError("effective_until is before effective_from")
        return self

    @property
    def in_force(self) -> Interval:
        """``[from, until + 1 day)`` in UTC."""
        return Interval.from_dates(self.effective_from, self.effective_until, inclusive=True)

    @property
    def start(self) -> datetime:
        return to_datetime(self.effective_from)

    @property
    def end(self) -> datetime | None:
        if self.effective_until is None:
            return None
        return to_datetime(self.effective_until) + timedelta(days=1)

    @property
    def checks_sale(self) -> bool:
        """Deny-sale rules look at the sale time; the others at the departure time."""
        return self.effect is Effect.DENY_SALE


class RuleSpec(BaseModel):
    """A rule as written inside a measure file (measure fields are filled in on load)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    variant: str | None = None
    effect: Effect
    effective_from: date | None = None
    effective_until: date | None = None
    origins: list[str] = []
    destinations: list[str] = []
    transit_only: bool = False
    operating_carriers: list[str] = []
    marketing_carriers: list[str] = []
    carriers: list[str] = []
    ticket_types: list[Literal["one_way", "return"]] = []
    points_of_sale: list[str] = []
    nationalities: list[str] = []
    nationality_match: Literal["any", "all"] = "any"
    exemptions: list[str] = []
    explanation: str


class Measure(BaseModel):
    """A 2021 route measure as announced, with its sources and its checkable rules."""

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    actor: str
    actor_kind: Literal["authority", "carrier"]
    applied_by: list[str] = []
    measure_type: list[str] = []
    announced: date
    effective_from: date
    effective_until: date | None = None
    note: str = ""
    sources: list[Source]
    default_variant: str | None = None
    rules: list[RuleSpec] = []

    @model_validator(mode="after")
    def _variants(self) -> Measure:
        labels = {r.variant for r in self.rules if r.variant is not None}
        if labels and self.default_variant not in labels:
            raise ValueError(f"default_variant must be one of {sorted(labels)}")
        ids = [r.id for r in self.rules]
        if len(ids) != len(set(ids)):
            raise ValueError("rule ids repeat inside the measure")
        return self

    @property
    def variants(self) -> list[str]:
        return sorted({r.variant for r in self.rules if r.variant is not None})

    def to_rules(self, variant: str | None = None) -> list[Rule]:
        """The measure's rules for one reading of its sources (default: ``default_variant``)."""
        chosen = variant if variant is not None else self.default_variant
        if chosen is not None and self.variants and chosen not in self.variants:
            raise InvalidData.at(
                f"measure {self.id} has no variant {chosen!r} (has {self.variants})",
                field="variant",
            )
        return [
            self.make_rule(spec)
            for spec in self.rules
            if spec.variant is None or spec.variant == chosen
        ]

    def make_rule(self, spec: RuleSpec) -> Rule:
        """One rule of this measure, with the measure's dates, actor and sources filled in."""
        data = spec.model_dump()
        data["effective_from"] = spec.effective_from or self.effective_from
        data["effective_until"] = spec.effective_until or self.effective_until
        data.update(measure_id=self.id, actor=self.actor, sources=self.sources)
        return Rule.model_validate(data)


def load_measure(path: Path) -> Measure:
    """Read and validate one measure file; errors name the file and field."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidData.at(f"cannot read measure: {exc}", file=str(path)) from exc
    try:
        measure = Measure.model_validate(data)
    except ValidationError as exc:
        raise _invalid(exc, path, "") from exc
    for index, spec in enumerate(measure.rules):
        try:
            measure.make_rule(spec)
        except ValidationError as exc:
            raise _invalid(exc, path, f"rules.{index}.") from exc
    return measure


def _invalid(exc: ValidationError, path: Path, prefix: str) -> InvalidData:
    first = exc.errors()[0]
    field = prefix + ".".join(str(p) for p in first["loc"])
    return InvalidData.at(first["msg"], file=str(path), field=field)


def load_measures(directory: Path | None = None) -> list[Measure]:
    """Every ``*.yml`` measure in ``directory`` (default: the bundled 2021 measures), by id."""
    folder = data_dir("rules") if directory is None else directory
    if not folder.is_dir():
        raise InvalidData.at("rules folder does not exist", file=str(folder))
    measures = [load_measure(p) for p in sorted(folder.glob("*.yml"))]
    seen: set[str] = set()
    for measure in measures:
        if measure.id in seen:
            raise InvalidData.at(f"measure id {measure.id} repeats", file=str(folder))
        seen.add(measure.id)
    return sorted(measures, key=lambda m: m.id)


def select_rules(
    measures: Iterable[Measure], variants: Mapping[str, str] | None = None
) -> list[Rule]:
    """Flatten measures into rules, one reading per measure (``variants`` by measure id)."""
    chosen = dict(variants or {})
    rules: list[Rule] = []
    for measure in measures:
        rules.extend(measure.to_rules(chosen.pop(measure.id, None)))
    if chosen:
        raise InvalidData.at(f"no such measure: {', '.join(sorted(chosen))}", field="variant")
    return rules


def load_rules(
    directory: Path | None = None, variants: Mapping[str, str] | None = None
) -> list[Rule]:
    """The rules of every measure in ``directory`` (default: bundled), default readings."""
    return select_rules(load_measures(directory), variants)


def parse_variants(items: Iterable[str]) -> dict[str, str]:
    """``["M06=b"]`` -> ``{"M06": "b"}``."""
    out: dict[str, str] = {}
    for item in items:
        measure, sep, variant = item.partition("=")
        if not sep or not measure or not variant:
            raise InvalidData.at(f"variant {item!r} is not MEASURE=LABEL", field="variant")
        out[measure.strip()] = variant.strip()
    return out
