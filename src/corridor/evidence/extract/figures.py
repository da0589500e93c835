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
from functools import cache
from itertools import combinations

from corridor.evidence.extract.dates import DateMention
from corridor.evidence.extract.entities import Mention
from corridor.evidence.extract.figure_reading import (
    LINKED_BEFORE,
    Figure,
    coordinated_metric,
    currency_after,
    demonym_after,
    metric_for,
    metric_right_after,
    money_metric,
    place_for,
    qualifier_patterns,
    reporter_for,
    unit_before,
    unit_patterns,
)
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


_TIMES = re.compile(r"\s*(?:times|fold|-fold)\b", re.I)


# "VILNIUS, Jan 5 - ...": the dateline is the day of the report, not of its figures.
_DATELINE = re.compile(r"\s*[A-Z][A-Z\s/().’'-]*,\s*")


_COMPARED_DATE = re.compile(
    r"\b(?:than|as many as|as much as|compared (?:with|to)|against)\s+(?:(?:in|during|for)\s+)?"
    r"(?:the (?:whole|same period) of\s+)?$",
    re.I,
)


_ENUMERATION = re.compile(r"\s+(?:into|in|to|from|at|on)\b")


def find_figures(
    text: str,
    sentences: list[Sentence],
    dates: list[DateMention],
    mentions: list[Mention],
) -> list[Figure]:
    """Every figure in ``text`` with its meaning; totals linked to their parts."""
    date_spans = [(d.start, d.end) for d in dates]
    approx_re, lower_re = qualifier_patterns()
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
            or currency_after(text, e)
            or (None if partner is None else currency_after(text, partner.end()))
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
            for name, pattern in unit_patterns():
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
                    or (linked and LINKED_BEFORE.search(text[max(0, s - 25) : s]))
                ):
                    unit, rule = previous[-1].unit, "enumeration"
                elif counted:
                    unit, rule = "people", "count_verb"
                elif demonym_after(text, mentions, e):
                    unit, rule = "people", "demonym"
                elif (before_unit := unit_before(text, sentence, s)) is not None:
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
            money_metric(sentence, text, s, ue)
            if unit == "money"
            else metric_for(sentence, text, ms, me, unit, noun_end)
        )
        metric = found or coordinated_metric(text, figures, sentence, s, unit) or unit
        if rule == "enumeration" and not counted:
            # a list goes on in its first metric, unless the item says its own ("60 turned
            # back and 40 others tried to cross")
            metric = metric_right_after(text, noun_end, sentence.end) or figures[-1].metric
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
        figure.place = place_for(mentions, sentence, s, e)
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
        figure.reporter = reporter_for(text, sentence, mentions)
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
