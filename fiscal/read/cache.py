"""The read side's one cache: a whole-lake result computed once per lake version.

A result is kept with the versions of the datasets it reads (and of `documents`, which every
ingest batch commits last) and the lake's link mapping file; the next call after a commit
recomputes it. Streamlit's own cache (pages/_common.py) sits on top, per selection.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import ParamSpec, TypeVar

from fiscal import paths, snapshot

T = TypeVar("T")
P = ParamSpec("P")
# Datasets whose rows belong to a document (everything but `documents` itself).
ROW_DATASETS: tuple[str, ...] = ("summary", "line_items", "economic_items", "sangong", "projects", "indicators")


def links_stamp(lake: Path) -> int:
    """Changes when the lake's own mapping file (<lake>/links.csv) does."""
    lake_file = paths.links_file(lake)
    return lake_file.stat().st_mtime_ns if lake_file.is_file() else 0


def memo(lake: Path, name: str, compute: Callable[[], T], datasets: tuple[str, ...] = ROW_DATASETS) -> T:
    """`compute()` once per version of `datasets` and of the link mapping file, under `name`."""
    return snapshot.of(Path(lake)).derived(f"{name}:{links_stamp(lake)}", datasets, compute)


def per_version(*datasets: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorate `fn(lake, *key)` (hashable key arguments) to run once per lake version and key."""
    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(fn)
        def cached(lake: Path, *key: Hashable) -> T:
            name = f"{fn.__module__}.{fn.__qualname__}{key!r}"
            return memo(lake, name, lambda: fn(lake, *key), datasets or ROW_DATASETS)
        return cached
    return decorate
