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
RECENT_MAX = 128  # eleven pages × several selections: 64 entries pushed the first selection out
RECENT_BYTES = 256_000_000

_entries: OrderedDict[tuple[Hashable, ...], tuple[Any, int]] = OrderedDict()
_guard = threading.Lock()


def _frames(value: Any) -> list[pl.DataFrame]:
    """The frames of a result: itself, or in its dataclass fields, tuples, lists and dicts."""
    if isinstance(value, pl.DataFrame):
        return [value]
    if isinstance(value, (list, tuple)):
        return [df for v in value for df in _frames(v)]
    if isinstance(value, dict):
        return [df for v in value.values() for df in _frames(v)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [df for f in dataclasses.fields(value) for df in _frames(getattr(value, f.name))]
    return []


def _size(value: Any, held: set[int] | None = None) -> int:
    """Estimated bytes of a result: its frames but those in `held` (ids of frames the whole-lake cache keeps
    anyway: a national selection's result is often such a frame itself); shared buffers counted again."""
    return sum(int(df.estimated_size()) for df in _frames(value) if held is None or id(df) not in held)


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
    held = {id(df) for v in snapshot.of(Path(lake)).derived_values() for df in _frames(v)}
    size = _size(value, held)
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
