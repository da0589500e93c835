"""Aircraft registrations (tail numbers) and manufacturer serial numbers (MSN).

A registration is a nationality mark and a suffix: ``EW-78843`` (Belarus), ``YK-AKA`` (Syria),
``RA-64050`` (Russia). Lists write it with or without the hyphen, in any case, with spaces; the
canonical form drops separators and upper-cases (``EW78843``), the display form puts the hyphen
back after the mark. The marks, their countries and suffix shapes are data in
``aircraft_prefixes.yml``.

>>> normalise_registration("ew 78843"), display_registration("EW78843")
('EW78843', 'EW-78843')
>>> registration_country("EW-78843")
'by'
>>> normalise_serial("MSN 1003403109")
'1003403109'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

from corridor.resources import load_yaml

_SEPARATORS = re.compile(r"[\s\-./]+")
_SERIAL_PREFIX = re.compile(
    r"^\s*(?:\(MSN\)|MSN|S/N|C/N|SERIAL(?:\s+NUMBER)?|CONSTRUCTION\s+NUMBER)(?:\s*[:#]\s*|\s+)",
    re.IGNORECASE,
)


class _MarkSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    country: str
    suffix: str | None = None
    hyphen: bool = True


class _MarkTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    marks: dict[str, _MarkSpec]


@dataclass(frozen=True, slots=True)
class NationalityMark:
    """One nationality mark: as written (``VP-B``), canonical (``VPB``), its country."""

    mark: str
    canonical: str
    country: str
    suffix: re.Pattern[str] | None
    hyphen: bool


@cache
def nationality_marks() -> tuple[NationalityMark, ...]:
    """The marks of ``aircraft_prefixes.yml``, longest canonical form first."""
    text = resources.files("corridor.ids").joinpath("aircraft_prefixes.yml").read_text("utf-8")
    table = _MarkTable.model_validate(load_yaml(text))
    marks = [
        NationalityMark(
            mark=str(mark),
            canonical=_SEPARATORS.sub("", str(mark)).upper(),
            country=spec.country.lower(),
            suffix=None if spec.suffix is None else re.compile(f"^(?:{spec.suffix})$"),
            hyphen=spec.hyphen,
        )
        for mark, spec in table.marks.items()
    ]
    return tuple(sorted(marks, key=lambda m: (-len(m.canonical), m.canonical)))


def normalise_registration(value: str) -> str:
    """Upper-case, without spaces, hyphens, dots or slashes: ``ew-78843`` -> ``EW78843``."""
    return _SEPARATORS.sub("", value).upper()


def find_mark(value: str) -> NationalityMark | None:
    """The nationality mark a registration starts with.

    Among the marks the registration starts with, the longest whose suffix shape fits wins;
    if none fits, the longest.
    """
    canonical = normalise_registration(value)
    candidates = [
        m
        for m in nationality_marks()
        if canonical.startswith(m.canonical) and len(canonical) > len(m.canonical)
    ]
    for mark in candidates:
        rest = canonical[len(mark.canonical) :]
        if mark.suffix is not None and mark.suffix.match(rest):
            return mark
    return candidates[0] if candidates else None


def display_registration(value: str) -> str:
    """The registration as usually printed: ``EW78843`` -> ``EW-78843``, ``N123AB`` unchanged."""
    canonical = normalise_registration(value)
    mark = find_mark(canonical)
    if mark is None or not mark.hyphen:
        return canonical
    joiner = "" if "-" in mark.mark else "-"  # VP-B + AB -> VP-BAB
    return f"{mark.mark}{joiner}{canonical[len(mark.canonical) :]}"


def registration_country(value: str) -> str | None:
    """The ISO 3166-1 alpha-2 code (lower-case) of the registration's state, if known."""
    mark = find_mark(value)
    return None if mark is None else mark.country


def normalise_serial(value: str) -> str:
    """A manufacturer serial number without its ``MSN``/``S/N`` label, upper-case, no spaces.

    Inner hyphens and slashes are kept: in serials they are part of the number
    (``1003403109``, ``26-03``).
    """
    text = value.strip()
    while (stripped := _SERIAL_PREFIX.sub("", text, count=1)) != text:
        text = stripped
    return re.sub(r"\s+", "", text).upper()
