"""Metric kinds, and the refusal to mix them.

Poland counts *attempts* (repeats included), Lithuania and Latvia count people *prevented* from
entering, Frontex counts *detections* of crossings (not persons). Adding one to another gives a
number with no meaning, so :func:`check_same_metric` refuses it unless asked explicitly.

>>> Metric.parse("prevented entry") is Metric.PREVENTED_ENTRY
True
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from corridor.exc import InvalidData, RefusedOperation


class Metric(StrEnum):
    """What a figure counts."""

    ATTEMPT = "attempt"
    PREVENTED_ENTRY = "prevented_entry"
    APPREHENSION = "apprehension"
    ADMITTED_HUMANITARIAN = "admitted_humanitarian"
    FRONTEX_DETECTION = "frontex_detection"
    ASYLUM_APPLICATION = "asylum_application"
    FLIGHT_ARRIVAL = "flight_arrival"
    SEATS = "seats"

    @property
    def meaning(self) -> str:
        return METRIC_MEANINGS[self]

    @classmethod
    def parse(cls, text: str) -> Metric:
        """A metric from its value or another name it goes by (:data:`METRIC_WORDS`)."""
        key = text.strip().lower().replace(" ", "_").replace("-", "_")
        try:
            return cls(key)
        except ValueError:
            if key in METRIC_WORDS:
                return METRIC_WORDS[key]
            known = ", ".join(m.value for m in cls)
            raise InvalidData.at(f"unknown metric {text!r} (known: {known})") from None


METRIC_MEANINGS: dict[Metric, str] = {
    Metric.ATTEMPT: "attempts to cross illegally, repeats by the same person included (PL)",
    Metric.PREVENTED_ENTRY: "people turned back at the border (LT, LV)",
    Metric.APPREHENSION: "people detained after crossing",
    Metric.ADMITTED_HUMANITARIAN: "people let in on humanitarian grounds",
    Metric.FRONTEX_DETECTION: "Frontex detections of illegal border crossing (crossings, not persons)",
    Metric.ASYLUM_APPLICATION: "asylum applications lodged",
    Metric.FLIGHT_ARRIVAL: "flights arriving",
    Metric.SEATS: "seats offered on arriving flights",
}


# Other names of the metrics: the evidence extractor's counts (``figures.metrics`` in
# corridor/evidence/patterns.yml) say "attempts" where flows says "attempt". Its other counts
# (deaths, troops, stranded, money...) have no flows metric: they are not figures flows keeps.
METRIC_WORDS: dict[str, Metric] = {
    "attempts": Metric.ATTEMPT,
    "prevented_entries": Metric.PREVENTED_ENTRY,
    "arrests": Metric.APPREHENSION,
}


def check_same_metric(metrics: Iterable[Metric], *, allow_mixed: bool = False) -> Metric | None:
    """The one metric of ``metrics``; refuses several unless ``allow_mixed``.

    Returns ``None`` when the metrics are mixed and that was allowed, or when there are none.
    """
    kinds = sorted(set(metrics))
    if len(kinds) <= 1:
        return kinds[0] if kinds else None
    if allow_mixed:
        return None
    names = " and ".join(f"{k.value} ({k.meaning})" for k in kinds)
    raise RefusedOperation(
        f"refusing to combine figures of different metrics: {names}; "
        "pass allow_mixed_metrics (--allow-mixed-metrics) if you mean it"
    )
