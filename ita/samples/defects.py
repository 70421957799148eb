"""Defective files a real ingest meets: scans without a text layer, truncated downloads."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from fpdf import FPDF

from ita.samples.render_fpdf import FIXED_DATE


def scan_pdf(src: Path, out: Path, dpi: int = 90, max_pages: int = 4) -> Path:
    """Rasterise `src` with pdftoppm and wrap the page images as an image-only PDF (what a
    scanner or a "print to image" gives): no characters at all."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise RuntimeError("pdftoppm (poppler-utils) is needed to make a scanned sample")
    with tempfile.TemporaryDirectory(prefix="ita-scan-") as tmp:
        prefix = Path(tmp) / "page"
        subprocess.run(
            [
                exe,
                "-r",
                str(dpi),
                "-gray",
                "-jpeg",
                "-jpegopt",
                "quality=55",
                "-l",
                str(max_pages),
                str(src),
                str(prefix),
            ],
            check=True,
            capture_output=True,
        )
        pdf = FPDF(format="A4", unit="mm")
        pdf.set_creation_date(FIXED_DATE)
        pdf.set_producer("Scanner")
        for page in sorted(Path(tmp).glob("page*.jpg")):
            pdf.add_page()
            pdf.image(str(page), x=0, y=0, w=210, h=297)
        out.parent.mkdir(parents=True, exist_ok=True)
        pdf.output(str(out))
    return out


def truncate_pdf(src: Path, out: Path, keep: float = 0.55) -> Path:
    """Keep the first `keep` share of the bytes: an interrupted download (no xref, no %%EOF)."""
    data = src.read_bytes()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data[: int(len(data) * keep)])
    return out
