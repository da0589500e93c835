from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from corridor.exc import InvalidData
from corridor.rules.spec import load_measures, load_rules, parse_variants


def test_bundled_measures_match_the_measures_file(shared_dir: Path) -> None:
    with (shared_dir / "data" / "measures_2021.csv").open(encoding="utf-8") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    measures = {m.id: m for m in load_measures()}
    assert set(measures) == set(rows)
    for measure_id, row in rows.items():
        measure = measures[measure_id]
        assert measure.effective_from == date.fromisoformat(row["effective_from"])
        assert measure.announced == date.fromisoformat(row["announced"])
        assert measure.sources, measure_id


def test_disputed_measure_keeps_both_readings() -> None:
    measure = next(m for m in load_measures() if m.id == "M06")
    assert measure.variants == ["a", "b"]
    default = {r.id: r for r in load_rules()}
    assert default["M06.boarding.a"].nationalities == ("IQ", "SY", "YE")
    other = {r.id: r for r in load_rules(variants={"M06": "b"})}
    assert "M06.boarding.a" not in other
    assert set(other["M06.boarding.b"].nationalities) == {"SY", "IQ", "AF"}


def test_bad_rule_file_names_file_and_field(tmp_path: Path) -> None:
    (tmp_path / "X01.yml").write_text(
        "id: X01\ntitle: t\nactor: a\nactor_kind: authority\nannounced: 2021-11-12\n"
        "effective_from: 2021-11-12\nsources: [{url: u}]\n"
        "rules:\n  - {id: X01.a, effect: deny_boarding, origins: [Istanbul], explanation: e}\n"
    )
    with pytest.raises(InvalidData) as info:
        load_rules(tmp_path)
    assert info.value.errors[0].file is not None
    assert info.value.errors[0].field == "rules.0.origins"


def test_unknown_variant_and_bad_variant_syntax() -> None:
    with pytest.raises(InvalidData):
        load_rules(variants={"M06": "z"})
    with pytest.raises(InvalidData):
        parse_variants(["M06"])
    assert parse_variants(["M06=b"]) == {"M06": "b"}
