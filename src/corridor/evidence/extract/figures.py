"""Figures with their meaning: value, unit, metric, place, period and reporter.

A number, in digits or words (:mod:`corridor.evidence.extract.numbers`: "eleven", "dozens",
"more than a thousand"), is a figure when a unit follows it ("12,000 troops", "€1 billion",
"thousands of Iraqis"), or when it sits in an enumeration after one ("4,216 crossed into
Lithuania, 3,305 into Poland"), or a count verb follows it ("414 crossed", "13 had lost their
lives"). Dates, years, legal references, ordinals and multipliers ("six times") are not figures, nor
are the people a clause says were hurt ("two officers were injured" is no count of troops).
The metric is read from the words around the number, the verb before the unit's own noun
("prevented 161 crossings" is prevented entries; "161 crossings" alone, attempts). The period
is the nearest date of the sentence that is not the day of a statement, a dateline or a period
compared with ("up from 87 in 2020").
Totals and their parts are linked when the parts, of the same metric and period, add up, or
when "including", "of whom", "among them" introduce the parts ("14 detained, including two
Belarusians": the 2 are detained too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from typing import Any

from corridor.evidence.extract.dates import DateMention
from corridor.evidence.extract.entities import Mention
from corridor.evidence.extract.numbers import find_numbers
from corridor.evidence.extract.sentences import Sentence, sentence_of
from corridor.evidence.patterns import load_patterns


@cache
def _count_verbs() -> re.Pattern[str]:
    """The count verbs of ``figures.count_verbs`` in ``patterns.yml``, right after a number."""
    verbs = load_patterns().figures.count_verbs
    return re.compile(
        r"\s+(?:people\s+|of them\s+|more\s+)?(?:have\s+|had\s+)?(?:" + "|".join(verbs) + r")\b",
        re.I,
    )


# "3,000 to 4,000 are camped": the first number takes the unit and verb of the second.
_RANGE = re.compile(
    r"\s*(?:to|-|–|and|or)\s*(?:€|\$|£)?(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+(?:\.\d+)?)\b"
)
# "the service said on Friday": a date of the statement, not of the figure.
_STATEMENT_DATE = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|confirmed)\s+(?:[\w-]+\s+)?$"
)
_MODIFIER = r"(?!\d|(?:groups?|families|busloads?|batches|waves?|times)\b)[\w’'-]+"
_TIMES = re.compile(r"\s*(?:times|fold|-fold)\b", re.I)
# "VILNIUS, Jan 5 - ...": the dateline is the day of the report, not of its figures.
_DATELINE = re.compile(r"\s*[A-Z][A-Z\s/().’'-]*,\s*")
_COMPARED_DATE = re.compile(
    r"\b(?:than|as many as|as much as|compared (?:with|to)|against)\s+(?:(?:in|during|for)\s+)?"
    r"(?:the (?:whole|same period) of\s+)?$",
    re.I,
)
_ENUMERATION = re.compile(r"\s+(?:into|in|to|from|at|on)\b")

# "crossings ... rose to 7,900": the count's noun comes before the number.
_ABOUT = (
    r"(?:(?:just|only|some|about|around|over|nearly|almost|more than|less than|fewer than)\s+)?"
)
_TREND_BEFORE = re.compile(
    r"(?:\b(?:rose|risen|climbed|increased|grew|jumped|soared|fell|fallen|dropped|declined|"
    r"reached|totall?ed|stood at|hit|numbered|passed|exceeded|topped|surpassed)\s+"
    r"(?:to\s+|at\s+|below\s+|under\s+|above\s+)?"
    r"|\b(?:down|up) from\s+"
    r"|\b(?:bring\w*|brought|tak\w*|took|push\w*|rais\w*|lift\w*)\s+(?:the\s+)?"
    r"(?:total|number|toll|tally|count|figure)\b[^.;]{0,50}?\bto\s+)" + _ABOUT + r"$"
)

_LINKED_BEFORE = re.compile(
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
def _unit_patterns() -> list[tuple[str, re.Pattern[str]]]:
    units = load_patterns().figures.units
    out = []
    for unit, words in units.items():
        alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        # up to three modifiers between number and noun ("2,000 Iraqi Kurdish migrants"), but
        # not another number or a collective noun ("two groups of 100 people")
        out.append(
            (unit, re.compile(r"\s+(?:" + _MODIFIER + r"\s+){0,3}?(?:" + alt + r")\b", re.I))
        )
    return out


@cache
def _unit_words() -> list[tuple[str, re.Pattern[str]]]:
    units = load_patterns().figures.units
    out = []
    for unit, words in units.items():
        alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        out.append((unit, re.compile(r"\b(?:" + alt + r")\b", re.I)))
    return out


def _unit_before(text: str, sentence: Sentence, start: int) -> tuple[str, int, int] | None:
    """The unit named before a trend verb ("crossings ... rose to"), in the same sentence and
    within 100 characters, with its span; the nearest one wins."""
    if _TREND_BEFORE.search(text, max(0, start - 100), start) is None:
        return None
    lo = max(sentence.start, start - 100)
    best: tuple[str, int, int] | None = None
    for unit, pattern in _unit_words():
        for m in pattern.finditer(text, lo, start):
            if best is None or m.start() > best[1]:
                best = (unit, m.start(), m.end())
    return best


def _coordinated_metric(
    text: str, figures: list[Figure], sentence: Sentence, start: int, unit: str
) -> str | None:
    """The metric of the figure this one is coordinated with ("17 people and 11 organisations"),
    when the clause names none for it: same sentence, linked by "and" or a comma, same kind."""
    if not figures or figures[-1].sentence.index != sentence.index:
        return None
    previous = figures[-1]
    if previous.unit != unit and {previous.unit, unit} - {"people", "entities"}:
        return None
    if _LINKED_BEFORE.search(text[max(0, start - 25) : start]) is None:
        return None
    return previous.metric


_OF = re.compile(r"\s{1,2}(?:of\s+)?")


def _demonym_after(text: str, mentions: list[Mention], end: int) -> bool:
    """A nationality written as a plural noun right after the number ("431 Iraqis",
    "thousands of Iraqis")."""
    return any(
        m.kind == "nationality"
        and m.start > end
        and _OF.fullmatch(text, end, m.start) is not None
        and m.text.endswith("s")
        for m in mentions
    )


@cache
def _metric_patterns() -> list[tuple[str, re.Pattern[str]]]:
    metrics = load_patterns().figures.metrics
    return [(k, re.compile(r"\b(?:" + "|".join(v) + r")\b", re.I)) for k, v in metrics.items()]


@cache
def _metrics() -> dict[str, re.Pattern[str]]:
    """A metric's words, matched after at most a few words ("were badly injured")."""
    metrics = load_patterns().figures.metrics
    return {
        k: re.compile(r"(?:\s+[\w’'-]+){0,3}?\s+(?:" + "|".join(v) + r")\b", re.I)
        for k, v in metrics.items()
    }


@cache
def _qualifier_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    f = load_patterns().figures
    approx = "|".join(re.escape(w) for w in f.approximate)
    lower = "|".join(re.escape(w) for w in f.lower_bound)
    return (
        re.compile(r"\b(?:" + approx + r")\s+$", re.I),
        re.compile(r"\b(?:" + lower + r")\s+$", re.I),
    )


@cache
def _currency_words() -> re.Pattern[str]:
    words = [w for w in load_patterns().figures.currencies if w.isalpha() and w.islower()]
    alt = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(r"\s+(?:of\s+)?(" + alt + r")\b", re.I)


def _currency_after(text: str, end: int) -> str | None:
    """A currency written as a word after the number ("36.7 million euros", "zlotys")."""
    currencies = load_patterns().figures.currencies
    m = _currency_words().match(text, end, end + 20)
    return None if m is None else currencies.get(m.group(1).lower())


@cache
def _price_words() -> re.Pattern[str] | None:
    words = load_patterns().figures.price_words
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I) if words else None


def _money_metric(sentence: Sentence, text: str, start: int, end: int) -> str:
    """A sum of money is a price when a price word ("per person", "paid", "each") stands in
    its clause, within 60 characters; otherwise money."""
    pattern = _price_words()
    if pattern is None:
        return "money"
    lo, hi = max(sentence.start, start - 60), min(sentence.end, end + 60)
    clause = re.split(r"[;:]", text[lo:hi])
    return "price" if any(pattern.search(part) for part in clause) else "money"


def _metric_right_after(text: str, start: int, limit: int) -> str | None:
    """A metric word right after a number's noun, before any other number or clause break."""
    stop = re.compile(r"[,;:]|\d").search(text, start, limit)
    end = min(limit, start + 40, stop.start() if stop else limit)
    for metric, pattern in _metrics().items():
        if metric not in ("troops", "injuries") and pattern.match(text, start, end):
            return metric
    return None


def _metric_for(
    sentence: Sentence, text: str, start: int, end: int, unit: str, noun_end: int | None = None
) -> str | None:
    """The metric named by the nearest metric word of the clause; None when there is none.
    Words inside the unit's own noun phrase (``end`` to ``noun_end``: "161 crossings") do not
    count: the verb around it says what happened to them ("prevented 161 crossings"), and the
    noun is the fallback when no verb does."""
    if unit == "money":
        return unit
    if unit in ("people", "troops") and (harm := _metrics().get("injuries")) is not None:
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
    for order, (metric, pattern) in enumerate(_metric_patterns()):
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


def _place_for(mentions: list[Mention], sentence: Sentence, start: int, end: int) -> str | None:
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


def _reporter_for(text: str, sentence: Sentence, mentions: list[Mention]) -> str | None:
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


def find_figures(
    text: str,
    sentences: list[Sentence],
    dates: list[DateMention],
    mentions: list[Mention],
) -> list[Figure]:
    """Every figure in ``text`` with its meaning; totals linked to their parts."""
    date_spans = [(d.start, d.end) for d in dates]
    approx_re, lower_re = _qualifier_patterns()
    figures: list[Figure] = []
    for number in find_numbers(text):
        s, e = number.start, number.end
        if any(s < de and ds < e for ds, de in date_spans) or _TIMES.match(text, e):
            continue  # a date, or a multiplier ("six times more")
        value = number.value
        sentence = sentence_of(sentences, s)
        if sentence is None:
            continue
        partner = _RANGE.match(text, e, min(len(text), e + 20))
        # "3,000 to 15,000 euros": the first end of a range takes the currency after the second
        currency = (
            number.currency
            or _currency_after(text, e)
            or (None if partner is None else _currency_after(text, partner.end()))
        )
        unit: str | None = None
        rule = "unit"
        counted = False
        ue = e if partner is None else partner.end()  # where the unit or verb is read
        unit_span: tuple[int, int] = (s, ue)
        noun_end = ue  # the end of the unit's noun: its own metric words do not count
        if currency is not None:
            unit = "money"
        else:
            if number.maybe_year and 1900 <= value <= 2100:
                continue  # a year
            for name, pattern in _unit_patterns():
                found_unit = pattern.match(text, ue, min(len(text), ue + 60))
                if found_unit is not None:
                    unit, noun_end = name, found_unit.end()
                    break
            if unit is None:
                previous = [
                    f
                    for f in figures
                    if sentence.index - f.sentence.index <= 1 and f.unit != "money"
                ]
                counted = _count_verbs().match(text, ue, min(len(text), ue + 40)) is not None
                listed = _ENUMERATION.match(text, e, min(len(text), e + 10)) is not None
                # a word linking two numbers ("from 87 to 4,100", "17 and 11") links them
                # inside one sentence only; a count verb or a place list also across two
                linked = bool(previous) and previous[-1].sentence.index == sentence.index
                # (#12) parts in brackets after a name: "citizens of Ukraine (274), Poland (82)"
                bracketed = text[s - 1 : s] == "(" and text[e : e + 1] == ")"
                if previous and (
                    counted
                    or listed
                    or (linked and bracketed)
                    or (linked and _LINKED_BEFORE.search(text[max(0, s - 25) : s]))
                ):
                    unit, rule = previous[-1].unit, "enumeration"
                elif counted:
                    unit, rule = "people", "count_verb"
                elif _demonym_after(text, mentions, e):
                    unit, rule = "people", "demonym"
                elif (before_unit := _unit_before(text, sentence, s)) is not None:
                    unit, rule = before_unit[0], "unit_before"
                    unit_span = before_unit[1:]
                    noun_end = unit_span[0]
                else:
                    continue
        before = text[max(0, s - 30) : s]
        qualifier = number.qualifier
        if approx_re.search(before):
            qualifier = "approximately"
        elif lower_re.search(before):
            qualifier = "more_than"
        # the metric is read around the unit's noun (before the number, or after a range)
        ms, me = unit_span
        found = (
            _money_metric(sentence, text, s, ue)
            if unit == "money"
            else _metric_for(sentence, text, ms, me, unit, noun_end)
        )
        metric = found or _coordinated_metric(text, figures, sentence, s, unit) or unit
        if rule == "enumeration" and not counted:
            # a list goes on in its first metric, unless the item says its own ("60 turned
            # back and 40 others tried to cross")
            metric = _metric_right_after(text, noun_end, sentence.end) or figures[-1].metric
        if metric == "injuries":
            continue  # "two officers were injured": not a deployment, nor a count we keep
        figure = Figure(
            start=s,
            end=e,
            value=value,
            unit=unit,
            metric=metric,
            sentence=sentence,
            qualifier=qualifier,
            currency=currency,
            rule=rule,
        )
        _link_part(text, figures, figure)
        figure.place = _place_for(mentions, sentence, s, e)
        in_sentence = [d for d in dates if sentence.start <= d.start < sentence.end]
        own = [
            d
            for d in in_sentence
            if not _STATEMENT_DATE.search(text, max(0, d.start - 30), d.start)
            and not _DATELINE.fullmatch(text, sentence.start, d.start)
        ]
        in_sentence = own or in_sentence
        # "up from 87 in 2020", "as many as in 2020": the period compared with, not the figure's
        own = [
            d for d in in_sentence if not _COMPARED_DATE.search(text, max(0, d.start - 40), d.start)
        ]
        in_sentence = own or in_sentence
        if in_sentence:
            figure.period = min(in_sentence, key=lambda d: min(abs(d.start - e), abs(s - d.end)))
        figure.reporter = _reporter_for(text, sentence, mentions)
        figure.confidence = 0.9 if rule == "unit" else 0.7
        figures.append(figure)
    link_totals(figures)
    return figures


# "14 were detained, including two Belarusians": the second number counts some of the first.
_PART_BEFORE = re.compile(
    r"\b(?:including|among them|among whom|of whom|of them|of which|of these|of those)\s+"
    r"(?:just\s+|only\s+|about\s+|some\s+|nearly\s+|almost\s+|around\s+|at least\s+)?$",
    re.I,
)
_AND_BEFORE = re.compile(r"(?:,|\band)\s+(?:just\s+|only\s+|about\s+|some\s+)?$", re.I)


def _link_part(text: str, figures: list[Figure], figure: Figure) -> None:
    """Make ``figure`` a part of the figure before it when "including", "of whom" or "among
    them" introduces it (or "and" continues such a list): same metric as its whole, not another
    count. ``figure`` is not yet in ``figures``."""
    if not figures or figures[-1].sentence.index != figure.sentence.index:
        return
    before = text[max(0, figure.start - 30) : figure.start]
    previous = figures[-1]
    if _PART_BEFORE.search(before):
        total_index = len(figures) - 1
    elif previous.total_of is not None and _AND_BEFORE.search(before):
        total_index = previous.total_of  # "including two Belarusians and three Iraqis"
    else:
        return
    total = figures[total_index]
    if total.unit == "money" or figure.unit == "money" or figure.value >= total.value:
        return
    if figure.unit != total.unit and {figure.unit, total.unit} - {"people", "troops"}:
        return
    figure.metric, figure.unit = total.metric, total.unit
    figure.total_of = total_index
    figure.rule = "part"
    total.parts.append(len(figures))


def _same_period(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None:
        return True
    return (a.start_date, a.end_date) == (b.start_date, b.end_date)


def link_totals(figures: list[Figure]) -> None:
    """Link each total to the parts that add up to it: same metric, compatible period, nearby."""
    for i, total in enumerate(figures):
        if total.parts:
            continue  # its parts are written as such ("including ...")
        candidates = [
            j
            for j, f in enumerate(figures)
            if j != i
            and f.metric == total.metric
            and f.unit == total.unit
            and f.value < total.value
            and f.total_of is None
            and abs(f.sentence.index - total.sentence.index) <= 2
            and _same_period(f.period, total.period)
        ][:12]
        for size in range(2, min(len(candidates), 6) + 1):
            match = next(
                (
                    c
                    for c in combinations(candidates, size)
                    if sum(figures[k].value for k in c) == total.value
                ),
                None,
            )
            if match is not None:
                total.parts = list(match)
                for k in match:
                    figures[k].total_of = i
                    if figures[k].period is None and total.period is not None:
                        figures[k].period = total.period
                        figures[k].period_inherited = True
                break
