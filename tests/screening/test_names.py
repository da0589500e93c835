from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.screening.names import ascii_form, legal_forms, normalise, skeleton, tokens


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Лукашенко", "Lukashenko"),
        ("Łukašenka", "Lukashenka"),
        ("Лукашэнка", "LUKASHENKA"),
        ("Белавиа", "Belavia"),
        ("Центркурорт", "Tsentrkurort"),
        ("Türk Hava Yolları", "Turk Hava Yollari"),
        ("Hava Yolları Türk", "TURK HAVA YOLLARI"),
    ],
)
def test_scripts_and_spellings_meet(a: str, b: str) -> None:
    assert normalise(a).key == normalise(b).key


@pytest.mark.parametrize(
    ("name", "words", "form"),
    [
        ("OJSC Belavia", ("belavia",), "jsc"),
        ("ОАО Авиакомпания Белавиа", ("aviakompania", "belavia"), "jsc"),
        ("ААТ Авіякампанія Белавія", ("aviakampania", "belavia"), "jsc"),
        ("Open Joint Stock Company Belavia", ("belavia",), "jsc"),
        ("Otkrytoye Aktsionernoye Obshchestvo TAE Avia", ("tae", "avia"), "jsc"),
        ("Republican Unitary Enterprise Tsentrkurort", ("centrkurort",), "rue"),
        ("Oskartour LLC", ("oskartur",), "llc"),
    ],
)
def test_legal_forms_removed_and_typed(name: str, words: tuple[str, ...], form: str) -> None:
    norm = normalise(name)
    assert norm.words == words
    assert norm.legal_forms == (form,)


def test_generic_words_leave_the_core() -> None:
    norm = normalise("Belavia Belarusian Airlines")
    assert norm.core == ("belavia", "belarusian")
    assert "airlines" in norm.words


def test_a_name_that_is_only_a_legal_form_keeps_it() -> None:
    assert normalise("JSC").words == ("isc",)


def test_codes_keep_their_digits() -> None:
    assert normalise("EW-78843").words == ("ev", "78843")


def test_punctuation_and_quotes() -> None:
    assert ascii_form("Open Joint Stock Company ‘Belavia’ - (Minsk)") == (
        "open joint stock company belavia minsk"
    )
    assert tokens("O'Brien") == ["obrien"]


def test_legal_forms_file_is_valid() -> None:
    table = legal_forms()
    assert table.phrases[("oao",)] == "jsc"
    assert "airlines" in table.generic


@given(st.text(max_size=40))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once.ascii).ascii == once.ascii
    assert all(skeleton(w) == w for w in once.words)


@given(st.lists(st.sampled_from(["Belavia", "Cham", "Wings", "Лукашенко", "Türk"]), max_size=5))
def test_word_order_does_not_count(words: list[str]) -> None:
    assert normalise(" ".join(words)).key == normalise(" ".join(reversed(words))).key
