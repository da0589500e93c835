"""Query codes against listed identifiers: scheme and value when the scheme is known, else the
characters alone.

A query code is read with :func:`corridor.ids.classify_code` first. When it has a scheme
(``IMO 9187629``, ``icao: bru``, a bare ``EW123PA``) it matches a listed identifier of that
scheme with the same normalised value. Otherwise, and as a fall-back, it is compared without a
scheme: upper-case letters and digits only (``EW-78843`` = ``ew 78843``; a label is dropped
too when the value is not valid in its scheme, such as an IMO number whose check digit fails),
against the listed value and its original form. A code whose label names a scheme (``MSN 8057``,
valid or not) is never matched on the characters alone with a listed identifier of another code
family (an IATA code, an IMO number...): short codes of different families share characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from corridor.ids import classify_code, normalise_identifier
from corridor.ids.classify import TYPED_SCHEMES, ClassifiedCode, read_label
from corridor.model import Identifier, IdScheme

_CODE = re.compile(r"[^A-Z0-9]")


def normalise_code(value: str) -> str:
    """An identifier as compared without a scheme: upper-case letters and digits only."""
    return _CODE.sub("", value.upper())


@dataclass(frozen=True, slots=True)
class QueryCode:
    """One query code: as typed, its scheme-less forms, its scheme when it could be read, and
    the scheme its label names (``stated``, even when the value is not valid in it)."""

    original: str
    plain: tuple[str, ...]
    typed: ClassifiedCode | None
    stated: IdScheme | None = None

    @classmethod
    def read(cls, text: str) -> QueryCode | None:
        typed = classify_code(text)
        labelled = read_label(text)
        forms = [normalise_code(text)]
        if typed is not None:
            forms.append(normalise_code(typed.value))
        elif labelled is not None:  # labelled, not valid: "IMO 9187628" (check digit)
            forms.append(normalise_code(labelled.raw))
        plain = tuple(dict.fromkeys(f for f in forms if f))
        stated = None if labelled is None else labelled.scheme
        return cls(text, plain, typed, stated) if plain else None

    def may_equal(self, scheme: IdScheme) -> bool:
        """Whether a scheme-less match with an identifier of ``scheme`` may count: not when the
        code's label names another family of :data:`~corridor.ids.classify.TYPED_SCHEMES`."""
        mine = self.stated
        return mine is None or mine is scheme or not {mine, scheme} <= TYPED_SCHEMES


@dataclass(frozen=True, slots=True)
class CodeMatch:
    """A query code equal to a listed identifier, and how they were compared."""

    code: QueryCode
    identifier: Identifier
    by_scheme: bool

    @property
    def detail(self) -> str:
        ident = self.identifier
        if self.by_scheme and self.code.typed is not None:
            return (
                f"{ident.scheme.value} {ident.value} equal: the query's code read as "
                f"{self.code.typed.scheme.value} ({self.code.typed.reading})"
            )
        return f"{ident.scheme.value} {ident.value} equal (characters only, scheme not compared)"


def typed_keys(identifier: Identifier) -> set[str]:
    """The keys (``scheme:value``, the value normalised) a listed identifier is found by."""
    scheme = identifier.scheme
    keys = {typed_key(scheme, normalise_identifier(scheme, identifier.value))}
    if identifier.original and identifier.original != identifier.value:
        keys.add(typed_key(scheme, normalise_identifier(scheme, identifier.original)))
    return keys


def typed_key(scheme: IdScheme, value: str) -> str:
    """One scheme and value as one string key (plain strings hash faster than enum pairs)."""
    return f"{scheme.value}:{value}"


def plain_keys(identifier: Identifier) -> set[str]:
    """The scheme-less forms a listed identifier is found by."""
    keys = {normalise_code(identifier.value)}
    if identifier.original and identifier.original != identifier.value:
        keys.add(normalise_code(identifier.original))
    return {k for k in keys if k}


def read_codes(texts: Iterable[str]) -> tuple[QueryCode, ...]:
    """Query codes read once, without duplicates."""
    seen: dict[str, QueryCode] = {}
    for text in texts:
        code = QueryCode.read(text)
        if code is not None:
            seen.setdefault(text, code)
    return tuple(seen.values())


def _by_scheme(codes: Iterable[QueryCode], held: list[Identifier]) -> Iterator[CodeMatch]:
    for code in codes:
        if code.typed is None:
            continue
        key = typed_key(code.typed.scheme, code.typed.value)
        for ident in held:
            if key in typed_keys(ident):
                yield CodeMatch(code, ident, True)


def match_codes(codes: tuple[QueryCode, ...], held: list[Identifier]) -> CodeMatch | None:
    """The first query code equal to a listed identifier: by scheme and value first, then by
    characters alone where :meth:`QueryCode.may_equal` allows."""
    for found in _by_scheme(codes, held):
        return found
    plain: dict[str, list[Identifier]] = {}
    for ident in held:
        for key in plain_keys(ident):
            plain.setdefault(key, []).append(ident)
    for code in codes:
        for form in code.plain:
            for ident in plain.get(form, ()):
                if code.may_equal(ident.scheme):
                    return CodeMatch(code, ident, False)
    return None
