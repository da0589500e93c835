"""A figure and how its meaning is read from the words around its number: unit, metric,
currency, place and reporter (:mod:`corridor.evidence.extract.figures` finds the numbers and links
totals and parts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from corridor.evidence.extract.dates import DateMention
from corridor.evidence.extract.entities import Mention
from corridor.evidence.extract.sentences import Sentence
from corridor.evidence.patterns import load_patterns

MODIFIER = r"(?!\d|(?:groups?|families|busloads?|batches|waves?|times)\b)[\w’'-]+"


# "crossings ... rose to 7,900": the count's noun comes before the number.
ABOUT = r"(?:(?:just|only|some|about|around|over|nearly|almost|more than|less than|fewer than)\s+)?"


TREND_BEFORE = re.compile(
    r"(?:\b(?:rose|risen|climbed|increased|grew|jumped|soared|fell|fallen|dropped|declined|"
    r"reached|totall?ed|stood at|hit|numbered|passed|exceeded|topped|surpassed)\s+"
    r"(?:to\s+|at\s+|below\s+|under\s+|above\s+)?"
    r"|\b(?:down|up) from\s+"
    r"|\b(?:bring\w*|brought|tak\w*|took|push\w*|rais\w*|lift\w*)\s+(?:the\s+)?"
    r"(?:total|number|toll|tally|count|figure)\b[^.;]{0,50}?\bto\s+)" + ABOUT + r"$"
)


LINKED_BEFORE = re.compile(
    r"(?:\bfrom|\bto|\bwith|\bthan|\band|,|"
    # (#12) a month list: "October saw 17,300, September 7,700 and August 3,500"
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December))\s+"
    r"(?:just|only|about|around|some|over|nearly|almost|roughly|more than|less than|fewer than|"
    r"at least|a further|another)?\s*$"
    r"|\b(?:of whom|of them|of which|of these|of those|among them|including)\s+"
    r"(?:just\s+|only\s+|about\s+|some\s+|nearly\s+|almost\s+|around\s+)?$"
    r"|\b(?:while|whereas)\s+(?:just\s+|only\s+|about\s+|around\s+|some\s+|nearly\s+)?$"
)


@dataclass(slots=True)
class Figure:
    start: int
    end: int
    value: float
    unit: str
    metric: str
    sentence: Sentence
    qualifier: str | None = None
    currency: str | None = None
    place: str | None = None
    period: DateMention | None = None
    period_inherited: bool = False
    reporter: str | None = None
    rule: str = "unit"
    parts: list[int] = field(default_factory=list)
    total_of: int | None = None
    confidence: float = 0.8

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": int(self.value) if self.value == int(self.value) else self.value,
            "unit": self.unit,
            "metric": self.metric,
            "qualifier": self.qualifier,
            "currency": self.currency,
            "place": self.place,
            "period": None if self.period is None else self.period.to_dict(),
            "period_inherited": self.period_inherited,
            "reporter": self.reporter,
            "rule": self.rule,
        }


@cache
def unit_patterns() -> list[tuple[str, re.Pattern[str]]]:
    units = load_patterns().figures.units
    out = []
    for unit, words in units.items():
        alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        # up to three modifiers between number and noun ("2,000 Iraqi Kurdish migrants"), but
        # not another number or a collective noun ("two groups of 100 people")
        out.append((unit, re.compile(r"\s+(?:" + MODIFIER + r"\s+){0,3}?(?:" + alt + r")\b", re.I)))
    return out


@cache
def unit_words() -> list[tuple[str, re.Pattern[str]]]:
    units = load_patterns().figures.units
    out = []
    for unit, words in units.items():
        alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        out.append((unit, re.compile(r"\b(?:" + alt + r")\b", re.I)))
    return out


def unit_before(text: str, sentence: Sentence, start: int) -> tuple[str, int, int] | None:
    """The unit named before a trend verb ("crossings ... rose to"), in the same sentence and
    within 100 characters, with its span; the nearest one wins."""
    if TREND_BEFORE.search(text, max(0, start - 100), start) is None:
        return None
    lo = max(sentence.start, start - 100)
    best: tuple[str, int, int] | None = None
    for unit, pattern in unit_words():
        for m in pattern.finditer(text, lo, start):
            if best is None or m.start() > best[1]:
                best = (unit, m.start(), m.end())
    return best


def coordinated_metric(
    text: str, figures: list[Figure], sentence: Sentence, start: int, unit: str
) -> str | None:
    """The metric of the figure this one is coordinated with ("17 people and 11 organisations"),
    when the clause names none for it: same sentence, linked by "and" or a comma, same kind."""
    if not figures or figures[-1].sentence.index != sentence.index:
        return None
    previous = figures[-1]
    if previous.unit != unit and {previous.unit, unit} - {"people", "entities"}:
        return None
    if LINKED_BEFORE.search(text[max(0, start - 25) : start]) is None:
        return None
    return previous.metric


OF = re.compile(r"\s{1,2}(?:of\s+)?")


def demonym_after(text: str, mentions: list[Mention], end: int) -> bool:
    """A nationality written as a plural noun right after the number ("431 Iraqis",
    "thousands of Iraqis")."""
    return any(
        m.kind == "nationality"
        and m.start > end
        and OF.fullmatch(text, end, m.start) is not None
        and m.text.endswith("s")
        for m in mentions
    )


@cache
def metric_patterns() -> list[tuple[str, re.Pattern[str]]]:
    metrics = load_patterns().figures.metrics
    return [(k, re.compile(r"\b(?:" + "|".join(v) + r")\b", re.I)) for k, v in metrics.items()]


@cache
def metrics() -> dict[str, re.Pattern[str]]:
    """A metric's words, matched after at most a few words ("were badly injured")."""
    metrics = load_patterns().figures.metrics
    return {
        k: re.compile(r"(?:\s+[\w’'-]+){0,3}?\s+(?:" + "|".join(v) + r")\b", re.I)
        for k, v in metrics.items()
    }


@cache
def qualifier_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    f = load_patterns().figures
    approx = "|".join(re.escape(w) for w in f.approximate)
    lower = "|".join(re.escape(w) for w in f.lower_bound)
    return (
        re.compile(r"\b(?:" + approx + r")\s+$", re.I),
        re.compile(r"\b(?:" + lower + r")\s+$", re.I),
    )


@cache
def currency_words() -> re.Pattern[str]:
    words = [w for w in load_patterns().figures.currencies if w.isalpha() and w.islower()]
    alt = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(r"\s+(?:of\s+)?(" + alt + r")\b", re.I)


def currency_after(text: str, end: int) -> str | None:
    """A currency written as a word after the number ("36.7 million euros", "zlotys")."""
    currencies = load_patterns().figures.currencies
    m = currency_words().match(text, end, end + 20)
    return None if m is None else currencies.get(m.group(1).lower())


@cache
def price_words() -> re.Pattern[str] | None:
    words = load_patterns().figures.price_words
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I) if words else None


def money_metric(sentence: Sentence, text: str, start: int, end: int) -> str:
    """A sum of money is a price when a price word ("per person", "paid", "each") stands in
    its clause, within 60 characters; otherwise money."""
    pattern = price_words()
    if pattern is None:
        return "money"
    lo, hi = max(sentence.start, start - 60), min(sentence.end, end + 60)
    clause = re.split(r"[;:]", text[lo:hi])
    return "price" if any(pattern.search(part) for part in clause) else "money"


def metric_right_after(text: str, start: int, limit: int) -> str | None:
    """A metric word right after a number's noun, before any other number or clause break."""
    stop = re.compile(r"[,;:]|\d").search(text, start, limit)
    end = min(limit, start + 40, stop.start() if stop else limit)
    for metric, pattern in metrics().items():
        if metric not in ("troops", "injuries") and pattern.match(text, start, end):
            return metric
    return None


def metric_for(
    sentence: Sentence, text: str, start: int, end: int, unit: str, noun_end: int | None = None
) -> str | None:
    """The metric named by the nearest metric word of the clause; None when there is none.
    Words inside the unit's own noun phrase (``end`` to ``noun_end``: "161 crossings") do not
    count: the verb around it says what happened to them ("prevented 161 crossings"), and the
    noun is the fallback when no verb does."""
    if unit == "money":
        return unit
    if unit in ("people", "troops") and (harm := metrics().get("injuries")) is not None:
        # what happened to them, right after their noun: "two officers were injured" counts
        # injuries, not troops; "troops deployed after two migrants were hurt" does not
        after = harm.match(text, noun_end or end, min(sentence.end, (noun_end or end) + 40))
        if after is not None:
            return "injuries"
    if unit in ("troops", "deaths", "arrests", "flights", "networks", "smuggling_incidents"):
        return unit
    clause_start = max(sentence.start, start - 80)
    clause_end = min(sentence.end, end + 110)
    best: tuple[int, int, str] | None = None
    for order, (metric, pattern) in enumerate(metric_patterns()):
        if metric in ("troops", "injuries"):
            # a count of troops has its own unit; others are not made troops by a noun, and
            # harm is read only right after the noun of those it happened to
            continue
        for m in pattern.finditer(text, clause_start, clause_end):
            if noun_end is not None and end <= m.start() and m.end() <= noun_end:
                continue
            distance = m.start() - end if m.start() >= end else (start - m.end()) * 2
            key = (distance, order, metric)
            if best is None or key < best:
                best = key
    if best is not None and best[0] < 110:
        return best[2]
    return None


def place_for(mentions: list[Mention], sentence: Sentence, start: int, end: int) -> str | None:
    """The place right after "into/in/to/at" following the number, else the nearest place."""
    places = [
        m
        for m in mentions
        if sentence.start <= m.start < sentence.end
        and m.kind in ("country", "place", "border", "border_crossing", "airport_city", "region")
    ]
    if not places:
        return None
    after = [m for m in places if m.start >= end and m.start - end < 60]
    if after:
        return after[0].canonical
    return min(places, key=lambda m: min(abs(m.start - end), abs(start - m.end))).canonical


def reporter_for(text: str, sentence: Sentence, mentions: list[Mention]) -> str | None:
    body = text[sentence.start : sentence.end]
    m = re.search(
        r"\b(?:according to|figures from|data from|said|says|reported)\s+(?:the\s+)?", body, re.I
    )
    if m is None:
        return None
    pos = sentence.start + m.end()
    after = [x for x in mentions if x.start >= pos - 1 and x.start - pos < 30]
    if after:
        return after[0].canonical
    # a name or a word, never the figure itself ("police said 14 were detained")
    word = re.match(r"[^\W\d_][\w’']*(?:\s+[A-Z][\w’']+)*", text[pos : pos + 60])
    return None if word is None else word.group(0)
