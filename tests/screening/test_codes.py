"""Query codes with their scheme against the bundled OFAC and EU list excerpts (src/corridor/data/lists)."""

from __future__ import annotations

import pytest

from corridor.model import Entity, Identifier, IdScheme, utcnow
from corridor.resources import data_dir
from corridor.screening.algorithm import match
from corridor.screening.codes import QueryCode, match_codes, read_codes
from corridor.screening.evaluate import code_cases, evaluate, index_matcher
from corridor.screening.index import ScreeningIndex
from corridor.screening.result import Hit, Query
from corridor.sources.context import SourceContext, iter_parsed
from corridor.sources.registry import load_registry

LISTS = data_dir("lists")

# In the OFAC excerpt of 2024-05-03: the tanker SCF PRIMORYE, Belavia's aircraft, Belavia itself; in
# the EU journal transcription Belavia holds its number as a registration, OFAC as a tax id.
SCF_PRIMORYE = "ofac_sdn-45555"  # IMO 9421960, MMSI 636014308, call sign A8SW6
EW_301PJ = "ofac_sdn-44580"  # MSN 8057
EW_78843 = "ofac_sdn-33399"  # MSN 1003403082
EP_GOQ = "ofac_sdn-15433"  # MSN 2006
BELAVIA = "ofac_sdn-44541"  # tax 600390798
BELAVIA_EU = "eu_journal-I.B-17"  # registration 600390798


def parse(source: str, rel: str) -> list[Entity]:
    context = SourceContext(
        source=source, path=LISTS / rel, snapshot="0" * 64, retrieved_at=utcnow()
    )
    return list(iter_parsed(load_registry().lookup(source).load_parser(), context))


@pytest.fixture(scope="module")
def index() -> ScreeningIndex:
    return ScreeningIndex.build(
        parse("ofac_sdn", "ofac_sdn/2024-05-03")
        + parse("eu_journal", "eu_journal/2026-08-22/32006R0765.csv")
    )


def by_code(index: ScreeningIndex, code: str) -> list[Hit]:
    return match(Query("q", ("Unknown",), identifiers=(code,)), index, 0.8)


def identifier_feature(hit: Hit) -> tuple[str, str | None, str | None]:
    feature = next(f for f in hit.features if f.name == "identifier")
    assert feature.score == 1.0
    return feature.detail, feature.query_value, feature.candidate_value


@pytest.mark.parametrize(
    ("code", "expected", "scheme"),
    [
        ("IMO 9421960", SCF_PRIMORYE, "imo"),
        ("imo no. 942 1960", SCF_PRIMORYE, "imo"),
        ("MMSI 636014308", SCF_PRIMORYE, "mmsi"),
        ("MSN 8057", EW_301PJ, "aircraft_serial"),
        ("(MSN) 1003403082", EW_78843, "aircraft_serial"),
        ("reg EW-301PJ", EW_301PJ, "aircraft_registration"),
        ("EW301PJ", EW_301PJ, "aircraft_registration"),
        ("tail number ew 78843", EW_78843, "aircraft_registration"),
    ],
)
def test_scheme_and_value_match(
    index: ScreeningIndex, code: str, expected: str, scheme: str
) -> None:
    hits = by_code(index, code)
    assert [h.entity_id for h in hits] == [expected]
    detail, query_value, _ = identifier_feature(hits[0])
    assert detail.startswith(f"{scheme} ") and f"read as {scheme}" in detail
    assert query_value == code


def test_labelled_imo_number_was_missed_before(index: ScreeningIndex) -> None:
    """The scheme-less form of "IMO 9421960" is IMO9421960: it matched nothing."""
    assert index.positions[SCF_PRIMORYE] not in index.by_code.get("IMO9421960", [])
    assert [h.entity_id for h in by_code(index, "IMO 9421960")] == [SCF_PRIMORYE]


def test_a_labelled_code_does_not_match_another_family(index: ScreeningIndex) -> None:
    """EP-GOQ's serial is 2006: asked as an IATA code or an IMO number it is no hit."""
    assert [h.entity_id for h in by_code(index, "MSN 2006")] == [EP_GOQ]
    assert by_code(index, "MMSI 2006") == []
    assert EP_GOQ in [h.entity_id for h in by_code(index, "2006")]  # no label: characters


def test_scheme_unknown_falls_back_to_characters(index: ScreeningIndex) -> None:
    hits = by_code(index, "600-390-798")
    assert {h.entity_id for h in hits} >= {BELAVIA, BELAVIA_EU}
    for hit in hits:
        assert "scheme not compared" in identifier_feature(hit)[0]


def test_generic_schemes_still_meet_across_lists(index: ScreeningIndex) -> None:
    """A tax id asked as such finds OFAC's tax id by scheme and the EU's registration number by
    its characters: tax and company numbers are filed either way."""
    hits = {h.entity_id: h for h in by_code(index, "TIN 600390798")}
    assert {BELAVIA, BELAVIA_EU} <= set(hits)
    assert "read as tax" in identifier_feature(hits[BELAVIA])[0]
    assert "scheme not compared" in identifier_feature(hits[BELAVIA_EU])[0]


def test_registration_in_a_name_is_read_too(index: ScreeningIndex) -> None:
    hits = match(Query("q", ("EW-301PJ",)), index, 0.8)
    assert hits[0].entity_id == EW_301PJ


def test_match_codes_prefers_the_scheme() -> None:
    held = [
        Identifier(IdScheme.AIRCRAFT_SERIAL, "8057", "8057"),
        Identifier(IdScheme.OTHER, "MSN8057", "MSN 8057"),
    ]
    found = match_codes(read_codes(["MSN 8057"]), held)
    assert found is not None and found.by_scheme
    assert found.identifier.scheme is IdScheme.AIRCRAFT_SERIAL


def test_query_code_forms() -> None:
    code = QueryCode.read("IMO 8508462")
    assert code is not None and code.plain == ("IMO8508462", "8508462")
    assert not code.may_equal(IdScheme.MMSI)
    assert code.may_equal(IdScheme.OTHER) and code.may_equal(IdScheme.IMO)
    assert QueryCode.read("--") is None
    assert read_codes(["EW-78843", "EW-78843", ""]) == read_codes(["EW-78843"])


def test_a_labelled_code_not_valid_in_its_scheme_keeps_its_family(index: ScreeningIndex) -> None:
    """ "IATA 2006" is no IATA code; its characters may not meet EP-GOQ's serial 2006 either."""
    code = QueryCode.read("IATA 2006")
    assert code is not None and code.typed is None and code.stated is IdScheme.IATA_AIRLINE
    assert code.plain == ("IATA2006", "2006")
    assert by_code(index, "IATA 2006") == []


def test_numbers_in_names_are_equal_or_not_at_all(index: ScreeningIndex) -> None:
    """OFAC names an aircraft "MSN 164": "MSN 3164" is another aircraft."""
    assert [h.entity_id for h in match(Query("q", ("MSN 164",)), index, 0.8)][:1] == [
        "ofac_sdn-18157"
    ]
    assert match(Query("q", ("MSN 3164",)), index, 0.8) == []


def test_code_cases_from_the_lists(index: ScreeningIndex) -> None:
    cases = code_cases(index.entities, limit=60, negatives=30)
    kinds = {c.kind for c in cases}
    assert kinds == {"code", "code unlisted", "code other family"}
    report = evaluate(cases, index_matcher(index, 0.8), 0.8)
    assert report.recall == 1.0 and report.precision == 1.0, report.failures


def test_an_aircraft_named_by_its_registration_is_compared_as_a_code(
    index: ScreeningIndex,
) -> None:
    """OFAC names EX-35011 by its registration: EX-35012 is another aircraft (it scored 0.83
    on the names before); "reg EP-GOM" typed as a name finds EP-GOM."""
    assert match(Query("q", ("EX-35012",)), index, 0.8) == []
    assert match(Query("q", ("YK-AGZ",)), index, 0.8) == []
    hits = match(Query("q", ("reg EP-GOM",)), index, 0.8)
    assert [h.entity_id for h in hits] == ["ofac_sdn-15431"]
    assert hits[0].name is not None and hits[0].name.method == "code equal"
    named = next(n for n in index.entity_names(index.positions["ofac_sdn-15431"]))
    assert named.code == "EPGOM"
