"""Prefect flows: thin wrappers over `ita` and `warehouse` functions.

Before Prefect is imported, default its home to the checkout's `.prefect/` (unless you set
`PREFECT_HOME` yourself — set it to ``~/.prefect`` to use your own profiles) and switch its
telemetry off, and give a temporary server two minutes to start on a busy machine (the
default 20 s is not enough on two shared cores), so runs, the local server's database and result storage stay inside the project.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("PREFECT_HOME", str(Path(__file__).resolve().parent.parent / ".prefect"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
