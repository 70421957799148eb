"""Prefect flows: thin wrappers over `ita` and `warehouse` functions.

Before Prefect is imported, this package sets defaults (each only when you have not set it):
- `PREFECT_HOME` → the checkout's `.prefect/`, so runs, the local server's database and result
  storage stay in the project (set it to ``~/.prefect`` to use your own profiles);
- telemetry off;
- two minutes for a temporary server to start (the default 20 s is not enough on two busy
  cores);
- the `ita`, `warehouse` and `flows` loggers go into the run logs (and stay quiet about it
  outside runs).
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("PREFECT_HOME", str(Path(__file__).resolve().parent.parent / ".prefect"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "ita,warehouse,flows")
os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
