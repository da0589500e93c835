"""Numbers as news prose writes them: in digits ("4,216", "€1.5 million", "2 000") and in
words ("eleven", "twenty-five", "a thousand", "two hundred"), and the vague plurals that give
only a lower bound ("dozens", "hundreds", "tens of thousands").

The words and their values are data (``figures.number_words`` and ``figures.vague_numbers`` in
``patterns.yml``). "one" alone is not read: in this prose it is a pronoun far more often than a
count ("one of them", "one official").

>>> [(n.text, n.value, n.qualifier) for n in find_numbers("Dozens of people and eleven men.")]
[('Dozens', 24.0, 'at_least'), ('eleven', 11.0, None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from corridor.evidence.patterns import load_patterns

# thousands grouped by commas or by spaces ("11 200", "PLN 80 000"; also no-break and thin)
_DIGITS = re.compile(
    r"(?<![\w/.,-])(?P<cur>€|\$|£|(?:EUR|USD|PLN|GBP)\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![,.]?\d)|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<scale>thousand|million|billion|bn|m)\b)?(?![\w/-]|[.,]\d)"
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number in the text: its span, value, the currency written before it, whether it
    could be a year (four digits, no comma, no scale) and the bound a vague word gives."""

    start: int
    end: int
    text: str
    value: float
    currency: str | None = None
    maybe_year: bool = False
    qualifier: str | None = None
    words: bool = False


@cache
def _word_pattern() -> re.Pattern[str]:
    figures = load_patterns().figures
    words = sorted(figures.number_words, key=len, reverse=True)
    vague = sorted(figures.vague_numbers, key=len, reverse=True)
    scales = sorted(figures.scales, key=len, reverse=True)
    word = "|".join(re.escape(w) for w in words)
    scale = "|".join(re.escape(s) for s in scales if len(s) > 2)
    return re.compile(
        r"(?<![\w-])(?:(?P<vague>" + "|".join(re.escape(v) for v in vague) + r")"
        r"|(?P<word>(?:a|one|" + word + r")(?:-(?:" + word + r"))?)"
        r"(?:\s+(?P<scale>" + scale + r"))?)(?![\w-])",
        re.I,
    )


def _word_value(word: str) -> float | None:
    numbers = load_patterns().figures.number_words
    total = 0
    for part in word.lower().split("-"):
        if part in ("a", "one"):
            total += 1
        elif part in numbers:
            total += numbers[part]
        else:
            return None
    return float(total)


def find_numbers(text: str) -> list[NumberMention]:
    """Every number of ``text`` in digits or words, in text order."""
    figures = load_patterns().figures
    out: list[NumberMention] = []
    for m in _DIGITS.finditer(text):
        value = float(re.sub(r"[,\s\u00a0\u202f]", "", m.group("num")))
        scale = m.group("scale")
        if scale:
            value *= figures.scales[scale.lower()]
        cur = m.group("cur")
        out.append(
            NumberMention(
                start=m.start(),
                end=m.end(),
                text=m.group(0),
                value=value,
                currency=None if not cur else figures.currencies.get(cur.strip()),
                maybe_year=m.group("num").isdigit() and not scale,
            )
        )
    vague = {k.lower(): v for k, v in figures.vague_numbers.items()}
    for m in _word_pattern().finditer(text):
        if m.group("vague"):
            key = " ".join(m.group("vague").lower().split())
            value, qualifier = float(vague[key]), "at_least"
            if key.startswith("a "):
                qualifier = "approximately"
        else:
            word = m.group("word")
            found = _word_value(word)
            scale = m.group("scale")
            if found is None or (found < 2 and not scale):
                continue  # "one" and "a" count only with a scale ("a thousand")
            value = found * (figures.scales[scale.lower()] if scale else 1)
            qualifier = None
        out.append(
            NumberMention(m.start(), m.end(), m.group(0), value, qualifier=qualifier, words=True)
        )
    return sorted(out, key=lambda n: n.start)
