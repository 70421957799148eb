"""`python -m ita.samples` — regenerate the bundled corpus in ita/samples/corpus/.

Needs Chromium, LibreOffice, the TLWG fonts and poppler-utils (`make samples` installs them).
Options: --seed N (default 0), --out DIR (default the bundled corpus), --first (only the seed
agency from each producer plus three others).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from ita.samples.corpus import (
    CORPUS_DIR,
    clear_corpus,
    plan_bundled,
    plan_first_handful,
    read_manifest,
    write_samples,
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ita.samples", description=__doc__)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=CORPUS_DIR)
    ap.add_argument("--first", action="store_true", help="only the first handful")
    args = ap.parse_args(argv)
    started = time.monotonic()
    plan = plan_first_handful(args.seed) if args.first else plan_bundled(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    clear_corpus(args.out)
    write_samples(plan, args.out)
    rows = read_manifest(args.out / "manifest.csv")
    size = sum(p.stat().st_size for p in args.out.iterdir() if p.is_file())
    print(
        f"{len(rows)} documents in {args.out} ({size / 1e6:.1f} MB) in "
        f"{time.monotonic() - started:.0f} s"
    )
    for producer, n in sorted(Counter(r["producer"] for r in rows).items()):
        print(f"  {producer:<22} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
