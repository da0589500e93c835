"""Sentences and paragraphs by rule: fast, and good enough for news prose.

>>> [s.text for s in split_sentences("Hello there. Mr. Smith said no.\\nNew line")]
['Hello there.', 'Mr. Smith said no.', 'New line']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "no",
    "gen",
    "col",
    "lt",
    "sgt",
    "prof",
    "h.e",
    "e.g",
    "i.e",
    "vs",
    "jan",
    "feb",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
}
_BOUNDARY = re.compile(r"(?<=[.!?])[”\"’)]*\s+(?=[“\"‘(]?[A-Z0-9€$£])|\n+")


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets; a blank line or newline also ends a paragraph."""
    out: list[Sentence] = []
    pos = 0
    paragraph = 0
    for m in _BOUNDARY.finditer(text):
        chunk_end = m.start()
        head = text[pos:chunk_end]
        last_word = re.search(r"([\w.]+)\.?$", head.rstrip('.”"’)'))
        if "\n" not in m.group(0) and last_word and last_word.group(1).lower() in _ABBREV:
            continue
        _add(out, text, pos, chunk_end, paragraph)
        if "\n" in m.group(0):
            paragraph += 1
        pos = m.end()
    _add(out, text, pos, len(text), paragraph)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    s = start + (len(chunk) - len(chunk.lstrip()))
    e = s + len(stripped)
    out.append(Sentence(len(out), s, e, stripped, paragraph))


def sentence_of(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence containing ``offset``."""
    starts = [s.start for s in sentences]
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0:
        return None
    sentence = sentences[i]
    return sentence if offset < sentence.end else None
