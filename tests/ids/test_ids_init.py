from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.ids import extract_identifiers, normalise_identifier
from corridor.model import IdScheme

# Real remarks from the OFAC SDN file of 2024-05-03.
BELAVIA = "Tax ID No. 600390798 (Belarus); Government Gazette Number 011286185000 (Belarus)."
EW_78843 = (
    "Aircraft Manufacture Date 1990; Aircraft Model IL-76TD; Aircraft Manufacturer's Serial "
    "Number (MSN) 1003403082; Linked To: OTKRYTOYE AKTSIONERNOYE OBSCHESTVO TAE AVIA."
)
EW_301PJ = (
    "Aircraft Model CRJ-200ER; Aircraft Manufacturer's Serial Number (MSN) 8057; Aircraft Tail "
    "Number EW-301PJ; Linked To: OPEN JOINT STOCK COMPANY BELAVIA BELARUSIAN AIRLINES."
)
TSENTRKURORT = "Target Type State-Owned Enterprise; Registration Number 100726604 (Belarus)."


def found(text: str) -> list[tuple[str, str, str | None]]:
    return [(i.scheme.value, i.value, i.country) for i in extract_identifiers(text)]


def test_tax_id_with_country() -> None:
    assert ("tax", "600390798", "by") in found(BELAVIA)


def test_serial_but_not_the_model() -> None:
    assert found(EW_78843) == [("aircraft_serial", "1003403082", None)]


def test_tail_number_and_serial() -> None:
    assert found(EW_301PJ) == [
        ("aircraft_serial", "8057", None),
        ("aircraft_registration", "EW301PJ", "by"),
    ]


def test_company_registration_is_not_an_aircraft() -> None:
    assert found(TSENTRKURORT) == [("registration", "100726604", "by")]


def test_bare_registrations_need_a_known_mark_and_shape() -> None:
    text = "flown by YK-AKA and RA-64050, types TU-154 and AN-124"
    assert found(text) == [
        ("aircraft_registration", "YKAKA", "sy"),
        ("aircraft_registration", "RA64050", "ru"),
    ]


def test_imo_with_check_digit() -> None:
    assert found("Vessel Registration Identification IMO 9187629.") == [("imo", "9187629", None)]
    assert found("IMO 9187628") == []


def test_airline_codes_only_where_the_text_says_so() -> None:
    assert found("IATA code B2, ICAO designator BRU") == [
        ("iata_airline", "B2", None),
        ("icao_airline", "BRU", None),
    ]
    assert found("B2 BRU") == []


def test_no_duplicates() -> None:
    assert len(extract_identifiers("Tail Number EW-78843; EW-78843; ew 78843")) == 1


@pytest.mark.parametrize(
    ("scheme", "raw", "expected"),
    [
        (IdScheme.AIRCRAFT_REGISTRATION, "EW-78843", "EW78843"),
        (IdScheme.AIRCRAFT_REGISTRATION, "ew 78843", "EW78843"),
        (IdScheme.IMO, "IMO 9187629", "9187629"),
        (IdScheme.AIRCRAFT_SERIAL, "MSN 1003403109", "1003403109"),
        (IdScheme.IATA_AIRLINE, "b2", "B2"),
        (IdScheme.ICAO_AIRLINE, "bru ", "BRU"),
        (IdScheme.TAX, "600-390 798", "600390798"),
    ],
)
def test_normalise(scheme: IdScheme, raw: str, expected: str) -> None:
    assert normalise_identifier(scheme, raw) == expected


@given(st.sampled_from(list(IdScheme)), st.text(max_size=30))
def test_normalise_is_idempotent(scheme: IdScheme, value: str) -> None:
    once = normalise_identifier(scheme, value)
    assert normalise_identifier(scheme, once) == once


@given(st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ0123456789", min_size=2, max_size=8))
def test_registration_separator_and_case_invariant(value: str) -> None:
    expected = normalise_identifier(IdScheme.AIRCRAFT_REGISTRATION, value)
    for variant in (value.lower(), f"{value[:2]}-{value[2:]}", f" {value[:2]} {value[2:]} "):
        assert normalise_identifier(IdScheme.AIRCRAFT_REGISTRATION, variant) == expected


@given(st.text(max_size=40))
def test_extract_never_fails(text: str) -> None:
    for ident in extract_identifiers(text):
        assert normalise_identifier(ident.scheme, ident.value) == ident.value


def test_company_imo_number_is_the_registration_value() -> None:
    # OFAC writes an IMO company number as "Company Number IMO 5145892" (ofac_sdn 2021-07-07)
    (found,) = extract_identifiers("Company Number IMO 5145892.")
    assert found.scheme is IdScheme.REGISTRATION and found.value == "5145892"
