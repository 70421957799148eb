"""Drive the real PDF producers: headless Chromium and LibreOffice, each with HOME and XDG
folders in a throw-away directory (nothing touches the user's profile)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ita.samples.fonts import ALL_FAMILIES, font_files

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
SOFFICE_CANDIDATES = ("soffice", "libreoffice")
TIMEOUT_S = 180


class ProducerMissing(RuntimeError):
    """A producer program is not installed (run `make samples`, which installs it)."""


def find_program(candidates: tuple[str, ...]) -> str:
    for name in candidates:
        path = shutil.which(name)
        if path:
            return path
    raise ProducerMissing(f"none of {', '.join(candidates)} is installed")


@contextmanager
def sandbox_env() -> Iterator[tuple[Path, dict[str, str]]]:
    """A temp dir with HOME/XDG folders, Sarabun registered with fontconfig there."""
    with tempfile.TemporaryDirectory(prefix="ita-producer-") as tmp:
        root = Path(tmp)
        env = dict(os.environ)
        for var, sub in (
            ("HOME", "home"),
            ("XDG_CONFIG_HOME", "home/.config"),
            ("XDG_CACHE_HOME", "home/.cache"),
            ("XDG_DATA_HOME", "home/.local/share"),
            ("XDG_RUNTIME_DIR", "run"),
        ):
            (root / sub).mkdir(parents=True, exist_ok=True)
            env[var] = str(root / sub)
        os.chmod(root / "run", 0o700)
        fonts = root / "home/.local/share/fonts"
        fonts.mkdir(parents=True, exist_ok=True)
        for fam in ALL_FAMILIES:  # TLWG is system-wide already; Sarabun is only on PyPI
            try:
                files = font_files(fam)
            except FileNotFoundError:
                continue
            if not str(files.regular).startswith("/usr/share/fonts"):
                for f in (files.regular, files.bold):
                    (fonts / f.name).symlink_to(f)
        yield root, env


def print_html_to_pdf(html: str, out: Path, browser_furniture: bool = False) -> Path:
    """Chromium --headless --print-to-pdf of an HTML string."""
    exe = find_program(CHROMIUM_CANDIDATES)
    out.parent.mkdir(parents=True, exist_ok=True)
    with sandbox_env() as (root, env):
        page = root / "page.html"
        page.write_text(html, "utf-8")
        target = root / "out.pdf"
        cmd = [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            f"--user-data-dir={root / 'profile'}",
            f"--print-to-pdf={target}",
        ]
        if not browser_furniture:
            cmd.append("--no-pdf-header-footer")
        cmd.append(page.as_uri())
        subprocess.run(cmd, env=env, capture_output=True, timeout=TIMEOUT_S, check=False)
        if not target.exists() or target.stat().st_size == 0:
            raise RuntimeError(f"Chromium produced no PDF for {out.name}")
        shutil.move(str(target), out)
    return out


def convert_docx_to_pdf(docx_files: list[Path], out_dir: Path) -> list[Path]:
    """LibreOffice headless conversion of several .docx files in one process."""
    exe = find_program(SOFFICE_CANDIDATES)
    out_dir.mkdir(parents=True, exist_ok=True)
    with sandbox_env() as (root, env):
        cmd = [
            exe,
            "--headless",
            "--norestore",
            "--nologo",
            f"-env:UserInstallation={(root / 'lo-profile').as_uri()}",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out_dir),
            *map(str, docx_files),
        ]
        subprocess.run(cmd, env=env, capture_output=True, timeout=TIMEOUT_S * 3, check=False)
    outs = [out_dir / (f.stem + ".pdf") for f in docx_files]
    missing = [o.name for o in outs if not o.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice produced no PDF for {', '.join(missing)}")
    return outs
