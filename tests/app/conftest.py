"""Fixtures for the dashboard page tests: a tiny hand-made lake and an empty one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tiny_lake import build_tiny_lake  # noqa: E402


@pytest.fixture(scope="session")
def tiny_lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2 documents, some summary rows and 1 quarantined file."""
    return build_tiny_lake(tmp_path_factory.mktemp("tiny") / "lake")


@pytest.fixture
def empty_lake(tmp_path: Path) -> Path:
    """A lake directory with nothing in it."""
    lake = tmp_path / "lake"
    lake.mkdir()
    return lake
