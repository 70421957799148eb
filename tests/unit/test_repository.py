"""The repository itself: what the package needs must be committed.

`.gitignore` once said `data/`, which also ignored `ita/reports/data/texts.yaml`: every report
test passed in the working tree and failed in a clean clone.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("ita", "schemas", "warehouse", "flows")


def _git(*args: str) -> list[str]:
    out = subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout
    return [line for line in out.splitlines() if line]


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout"
)
def test_no_package_file_is_git_ignored() -> None:
    files = [
        str(p.relative_to(ROOT))
        for pkg in PACKAGES
        for p in (ROOT / pkg).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    ignored = _git("check-ignore", "--no-index", *files)
    assert ignored == [], f"package files ignored by .gitignore: {ignored[:10]}"
