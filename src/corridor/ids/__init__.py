"""Identifiers: one module per family, normalised so that equal codes compare equal.

- :mod:`corridor.ids.imo`: IMO ship numbers (check digit).
- :mod:`corridor.ids.aircraft`: aircraft registrations (nationality marks) and serial numbers.
- :mod:`corridor.ids.airline`: IATA and ICAO airline designators.
- :mod:`corridor.ids.normalise`: the comparable form of a code of one scheme.
- :mod:`corridor.ids.classify`: one code as a user types it, read with its scheme (labels are
  data in ``code_labels.yml``).
- :mod:`corridor.ids.countries`, :mod:`corridor.ids.script`: country names to ISO codes and the
  script of a name, which every list parser needs beside the codes;
  :mod:`corridor.ids.territories` keeps rigour's territory names as a generated table.

:func:`normalise_identifier` gives the comparable form of a code of one scheme;
:func:`classify_code` reads one code as a user types it ("IMO 9187629", "icao: bru", "EW123PA");
:func:`extract_identifiers` finds the codes a list's free text holds ("Tax ID No. 600390798
(Belarus)", "Aircraft Manufacturer's Serial Number (MSN) 1003403082", "IMO 9187629", a tail number
such as "EW-78843").

>>> normalise_identifier(IdScheme.AIRCRAFT_REGISTRATION, "ew 78843")
'EW78843'
>>> [(i.scheme.value, i.value, i.country) for i in extract_identifiers(
...     "Tax ID No. 600390798 (Belarus); Aircraft Tail Number EW-301PJ.")]
[('tax', '600390798', 'by'), ('aircraft_registration', 'EW301PJ', 'by')]
"""

from __future__ import annotations

import re
from functools import cache

from corridor.ids.aircraft import (
    display_registration,
    nationality_marks,
    registration_country,
)
from corridor.ids.classify import classify_code
from corridor.ids.countries import country_code
from corridor.ids.imo import is_valid_imo
from corridor.ids.normalise import normalise_identifier
from corridor.ids.script import name_script
from corridor.model import Identifier, IdScheme

__all__ = [
    "classify_code",
    "country_code",
    "display_registration",
    "extract_identifiers",
    "is_valid_imo",
    "name_script",
    "normalise_identifier",
    "registration_country",
]

_VALUE = r"([A-Za-z0-9](?:[A-Za-z0-9\-/.]*[A-Za-z0-9])?)"
_COUNTRY = r"(?:\s*\(([^)]{2,60})\))?"

# (scheme, pattern): group 1 is the value, group 2 (if any) a country in brackets.
_LABELLED: list[tuple[IdScheme, re.Pattern[str]]] = [
    (IdScheme.IMO, re.compile(r"\bIMO\s*(?:No\.?|Number)?\s*[:#]?\s*(\d{7})\b", re.IGNORECASE)),
    (IdScheme.MMSI, re.compile(r"\bMMSI\s*[:#]?\s*(\d{9})\b")),
    (
        IdScheme.AIRCRAFT_SERIAL,
        re.compile(
            r"(?:\(MSN\)|\bMSN\b|Construction Number(?:\s*\([^)]*\))?)\s*[:#]?\s*"
            r"([A-Za-z0-9](?:[A-Za-z0-9\-/]*[A-Za-z0-9])?)"
        ),
    ),
    (
        IdScheme.AIRCRAFT_REGISTRATION,
        re.compile(
            r"(?:Tail Number|Aircraft Registration(?: Number| Mark)?|Registration Mark)"
            r"\s*[:#]?\s*([A-Z0-9]{1,3}-?[A-Z0-9]{1,6})\b",
            re.IGNORECASE,
        ),
    ),
    (
        IdScheme.IATA_AIRLINE,
        re.compile(
            r"\bIATA(?:\s+(?:code|designator))?\s*[:=]?\s*\(?"
            r"([A-Z0-9]{2})\b"
        ),
    ),
    (
        IdScheme.ICAO_AIRLINE,
        re.compile(
            r"\bICAO(?:\s+(?:code|designator))?\s*[:=]?\s*\(?"
            r"([A-Z]{3})\b"
        ),
    ),
    (
        IdScheme.TAX,
        re.compile(
            r"\b(?:Tax ID No\.|Tax Identification Number|TIN|INN|UNP)"
            r"\s*[:#]?\s*" + _VALUE + _COUNTRY
        ),
    ),
    (
        IdScheme.REGISTRATION,
        re.compile(
            r"\b(?:Registration (?:Number|ID|No\.)|Company Number|"
            r"Business Registration (?:Number|Document #)|OGRN)"
            # "Company Number IMO 5145892": the value is the IMO company number, not "IMO"
            r"\s*[:#]?\s*(?:IMO\s+(?=\d))?" + _VALUE + _COUNTRY
        ),
    ),
    (
        IdScheme.PASSPORT,
        re.compile(
            r"\bPassport(?: No\.| Number)?\s*[:#]?\s*"
            r"([A-Z0-9][A-Z0-9\-]{4,})" + _COUNTRY
        ),
    ),
    (IdScheme.NATIONAL_ID, re.compile(r"\bNational ID No\.\s*[:#]?\s*" + _VALUE + _COUNTRY)),
    (IdScheme.SWIFT, re.compile(r"\bSWIFT/BIC\s*[:#]?\s*([A-Z0-9]{8}(?:[A-Z0-9]{3})?)\b")),
]


_BARE_CANDIDATE = re.compile(r"(?<![A-Za-z0-9\-])([A-Z0-9]{1,4})-([A-Z0-9]{2,6})(?![A-Za-z0-9\-])")


@cache
def _marks_by_head() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """Marks with a known suffix shape, by the part written before the hyphen.

    ``EW`` -> [("", EW suffix)], ``VP`` -> [("B", VP-B suffix), ...] (``VP-BAB``).
    """
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for mark in nationality_marks():
        if mark.suffix is None or not mark.hyphen:
            continue
        head, _, tail = mark.mark.partition("-")
        table.setdefault(head, []).append((tail, mark.suffix))
    return table


def _is_bare_registration(head: str, rest: str) -> bool:
    for tail, suffix in _marks_by_head().get(head, []):
        if rest.startswith(tail) and suffix.match(rest[len(tail) :]):
            return True
    return False


def extract_identifiers(text: str) -> list[Identifier]:
    """The identifiers a free text holds, in order of appearance, without duplicates.

    Labelled codes ("IMO 9187629", "Tax ID No. ... (Belarus)", "(MSN) ...", "IATA B2") are found
    by their label; aircraft registrations also bare when they carry a known nationality mark,
    a hyphen and a suffix of that state's shape (``EW-78843``, ``YK-AKA``; not ``IL-76``).
    """
    found: list[tuple[int, Identifier]] = []
    seen: set[tuple[IdScheme, str]] = set()

    def add(pos: int, scheme: IdScheme, original: str, country: str | None) -> None:
        value = normalise_identifier(scheme, original)
        if not value or (scheme, value) in seen:
            return
        if scheme is IdScheme.IMO and not is_valid_imo(value):
            return
        if scheme is IdScheme.AIRCRAFT_REGISTRATION and country is None:
            country = registration_country(value)
        seen.add((scheme, value))
        found.append((pos, Identifier(scheme, value, original=original, country=country)))

    for scheme, pattern in _LABELLED:
        for match in pattern.finditer(text):
            country = None
            if pattern.groups >= 2 and match.group(2):
                country = country_code(match.group(2))
            add(match.start(1), scheme, match.group(1), country)
    for match in _BARE_CANDIDATE.finditer(text):
        if _is_bare_registration(match.group(1), match.group(2)):
            add(match.start(), IdScheme.AIRCRAFT_REGISTRATION, match.group(0), None)
    return [ident for _, ident in sorted(found, key=lambda item: item[0])]
