"""Paths and defaults, resolved once at the edge (CLI, app) and passed inward."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LAKE = PROJECT_ROOT / "lake"
SAMPLES_DIR = PROJECT_ROOT / "samples"


def lake_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The lake root: an explicit value, else $LAKE_DIR, else lake/ in the project."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get("LAKE_DIR")
    return Path(env) if env else DEFAULT_LAKE
