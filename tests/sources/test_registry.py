"""The source registry: the bundled sources.yml and what a bad one says."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.exc import InvalidData, SourceError
from corridor.model.listing import Jurisdiction
from corridor.resources import data_dir
from corridor.sources.registry import load_registry

EXPECTED = {
    "ofac_sdn": Jurisdiction.US,
    "un_sc": Jurisdiction.UN,
    "ca_sema": Jurisdiction.CA,
    "uk_ofsi": Jurisdiction.UK,
    "eu_fsf": Jurisdiction.EU,
    "eu_journal": Jurisdiction.EU,
    "ftm": Jurisdiction.OTHER,
}


def test_bundled_registry_names_every_source() -> None:
    registry = load_registry()
    assert {s.name: s.jurisdiction for s in registry} == EXPECTED
    for spec in registry:
        assert spec.parser == f"corridor.sources.{spec.name}"
        assert all(u.startswith("https://") for u in spec.urls)
    ofac = registry.lookup("ofac_sdn")
    assert "https://www.treasury.gov/ofac/downloads/sdn.csv" in ofac.urls
    assert "https://www.treasury.gov/ofac/downloads/sdn.xml" in ofac.other_urls
    assert registry.lookup("eu_fsf").token_required
    assert registry.get("belavia") is None


def test_unknown_source_names_the_known_ones() -> None:
    with pytest.raises(InvalidData, match="known: ofac_sdn, un_sc"):
        load_registry().lookup("ofac")


def test_bundled_folders_exist_in_the_package_data() -> None:
    named = [spec.bundled for spec in load_registry() if spec.bundled is not None]
    assert len(named) >= 6
    for bundled in named:
        assert (data_dir() / bundled / "SOURCES.md").is_file(), bundled


BASE = """sources:
  ofac_sdn:
    title: t
    publisher: p
    jurisdiction: US
    format: csv
    licence: public domain
    urls: [https://www.treasury.gov/ofac/downloads/sdn.csv]
    parser: corridor.sources.ofac_sdn
"""


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (BASE.replace("jurisdiction: US", "jurisdiction: XX"), "sources.ofac_sdn.jurisdiction"),
        (BASE.replace("    title: t\n", ""), "sources.ofac_sdn.title"),
        (BASE.replace("urls: [https://", "urls: [http://"), "sources.ofac_sdn.urls"),
        (BASE.replace("urls: [https://www.treasury.gov/ofac/downloads/sdn.csv]", "urls: []"),
         "sources.ofac_sdn.urls"),
        (BASE + "    colour: red\n", "sources.ofac_sdn.colour"),
        ("sources: [1, 2]\n", "sources"),
        ("sources:\n  x: 3\n", "sources.x"),
        ("sources: {a: [\n", None),
    ],
)  # fmt: skip
def test_bad_registry_names_the_key(tmp_path: Path, text: str, place: str | None) -> None:
    path = tmp_path / "sources.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidData) as info:
        load_registry(path)
    assert str(path) in info.value.message
    if place is not None:
        assert info.value.errors[0].field == place


def test_missing_parser_module(tmp_path: Path) -> None:
    path = tmp_path / "sources.yml"
    path.write_text(BASE.replace("corridor.sources.ofac_sdn", "corridor.sources.nothing"))
    with pytest.raises(SourceError, match="no parser for ofac_sdn"):
        load_registry(path).lookup("ofac_sdn").load_parser()
