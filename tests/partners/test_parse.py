"""The reviewed register files: counts reached, and bad input placed by file, line and field."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.exc import InvalidData
from corridor.partners import Register, parse_register
from corridor.partners.model import Commitment, Engagement, Partner
from corridor.partners.parse import parse_rows

from .conftest import MEASURES


def test_bundled_register_reaches_the_issue_figures(register: Register) -> None:
    years = {e.date.year for e in register.engagements}
    assert len(register.engagements) >= 30
    assert len(register.commitments) >= 20
    assert years >= {2021, 2022, 2023, 2024, 2025}
    assert {c.first_date.year for c in register.commitments if c.first_date} >= {2021, 2023, 2025}


def test_every_row_names_its_source(register: Register) -> None:
    rows = [*register.engagements, *register.commitments, *register.humanitarian]
    assert all(r.source_url or r.source_file for r in rows)
    assert all(r.publisher for r in rows)


def test_named_events_are_in_the_register(register: Register) -> None:
    ministerial = [e for e in register.engagements if e.kind.value == "ministerial"]
    assert any(e.date.isoformat() == "2021-11-22" and e.place == "Dushanbe" for e in ministerial)
    readmission = register.commitment("C01")
    assert readmission.status.value == "reversed" and readmission.ended.isoformat() == "2021-06-28"
    assert register.commitment("C08").in_effect_from.isoformat() == "2021-11-12"
    assert register.commitment("C20").measures == ("M15",)
    assert register.commitment("C14").partner == "air:6Q"
    assert {"C26", "C27", "C28"} <= {c.id for c in register.commitments_of("FI")}
    iraq_returns = [h for h in register.humanitarian_of("IQ") if h.kind.value == "returns"]
    assert any(h.value == 3929 for h in iraq_returns)


def test_disagreeing_sources_are_both_kept(register: Register) -> None:
    assert register.disagreements("C09") == ["C10"]
    assert set(register.commitment("C10").nationalities) != set(
        register.commitment("C09").nationalities
    )
    assert "E21" in register.disagreements("E22")


def _replace_line(text: str, line: int, old: str, new: str) -> str:
    lines = text.splitlines(keepends=True)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "".join(lines)


def test_unknown_country_is_placed(texts: dict[str, str]) -> None:
    texts["engagements.csv"] = _replace_line(
        texts["engagements.csv"], 2, ",BY,demarche,", ",XX,demarche,"
    )
    with pytest.raises(InvalidData) as info:
        parse_register(texts, measures=MEASURES, where="data/partners")
    detail = info.value.errors[0]
    assert (detail.file, detail.line, detail.field) == (
        "data/partners/engagements.csv",
        2,
        "partners",
    )
    assert "unknown country" in detail.message


def test_dates_out_of_order_are_placed(texts: dict[str, str]) -> None:
    line = next(
        i
        for i, row in enumerate(texts["commitments.csv"].splitlines(), 1)
        if row.startswith("C08,")
    )
    texts["commitments.csv"] = _replace_line(
        texts["commitments.csv"], line, "2021-11-12,2021-11-12", "2021-11-12,2021-11-02"
    )
    with pytest.raises(InvalidData) as info:
        parse_register(texts, measures=MEASURES)
    detail = info.value.errors[0]
    assert (detail.file, detail.line) == ("commitments.csv", line)
    assert "before announced" in detail.message


def test_missing_source_is_placed(texts: dict[str, str]) -> None:
    header, first = list(csv.reader(texts["humanitarian.csv"].splitlines()[:2]))
    first[header.index("source_url")] = ""
    first[header.index("source_file")] = ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, first])
    texts["humanitarian.csv"] = out.getvalue()
    with pytest.raises(InvalidData) as info:
        parse_register(texts, measures=MEASURES)
    assert (info.value.errors[0].file, info.value.errors[0].line) == ("humanitarian.csv", 2)
    assert "a source is required" in info.value.errors[0].message


def test_unknown_measure_and_partner_references_are_placed(texts: dict[str, str]) -> None:
    line = next(
        i
        for i, row in enumerate(texts["commitments.csv"].splitlines(), 1)
        if row.startswith("C20,")
    )
    texts["commitments.csv"] = _replace_line(texts["commitments.csv"], line, ",M15,", ",M99,")
    with pytest.raises(InvalidData) as info:
        parse_register(texts, measures=MEASURES)
    assert [(e.line, e.field) for e in info.value.errors] == [(line, "measures")]


def test_unknown_column_is_refused() -> None:
    with pytest.raises(InvalidData, match="unknown column"):
        parse_rows("id,name,kind,colour\nIQ,Iraq,state,red\n", Partner, file="partners.csv")


def test_a_bad_row_gives_no_rows() -> None:
    text = "id,name,kind\nIQ,Iraq,state\nXX,Nowhere,state\n"
    with pytest.raises(InvalidData) as info:
        parse_rows(text, Partner, file="p.csv")
    assert [(e.line, e.file) for e in info.value.errors] == [(3, "p.csv")]


@settings(deadline=None, max_examples=60)
@given(st.text(alphabet="IQTRXZ;:air0-9 ", max_size=12))
def test_partner_lists_parse_or_fail_cleanly(value: str) -> None:
    data = {
        "id": "E1",
        "date": "2021-11-22",
        "partners": value,
        "kind": "call",
        "publisher": "x",
        "source_url": "https://a.b",
    }
    try:
        engagement = Engagement.model_validate(data)
    except ValueError:
        return
    assert engagement.partners and all(p == p.strip() and p for p in engagement.partners)


def test_words_ref_must_point_into_shared() -> None:
    base = {
        "id": "C1",
        "partner": "IQ",
        "actor": "a",
        "kind": "k",
        "summary": "s",
        "status": "announced",
        "announced": "2021-01-01",
        "publisher": "p",
        "source_url": "https://a.b",
    }
    Commitment.model_validate({**base, "words_ref": "evidence_corpus/c01_x.txt:10-20"})
    with pytest.raises(ValueError, match="words_ref"):
        Commitment.model_validate({**base, "words_ref": "they said so"})


def test_quoted_words_resolve_in_shared(register: Register, shared_dir: Path) -> None:
    quoted = [c for c in register.commitments if c.words_span is not None]
    assert len(quoted) >= 4
    for commitment in quoted:
        span = commitment.words_span
        assert span is not None
        file, start, end = span
        words = (shared_dir / file).read_text(encoding="utf-8")[start:end]
        assert 0 < len(words) <= 120, commitment.id
        assert words == words.strip(), commitment.id
