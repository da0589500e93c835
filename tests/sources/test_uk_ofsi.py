"""OFSI ConList: the 2016 CSV (Windows-1252) and the 2025 Excel export, real rows and bad files."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.exc import InvalidData
from corridor.model import Entity, EntityType, IdScheme, NameQuality, utcnow
from corridor.resources import data_dir
from corridor.sources import uk_ofsi
from corridor.sources.context import SourceContext, file_sha256, iter_parsed

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = data_dir() / "lists" / "uk_ofsi"
CSV_2016 = BUNDLED / "2016-03-23" / "ConList.csv"
XLSX_2025 = BUNDLED / "2025-04-10" / "ConList.xlsx"


def read(path: Path) -> tuple[dict[str, Entity], SourceContext]:
    context = SourceContext("uk_ofsi", path, file_sha256(path), utcnow())
    entities = list(iter_parsed(uk_ofsi.parse, context))
    return {e.record_id: e for e in entities}, context


@pytest.fixture(scope="module")
def old() -> dict[str, Entity]:
    return read(CSV_2016)[0]


@pytest.fixture(scope="module")
def new() -> dict[str, Entity]:
    return read(XLSX_2025)[0]


def test_csv_groups_rows_into_entries(old: dict[str, Entity]) -> None:
    assert len(old) == 30
    belarus = {k: e for k, e in old.items() if "Belarus" in e.programs}
    assert len(belarus) == 4
    sheiman = belarus["8904"]
    assert sheiman.type is EntityType.PERSON
    assert sheiman.caption == "Viktar Uladzimiravich SHEIMAN"
    assert "Viktor Vladimirovich SHEYMAN" in [n.value for n in sheiman.names]
    assert sheiman.birth_dates == ["1958-05-26"]
    assert sheiman.listed_on == date(2006, 5, 22)
    assert old["8905"].birth_dates == ["1966"]  # 00/00/1966 in the file


def test_csv_is_read_as_windows_1252(old: dict[str, Entity]) -> None:
    names = [n.value for e in old.values() for n in e.names]
    assert "Abdallah AL-MU\u2019AYYAD" in names  # byte 0x92 in the file


def test_csv_publication_date() -> None:
    _, context = read(CSV_2016)
    assert context.published_at is not None
    assert context.published_at.date() == date(2016, 3, 23)


def test_transaviaexport_cyrillic_alias(new: dict[str, Entity]) -> None:
    tae = new["14982"]
    assert tae.id == "uk_ofsi-14982"
    assert tae.type is EntityType.ORGANIZATION
    assert tae.caption == "TRANSAVIAEXPORT AIRLINES JSC"
    cyrillic = [n for n in tae.names if n.script == "Cyrl"]
    assert [(n.value, n.lang, n.kind) for n in cyrillic] == [
        ("Авиакомпания Трансавиаэкспорт", "rus", "non-latin")
    ]
    assert "JSC TRANSAVIAEXPORT AIRLINES" in [n.value for n in tae.names]
    assert tae.programs == ["Belarus"]
    assert tae.listed_on == date(2022, 3, 24)
    assert tae.countries == ["by"]
    assert tae.addresses[0].full == "44 Zakharova Str., Minsk, 220034, Belarus"
    assert any("BEL0123" in r for r in tae.remarks)


def test_xlsx_counts_and_types(new: dict[str, Entity]) -> None:
    assert len(new) == 296
    assert sum(1 for e in new.values() if "Belarus" in e.programs) == 167
    assert sum(1 for e in new.values() if e.type is EntityType.VESSEL) == 15


def test_ship_imo_and_flag(new: dict[str, Entity]) -> None:
    ship = new["13651"]
    assert ship.type is EntityType.VESSEL
    assert ship.caption == "SAM JONG 2"
    assert (IdScheme.IMO, "7408873") in [(i.scheme, i.value) for i in ship.identifiers]
    assert "kp" in ship.countries


def test_alias_quality(new: dict[str, Entity]) -> None:
    qualities = {n.quality for e in new.values() for n in e.names}
    assert qualities == {NameQuality.PRIMARY, NameQuality.STRONG, NameQuality.WEAK}
    for entity in new.values():
        assert entity.names[0].quality is NameQuality.PRIMARY


def test_passport_numbers_are_identifiers(new: dict[str, Entity]) -> None:
    passports = [i for e in new.values() for i in e.identifiers if i.scheme is IdScheme.PASSPORT]
    assert passports
    assert all(i.value for i in passports)


def test_utf8_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ConList.csv"
    path.write_bytes(CSV_2016.read_bytes().decode("cp1252").encode("utf-8"))
    with pytest.raises(InvalidData, match="UTF-8") as info:
        read(path)
    assert info.value.errors[0].file == str(path)
    assert info.value.errors[0].line is not None
    assert info.value.errors[0].line > 2


def test_binary_bytes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "ConList.csv"
    path.write_bytes(CSV_2016.read_bytes()[:500] + b"\x00\x01\x81\x8d" * 10)
    with pytest.raises(InvalidData) as info:
        read(path)
    assert info.value.errors[0].line is not None


def test_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "ConList.csv"
    path.write_bytes(b"Last Updated,23/03/2016\r\nName 6,Name 1,Regime\r\nA,B,Belarus")
    with pytest.raises(InvalidData, match="missing columns") as info:
        read(path)
    assert info.value.errors[0].line == 2


def test_no_preamble_means_another_file(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"\r\n')
    with pytest.raises(InvalidData, match="preamble"):
        read(path)


def test_empty_and_truncated(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InvalidData, match="preamble"):
        read(empty)
    cut = tmp_path / "cut.csv"
    data = CSV_2016.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(InvalidData, match="fields") as info:
        read(cut)
    assert info.value.errors[0].line is not None


def test_broken_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "ConList.xlsx"
    path.write_bytes(XLSX_2025.read_bytes()[:5000])
    with pytest.raises(InvalidData, match="Excel"):
        read(path)


@given(st.text(alphabet=st.characters(blacklist_characters="()"), min_size=1))
def test_labelled_values_round_trip(value: str) -> None:
    text = f"(IMO number):{value} (Flag of ship):Belarus"
    pairs = uk_ofsi.labelled_values(text)
    assert pairs[-1] == ("Flag of ship", "Belarus")
    assert pairs[0] == ("IMO number", value.strip())


def test_numbered_values() -> None:
    assert uk_ofsi.numbered_values("(1) 223611 (2) C00146605") == ["223611", "C00146605"]
    assert uk_ofsi.numbered_values("756311712") == ["756311712"]


def test_full_2016_csv(shared_dir: Path) -> None:
    entities, _ = read(shared_dir / "data" / "lists" / "uk_ofsi" / "2016-03-23" / "ConList.csv")
    assert len(entities) == 1924
    assert sum(1 for e in entities.values() if "Belarus" in e.programs) == 4


def test_2022_layout_csv_is_utf8_and_xlsx_is_told_by_content(tmp_path: Path) -> None:
    from openpyxl import Workbook, load_workbook

    book = load_workbook(XLSX_2025, read_only=True)
    rows = [
        ["" if v is None else str(v) for v in r] for r in book["Data"].iter_rows(values_only=True)
    ]
    book.close()
    group_column = rows[1].index("Group ID")
    rows = rows[:2] + [r for r in rows[2:] if r[group_column] == "14982"]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "ConList.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    entities, _ = read(path)
    assert [n.script for n in entities["14982"].names] == ["Latn", "Latn", "Cyrl"]
    small = Workbook(write_only=True)
    sheet = small.create_sheet("Data")
    for row in rows:
        sheet.append(row)
    download = tmp_path / "download"  # a fetched file named after its URL, no extension
    small.save(download)
    assert list(read(download)[0]) == ["14982"]


def test_file_of_another_source_is_named_as_such() -> None:
    other = data_dir() / "lists" / "eu_journal" / "2026-08-22" / "32006R0765.csv"
    with pytest.raises(InvalidData, match="not an OFSI ConList"):
        read(other)
