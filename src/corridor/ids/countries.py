"""Country names as lists write them -> ISO 3166-1 alpha-2, lower-case.

Lists say "Russia", "Korea, North", "Belarus / Bélarus", "Iran (Islamic Republic of)" or "BY";
:func:`country_code` maps them with pycountry and falls back to rigour's territory names, which know the
common and historical spellings (read from the table :mod:`corridor.ids.territories` keeps, so that
a lookup does not first normalise every name rigour knows).

>>> country_code("Belarus / Bélarus"), country_code("Korea, North"), country_code("RUS")
('by', 'kp', 'ru')
>>> country_code("Atlantis") is None
True

The other way round, :func:`country_name` and :func:`alpha_3` read a code:

>>> country_name("tr"), alpha_3("by"), alpha_3("zz")
('Türkiye', 'BLR', None)
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from corridor.ids.territories import lookup_code

_BRACKETS = re.compile(r"\s*\((?:the|Republic of the|Islamic Republic of)\)\s*$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def country_code(name: str | None) -> str | None:
    """The alpha-2 code of a country name or code, lower-case; ``None`` when unknown.

    Bilingual values (``Belarus / Bélarus``) are tried part by part.
    """
    if name is None:
        return None
    text = name.strip().strip(".")
    if not text:
        return None
    for part in [text, *[p.strip() for p in text.split(" / ") if p.strip()]]:
        code = _lookup(part) or _lookup(_BRACKETS.sub("", part))
        if code is not None:
            return code
    return None


def _lookup(text: str) -> str | None:
    try:
        return str(pycountry.countries.lookup(text).alpha_2).lower()
    except LookupError:
        pass
    code = lookup_code(text)  # rigour's names: more spellings
    return None if code is None else code.lower()


def country_name(alpha2: str) -> str:
    """The English short name of an alpha-2 code (any case); the code itself when unknown."""
    found = pycountry.countries.get(alpha_2=alpha2.upper()) if alpha2 else None
    return str(found.name) if found is not None else alpha2.upper()


def alpha_3(alpha2: str) -> str | None:
    """The alpha-3 code (as Frontex writes nationalities) of an alpha-2 code, or None."""
    found = pycountry.countries.get(alpha_2=alpha2.upper()) if alpha2 else None
    return None if found is None else str(found.alpha_3)
