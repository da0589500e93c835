"""The scenario table, written from ``measures_2021.csv``: each names the measure that decides it.

Shared by the reference-evaluator test and the batch-engine tests.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Scenario:
    name: str
    measure: str  # the measure that decides the case (fires when denied, stays silent if allowed)
    outcome: str
    nationalities: str
    route: str  # "IST-MSQ" or "IST-TAS-MSQ"
    carrier: str  # operating carrier; "B2/TK" = operated by B2, marketed by TK
    departure: str
    sale: str | None = None
    ticket: str = "return"
    segment: int = -1  # which segment's decision is checked (default: last)
    passenger: dict[str, Any] = field(default_factory=dict)
    variants: dict[str, str] = field(default_factory=dict)

    def booking(self) -> dict[str, Any]:
        airports = self.route.split("-")
        operating, _, marketing = self.carrier.partition("/")
        segments = [
            {
                "operating_carrier": operating,
                "marketing_carrier": marketing or operating,
                "flight_number": f"{operating}{100 + i}",
                "origin": a,
                "destination": b,
                "departure": f"{self.departure}T{8 + 4 * i:02d}:00:00Z",
            }
            for i, (a, b) in enumerate(itertools.pairwise(airports))
        ]
        passenger = {"id": "P1", "nationalities": self.nationalities.split(";")}
        passenger.update(self.passenger)
        return {
            "id": self.name,
            "sale_time": f"{self.sale or '2021-07-01'}T09:00:00Z",
            "ticket_type": self.ticket,
            "segments": segments,
            "passengers": [passenger],
        }


S = Scenario
DIPLOMAT = {"document_type": "diplomatic"}
BY_RESIDENT = {"residence_permits": ["BY"]}
SCENARIOS: list[Scenario] = [
    S("iraqi-ist-msq-13nov", "M07", "deny", "IQ", "IST-MSQ", "TK", "2021-11-13"),
    S("iraqi-ist-msq-10nov", "M07", "allow", "IQ", "IST-MSQ", "TK", "2021-11-10"),
    S("iraqi-ist-msq-12nov", "M07", "deny", "IQ", "IST-MSQ", "TK", "2021-11-12"),
    S(
        "syrian-by-resident-via-tas-20nov",
        "M15",
        "allow",
        "SY",
        "IST-TAS-MSQ",
        "HY",
        "2021-11-20",
        passenger=BY_RESIDENT,
    ),
    S(
        "syrian-by-resident-via-tas-belavia",
        "M16",
        "allow",
        "SY",
        "IST-TAS-MSQ",
        "B2",
        "2021-11-20",
        passenger=BY_RESIDENT,
    ),
    S("syrian-via-tas-20nov", "M15", "deny", "SY", "IST-TAS-MSQ", "HY", "2021-11-20"),
    S("syrian-via-tas-17nov", "M15", "deny", "SY", "IST-TAS-MSQ", "HY", "2021-11-17"),
    S("syrian-via-tas-16nov", "M15", "allow", "SY", "IST-TAS-MSQ", "HY", "2021-11-16"),
    S(
        "iraqi-via-tas-first-leg",
        "M15",
        "allow",
        "IQ",
        "IST-TAS-MSQ",
        "HY",
        "2021-11-20",
        segment=0,
    ),
    S(
        "one-way-sold-in-turkey-after",
        "M08",
        "deny",
        "DE",
        "IST-MSQ",
        "TK",
        "2021-11-20",
        sale="2021-11-13",
        ticket="one_way",
    ),
    S(
        "return-sold-in-turkey-after",
        "M08",
        "allow",
        "DE",
        "IST-MSQ",
        "TK",
        "2021-11-20",
        sale="2021-11-13",
    ),
    S(
        "one-way-sold-before",
        "M08",
        "allow",
        "DE",
        "IST-MSQ",
        "TK",
        "2021-11-20",
        sale="2021-11-11",
        ticket="one_way",
    ),
    S(
        "iraqi-ticket-sold-after",
        "M07",
        "deny",
        "IQ",
        "IST-MSQ",
        "TK",
        "2021-12-01",
        sale="2021-11-13",
    ),
    S("iraqi-belavia-ist-13nov", "M09", "deny", "IQ", "IST-MSQ", "B2", "2021-11-13"),
    S("yemeni-belavia-ist-11nov", "M09", "allow", "YE", "IST-MSQ", "B2", "2021-11-11"),
    S("afghan-tk-variant-a", "M06", "allow", "AF", "IST-MSQ", "TK", "2021-11-13"),
    S(
        "afghan-tk-variant-b",
        "M06",
        "deny",
        "AF",
        "IST-MSQ",
        "TK",
        "2021-11-13",
        variants={"M06": "b"},
    ),
    S(
        "yemeni-tk-variant-b-still-m07",
        "M07",
        "deny",
        "YE",
        "IST-MSQ",
        "TK",
        "2021-11-13",
        variants={"M06": "b"},
    ),
    S(
        "syrian-diplomat-tk-ist",
        "M07",
        "deny",
        "SY",
        "IST-MSQ",
        "TK",
        "2021-11-13",
        passenger=DIPLOMAT,
    ),
    S("iraqi-pegasus-saw", "M07", "deny", "IQ", "SAW-MSQ", "PC", "2021-11-13"),
    S("iraqi-turkish-dual", "M07", "deny", "IQ;TR", "IST-MSQ", "TK", "2021-11-13"),
    S("turkish-national-ist", "M07", "allow", "TR", "IST-MSQ", "TK", "2021-11-13"),
    S("iraqi-belavia-dxb-14nov", "M12", "deny", "IQ", "DXB-MSQ", "B2", "2021-11-14"),
    S("iraqi-belavia-dxb-13nov", "M12", "allow", "IQ", "DXB-MSQ", "B2", "2021-11-13"),
    S("afghan-flydubai-15nov", "M13", "deny", "AF", "DXB-MSQ", "FZ", "2021-11-15"),
    S(
        "afghan-flydubai-sold-after",
        "M13",
        "deny",
        "AF",
        "DXB-MSQ",
        "FZ",
        "2021-11-25",
        sale="2021-11-16",
    ),
    S("german-flydubai", "M13", "allow", "DE", "DXB-MSQ", "FZ", "2021-11-20"),
    S("syrian-cham-wings-10nov", "M11", "allow", "SY", "DAM-MSQ", "6Q", "2021-11-10"),
    S("syrian-cham-wings-13nov", "M11", "deny", "SY", "DAM-MSQ", "6Q", "2021-11-13"),
    S("russian-cham-wings-14nov", "M11", "deny", "RU", "DAM-MSQ", "6Q", "2021-11-14"),
    S("iraqi-airways-bgw-6aug", "M03", "deny", "IQ", "BGW-MSQ", "IA", "2021-08-06"),
    S("iraqi-airways-ebl-20aug", "M04", "deny", "IQ", "EBL-MSQ", "IA", "2021-08-20"),
    S("iraqi-airways-bgw-4aug", "M03", "allow", "IQ", "BGW-MSQ", "IA", "2021-08-04"),
    S("fly-baghdad-6aug", "M04", "allow", "IQ", "BGW-MSQ", "IF", "2021-08-06"),
    S("fly-baghdad-1sep", "M04", "deny", "IQ", "BGW-MSQ", "IF", "2021-09-01"),
    S("iraqi-airways-return-leg", "M04", "allow", "IQ", "MSQ-BGW", "IA", "2021-08-08"),
    S("lebanese-no-visa-bey", "M14", "deny", "LB", "BEY-MSQ", "B2", "2021-11-18"),
    S(
        "lebanese-with-visa-bey",
        "M14",
        "allow",
        "LB",
        "BEY-MSQ",
        "B2",
        "2021-11-18",
        passenger={"visas": ["BY"]},
    ),
    S("belarusian-bey", "M14", "allow", "BY", "BEY-MSQ", "B2", "2021-11-18"),
    S(
        "syrian-by-resident-bey",
        "M14",
        "allow",
        "SY",
        "BEY-MSQ",
        "B2",
        "2021-11-18",
        passenger=BY_RESIDENT,
    ),
    S("lebanese-bey-16nov", "M14", "allow", "LB", "BEY-MSQ", "B2", "2021-11-16"),
    S("belavia-to-vilnius-jul", "M01", "deny", "BY", "MSQ-VNO", "B2", "2021-07-01"),
    S("belavia-from-frankfurt-jun", "M01", "deny", "DE", "FRA-MSQ", "B2", "2021-06-10"),
    S("belavia-to-frankfurt-4jun", "M01", "allow", "DE", "MSQ-FRA", "B2", "2021-06-04"),
    S("lufthansa-frankfurt-minsk", "M01", "allow", "DE", "FRA-MSQ", "LH", "2021-07-01"),
    S("belavia-to-heathrow-10aug", "M02", "deny", "GB", "MSQ-LHR", "B2", "2021-08-10"),
    S("belavia-to-heathrow-8aug", "M02", "allow", "GB", "MSQ-LHR", "B2", "2021-08-08"),
    S(
        "belavia-on-tk-ticket",
        "M10",
        "deny",
        "DE",
        "IST-MSQ",
        "B2/TK",
        "2021-11-20",
        sale="2021-11-13",
    ),
    S(
        "belavia-on-tk-ticket-sold-before",
        "M10",
        "allow",
        "DE",
        "IST-MSQ",
        "B2/TK",
        "2021-11-20",
        sale="2021-11-11",
    ),
    S("libyan-uzbekistan-airways-from-tas", "M15", "allow", "LY", "TAS-MSQ", "HY", "2021-11-20"),
    S("libyan-belavia-from-tas", "M16", "deny", "LY", "TAS-MSQ", "B2", "2021-11-20"),
    S("syrian-belavia-tas-17nov", "M16", "allow", "SY", "TAS-MSQ", "B2", "2021-11-17"),
    S(
        "syrian-diplomat-belavia-tas",
        "M16",
        "allow",
        "SY",
        "TAS-MSQ",
        "B2",
        "2021-11-20",
        passenger=DIPLOMAT,
    ),
]
