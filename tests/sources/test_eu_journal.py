"""The EU journal annex transcription: real rows of Reg. 765/2006, dates, hostile input."""

from __future__ import annotations

import doctest
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.exc import InvalidData
from corridor.model import Entity, EntityType, IdScheme, NameQuality, utcnow
from corridor.resources import data_dir
from corridor.sources import eu_journal, uk_ofsi, values
from corridor.sources.context import SourceContext, file_sha256, iter_parsed

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = data_dir() / "lists" / "eu_journal" / "2026-08-22" / "32006R0765.csv"
HEADER = "celex,recordId,programKey,annex,measure,startDate,reason,schema,name,alias\n"


def read(path: Path) -> list[Entity]:
    context = SourceContext("eu_journal", path, file_sha256(path), utcnow())
    return list(iter_parsed(eu_journal.parse, context))


@pytest.fixture(scope="module")
def entities() -> dict[str, Entity]:
    return {e.id: e for e in read(BUNDLED)}


def test_every_row_is_an_entry(entities: dict[str, Entity]) -> None:
    assert len(entities) == 408
    types = [e.type for e in entities.values()]
    assert types.count(EntityType.PERSON) == 312
    assert types.count(EntityType.ORGANIZATION) == 95


def test_belavia_listed_on_2_december_2021(entities: dict[str, Entity]) -> None:
    belavia = entities["eu_journal-I.B-17"]
    assert belavia.caption == "Open Joint Stock Company ‘Belavia Belarusian Airlines’"
    assert belavia.listed_on == date(2021, 12, 2)
    assert belavia.programs == ["EU-BLR", "EU-BLR/I.B"]
    assert belavia.countries == ["by"]
    cyrillic = [n for n in belavia.names if n.script == "Cyrl"]
    assert {n.value for n in cyrillic} == {
        "ААТ ‘Авiякампанiя Белавiя’",
        "ОАО ‘Авиакомпания Белавиа’",
    }
    assert all(n.quality is NameQuality.STRONG for n in cyrillic)
    assert [i.value for i in belavia.identifiers if i.scheme is IdScheme.REGISTRATION] == [
        "600390798"
    ]
    assert any("flag carrier" in r for r in belavia.remarks)
    assert belavia.provenance.span is not None
    assert belavia.provenance.span.startswith("row ")


def test_tsentrkurort_same_day(entities: dict[str, Entity]) -> None:
    tsentrkurort = entities["eu_journal-I.B-18"]
    assert tsentrkurort.caption == "Republican unitary enterprise ‘TSENTRKURORT’"
    assert tsentrkurort.listed_on == date(2021, 12, 2)
    assert any(n.script == "Cyrl" and "ЦЭНТРКУРОРТ" in n.value for n in tsentrkurort.names)


def test_person_details(entities: dict[str, Entity]) -> None:
    naumov = entities["eu_journal-I.A-1"]
    assert naumov.type is EntityType.PERSON
    assert naumov.birth_dates == ["1956-02-07"]
    assert "Vladimir Vladimirovich NAUMOV" in [n.value for n in naumov.names]
    assert naumov.listed_on == date(2004, 9, 24)
    belarusians = [e for e in entities.values() if "by" in e.nationalities]
    assert len(belarusians) >= 190


def test_entries_without_record_id_get_a_slug(entities: dict[str, Entity]) -> None:
    tae = [e for e in entities.values() if e.caption == "Transaviaexport Airlines JSC"]
    assert [e.record_id for e in tae] == ["V-transaviaexport-airlines-jsc"]
    assert tae[0].listed_on is None


def test_bracketed_variant_becomes_a_name(entities: dict[str, Entity]) -> None:
    names = [n.value for n in entities["eu_journal-I.A-2"].names]
    assert "Dmitriy Valeriyevich PAVLICHENKO" in names
    primary = [n.value for n in entities["eu_journal-I.A-3"].names if n.quality.value == "primary"]
    assert "Viktar Uladzimiravich SHEYMAN" in primary


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)))
def test_partial_date_reads_every_day_month_year(day: date) -> None:
    text = f"{day.day}.{day.month}.{day.year}"
    assert values.partial_date(text) == day.isoformat()
    assert values.partial_date(f"{day.day:02d}/{day.month:02d}/{day.year}") == day.isoformat()
    assert values.partial_date(day.strftime("%d %B %Y")) == day.isoformat()
    assert values.full_date(text) == day


@given(st.integers(min_value=1000, max_value=2999), st.integers(min_value=1, max_value=12))
def test_partial_date_keeps_precision(year: int, month: int) -> None:
    assert values.partial_date(f"00/00/{year}") == f"{year}"
    assert values.partial_date(f"00/{month:02d}/{year}") == f"{year}-{month:02d}"
    assert values.full_date(f"00/{month:02d}/{year}") is None


@given(st.text())
def test_partial_date_never_raises(text: str) -> None:
    result = values.partial_date(text)
    assert result is None or result[:4].isdigit()


def test_other_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("ent_num,SDN_Name\n1,FOO\n", encoding="utf-8")
    with pytest.raises(InvalidData, match="missing columns") as info:
        read(path)
    assert info.value.errors[0].file == str(path)
    assert info.value.errors[0].line == 1


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(InvalidData, match="missing columns"):
        read(path)


def test_truncated_row_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text(HEADER + "32006R0765,17,EU-BLR,I.B,Asset freeze\n", encoding="utf-8")
    with pytest.raises(InvalidData) as info:
        read(path)
    assert info.value.errors[0].line == 2


def test_wrong_encoding_is_invalid_data(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    row = "32006R0765,1,EU-BLR,I.A,Asset freeze,2.12.2021,r,Person,Łukašenka,\n"
    path.write_bytes(HEADER.encode() + row.encode("utf-16"))
    with pytest.raises(InvalidData):
        read(path)


def test_full_shared_file_matches(shared_dir: Path) -> None:
    path = shared_dir / "data" / "lists" / "eu_journal" / "2026-08-22" / "32006R0765.csv"
    assert file_sha256(path) == file_sha256(BUNDLED)
    assert len(read(path)) == 408


def test_spelling_notes_become_names(entities: dict[str, Entity]) -> None:
    names = {n.value for n in entities["eu_journal-I.A-56"].names if n.kind == "previous"}
    assert names == {"Kirsanova", "Selyun", "Кирсанова", "Селюн"}


@pytest.mark.parametrize("module", [values, uk_ofsi])
def test_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
