"""Reports rendered from a plain context, in Thai: PDF (fpdf2 + HarfBuzz, no browser), DOCX
(python-docx, editable), self-contained HTML (Jinja2) and Markdown.

    ctx = assemble_context(fw, record, classification, measures, generated_on=today)
    path = render_report(ctx, "pdf", out_dir, thai_digits=True)

`render_document` renders any `Document` built from `ita.reports.blocks` (the progress reports
of the tracking work use it with `ita.reports.parts`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal, get_args

from ita.reports.analysis import build_analysis_document
from ita.reports.blocks import Document
from ita.reports.context import ReportContext

Format = Literal["pdf", "docx", "html", "md"]
FORMATS: tuple[str, ...] = get_args(Format)

__all__ = [
    "FORMATS",
    "Format",
    "ReportContext",
    "build_analysis_document",
    "render_document",
    "render_report",
    "report_file_name",
]


def render_report(
    context: ReportContext, fmt: str, out_dir: Path, *, thai_digits: bool = False
) -> Path:
    """Write the analysis report of `context` as `fmt` into `out_dir`; returns the file."""
    doc = build_analysis_document(context, thai_digits=thai_digits)
    name = report_file_name("analysis", context.fiscal_year, context.agency.name, fmt)
    return render_document(doc, fmt, Path(out_dir) / name)


def render_document(doc: Document, fmt: str, path: Path) -> Path:
    """Render a document model to `path` in one of FORMATS."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "pdf":
        from ita.reports.render_pdf import render_pdf

        return render_pdf(doc, path)
    if fmt == "docx":
        from ita.reports.render_docx import render_docx

        return render_docx(doc, path)
    if fmt == "html":
        from ita.reports.render_html import render_html

        return render_html(doc, path)
    from ita.reports.render_md import render_md

    return render_md(doc, path)


_UNSAFE = re.compile(r"[\s/\\:*?\"<>|]+")


def report_file_name(kind: str, fiscal_year: int, agency: str, fmt: str) -> str:
    """e.g. "ita-analysis-2565-องค์การบริหารส่วนตำบลตะคร้ำเอน.pdf" (Thai kept; path-unsafe
    characters replaced)."""
    return f"ita-{kind}-{fiscal_year}-{_UNSAFE.sub('-', agency).strip('-')}.{fmt}"
