"""Following a local Delta table from a version the reader knows, by reading the JSON commits after it.

Why: delta-rs 1.6 advances a DeltaTable (`update_incremental`) by re-materialising the list of
all the table's files, ~6 µs a file: at 100,000 documents (~33,000 files per table, nine
tables) the first reader after every commit paid seconds before reading a single new row,
and its file-list diff as much again. A commit of 100 documents is a few KB of JSON per
table (`_delta_log/<version>.json`: its add and remove actions), so a reader that knows
version v reads versions v+1…n and learns exactly which files came and went.

Only the plain cases are followed here; anything else returns None and the caller loads the
table through delta-rs as before: a lake on object storage, a commit file missing (log
clean-up past the known version), or an action other than add / remove / commitInfo / txn
(a schema or protocol change, change data, deletion vectors). Commit files are written whole
(delta-rs and fiscal.deltawrite create them atomically), so a file that exists is complete.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from fiscal import paths

# Actions that change nothing a reader holds.
IGNORED_ACTIONS = frozenset({"commitInfo", "txn"})
# Versions read at most in one tail; a reader further behind loads the table through delta-rs.
MAX_VERSIONS = 1000


@dataclass
class Tail:
    """What versions after a known one did to the table's file list: the latest version, files added (path →
    partition values as written in the log, null for a null partition), files removed (of the known version)."""

    version: int
    added: dict[str, dict[str, str | None]] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)
    stamp: tuple[int, int] | None = None  # identity of the latest version's commit file


def stamp(table: Path, version: int) -> tuple[int, int] | None:
    """Identity (inode, modification time) of a version's commit file, None when missing or remote: a table
    made again in the same folder has other commit files under the same version numbers."""
    if paths.is_remote(table):
        return None
    try:
        st = os.stat(commit_file(table, version))
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


def commit_file(table: Path, version: int) -> Path:
    """The JSON commit of a version."""
    return Path(table) / "_delta_log" / f"{version:020d}.json"


def tail(table: Path, since: int, known: tuple[int, int] | None = None) -> Tail | None:
    """The file changes of the versions after `since` up to the latest, None when they must be read by delta-rs;
    `known`: the stamp of `since`'s commit file when the caller read it (a table made again is not followed)."""
    if since < 0 or paths.is_remote(table):
        return None
    out = Tail(since, stamp=known)
    while True:
        try:
            text = commit_file(table, out.version + 1).read_text(encoding="utf-8")
        except FileNotFoundError:
            break
        except OSError:
            return None
        if not _apply(out, text):
            return None
        out.version += 1
        if out.version - since > MAX_VERSIONS:
            return None
    if out.version == since:
        # log clean-up deletes the oldest commits first: when the known version's file is gone too, later ones
        # may have been cleaned up as well, and only delta-rs (from a checkpoint) knows the table
        return out if os.path.exists(commit_file(table, since)) else None
    if known is not None and stamp(table, since) != known:
        return None  # the table was made again since the caller read it
    out.stamp = stamp(table, out.version)
    return out


def _apply(out: Tail, text: str) -> bool:
    """Fold one commit's actions into `out`; False when it holds an action this module does not follow."""
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            action = json.loads(line)
        except ValueError:
            return False
        if not isinstance(action, dict) or len(action) != 1:
            return False
        kind, body = next(iter(action.items()))
        if kind in IGNORED_ACTIONS:
            continue
        if kind not in ("add", "remove") or not isinstance(body, dict) or not isinstance(body.get("path"), str):
            return False
        if body.get("deletionVector") is not None:
            return False
        path = body["path"]
        if kind == "add":
            values = body.get("partitionValues")
            if not isinstance(values, dict):
                return False
            out.added[path] = values
            out.removed.discard(path)
        elif out.added.pop(path, None) is None:  # a file added and removed within the tail never existed for us
            out.removed.add(path)
    return True
