"""Partners, engagements, commitments and humanitarian figures: the reviewed register's rows.

Every row names its source (an address, or a file of the shared evidence corpus) and says what
in it was inferred by whoever entered it (``inferred``). Summaries are the register's own words;
a commitment's ``words_ref`` points at the quoted span in a source file (``path:start-end``)
instead of copying it. Where sources disagree, both rows are kept and name each other in
``disagrees_with``.

The models validate one row; :mod:`corridor.partners.parse` checks the references between rows.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from enum import StrEnum
from typing import Annotated

import pycountry
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

_PARTNER_ID = re.compile(r"^(?:[A-Z]{2}|[A-Z][A-Z0-9]{1,9}|air:[A-Z0-9]{2})$")
_MEASURE_ID = re.compile(r"^M\d{2,3}$")
_SPAN = re.compile(r"^(?P<file>[\w./-]+\.txt):(?P<start>\d+)-(?P<end>\d+)$")
_SHARED_FILE = re.compile(r"^(?:seeds|evidence_corpus)/[\w.-]+\.txt$")


def _split(value: object) -> object:
    """A ``;``-separated cell as a tuple of its non-empty parts."""
    if isinstance(value, str):
        return tuple(p.strip() for p in value.split(";") if p.strip())
    return value


def _none_if_blank(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        return None
    return value


Items = Annotated[tuple[str, ...], BeforeValidator(_split)]
OptionalDate = Annotated[date | None, BeforeValidator(_none_if_blank)]
OptionalInt = Annotated[int | None, BeforeValidator(_none_if_blank)]
OptionalFloat = Annotated[float | None, BeforeValidator(_none_if_blank)]


def is_country(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-2 country code.

    >>> is_country("IQ"), is_country("XX")
    (True, False)
    """
    return len(code) == 2 and pycountry.countries.get(alpha_2=code.upper()) is not None


def check_country(code: str) -> str:
    if not is_country(code):
        raise ValueError(f"unknown country code {code!r} (ISO 3166-1 alpha-2 expected)")
    return code.upper()


class PartnerKind(StrEnum):
    STATE = "state"
    GROUP = "group"
    ORGANISATION = "organisation"
    CARRIER = "carrier"


class EngagementKind(StrEnum):
    VISIT = "visit"
    CALL = "call"
    MEETING = "meeting"
    MINISTERIAL = "ministerial"
    DELEGATION = "delegation"
    DEMARCHE = "demarche"
    LETTER = "letter"
    STATEMENT = "statement"
    COORDINATION = "coordination"
    AGREEMENT = "agreement"
    CONFERENCE_ATTENDED = "conference_attended"
    CONFERENCE_REFUSED = "conference_refused"


class CommitmentStatus(StrEnum):
    """Where a commitment stands: announced, then in effect, then lapsed or reversed."""

    ANNOUNCED = "announced"
    IN_EFFECT = "in_effect"
    LAPSED = "lapsed"
    REVERSED = "reversed"

    @property
    def is_ended(self) -> bool:
        return self in (CommitmentStatus.LAPSED, CommitmentStatus.REVERSED)


class Indicator(StrEnum):
    """The flows series that shows whether a commitment held."""

    FRONTEX_NATIONALITY = "frontex_nationality"  # Eastern Borders Route, the named nationalities
    FRONTEX_ROUTE = "frontex_route"  # Eastern Borders Route, all nationalities
    BORDER_ATTEMPTS = "border_attempts"  # Polish Border Guard attempts, by month
    FLIGHTS_FROM_ORIGIN = "flights_from_origin"  # flights into Minsk from the origin
    RETURNS = "returns"  # repatriation flights and people returned (humanitarian figures)
    NONE = "none"


class HumanitarianKind(StrEnum):
    ACCESS_GRANTED = "access_granted"
    ACCESS_DENIED = "access_denied"
    STRANDED = "stranded"
    DEATHS = "deaths"
    RETURNS = "returns"
    ADMISSIONS = "admissions"


class SourceRef(BaseModel):
    """Where a row comes from: an address with publisher and date, and/or a shared file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    url: str | None = None
    publisher: str
    published: date | None = None
    file: str | None = None

    @model_validator(mode="after")
    def _some_source(self) -> SourceRef:
        if not self.url and not self.file:
            raise ValueError("a source is required: source_url or source_file")
        if self.url and not self.url.startswith(("http://", "https://", "evidence:")):
            raise ValueError(
                f"source_url is not an http(s) address nor evidence:<document sha256>: {self.url!r}"
            )
        if self.file and not _SHARED_FILE.match(self.file):
            raise ValueError(
                f"source_file {self.file!r} is not a file of ../shared (seeds/ or evidence_corpus/)"
            )
        return self

    @property
    def label(self) -> str:
        when = "" if self.published is None else f", {self.published}"
        where = self.url or f"../shared/{self.file}"
        return f"{self.publisher}{when}: {where}"


class Row(BaseModel):
    """Fields every register row shares: its source, what was inferred, who disagrees."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: str
    source_url: str | None = None
    publisher: str = Field(min_length=1)
    published: OptionalDate = None
    source_file: str | None = None
    disagrees_with: Items = ()
    inferred: str = ""
    provenance: str = "reviewed"  # a reviewed CSV row, or "evidence:<claim id>" when promoted

    @field_validator("source_url", "source_file", mode="before")
    @classmethod
    def _blank(cls, value: object) -> object:
        return _none_if_blank(value)

    @model_validator(mode="after")
    def _source(self) -> Row:
        SourceRef(
            url=self.source_url,
            publisher=self.publisher,
            published=self.published,
            file=self.source_file,
        )
        return self

    @property
    def source(self) -> SourceRef:
        return SourceRef(
            url=self.source_url,
            publisher=self.publisher,
            published=self.published,
            file=self.source_file,
        )

    @property
    def is_hand_made(self) -> bool:
        """Whether someone inferred part of the row (it says what in ``inferred``)."""
        return bool(self.inferred)


class Partner(BaseModel):
    """A state, group of states, organisation or carrier the EU engages with."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: str
    name: str = Field(min_length=1)
    kind: PartnerKind
    country: str | None = None
    roles: Items = ()
    members: Items = ()
    note: str = ""

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _PARTNER_ID.match(value):
            raise ValueError(f"bad partner id {value!r} (ISO code, NAME or air:XX)")
        return value

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, value: object) -> object:
        value = _none_if_blank(value)
        return None if value is None else check_country(str(value))

    @model_validator(mode="after")
    def _state_code(self) -> Partner:
        if self.kind is PartnerKind.STATE:
            if not is_country(self.id):
                raise ValueError(f"a state's id must be its ISO country code, not {self.id!r}")
            if self.country not in (None, self.id):
                raise ValueError(f"state {self.id} names another country {self.country}")
        if self.kind is PartnerKind.CARRIER and self.country is None:
            raise ValueError(f"carrier {self.id} needs its home country")
        return self


class Engagement(Row):
    """A dated contact with one or more partners: who, where, what was asked, what came of it."""

    date: date
    date_precision: str = "day"
    partners: Items
    kind: EngagementKind
    eu_actor: str = ""
    counterpart: str = ""
    place: str = ""
    asked: str = ""
    outcome: str = ""

    @field_validator("date_precision")
    @classmethod
    def _precision(cls, value: str) -> str:
        if value not in ("day", "month"):
            raise ValueError("date_precision is 'day' or 'month'")
        return value

    @field_validator("partners")
    @classmethod
    def _partners(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("at least one partner is required")
        return value


class Commitment(Row):
    """What a partner or carrier undertook, when, its status and the measures implementing it."""

    partner: str
    actor: str = Field(min_length=1)
    kind: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    words_ref: str | None = None
    announced: OptionalDate = None
    in_effect_from: OptionalDate = None
    ended: OptionalDate = None
    status: CommitmentStatus
    status_basis: str = ""
    measures: Items = ()
    engagements: Items = ()
    route_origin: str = ""
    nationalities: Items = ()
    indicator: Indicator = Indicator.NONE

    @field_validator("words_ref", mode="before")
    @classmethod
    def _words(cls, value: object) -> object:
        value = _none_if_blank(value)
        if value is not None and not _SPAN.match(str(value)):
            raise ValueError(
                f"words_ref {value!r} is not 'seeds|evidence_corpus/<file>.txt:start-end'"
            )
        return value

    @field_validator("measures")
    @classmethod
    def _measures(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            if not _MEASURE_ID.match(item):
                raise ValueError(f"bad measure id {item!r} (M01, M17 ...)")
        return value

    @field_validator("nationalities")
    @classmethod
    def _nationalities(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(check_country(v) for v in value)

    @model_validator(mode="after")
    def _dates(self) -> Commitment:
        order = [
            ("announced", self.announced),
            ("in_effect_from", self.in_effect_from),
            ("ended", self.ended),
        ]
        known = [(n, d) for n, d in order if d is not None]
        for (first, a), (second, b) in itertools.pairwise(known):
            if b < a:
                raise ValueError(f"{second} ({b}) is before {first} ({a})")
        if self.status.is_ended and self.ended is None:
            raise ValueError(f"status {self.status} needs the date it ended")
        if not self.status.is_ended and self.ended is not None:
            raise ValueError(f"status {self.status} but an end date {self.ended} is given")
        if self.status is CommitmentStatus.IN_EFFECT and self.first_date is None:
            raise ValueError("in effect since when? give announced or in_effect_from")
        return self

    @property
    def words_span(self) -> tuple[str, int, int] | None:
        """``(file, start, end)`` of the quoted words in ../shared, when the row quotes."""
        if self.words_ref is None:
            return None
        match = _SPAN.match(self.words_ref)
        assert match is not None
        return match["file"], int(match["start"]), int(match["end"])

    @property
    def first_date(self) -> date | None:
        return self.announced or self.in_effect_from

    @property
    def effective(self) -> date | None:
        """The day the commitment took effect (announcement when no start is known)."""
        return self.in_effect_from or self.announced


class HumanitarianRecord(Row):
    """A typed humanitarian fact: access granted or denied, people stranded, deaths, returns..."""

    date: date
    period_end: OptionalDate = None
    place: str = Field(min_length=1)
    country: str
    kind: HumanitarianKind
    organisation: str = ""
    value: OptionalFloat = None
    unit: str = ""
    approximate: bool = False
    summary: str = Field(min_length=1)
    nationalities: Items = ()

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        return check_country(value)

    @field_validator("nationalities")
    @classmethod
    def _nationalities(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(check_country(v) for v in value)

    @model_validator(mode="after")
    def _figure(self) -> HumanitarianRecord:
        if self.period_end is not None and self.period_end < self.date:
            raise ValueError(f"period_end ({self.period_end}) is before date ({self.date})")
        counted = self.kind not in (HumanitarianKind.ACCESS_GRANTED, HumanitarianKind.ACCESS_DENIED)
        if counted and self.value is None:
            raise ValueError(f"a {self.kind} figure needs a value")
        if self.value is not None and self.value < 0:
            raise ValueError("a count cannot be negative")
        if self.value is not None and not self.unit:
            raise ValueError("a value needs its unit")
        return self
