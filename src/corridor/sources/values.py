"""Values as lists write them: partial dates, multi-valued cells, name forms, identifiers.

Shared by the parsers (EU journal, EU FSF, UK, FtM, OFAC, UN, Canada).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from corridor.ids import normalise_identifier
from corridor.ids.script import name_script
from corridor.model import Identifier, IdScheme, Name, NameQuality, to_datetime
from corridor.model.months import month_number
from corridor.sources.context import SourceContext

_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_TEXT_DATE = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PAREN = re.compile(r"^(.*?)\s*\(([^()]+)\)$")
_NOTE = re.compile(r"\(([^():]*spelling[^():]*):\s*([^()]+)\)", re.IGNORECASE)
_FOLDER_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def date_from_folder(path: Path, context: SourceContext) -> None:
    """For files that state no publication date: take it from a ``YYYY-MM-DD`` folder name.

    Snapshots are archived as ``<source>/<date>/``; without this the listing history of such
    a file would start at the time it was loaded. Nothing happens when the folder is not
    named by a date or the context already has a publication date.
    """
    folder = path if path.is_dir() else path.parent
    if context.published_at is None and _FOLDER_DATE.match(folder.name):
        context.set_published(to_datetime(folder.name))
        context.warn(
            f"no date in the file: publication date {folder.name} taken from the folder name"
        )


def partial_date(text: str | None) -> str | None:
    """A date as written in a list, as an ISO string keeping its precision.

    Zeros stand for unknown parts (``00/00/1955`` is ``1955``); returns None for blank or
    unreadable text.

    >>> partial_date("2.12.2021"), partial_date("00/08/1955"), partial_date("20 March 2022")
    ('2021-12-02', '1955-08', '2022-03-20')
    >>> partial_date("1996"), partial_date("1971-01-22T00:00:00"), partial_date("soon")
    ('1996', '1971-01-22', None)
    """
    if text is None:
        return None
    value = text.strip()
    day: int | str
    month: int | str
    match = _DMY.match(value)
    if match is not None:
        day, month, year = (int(g) for g in match.groups())
    elif (match := _TEXT_DATE.match(value)) is not None:
        day, year = int(match.group(1)), int(match.group(3))
        month = month_number(match.group(2)) or -1
    elif (match := _ISO.match(value)) is not None:
        year = int(match.group(1))
        month = int(match.group(2) or 0)
        day = int(match.group(3) or 0)
    else:
        return None
    if not 1000 <= year <= 2999 or not 0 <= month <= 12:
        return None
    if month == 0:
        return f"{year:04d}"
    if day == 0:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def full_date(text: str | None) -> date | None:
    """A complete calendar date, or None when the text gives less (or nothing)."""
    value = partial_date(text)
    if value is None or len(value) != 10:
        return None
    return date.fromisoformat(value)


def split_values(text: str | None, sep: str = ";") -> list[str]:
    """The values of a multi-valued cell, stripped, blanks dropped."""
    if text is None:
        return []
    return [v.strip() for v in text.split(sep) if v.strip()]


def make_identifier(scheme: IdScheme, value: str, country: str | None = None) -> Identifier | None:
    """A typed identifier with its normalised value; None when nothing is left."""
    original = value.strip()
    normalised = normalise_identifier(scheme, original)
    if not normalised:
        return None
    return Identifier(scheme=scheme, value=normalised, original=original, country=country)


def name_forms(value: str) -> list[str]:
    """The forms one written name stands for, itself first.

    A bracketed variant (``A (B)``) and slash-joined names (``A / B``) yield each part; notes
    such as ``(Russian spelling: X)`` yield ``X`` and are cut from the name, splitting what is
    left on `` or ``.

    >>> name_forms("Kirsanova (Russian spelling: Кирсанова) or Selyun (Russian spelling: Селюн)")
    ['Kirsanova', 'Selyun', 'Кирсанова', 'Селюн']
    >>> name_forms("Dmitri PAVLICHENKO (Dmitriy PAVLICHENKO)")
    ['Dmitri PAVLICHENKO (Dmitriy PAVLICHENKO)', 'Dmitri PAVLICHENKO', 'Dmitriy PAVLICHENKO']
    """
    noted = [m.group(2).strip() for m in _NOTE.finditer(value)]
    if noted:
        rest = _NOTE.sub(" ", value)
        forms = [" ".join(p.split()) for p in re.split(r"\s+or\s+", rest) if p.strip()]
        return list(dict.fromkeys(forms + noted))
    forms = [value]
    match = _PAREN.match(value)
    if match is not None and match.group(1):
        forms += [match.group(1).strip(), match.group(2).strip()]
    if " / " in value:
        forms += [p.strip() for p in value.split(" / ") if p.strip()]
    return list(dict.fromkeys(forms))


def make_names(values: Iterable[str], quality: NameQuality, kind: str) -> list[Name]:
    """Names with their script, one per form of each value (see :func:`name_forms`)."""
    names: list[Name] = []
    for value in values:
        for form in name_forms(value):
            names.append(Name(value=form, quality=quality, script=name_script(form), kind=kind))
    return names
