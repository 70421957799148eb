"""One entry point per producer: a `Document` in, a PDF out."""

from __future__ import annotations

from pathlib import Path

from ita.samples.doc import Document
from ita.samples.producers import convert_docx_to_pdf, print_html_to_pdf
from ita.samples.render_docx import render_docx
from ita.samples.render_fpdf import render_pdf_fpdf2
from ita.samples.render_html import render_html
from ita.samples.variants import Producer


class DocxBatch:
    """LibreOffice starts slowly: collect .docx files and convert them in one process."""

    def __init__(self, work_dir: Path) -> None:
        self.work_dir = work_dir
        self.pending: list[tuple[Path, Path]] = []  # (docx, final pdf)

    def add(self, doc: Document, family: str, out: Path) -> None:
        docx = self.work_dir / (out.stem + ".docx")
        render_docx(doc, family, docx)
        self.pending.append((docx, out))

    def flush(self) -> None:
        if not self.pending:
            return
        made = convert_docx_to_pdf([d for d, _ in self.pending], self.work_dir / "pdf")
        for pdf, (_, out) in zip(made, self.pending, strict=True):
            out.parent.mkdir(parents=True, exist_ok=True)
            pdf.replace(out)
        self.pending.clear()


def render_document(
    doc: Document, producer: Producer, family: str, out: Path, batch: DocxBatch | None
) -> None:
    """Render with `producer`; LibreOffice output lands when `batch.flush()` runs."""
    if producer == "fpdf2":
        render_pdf_fpdf2(doc, out, family, shaping=True)
    elif producer == "fpdf2-noshape":
        render_pdf_fpdf2(doc, out, family, shaping=False)
    elif producer == "chromium":
        print_html_to_pdf(render_html(doc, family), out, doc.browser_furniture)
    elif producer == "libreoffice":
        if batch is None:
            raise ValueError("LibreOffice rendering needs a DocxBatch")
        batch.add(doc, family, out)
    else:
        raise ValueError(f"unknown producer {producer!r}")
