"""The comparable form of a code of one scheme, by the scheme's family module.

>>> normalise_identifier(IdScheme.IMO, "IMO 9187629"), normalise_identifier(IdScheme.TAX, "600-390 798")
('9187629', '600390798')
"""

from __future__ import annotations

import re
from collections.abc import Callable

from corridor.ids.aircraft import normalise_registration, normalise_serial
from corridor.ids.airline import normalise_iata, normalise_icao
from corridor.ids.imo import normalise_imo
from corridor.model import IdScheme

__all__ = ["IdScheme", "normalise_identifier"]

_GENERIC = re.compile(r"[\s\-./]+")
_DIGITS = re.compile(r"\D+")


def _generic(value: str) -> str:
    return _GENERIC.sub("", value).upper()


def _digits(value: str) -> str:
    digits = _DIGITS.sub("", value)
    return digits if digits else _generic(value)


_NORMALISERS: dict[IdScheme, Callable[[str], str]] = {
    IdScheme.IMO: normalise_imo,
    IdScheme.AIRCRAFT_REGISTRATION: normalise_registration,
    IdScheme.AIRCRAFT_SERIAL: normalise_serial,
    IdScheme.IATA_AIRLINE: normalise_iata,
    IdScheme.ICAO_AIRLINE: normalise_icao,
    IdScheme.MMSI: _digits,
}


def normalise_identifier(scheme: IdScheme, value: str) -> str:
    """The comparable form of ``value`` in ``scheme``; idempotent.

    Schemes without a family module (tax, registration, passport...) are upper-cased with
    spaces, hyphens, dots and slashes removed.
    """
    return _NORMALISERS.get(scheme, _generic)(value)
