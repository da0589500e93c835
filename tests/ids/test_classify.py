"""Query codes read with their scheme: labels, shapes, and every spelling of one code alike."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.ids import classify_code, is_valid_imo
from corridor.ids.classify import read_label
from corridor.model import IdScheme

# Codes of the bundled OFAC excerpts (src/corridor/data/lists/ofac_sdn): the vessel BANEH (2021-07-07:
# IMO 8508462, MMSI 422141000), Belavia's aircraft EW-301PJ (MSN 8057) and EW-78843 (MSN
# 1003403082), Belavia's tax number; Belavia's airline designators B2 / BRU.
READINGS = [
    ("IMO 8508462", IdScheme.IMO, "8508462"),
    ("imo:8508462", IdScheme.IMO, "8508462"),
    ("IMO No. 850-8462", IdScheme.IMO, "8508462"),
    ("MMSI 422141000", IdScheme.MMSI, "422141000"),
    ("ICAO: BRU", IdScheme.ICAO_AIRLINE, "BRU"),
    ("icao designator bru", IdScheme.ICAO_AIRLINE, "BRU"),
    ("IATA B2", IdScheme.IATA_AIRLINE, "B2"),
    ("MSN 8057", IdScheme.AIRCRAFT_SERIAL, "8057"),
    ("(MSN) 1003403082", IdScheme.AIRCRAFT_SERIAL, "1003403082"),
    ("reg EW-301PJ", IdScheme.AIRCRAFT_REGISTRATION, "EW301PJ"),
    ("Tail Number EW-78843", IdScheme.AIRCRAFT_REGISTRATION, "EW78843"),
    ("EW301PJ", IdScheme.AIRCRAFT_REGISTRATION, "EW301PJ"),
    ("ew 78843", IdScheme.AIRCRAFT_REGISTRATION, "EW78843"),
    ("EP-GOM", IdScheme.AIRCRAFT_REGISTRATION, "EPGOM"),
    ("Registration Number 100726604", IdScheme.REGISTRATION, "100726604"),
    ("TIN 600390798", IdScheme.TAX, "600390798"),
]


@pytest.mark.parametrize(("text", "scheme", "value"), READINGS)
def test_reads_scheme_and_value(text: str, scheme: IdScheme, value: str) -> None:
    code = classify_code(text)
    assert code is not None
    assert (code.scheme, code.value, code.original) == (scheme, value, text)


@pytest.mark.parametrize(
    "text",
    [
        "600390798",  # a bare number: which scheme is unknown
        "IMO 8508463",  # check digit fails
        "b-2",  # a bare airline code could be anything
        "IL-76",  # an aircraft model, not a registration
        "N123AB",  # N registrations are not written with a hyphen: only after a label
        "ICAO: BR1",  # not three letters
        "Belavia",
        "",
    ],
)
def test_unknown_schemes_give_none(text: str) -> None:
    assert classify_code(text) is None


def test_label_or_shape_is_told() -> None:
    labelled, shaped = classify_code("reg EW-301PJ"), classify_code("EW-301PJ")
    assert labelled is not None and shaped is not None
    assert labelled.label == "reg" and labelled.reading == "labelled 'reg'"
    assert shaped.label is None and shaped.reading == "by its nationality mark"
    company = classify_code("reg 100726604")
    assert company is not None and company.scheme is IdScheme.REGISTRATION


SEPARATORS = st.sampled_from(["", " ", "  ", "-", ".", "/"])
BETWEEN = st.sampled_from([" ", ": ", " : ", "#", "-", ". ", ":", "  "])
CASES = st.sampled_from([str.upper, str.lower, str.title, str.swapcase])


@st.composite
def spelled(draw: st.DrawFn, chars: str) -> str:
    """``chars`` in any case with any separators between characters."""
    case = draw(CASES)
    return "".join(case(c) + draw(SEPARATORS) for c in chars[:-1]) + case(chars[-1])


@st.composite
def imo_numbers(draw: st.DrawFn) -> str:
    head = draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
    check = sum(int(d) * w for d, w in zip(head, range(7, 1, -1), strict=True)) % 10
    return head + str(check)


@given(imo_numbers(), st.sampled_from(["IMO", "imo", "IMO No.", "Imo Number"]), BETWEEN, st.data())
def test_any_spelling_of_an_imo_number_reads_the_same(
    number: str, label: str, between: str, data: st.DataObject
) -> None:
    assert is_valid_imo(number)
    code = classify_code(label + between + data.draw(spelled(number)))
    assert code is not None and (code.scheme, code.value) == (IdScheme.IMO, number)


@given(
    st.sampled_from(["EW301PJ", "EW78843", "EW001PH", "EPGOM", "EX35011", "YKAKA", "RA64050"]),
    st.sampled_from(["", "reg ", "Reg: ", "TAIL NUMBER ", "tail-", "Aircraft Registration # "]),
    st.data(),
)
def test_any_spelling_of_a_registration_reads_the_same(
    reg: str, label: str, data: st.DataObject
) -> None:
    written = data.draw(spelled(reg))
    code = classify_code(label + written)
    assert code is not None
    assert (code.scheme, code.value) == (IdScheme.AIRCRAFT_REGISTRATION, reg)


@given(
    st.sampled_from(
        [
            ("IATA", IdScheme.IATA_AIRLINE, "B2"),
            ("IATA code", IdScheme.IATA_AIRLINE, "6Q"),
            ("ICAO", IdScheme.ICAO_AIRLINE, "BRU"),
            ("ICAO designator", IdScheme.ICAO_AIRLINE, "SAW"),
            ("MSN", IdScheme.AIRCRAFT_SERIAL, "1003403082"),
            ("MMSI", IdScheme.MMSI, "422141000"),
        ]
    ),
    CASES,
    BETWEEN,
    CASES,
)
def test_any_case_and_spacing_of_a_labelled_code_reads_the_same(
    item: tuple[str, IdScheme, str], label_case: object, between: str, value_case: object
) -> None:
    label, scheme, value = item
    assert callable(label_case) and callable(value_case)
    code = classify_code(f"  {label_case(label)}{between}{value_case(value)} ")
    assert code is not None and (code.scheme, code.value) == (scheme, value)


def test_read_label_tells_the_label_even_when_the_value_is_not_valid() -> None:
    labelled = read_label("IMO No. 8508463")
    assert labelled is not None
    assert (labelled.scheme, labelled.label, labelled.raw) == (IdScheme.IMO, "imo no", "8508463")
    assert classify_code("IMO No. 8508463") is None
    assert read_label("8508463") is None


def test_labels_are_validated_data() -> None:
    from pydantic import ValidationError

    from corridor.ids.classify import _LabelTable

    with pytest.raises(ValidationError, match="not a regular expression"):
        _LabelTable.model_validate({"labels": [{"scheme": "imo", "pattern": "IMO("}]})
    with pytest.raises(ValidationError):
        _LabelTable.model_validate({"labels": [{"scheme": "ship", "pattern": "IMO"}]})
