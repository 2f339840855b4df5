"""The last few selections' page data, kept per lake version (a small LRU beside the whole-lake cache).

Why: a page often asks twice for one result (the 三公 trend and its like-for-like view, the
projects of the overview and of the projects page), and readers come back to the selections
they just looked at. The whole-lake cache (fiscal.read.cache) must not hold these: it keeps a
few dozen expensive whole-lake frames and drops its oldest first, so per-selection entries
would push them out. Results are immutable frames (or frozen dataclasses of frames); an entry
of an older lake version is never returned.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar, cast

import polars as pl

from fiscal import snapshot
from fiscal.read.cache import links_stamp

T = TypeVar("T")
# Entries kept per process, and their estimated bytes at most (a national selection's result holds frames
# the size of the lake's counted rows; the oldest entries go first).
RECENT_MAX = 64
RECENT_BYTES = 256_000_000

_entries: OrderedDict[tuple[Hashable, ...], tuple[Any, int]] = OrderedDict()
_guard = threading.Lock()


def _size(value: Any) -> int:
    """Estimated bytes of a result: its frames, in dataclasses, tuples, lists and dicts (shared buffers counted
    again: an upper bound)."""
    if isinstance(value, pl.DataFrame):
        return int(value.estimated_size())
    if isinstance(value, (list, tuple)):
        return sum(_size(v) for v in value)
    if isinstance(value, dict):
        return sum(_size(v) for v in value.values())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sum(_size(getattr(value, f.name)) for f in dataclasses.fields(value))
    return 0


def lake_version(lake: Path) -> tuple[Any, ...]:
    """What invalidates a selection's result: the documents version (every ingest batch commits it last,
    and nothing else changes what readers see, see fiscal.snapshot) and the lake's link mapping file."""
    return (str(Path(lake).resolve()), snapshot.of(Path(lake)).version("documents"), links_stamp(lake))


def recent(lake: Path, name: str, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` for (`name`, `key`) at the lake's current version, remembered for the last RECENT_MAX calls."""
    full = (name, key, lake_version(lake))
    with _guard:
        if full in _entries:
            _entries.move_to_end(full)
            return cast(T, _entries[full][0])
    value = compute()
    size = _size(value)
    if size > RECENT_BYTES // 4:  # too large to keep beside the others
        return value
    with _guard:
        _entries[full] = (value, size)
        _entries.move_to_end(full)
        while len(_entries) > RECENT_MAX or sum(s for _, s in _entries.values()) > RECENT_BYTES:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    """Forget every entry (tests, the bench's fresh reader)."""
    with _guard:
        _entries.clear()
