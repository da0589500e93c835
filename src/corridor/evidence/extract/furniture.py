"""Page furniture makes no claims (#12): related-article links, photo captions, credits and
footers are blanked out (replaced by spaces, so every offset stays that of the page) before
any reading. A line is furniture when it opens with one of ``furniture.line_starts`` of
``patterns.yml`` ("Read more:", "Photo:", "©") or is a teaser cut off with an ellipsis
("Polish border guards arrest three Belarusians …").

>>> text = "Poland closed the crossing.\\nRead more: Finland shuts its border\\n"
>>> blank = blank_furniture(text)
>>> blank.splitlines()[1].strip(), len(blank) == len(text)
('', True)
"""

from __future__ import annotations

import re
from functools import cache

from corridor.evidence.patterns import load_patterns


@cache
def _furniture() -> re.Pattern[str]:
    starts = "|".join(load_patterns().furniture.line_starts)
    return re.compile(
        r"^[ \t]*(?:(?:" + starts + r")[^\n]*"  # a link, caption, credit or footer line
        r"|[^\n.!?]*?(?:…|\.\.\.)[ \t]*)$",  # a teaser cut off with an ellipsis
        re.M | re.I,
    )


def blank_furniture(text: str) -> str:
    """``text`` with its furniture lines replaced by spaces of the same length."""
    return _furniture().sub(lambda m: " " * len(m.group(0)), text)
