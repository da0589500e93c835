"""Month names: the one table every parser and every text reads months with.

English names as lists, news, spreadsheets and reports write them: in full (``January``), in
three letters (``Jan``, ``JAN``), ``Sept``, with or without a closing dot.

>>> month_number("January"), month_number("SEP"), month_number("Sept."), month_number("dec")
(1, 9, 9, 12)
>>> month_number("Monday") is None
True
>>> month_plural(3)
'Marches'
"""

from __future__ import annotations

MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Every written form, lower-case, to its number: full names, three letters, and "sept".
MONTH_NUMBERS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(MONTH_NAMES, 1)},
    **{name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, 1)},
    "sept": 9,
}

# A regular expression alternative matching any written form (longest first), case as written
# in prose ("January", "Jan", "Sept"); compile it with re.I to accept any case.
MONTH_PATTERN = "|".join(
    sorted({*MONTH_NAMES, *(n[:3] for n in MONTH_NAMES), "Sept"}, key=lambda n: (-len(n), n))
)

_PLURALS = {"March": "Marches", "May": "Mays", "July": "Julys"}


def month_number(text: str) -> int | None:
    """The number (1-12) of a written month, any case, with or without a closing dot."""
    return MONTH_NUMBERS.get(text.strip().rstrip(".").lower())


def month_plural(month: int) -> str:
    """``"Januaries"``, ``"Marches"``: for baselines described in words."""
    name = MONTH_NAMES[month - 1]
    return _PLURALS.get(name, name[:-1] + "ies" if name.endswith("y") else name + "s")


__all__ = ["MONTH_NAMES", "MONTH_NUMBERS", "MONTH_PATTERN", "month_number", "month_plural"]
