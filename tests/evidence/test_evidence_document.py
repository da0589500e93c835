from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from corridor.evidence.document import guess_language, read_document
from corridor.exc import InvalidData

HTML = """<html><head><title>Airline halts Minsk route</title></head><body>
<nav>Home | News</nav><article><h1>Airline halts Minsk route</h1>
<p>The carrier said on Friday that it had suspended all flights to Minsk until further notice,
after talks with the European Commission about the situation on the border with Poland.</p>
<p>The decision follows similar moves by other airlines in the region over the past week, and
officials in Brussels welcomed it as a sign that pressure on transport operators was working.</p>
</article><footer>Subscribe</footer></body></html>"""


def test_text_document_keeps_hash_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Airline halts Minsk route\n\nThe carrier suspended flights to Minsk.\n")
    doc = read_document(path, published="2021-11-12", publisher="Test Wire")
    assert doc.title == "Airline halts Minsk route"
    assert doc.published_at == datetime(2021, 11, 12, tzinfo=UTC)
    assert doc.language == "en"
    assert doc.media_type == "text/plain"
    assert len(doc.id) == 64
    assert read_document(path).id == doc.id


def test_html_document_is_reduced_to_its_main_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML)
    doc = read_document(path, published="2021-11-12")
    assert "suspended all flights to Minsk" in doc.text
    assert "Subscribe" not in doc.text
    assert doc.title == "Airline halts Minsk route"
    assert doc.original == HTML.encode()


def test_bad_inputs_raise_invalid_data(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    with pytest.raises(InvalidData):
        read_document(empty)
    with pytest.raises(InvalidData):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(InvalidData):
        read_document(empty, published="not a date")


def test_language_guess() -> None:
    assert guess_language("The airline said that it will stop the flights.") == "en"
    assert guess_language("Les vols vers Minsk sont suspendus depuis lundi") is None
