"""Names made comparable across scripts, spellings, word order and legal forms.

A name goes through these steps, each one a function here:

1. :func:`ascii_form`: ICU ``Any-Latin; Latin-ASCII`` (so Лукашэнка, Łukašenka and
   Lukashenka all end up in plain ASCII), lower case, punctuation as spaces.
2. :func:`tokens` then legal forms dropped (OJSC, ОАО, ААТ, LLC, "Republican Unitary
   Enterprise"...: the phrases of ``legal_forms.yml``, after rigour's own org-type table has
   put long forms in their short compare form).
3. :func:`skeleton` per token: spelling variants of transliteration folded (``sh``/``s``,
   ``kh``/``h``, ``ts``/``c``, doubled letters...), so "Lukashenko" and the ICU "lukasenko" agree.
4. :func:`phonetic` per token (metaphone of the skeleton) for the candidate index.

:func:`normalise` runs them all and returns a :class:`NormalName`, cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import icu
import jellyfish
from pydantic import BaseModel
from rigour.names import replace_org_types_compare

from corridor.resources import load_yaml

_TRANSLIT_RULES = "Any-Latin; Latin-ASCII; Lower"
_NON_WORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['`\u2019\u02bc\u02b9\u02bb]")
_DOUBLE = re.compile(r"(.)\1+")
_DIGIT = re.compile(r"[0-9]")
# Order matters: longer digraphs first.
_FOLDS: tuple[tuple[str, str], ...] = (
    ("shch", "s"),
    ("sch", "s"),
    ("tch", "c"),
    ("sh", "s"),
    ("ch", "c"),
    ("zh", "z"),
    ("kh", "h"),
    ("ts", "c"),
    ("tz", "c"),
    ("cz", "c"),
    ("ck", "k"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("gh", "g"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("w", "v"),
    ("q", "k"),
    ("x", "ks"),
    ("y", "i"),
    ("j", "i"),
)


class LegalFormEntry(BaseModel):
    form: str
    variants: list[str]


class LegalFormsFile(BaseModel):
    legal_forms: list[LegalFormEntry]
    generic: list[str]


@dataclass(frozen=True, slots=True)
class LegalForms:
    """Legal-form phrases (as token tuples) mapped to their canonical form, and generic words."""

    phrases: dict[tuple[str, ...], str]
    longest: int
    generic: frozenset[str]


@cache
def _transliterator() -> icu.Transliterator:
    return icu.Transliterator.createInstance(_TRANSLIT_RULES)


@lru_cache(maxsize=200_000)
def ascii_form(text: str) -> str:
    """Any script to lower-case ASCII words separated by single spaces."""
    text = _APOSTROPHES.sub("", text)
    latin = text.lower() if text.isascii() else _transliterator().transliterate(text)
    return " ".join(_NON_WORD.sub(" ", latin).split())


def tokens(text: str) -> list[str]:
    """The ASCII words of ``text``."""
    return ascii_form(text).split()


@cache
def legal_forms() -> LegalForms:
    """The bundled legal-form table (``legal_forms.yml``), validated and transliterated."""
    raw = resources.files("corridor.screening").joinpath("legal_forms.yml").read_text("utf-8")
    data = LegalFormsFile.model_validate(load_yaml(raw))
    phrases: dict[tuple[str, ...], str] = {}
    for entry in data.legal_forms:
        for variant in [entry.form, *entry.variants]:
            key = tuple(tokens(variant))
            if key:
                phrases[key] = entry.form
    generic = frozenset(t for word in data.generic for t in tokens(word))
    return LegalForms(phrases, max(len(k) for k in phrases), generic)


def strip_legal_forms(words: list[str]) -> tuple[list[str], list[str]]:
    """Remove legal-form phrases (longest first); return the rest and the forms found.

    A name made only of a legal form keeps its words: there is nothing else to compare.
    """
    table = legal_forms()
    kept: list[str] = []
    found: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(table.longest, len(words) - i), 0, -1):
            form = table.phrases.get(tuple(words[i : i + size]))
            if form is not None:
                found.append(form)
                i += size
                break
        else:
            kept.append(words[i])
            i += 1
    if not kept:
        return list(words), []
    return kept, found


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """Fold transliteration variants of one ASCII token (``lukashenko`` -> ``lukasenko``).

    Tokens with digits (codes, registrations) are kept as they are.
    """
    if _DIGIT.search(token):
        return token
    out, before = token, ""
    while out != before:  # folding can make a new digraph ("tsh" -> "ch"): fold to a fixpoint
        before = out
        for old, new in _FOLDS:
            if old in out:
                out = out.replace(old, new)
        out = _DOUBLE.sub(r"\1", out)
    return out


@lru_cache(maxsize=200_000)
def phonetic(token: str) -> str:
    """A sound key for the candidate index; digits and short tokens are their own key."""
    if len(token) < 3 or _DIGIT.search(token):
        return token
    return jellyfish.metaphone(token) or token


@dataclass(frozen=True, slots=True)
class NormalName:
    """A name ready to compare.

    ``words`` are the skeleton tokens after legal forms are dropped; ``core`` is ``words``
    without generic words (airline, company), unless that would leave nothing; ``key`` is
    the sorted words joined by spaces (word order does not count), ``core_key`` the same for
    the core; ``joined`` the core words written together ("oskar tur" -> "oskartur").
    """

    original: str
    ascii: str
    words: tuple[str, ...]
    core: tuple[str, ...]
    legal_forms: tuple[str, ...]
    key: str
    core_key: str
    joined: str


@lru_cache(maxsize=300_000)
def normalise(text: str) -> NormalName:
    """Run every step on one name (see the module docstring)."""
    plain = ascii_form(text)
    compared = ascii_form(replace_org_types_compare(plain)) if plain else plain
    words, forms = strip_legal_forms(compared.split())
    folded = tuple(skeleton(w) for w in words)
    generic = legal_forms().generic
    core = tuple(w for w, raw in zip(folded, words, strict=True) if raw not in generic)
    core = core or folded
    return NormalName(
        original=text,
        ascii=plain,
        words=folded,
        core=core,
        legal_forms=tuple(forms),
        key=" ".join(sorted(folded)),
        core_key=" ".join(sorted(core)),
        joined="".join(core),
    )
