"""One code as a user types it, read with its scheme: the label it carries, else its shape.

A screening query holds codes such as ``IMO 9187629``, ``icao: bru``, ``IATA B2``,
``MSN 1003403082``, ``reg EW-123PA`` or a bare ``EW123PA``. :func:`classify_code` finds the
scheme (from a label, or for aircraft registrations from a known nationality mark and a suffix of
that state's shape) and the value in the scheme's normal form, so that it can be compared with a
listed identifier of the same scheme; the labels are data (``code_labels.yml``). Codes it cannot
read (a bare number, an IMO number whose check digit fails) give ``None``: compare those without a
scheme.

>>> code = classify_code("imo: 9187629")
>>> code.scheme.value, code.value, code.label
('imo', '9187629', 'imo')
>>> classify_code("EW-123PA").scheme.value, classify_code("icao BRU").value
('aircraft_registration', 'BRU')
>>> classify_code("600390798") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, field_validator

from corridor.ids.aircraft import find_mark, normalise_registration
from corridor.ids.airline import is_iata, is_icao
from corridor.ids.imo import is_valid_imo
from corridor.ids.normalise import normalise_identifier
from corridor.model import IdScheme
from corridor.resources import load_yaml

__all__ = ["TYPED_SCHEMES", "ClassifiedCode", "Labelled", "classify_code", "read_label"]

# Schemes whose values look alike across schemes (short numbers, letters) but never denote the
# same thing: a code labelled with one of them is not compared with an identifier of another.
TYPED_SCHEMES = frozenset(
    {
        IdScheme.IMO,
        IdScheme.MMSI,
        IdScheme.AIRCRAFT_REGISTRATION,
        IdScheme.AIRCRAFT_SERIAL,
        IdScheme.IATA_AIRLINE,
        IdScheme.ICAO_AIRLINE,
    }
)

_NO = r"(?:\s*(?:NO|NR|NUMBER|#))?"


class _Label(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    scheme: IdScheme
    pattern: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value.replace("{no}", _NO))
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from exc
        return value


class _LabelTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    labels: list[_Label]


@cache
def _labelled() -> tuple[tuple[IdScheme, ...], re.Pattern[str]]:
    """The labels of ``code_labels.yml`` as one pattern over the whole code: group ``l<i>`` is
    label i (alternatives are tried in order, as the file lists them), ``value`` what follows."""
    text = resources.files("corridor.ids").joinpath("code_labels.yml").read_text("utf-8")
    table = _LabelTable.model_validate(load_yaml(text))
    labels = "|".join(
        f"(?P<l{i}>{label.pattern.replace('{no}', _NO)})" for i, label in enumerate(table.labels)
    )
    pattern = re.compile(
        rf"^\s*(?:{labels})(?![A-Z])[\s:#=.\-]*(?P<value>[A-Z0-9][A-Z0-9\s\-./]*)$",
        re.IGNORECASE,
    )
    return tuple(label.scheme for label in table.labels), pattern


_CODE_CHARS = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\s\-./]*$")
_VALUE = re.compile(r"^[A-Z0-9][A-Z0-9\-/.]*$")
_VALID: dict[IdScheme, Callable[[str], bool]] = {
    IdScheme.IMO: is_valid_imo,
    IdScheme.MMSI: lambda v: len(v) == 9 and v.isdigit(),
    IdScheme.IATA_AIRLINE: is_iata,
    IdScheme.ICAO_AIRLINE: is_icao,
    IdScheme.AIRCRAFT_REGISTRATION: lambda v: 2 <= len(v) <= 10 and v.isalnum(),
}


def _plain_value(value: str) -> bool:
    return bool(_VALUE.match(value))


@dataclass(frozen=True, slots=True)
class ClassifiedCode:
    """A query code read with its scheme: ``value`` normalised, ``label`` as typed (lower-case,
    ``None`` when the scheme was read from the value's shape)."""

    scheme: IdScheme
    value: str
    original: str
    label: str | None = None

    @property
    def reading(self) -> str:
        """How the scheme was found, for explanations."""
        if self.label is not None:
            return f"labelled {self.label!r}"
        return "by its nationality mark"


def _is_aircraft_registration(value: str) -> bool:
    canonical = normalise_registration(value)
    if not 3 <= len(canonical) <= 10:  # marks are 1-3 characters, suffixes 1-6
        return False
    mark = find_mark(canonical)
    if mark is None or mark.suffix is None:
        return False
    return bool(mark.suffix.match(canonical[len(mark.canonical) :]))


@dataclass(frozen=True, slots=True)
class Labelled:
    """A code's label, the scheme it names and the value after it, as typed (not validated)."""

    scheme: IdScheme
    label: str
    raw: str


@lru_cache(maxsize=65_536)
def read_label(text: str) -> Labelled | None:
    """The label a code starts with (``IMO``, ``reg``, ``ICAO designator``...), the scheme it
    names and the value after it, valid in that scheme or not; ``None`` without a label.

    ``reg``/``registration`` names an aircraft registration when the value has a nationality
    mark and suffix of that state's shape, else a company registration number.
    """
    schemes, pattern = _labelled()
    found = pattern.match(text)
    if found is None:
        return None
    index, label = next(
        (int(name[1:]), value)
        for name, value in found.groupdict().items()
        if name != "value" and value is not None
    )
    scheme, raw = schemes[index], found.group("value").strip()
    if scheme is IdScheme.REGISTRATION and _is_aircraft_registration(raw):
        scheme = IdScheme.AIRCRAFT_REGISTRATION
    return Labelled(scheme, " ".join(label.lower().split()), raw)


@lru_cache(maxsize=65_536)
def classify_code(text: str) -> ClassifiedCode | None:
    """The scheme and normalised value of one typed code, or ``None`` if its scheme is unknown.

    Any case, spacing and punctuation between label and value (``IMO9187629``, ``imo: 918-7629``)
    reads the same; a labelled value that is not valid in its scheme (check digit, length)
    gives ``None`` (:func:`read_label` still tells what the label said).
    """
    labelled = read_label(text)
    if labelled is not None:
        scheme = labelled.scheme
        value = normalise_identifier(scheme, labelled.raw)
        valid = _VALID.get(scheme, _plain_value)
        return ClassifiedCode(scheme, value, text, labelled.label) if valid(value) else None
    if _CODE_CHARS.match(text.strip()) and _is_aircraft_registration(text):
        value = normalise_identifier(IdScheme.AIRCRAFT_REGISTRATION, text)
        return ClassifiedCode(IdScheme.AIRCRAFT_REGISTRATION, value, text)
    return None
