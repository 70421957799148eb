"""Imported by the parse pool's forkserver before it forks any worker (`PRELOAD` in
`flows/parse_pool.py`): the extractor and the contracts are imported and warmed up once, and
every worker starts with them in memory (shared, copy-on-write) instead of paying ~2 s each."""

from __future__ import annotations

import ita.sources  # noqa: F401  (the extractor: pdfplumber, pypdfium2)
import warehouse.prepare  # noqa: F401  (the contracts: pandas, pandera)
from schemas.validate import warm_up

warm_up()
