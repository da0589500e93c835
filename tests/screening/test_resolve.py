"""The resolver's rules on real names and codes (see screening_helpers and data/lists)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from screening_helpers import entity

from corridor.model import EntityType, IdScheme
from corridor.screening.resolve import clusters, propose


def test_shared_identifier_links_across_lists() -> None:
    eu = entity("eu_journal-I.B-18", ["Republican unitary enterprise ‘TSENTRKURORT’"],
                source="eu_journal", codes=[(IdScheme.REGISTRATION, "100726604")])  # fmt: skip
    us = entity("ofac_sdn-33171", ["REPUBLICAN UNITARY ENTERPRISE TSENTRKURORT"],
                codes=[(IdScheme.REGISTRATION, "100726604")])  # fmt: skip
    (link,) = propose([eu, us])
    assert (link.left, link.right, link.rule) == (
        "eu_journal-I.B-18",
        "ofac_sdn-33171",
        "identifier",
    )
    assert link.reasons == ("same registration 100726604",)


def test_same_name_needs_an_agreeing_date_of_birth() -> None:
    def person(eid: str, source: str, name: str, dob: str) -> object:
        return entity(eid, [name], type=EntityType.PERSON, source=source, birth_dates=[dob])

    a = person("eu_journal-I.A-8", "eu_journal", "Siarhei Mikalaevich KHAMENKA", "1966-09-21")
    b = person("uk_ofsi-13933", "uk_ofsi", "SIARHEI MIKALAEVICH KHAMENKA", "1966")
    c = person("ofac_sdn-1", "ofac_sdn", "Siarhei Mikalaevich KHAMENKA", "1971-02-02")
    links = propose([a, b, c])  # type: ignore[list-item]
    assert [(x.left, x.right) for x in links] == [("eu_journal-I.A-8", "uk_ofsi-13933")]
    assert "date of birth" in links[0].reasons[1]


def test_never_within_one_list_nor_across_types() -> None:
    a = entity("ofac_sdn-1", ["BELAVIA"], countries=["by"])
    b = entity("ofac_sdn-2", ["BELAVIA"], countries=["by"])
    c = entity("uk_ofsi-3", ["Belavia"], type=EntityType.PERSON, source="uk_ofsi",
               countries=["by"], birth_dates=["1970"])  # fmt: skip
    assert propose([a, b, c]) == []


def test_conflicting_registration_vetoes_the_name_rule() -> None:
    a = entity("ofac_sdn-1", ["Bremino Group"], countries=["by"],
               codes=[(IdScheme.REGISTRATION, "191185496")])  # fmt: skip
    b = entity("ca_sema-2", ["BREMINO GROUP LLC"], source="ca_sema", countries=["by"],
               codes=[(IdScheme.REGISTRATION, "999999999")])  # fmt: skip
    assert propose([a, b]) == []
    b = entity("ca_sema-2", ["BREMINO GROUP LLC"], source="ca_sema", countries=["by"])
    (link,) = propose([a, b])
    assert link.rule == "name" and link.reasons[1] == "country by"


def test_clusters() -> None:
    groups = clusters(["x"], [("a", "b"), ("b", "c"), ("d", "e")])
    assert groups["a"] == groups["c"] == ["a", "b", "c"]
    assert groups["e"] == ["d", "e"] and groups["x"] == ["x"]


def test_rejected_pairs_stay_apart() -> None:
    groups = clusters([], [("a", "b"), ("b", "c")], rejected=[("a", "c")])
    assert groups["a"] == ["a", "b"] and groups["c"] == ["c"]
