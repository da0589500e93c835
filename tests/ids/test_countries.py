from __future__ import annotations

from corridor.ids.countries import country_code
from corridor.ids.script import name_script


def test_country_names_as_lists_write_them() -> None:
    assert country_code("Belarus") == "by"
    assert country_code("Belarus / Bélarus") == "by"
    assert country_code("Syria") == "sy"
    assert country_code("Russia") == "ru"
    assert country_code("Korea, North") == "kp"
    assert country_code("Iran (Islamic Republic of)") == "ir"
    assert country_code("BY") == "by"
    assert country_code("") is None
    assert country_code("Nowhere Land") is None


def test_scripts() -> None:
    assert name_script("Лукашенко") == "Cyrl"
    assert name_script("Лукашэнка Аляксандр") == "Cyrl"
    assert name_script("Łukašenka") == "Latn"
    assert name_script("عبد الله") == "Arab"
    assert name_script("-") is None
