"""PDF text ingest, on a one-page PDF the test writes in the PDF 1.4 layout."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corridor.evidence.document import read_document
from corridor.exc import InvalidData


def write_pdf(path: Path, line: str) -> None:
    """A minimal valid PDF: catalog, pages, one page, Helvetica, one text line, xref."""
    stream = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_pdf_text_is_read_and_hashed(tmp_path: Path) -> None:
    pdf = tmp_path / "notice.pdf"
    write_pdf(pdf, "Cham Wings suspended its flights to Minsk on 13 November 2021.")
    document = read_document(pdf, published="2021-11-13")
    assert document.media_type == "application/pdf"
    assert "Cham Wings suspended its flights to Minsk" in document.text
    again = read_document(pdf, published="2021-11-13")
    assert again.id == document.id  # the id is the hash of the original bytes


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_broken_pdf_is_invalid_data(tmp_path: Path) -> None:
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.4\nthis is not a pdf body")
    with pytest.raises(InvalidData, match=r"broken\.pdf"):
        read_document(pdf)
