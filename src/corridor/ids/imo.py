"""IMO ship identification numbers: seven digits, the last a check digit.

>>> normalise_imo("IMO 9187629")
'9187629'
>>> is_valid_imo("9187629"), is_valid_imo("9187628")
(True, False)
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\d+")
_PREFIX = re.compile(r"^\s*IMO\s*(?:NO\.?|NUMBER|#)?\s*[:.]?\s*", re.IGNORECASE)


def normalise_imo(value: str) -> str:
    """The seven digits of an IMO number, without the ``IMO`` prefix or separators.

    Text that holds no digits is returned stripped and upper-cased, so the function is total
    and idempotent; use :func:`is_valid_imo` to check the result.
    """
    text = _PREFIX.sub("", value.strip())
    digits = "".join(_DIGITS.findall(text))
    return digits if digits else text.strip().upper()


def is_valid_imo(value: str) -> bool:
    """Whether a (normalised or raw) IMO number has seven digits and a correct check digit.

    The check digit is the last digit of the sum of the first six digits weighted 7 down to 2.
    """
    digits = normalise_imo(value)
    if len(digits) != 7 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:6], range(7, 1, -1), strict=True))
    return total % 10 == int(digits[6])
