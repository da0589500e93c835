"""Airline designators: IATA two-character codes (``B2``, ``6Q``) and ICAO three-letter codes
(``BRU``).

>>> normalise_iata(" b2 "), is_iata("6Q"), is_iata("66")
('B2', True, False)
>>> normalise_icao("bru"), is_icao("BRU"), is_icao("BR1")
('BRU', True, False)
"""

from __future__ import annotations

import re

_IATA = re.compile(r"^(?:[A-Z][A-Z0-9]|[0-9][A-Z])$")
_ICAO = re.compile(r"^[A-Z]{3}$")
_STRIP = re.compile(r"[\s*.\-]+")


def normalise_iata(value: str) -> str:
    """Upper-case, without spaces, dots or the ``*`` IATA marks for controlled duplicates."""
    return _STRIP.sub("", value).upper()


def normalise_icao(value: str) -> str:
    """Upper-case, without spaces or dots."""
    return _STRIP.sub("", value).upper()


def is_iata(value: str) -> bool:
    """Two characters, letters or digits, not two digits."""
    return bool(_IATA.match(normalise_iata(value)))


def is_icao(value: str) -> bool:
    """Three letters."""
    return bool(_ICAO.match(normalise_icao(value)))
