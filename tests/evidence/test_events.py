from __future__ import annotations

from datetime import date

import pytest

from corridor.evidence.extract.pipeline import extract_text

PUB = date(2021, 11, 20)  # a Saturday


def events(text: str):  # type: ignore[no-untyped-def]
    return [c for c in extract_text(text, PUB) if c.kind == "event"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Fly Baghdad Airlines halted all flights to Minsk on Thursday.", "flight_suspension"),
        (
            "Emirates said it would stop selling tickets to Minsk for Iraqi citizens.",
            "ticket_sales_ban",
        ),
        (
            "Flydubai will not allow Syrian and Yemeni nationals to board flights to Belarus.",
            "nationality_boarding_ban",
        ),
        ("Turkey banned transit passengers from Iraq on routes to Minsk.", "transit_ban"),
        ("The Council imposed sanctions on Belavia on 2 December 2021.", "sanctions_listing"),
        ("Brussels proposed rules to blacklist transport operators.", "blacklist_proposal"),
        ("Iraq pledged to stop the flow of migrants to Belarus.", "diplomatic_commitment"),
        ("Belarus closed its consulate in Erbil last week.", "consular_closure"),
        ("Aid groups were denied access to the border zone.", "humanitarian_access"),
        ("Polish guards used tear gas and water cannon at Kuźnica.", "border_incident"),
    ],
)
def test_event_types(text: str, kind: str) -> None:
    assert kind in {c.type for c in events(text)}


def test_event_roles_and_sentence() -> None:
    text = (
        "Flydubai will not allow Syrian and Yemeni nationals to board flights to Minsk "
        "from Dubai from Friday."
    )
    found = next(c for c in events(text) if c.type == "nationality_boarding_ban")
    assert found.value["nationalities"] == ["sy", "ye"]
    assert "Minsk" in found.value["places"] and "Dubai" in found.value["places"]
    assert found.value["date"]["start_date"] == "2021-11-26"
    assert (found.start, found.end) == (0, len(text))


def test_actor_and_target() -> None:
    found = events("The Council of the European Union imposed sanctions on Belavia.")[0]
    assert found.value["actor"] == "Council of the European Union"
    assert found.value["target"] == "Belavia"
    assert found.links["operator"] == ["Belavia"]


def test_a_carriers_promise_is_not_a_diplomatic_commitment() -> None:
    types = {
        c.type for c in events("Fly Baghdad Airlines confirmed that it will stop flights to Minsk.")
    }
    assert types == {"flight_suspension"}
    assert "diplomatic_commitment" in {
        c.type for c in events("Iraq confirmed that it will stop flights.")
    }


def test_nationalities_are_the_listed_countries_not_the_destination() -> None:
    text = (
        "Uzbekistan restricted flights to Belarus for transit passengers from several countries, "
        "including from Afghanistan, Iraq and Yemen."
    )
    found = next(c for c in events(text) if c.type == "transit_ban")
    assert found.value["nationalities"] == ["af", "iq", "ye"]


def _types(text: str) -> list[str]:
    return [c.type for c in events(text)]


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        (
            "Turkey has stopped citizens of Iraq and Syria from boarding flights to Belarus.",
            "nationality_boarding_ban",
        ),
        (
            "The authority told airlines to stop carrying Syrian and Yemeni nationals to Minsk.",
            "nationality_boarding_ban",
        ),
        ("Cham Wings said it was pulling out of the route.", "flight_suspension"),
        ("Iraq said it would keep its ban on flights to Belarus in place.", "flight_suspension"),
        ("Tickets to Minsk would no longer be sold to travellers from Iraq.", "ticket_sales_ban"),
        ("Uzbekistan Airways barred Afghans from transiting Tashkent.", "transit_ban"),
        ("The EU on Thursday blacklisted Belavia.", "sanctions_listing"),
        ("In all, 17 people were put under an asset freeze.", "sanctions_listing"),
        ("Washington added 12 companies to its own list.", "sanctions_listing"),
        (
            "The Commission proposed new powers to punish airlines that carry migrants.",
            "blacklist_proposal",
        ),
        ("The Belarusian consulate in Baghdad has suspended its operations.", "consular_closure"),
        (
            "Warsaw kept a ban on journalists and aid workers in the border zone.",
            "humanitarian_access",
        ),
        ("Two groups pushed through the fence near Dubicze Cerkiewne.", "border_incident"),
        (
            "Belavia has closed the door to passengers from those four countries.",
            "nationality_boarding_ban",
        ),
        ("The IOM said it had reached the warehouse with food parcels.", "humanitarian_access"),
        ("Her team was allowed in for several hours on Tuesday.", "humanitarian_access"),
        ("Warsaw extended the ban on access to the border area.", "humanitarian_access"),
        ("Cham Wings grounded the two aircraft it used on the route.", "flight_suspension"),
        (
            "Belavia, which is on the EU sanctions list, flies mostly to Russia.",
            "sanctions_listing",
        ),
    ],
)
def test_idioms_of_the_domain(text: str, etype: str) -> None:
    assert _types(text) == [etype]


@pytest.mark.parametrize(
    "text",
    [
        "Damascus has not made any public commitment.",
        "Uzbekistan Airways stopped carrying passengers in transit to Belarus.",
        "The EU could ban a carrier from flying over member states.",
    ],
)
def test_what_the_idioms_do_not_cover(text: str) -> None:
    assert "diplomatic_commitment" not in _types(text)
    assert "nationality_boarding_ban" not in _types(text)


def test_it_said_points_back_at_the_carrier() -> None:
    text = (
        "Belavia followed within hours. It said it would no longer accept nationals of Iraq "
        "and Syria on its flights from Turkey."
    )
    assert [(c.type, c.value["actor"]) for c in events(text)] == [
        ("nationality_boarding_ban", "Belavia")
    ]
