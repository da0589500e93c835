from __future__ import annotations

from corridor.ids.airline import is_iata, is_icao, normalise_iata, normalise_icao


def test_iata() -> None:
    assert normalise_iata(" b2 ") == "B2"
    assert is_iata("B2") and is_iata("6Q") and is_iata("bt")
    assert not is_iata("66") and not is_iata("BRU")


def test_icao() -> None:
    assert normalise_icao("bru") == "BRU"
    assert is_icao("BRU") and is_icao("SAW")
    assert not is_icao("B2") and not is_icao("BR1")
