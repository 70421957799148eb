"""Real evidence files of every accepted type (made by the real libraries), and impostors."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from fpdf import FPDF
from PIL import Image


def make_pdf(path: Path, text: str = "evidence") -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text=text)
    pdf.output(str(path))
    return path


def make_image(path: Path, fmt: str) -> Path:
    buf = io.BytesIO()
    Image.new("RGB", (40, 20), (30, 120, 60)).save(buf, format=fmt)
    path.write_bytes(buf.getvalue())
    return path


def make_docx(path: Path, text: str = "หลักฐานการดำเนินงาน") -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def make_exe_named_pdf(path: Path) -> Path:
    """An ELF header saved with a .pdf name: the name lies, the bytes do not."""
    path.write_bytes(b"\x7fELF\x02\x01\x01" + b"\x00" * 200)
    return path


def make_plain_zip(path: Path) -> Path:
    """A zip that is not a Word document (starts with PK like a DOCX)."""
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "not a docx")
    return path
