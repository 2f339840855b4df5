"""`accuracy` is run from the repo root (python -m accuracy), not installed: make it importable
under a bare `pytest` too (where tests/ on sys.path would leave only the namespace tests/accuracy)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
