"""Periods as values: half-open intervals ``[start, end)`` of aware UTC datetimes.

An interval's end is explicit: a datetime, or ``None`` which means *open*, still running
(a listing not yet lifted, a measure until further notice). Intervals combine with ``&``
(intersection), ``|`` (union, as an :class:`IntervalCollection`) and ``-`` (difference).

>>> from corridor.model.time import to_datetime as d
>>> a = Interval(d("2021-12-02"), d("2022-07-18"))
>>> a.contains(d("2022-01-01")), a.contains(d("2022-07-18"))
(True, False)
>>> (a & Interval(d("2022-01-01"), None)).start.date().isoformat()
'2022-01-01'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from corridor.model.time import to_datetime


@dataclass(frozen=True, slots=True)
class Interval:
    """``[start, end)``; ``end is None`` means open-ended."""

    start: datetime
    end: datetime | None

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or (self.end is not None and self.end.tzinfo is None):
            raise ValueError("interval bounds must be timezone-aware (UTC)")
        if self.end is not None and self.end < self.start:
            raise ValueError(f"interval ends before it starts: {self.start} > {self.end}")

    @classmethod
    def from_dates(
        cls, start: str | date, end: str | date | None, *, inclusive: bool = True
    ) -> Interval:
        """From calendar dates; with ``inclusive`` the end date is the last day covered."""
        start_dt = to_datetime(start)
        if end is None:
            return cls(start_dt, None)
        end_dt = to_datetime(end)
        if inclusive:
            end_dt += timedelta(days=1)
        return cls(start_dt, end_dt)

    @property
    def is_open(self) -> bool:
        return self.end is None

    @property
    def last_day(self) -> date | None:
        """The last calendar day covered, or None when open."""
        if self.end is None:
            return None
        return (self.end - timedelta(microseconds=1)).date()

    def contains(self, when: datetime) -> bool:
        when = to_datetime(when)
        return self.start <= when and (self.end is None or when < self.end)

    def overlaps(self, other: Interval) -> bool:
        return (self & other) is not None

    def duration(self) -> timedelta | None:
        return None if self.end is None else self.end - self.start

    def __and__(self, other: Interval) -> Interval | None:
        start = max(self.start, other.start)
        ends = [e for e in (self.end, other.end) if e is not None]
        end = min(ends) if ends else None
        if end is not None and end <= start:
            return None
        return Interval(start, end)

    def __or__(self, other: Interval) -> IntervalCollection:
        return IntervalCollection([self, other])

    def __sub__(self, other: Interval) -> IntervalCollection:
        return IntervalCollection([self]) - IntervalCollection([other])

    def __str__(self) -> str:
        end = "open" if self.end is None else self.end.isoformat()
        return f"[{self.start.isoformat()}, {end})"


class IntervalCollection:
    """A set of disjoint, sorted intervals."""

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[Interval] = ()) -> None:
        self._items: list[Interval] = self._normalise(items)

    @staticmethod
    def _normalise(items: Iterable[Interval]) -> list[Interval]:
        result: list[Interval] = []
        for item in sorted(items, key=lambda i: i.start):
            if result:
                last = result[-1]
                if last.end is None or item.start <= last.end:
                    open_end = last.end is None or item.end is None
                    end = None if open_end else max(last.end, item.end)  # type: ignore[type-var]
                    result[-1] = Interval(last.start, end)
                    continue
            result.append(item)
        return result

    def __iter__(self) -> Iterator[Interval]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IntervalCollection) and self._items == other._items

    def __hash__(self) -> int:
        return hash(tuple(self._items))

    def __repr__(self) -> str:
        return f"IntervalCollection({self._items!r})"

    def contains(self, when: datetime) -> bool:
        return any(i.contains(when) for i in self._items)

    def __or__(self, other: IntervalCollection | Interval) -> IntervalCollection:
        more = [other] if isinstance(other, Interval) else list(other)
        return IntervalCollection([*self._items, *more])

    def __and__(self, other: IntervalCollection | Interval) -> IntervalCollection:
        more = [other] if isinstance(other, Interval) else list(other)
        parts = [x & y for x in self._items for y in more]
        return IntervalCollection(p for p in parts if p is not None)

    def __sub__(self, other: IntervalCollection | Interval) -> IntervalCollection:
        cuts = [other] if isinstance(other, Interval) else list(other)
        pieces = list(self._items)
        for cut in cuts:
            next_pieces: list[Interval] = []
            for piece in pieces:
                if (piece & cut) is None:
                    next_pieces.append(piece)
                    continue
                if piece.start < cut.start:
                    next_pieces.append(Interval(piece.start, cut.start))
                if cut.end is not None and (piece.end is None or cut.end < piece.end):
                    next_pieces.append(Interval(cut.end, piece.end))
            pieces = next_pieces
        return IntervalCollection(pieces)
