"""Hostile input files, made at test time from the bundled corpus (nothing binary committed).

Each factory writes one file into a folder and returns its path. They use only Python packages
(fpdf2, pypdf, pypdfium2) — no Chromium, LibreOffice or poppler — so `make test` runs anywhere.
"""

from __future__ import annotations

import io
import json
import zlib
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from ita.record import AssessmentRecord
from ita.samples.corpus import CORPUS_DIR

# A small fpdf2 ITAS result of the seed agency (FY2565, overall 87.13): the base for mutations.
SEED_PDF = CORPUS_DIR / "2565-takhram-en-fpdf2.pdf"
# Small, fast-to-parse results from three producers (fuzzing bases).
FUZZ_BASES = (
    "2566-mae-rim-fpdf2-noshape.pdf",
    "2565-takhram-en-fpdf2.pdf",
    "2566-dept-rural-roads-libreoffice.pdf",
)
FONT_FAMILY = "Sarabun"  # from PyPI (fontpkg-sarabun): present wherever the venv is


def corpus_pdf(name: str) -> Path:
    return CORPUS_DIR / name


def golden(pdf: Path) -> AssessmentRecord:
    return AssessmentRecord.read_truth(pdf.with_suffix(".json"))


def golden_json(pdf: Path) -> dict[str, object]:
    return json.loads(pdf.with_suffix(".json").read_text("utf-8"))


# ------------------------------------------------------------------------------ not PDFs
def write_empty(folder: Path) -> Path:
    path = folder / "empty.pdf"
    path.write_bytes(b"")
    return path


def write_html_named_pdf(folder: Path) -> Path:
    """What a web server sends instead of the PDF: an HTML error page under a .pdf name."""
    path = folder / "ผลการประเมิน-html.pdf"
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>404</title></head>"
        "<body><h1>ไม่พบหน้าที่ต้องการ</h1><p>The requested document was moved.</p></body></html>",
        "utf-8",
    )
    return path


def write_zip_named_pdf(folder: Path) -> Path:
    """A .docx (zip) uploaded with a .pdf name."""
    import zipfile

    path = folder / "report-docx.pdf"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>ผลการประเมิน ITA</w:document>")
    return path


def write_pdf_header_only(folder: Path) -> Path:
    path = folder / "header-only.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    return path


# ---------------------------------------------------------------------------- damaged PDFs
def write_truncated(folder: Path, src: Path = SEED_PDF, keep: float = 0.55) -> Path:
    """An interrupted download: the first `keep` share of the bytes (no xref, no %%EOF)."""
    data = src.read_bytes()
    path = folder / f"truncated-{int(keep * 100)}-{src.name}"
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def write_encrypted(folder: Path, src: Path = SEED_PDF, user_password: str = "secret") -> Path:
    """The seed result encrypted with pypdf. With a user password nobody can read it without
    the password; with an empty one (owner password only) any reader may open it."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(src))
    writer.encrypt(
        user_password=user_password, owner_password="owner-" + user_password, algorithm="RC4-128"
    )
    tag = "password" if user_password else "owner-only"
    path = folder / f"encrypted-{tag}-{src.name}"
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def write_scanned(folder: Path, src: Path = SEED_PDF, pages: int = 2) -> Path:
    """A scan: the first pages of a real result rendered to images (PDFium) and wrapped as an
    image-only PDF (fpdf2) — the numbers are visible, but there is no text layer."""
    import pypdfium2 as pdfium
    from fpdf import FPDF

    doc = pdfium.PdfDocument(str(src))
    out = FPDF(format="A4", unit="mm")
    out.set_producer("Scanner")
    try:
        for i in range(min(pages, len(doc))):
            page = doc[i]
            image = page.render(scale=0.8, grayscale=True).to_pil()
            buf = io.BytesIO()
            image.save(buf, format="JPEG", quality=40)
            out.add_page()
            out.image(buf, x=0, y=0, w=210, h=297)
            page.close()
    finally:
        doc.close()
    path = folder / f"scanned-{src.name}"
    out.output(str(path))
    return path


def write_many_pages(folder: Path, pages: int, src: Path = SEED_PDF) -> Path:
    """A real result followed by blank pages, `pages` pages in all (pypdf, cheap)."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(src)
    writer = PdfWriter(clone_from=reader)
    box = reader.pages[0].mediabox
    while len(writer.pages) < pages:
        writer.add_blank_page(width=float(box.width), height=float(box.height))
    path = folder / f"pages-{pages}-{src.name}"
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def write_tiny_objects(folder: Path, glyphs: int = 150_000, rects: int = 30_000) -> Path:
    """One A4 page drawing `glyphs` tiny characters and `rects` tiny rectangles — a few tens of
    KB compressed, but millions of layout objects for a parser that takes every one (a "PDF
    bomb" by object count). Hand-written PDF with a Flate content stream."""
    ops: list[bytes] = [b"BT /F1 1 Tf"]
    for i in range(glyphs):
        x, y = 20 + (i % 500) * 1.1, 20 + (i // 500) % 760
        ops.append(b"1 0 0 1 %.1f %d Tm (.) Tj" % (x, y))
    ops.append(b"ET")
    for i in range(rects):
        ops.append(b"%.1f %d 0.5 0.5 re f" % (20 + (i % 500) * 1.1, 20 + (i // 500) % 760))
    stream = zlib.compress(b"\n".join(ops), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path = folder / "tiny-objects.pdf"
    path.write_bytes(_assemble_pdf(objects))
    return path


def _assemble_pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
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
    return bytes(out)


# ------------------------------------------------------------- readable PDFs with bad content
def render_itas(
    folder: Path,
    name: str,
    record: AssessmentRecord,
    *,
    framework_year: int,
    printed_score: Decimal | None = None,
    drop_indicators: tuple[int, ...] = (),
) -> Path:
    """Lay out `record` as an ITAS result with the sample generator (fpdf2, Sarabun, a fixed
    plain layout) — optionally printing another overall score or leaving indicators out."""
    from ita.frameworks import load_framework
    from ita.samples.itas_report import build_itas_document
    from ita.samples.render import render_document
    from ita.samples.variants import Variant

    variant = Variant(
        producer="fpdf2",
        font=FONT_FAMILY,
        thai_digits=False,
        ruled=True,
        indicator_style="numbered",
        tool_style="raw",
        block_order="standard",
        code_style="plain",
        oit_style="มี/ไม่มี",
        trim_decimals=False,
        furniture="none",
        agency_as_table=True,
        name_choice=0,
        body_size=12.0,
    )
    doc, _ = build_itas_document(load_framework(framework_year), record, variant, printed_score)
    if drop_indicators:
        doc.blocks = [_without_indicators(b, drop_indicators) for b in doc.blocks]
    path = folder / f"{name}.pdf"
    render_document(doc, "fpdf2", FONT_FAMILY, path, None)
    return path


def _without_indicators(block: object, numbers: tuple[int, ...]) -> object:
    from ita.samples.doc import Table

    if not isinstance(block, Table):
        return block
    labels = tuple(f"ตัวชี้วัดที่ {n}" for n in numbers)
    rows = tuple(
        row
        for row in block.rows
        if not any(
            cell == label or cell.startswith(label + " ") for cell in row for label in labels
        )
    )
    return replace(block, rows=rows)


def write_old_year(folder: Path) -> Path:
    """The seed result printed as fiscal year 2550 — before the IIT/EIT/OIT framework."""
    record = golden(SEED_PDF)
    record.fiscal_year = 2550
    return render_itas(folder, "old-year-2550", record, framework_year=2565)


def write_unknown_year(folder: Path) -> Path:
    """A FY2567-style result printed as fiscal year 2575 — no catalog knows that year."""
    src = CORPUS_DIR / "2567-hat-yai-fpdf2.pdf"
    record = golden(src)
    record.fiscal_year = 2575
    return render_itas(folder, "unknown-year-2575", record, framework_year=2567)


def write_missing_indicators(folder: Path) -> Path:
    """The seed result with indicators 3 and 7 left out of every table."""
    return render_itas(
        folder,
        "missing-indicators-3-7",
        golden(SEED_PDF),
        framework_year=2565,
        drop_indicators=(3, 7),
    )


def write_bad_total(folder: Path) -> Path:
    """The seed result printing overall 90.33 where its indicators give 87.13."""
    return render_itas(
        folder,
        "overall-does-not-add-up",
        golden(SEED_PDF),
        framework_year=2565,
        printed_score=Decimal("90.33"),
    )


def write_not_ita(folder: Path) -> Path:
    """A Thai recruitment notice (not an ITA result), laid out by the generator with fpdf2."""
    from ita.samples.corpus import not_ita_sample
    from ita.samples.render import render_document

    sample = not_ita_sample("not-ita-recruitment", 0)
    path = folder / "ประกาศรับสมัคร-not-ita.pdf"
    render_document(sample.doc, "fpdf2", FONT_FAMILY, path, None)
    return path


def copy_as(folder: Path, src: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(src.read_bytes())
    return path


def write_wrong_page_count(folder: Path, src: Path = SEED_PDF) -> Path:
    """The seed result whose page tree claims one page more than it holds (/Count n+1): a
    sloppy producer's mistake. Same length, so the xref offsets stay right."""
    data = src.read_bytes()
    from pypdf import PdfReader

    n = len(PdfReader(src).pages)
    old, new = b"/Count %d" % n, b"/Count %d" % (n + 1)
    assert data.count(old) == 1 and len(old) == len(new), "unexpected page tree"
    path = folder / f"wrong-count-{src.name}"
    path.write_bytes(data.replace(old, new))
    return path


def write_without_page_size(folder: Path, src: Path = SEED_PDF) -> Path:
    """The seed result with its (inherited) /MediaBox renamed away: pages without a size, as
    a broken producer or a careless splice leaves them. Same length, xref offsets intact."""
    data = src.read_bytes()
    assert data.count(b"/MediaBox") >= 1
    path = folder / f"no-mediabox-{src.name}"
    path.write_bytes(data.replace(b"/MediaBox", b"/MediaBax"))
    return path


def write_flate_bomb(folder: Path, megabytes: int = 50) -> Path:
    """One page whose Flate content stream expands ~1000-fold: a few words and `megabytes` MB
    of spaces in a file of about 50 KB per 50 MB."""
    content = b"BT /F1 12 Tf 72 720 Td (ITA) Tj ET\n" + b" " * (megabytes * 1024 * 1024)
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path = folder / f"flate-bomb-{megabytes}mb.pdf"
    path.write_bytes(_assemble_pdf(objects))
    return path
