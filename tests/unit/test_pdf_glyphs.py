"""The character layer on real PDFs from five producers (tests/fixtures/extract, made by
make_fixtures.py): what pdfplumber's own text gives, and what ours gives."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pdfplumber
import pytest

from ita.pdf import UnreadablePdf, open_pdf
from ita.pdf.glyphs import ThaiPage, read_glyphs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extract"
_spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
assert _spec is not None and _spec.loader is not None
_make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_make)
LINES: list[str] = _make.LINES

PRODUCERS = [
    "chromium-laksaman.pdf",
    "chromium-sarabun.pdf",
    "libreoffice-laksaman.pdf",
    "fpdf2-shaped.pdf",
    "weasyprint-sarabun.pdf",
]


def page_texts(name: str) -> list[str]:
    with open_pdf(FIXTURES / name) as pdf:
        return [line.text for page in pdf.pages() for line in page.lines]


@pytest.mark.parametrize("name", PRODUCERS)
def test_every_producer_reads_exactly(name: str) -> None:
    assert page_texts(name) == LINES


def test_reference_defect_reproduced_by_pdfplumber_and_repaired_by_us() -> None:
    with pdfplumber.open(FIXTURES / "chromium-laksaman.pdf") as pdf:
        plumber = pdf.pages[0].extract_text()
    assert "ตัวชีว้ ัดที ่ ๗ ประสิทธิภาพการส่ือสาร 77.02" in plumber  # the reference's example
    assert "\uf70a" in plumber  # private-use tone marks
    assert "ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร 77.02" in page_texts("chromium-laksaman.pdf")


def test_actual_text_restores_ligature_glyphs_pdfplumber_reads_as_nul() -> None:
    with pdfplumber.open(FIXTURES / "chromium-sarabun.pdf") as pdf:
        assert any(c["text"] == "\x00" for c in pdf.pages[0].chars)
    with open_pdf(FIXTURES / "chromium-sarabun.pdf") as pdf:
        [page] = list(pdf.pages())
    assert page.lost == 0 and page.source == "pdfplumber"


def test_weasyprint_page_is_read_with_pdfium_because_pdfplumber_loses_marks() -> None:
    with pdfplumber.open(FIXTURES / "weasyprint-sarabun.pdf") as pdf:
        assert any(c["text"] == "" for c in pdf.pages[0].chars)
    with open_pdf(FIXTURES / "weasyprint-sarabun.pdf") as pdf:
        [page] = list(pdf.pages())
    assert page.source == "pdfium"
    assert page.notes and "pdfplumber lost" in page.notes[0]


@pytest.mark.parametrize("name", ["fpdf2-shaped.pdf", "weasyprint-sarabun.pdf"])
def test_glyphs_are_pdfplumbers_chars(name: str) -> None:
    """Our fast path reads the very objects page.chars is built from: same text (unmapped
    glyphs as empty), same boxes, same stream order (files without /ActualText, which merges
    a span's glyphs into one)."""
    with pdfplumber.open(FIXTURES / name) as pdf:
        chars = pdf.pages[0].chars
        page = ThaiPage(pdf, pdf.pages[0].page_obj, page_number=1)
        glyphs = read_glyphs(page)
    assert len(glyphs) == len(chars)
    for g, c in zip(glyphs, chars, strict=True):
        expected = "" if c["text"].startswith("(cid:") else c["text"]
        assert g.text == expected
        assert (g.x0, g.top, g.x1, g.bottom) == pytest.approx(
            (c["x0"], c["top"], c["x1"], c["bottom"])
        )


def test_every_word_keeps_page_and_box() -> None:
    with open_pdf(FIXTURES / "libreoffice-laksaman.pdf") as pdf:
        [page] = list(pdf.pages())
    for line in page.lines:
        assert line.page == 1
        for w in line.words:
            assert 0 <= w.x0 < w.x1 <= page.width and 0 <= w.top < w.bottom <= page.height


def test_encrypted_pdf_is_unreadable_with_the_reason() -> None:
    with pytest.raises(UnreadablePdf, match="encrypted"):
        open_pdf(FIXTURES / "encrypted.pdf").__enter__()


def test_not_a_pdf_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_text("<html>ผลการประเมิน</html>", "utf-8")
    with pytest.raises(UnreadablePdf, match="not a PDF"):
        open_pdf(path).__enter__()
