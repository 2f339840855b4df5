"""Keeping the lake fast as it grows: compaction, checkpoints, vacuum.

Every ingest batch adds one commit (a JSON log entry) and a few small Parquet files
per dataset. Left alone, opening a table means replaying thousands of log entries and
listing thousands of small files. `compact(lake)` per dataset:

* `optimize.compact()` rewrites the small files of each partition into one,
* `create_checkpoint()` writes the table state as Parquet so a reader replays only
  the log entries after it (and old JSON entries can be cleaned up),
* `vacuum(retention_hours=…)` deletes files no version within the retention still
  uses (default 168 h: a reader holding a week-old snapshot, or "as of" an earlier
  version inside that week, still works).

`maybe_compact(lake)` is the cheap policy the ingest calls after each commit: it only
looks at the log folder and the table's file list; it compacts a dataset when it has
more than SMALL_FILES files that compaction could merge (files beyond one per
partition), and only checkpoints it when it has COMMITS_PER_CHECKPOINT log entries since
its last checkpoint but nothing to merge.
Everything here runs under the lake's writer lock.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pyarrow as pa
from deltalake import DeltaTable

from fiscal import paths, store
from fiscal.schema import DATASETS

DEFAULT_RETENTION_HOURS = 168
COMMITS_PER_CHECKPOINT = 20
SMALL_FILES = 200


@dataclass
class TableStats:
    """What the policy looks at for one dataset."""

    dataset: str
    version: int
    commits_since_checkpoint: int
    files: int
    partitions: int

    @property
    def mergeable(self) -> int:
        """Files compaction could remove (more than one file in a partition)."""
        return max(self.files - self.partitions, 0)


@dataclass
class CompactReport:
    """What compact() did, per dataset."""

    datasets: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0


def _open(path: Path) -> DeltaTable:
    """The Delta table at a local path or on object storage (fiscal.paths)."""
    return DeltaTable(paths.uri(path), storage_options=paths.storage_options(path))


def _last_checkpoint(path: Path) -> int | None:
    marker = path / "_delta_log" / "_last_checkpoint"
    try:
        if paths.is_remote(marker):
            filesys, inner = paths.filesystem(marker)
            with filesys.open_input_stream(inner) as fh:
                return int(json.loads(fh.read())["version"])
        return int(json.loads(marker.read_text())["version"])
    except (OSError, ValueError, KeyError):
        return None


def _log_names(log: Path) -> list[str]:
    """File names in a table's _delta_log (one listing request on object storage)."""
    if not paths.is_remote(log):
        return [f.name for f in log.glob("*.json")]
    from pyarrow import fs

    filesys, inner = paths.filesystem(log)
    return [i.base_name for i in filesys.get_file_info(fs.FileSelector(inner, allow_not_found=True))]


def _log_versions(path: Path) -> list[int]:
    out = []
    for name in _log_names(path / "_delta_log"):
        stem = name[: -len(".json")]
        if name.endswith(".json") and stem.isdigit():
            out.append(int(stem))
    return out


def commits_since_checkpoint(path: Path) -> int:
    """Log entries a reader replays after the last checkpoint (cheap: a directory listing)."""
    versions = _log_versions(path)
    if not versions:
        return 0
    last = _last_checkpoint(path)
    return sum(1 for v in versions if last is None or v > last)


def stats(lake: Path, dataset: str) -> TableStats | None:
    """The dataset's version, log entries since checkpoint, files and partitions; None when absent."""
    path = store.table_path(lake, dataset)
    if not paths.table_exists(path):
        return None
    dt = _open(path)
    actions = pl.from_arrow(pa.table(dt.get_add_actions(flatten=True)))  # arro3 table → polars, columns kept
    assert isinstance(actions, pl.DataFrame)
    part_cols = [c for c in actions.columns if c.startswith("partition.")]
    if part_cols and actions.height:
        parts = actions.select(part_cols).unique().height
    else:
        parts = 1 if actions.height else 0
    return TableStats(dataset, dt.version(), commits_since_checkpoint(path), actions.height, parts)


def needs_compaction(s: TableStats, commits: int = COMMITS_PER_CHECKPOINT, small_files: int = SMALL_FILES) -> bool:
    """The policy: too many log entries since the last checkpoint, or too many mergeable small files."""
    return needs_checkpoint(s, commits) or s.mergeable > small_files


def needs_checkpoint(s: TableStats, commits: int = COMMITS_PER_CHECKPOINT) -> bool:
    """Too many log entries since the last checkpoint (a checkpoint alone is cheap: no data file is rewritten)."""
    return s.commits_since_checkpoint >= commits


def _checkpoint_table(path: Path) -> dict[str, int]:
    dt = _open(path)
    dt.create_checkpoint()
    dt.cleanup_metadata()
    files = len(dt.file_uris())
    return {"files_before": files, "files_after": files, "files_compacted": 0, "vacuumed": 0,
            "version": dt.version()}


def _compact_table(path: Path, retention_hours: int, vacuum: bool) -> dict[str, int]:
    dt = _open(path)
    before = len(dt.file_uris())
    metrics = dt.optimize.compact()
    dt = _open(path)
    dt.create_checkpoint()
    dt.cleanup_metadata()  # log entries older than the log retention, now covered by the checkpoint
    removed: list[str] = []
    if vacuum:
        removed = dt.vacuum(retention_hours=retention_hours, enforce_retention_duration=False, dry_run=False)
    return {
        "files_before": before,
        "files_after": len(_open(path).file_uris()),
        "files_compacted": int(metrics.get("numFilesRemoved", 0) or 0),
        "vacuumed": len(removed),
        "version": _open(path).version(),
    }


def compact(lake: Path, datasets: tuple[str, ...] | None = None, *,
            retention_hours: int = DEFAULT_RETENTION_HOURS, vacuum: bool = True, locked: bool = False) -> CompactReport:
    """Compact, checkpoint and vacuum every dataset of the lake (or the named ones)."""
    lake = Path(lake)
    started = time.perf_counter()
    report = CompactReport()

    def work() -> None:
        for dataset in datasets or DATASETS:
            path = store.table_path(lake, dataset)
            if paths.table_exists(path):
                report.datasets[dataset] = _compact_table(path, retention_hours, vacuum)

    if locked:
        work()
    else:
        with store.lock(lake):
            work()
    report.seconds = time.perf_counter() - started
    return report


def maybe_compact(lake: Path, *, commits: int = COMMITS_PER_CHECKPOINT, small_files: int = SMALL_FILES,
                  retention_hours: int = DEFAULT_RETENTION_HOURS) -> CompactReport | None:
    """Compact the datasets that need it (see needs_compaction); None when none does.

    Cheap when nothing is due: the first check is a listing of `documents/_delta_log`
    (every batch commits `documents`), the file counts are only read when that is due
    or every 10th commit.
    """
    lake = Path(lake)
    doc_path = store.table_path(lake, "documents")
    if not paths.table_exists(doc_path):
        return None
    pending = commits_since_checkpoint(doc_path)
    if pending < commits and pending % 10 != 0:
        return None
    due, checkpoint_only = [], []
    for dataset in DATASETS:
        s = stats(lake, dataset)
        if s is None:
            continue
        if s.mergeable > small_files:
            due.append(dataset)
        elif needs_checkpoint(s, commits):
            # Files compaction could not merge (one per partition, the usual case under the
            # region/agency/year layout) are left alone: rewriting them costs minutes at
            # thousands of documents and makes every reader reload them.
            checkpoint_only.append(dataset)
    if not due and not checkpoint_only:
        return None
    started = time.perf_counter()
    with store.lock(lake):
        report = compact(lake, tuple(due), retention_hours=retention_hours, locked=True) if due else CompactReport()
        for dataset in checkpoint_only:
            report.datasets[dataset] = _checkpoint_table(store.table_path(lake, dataset))
    report.seconds = time.perf_counter() - started
    return report


def main_compact(lake: Path, retention_hours: int, dry_run: bool = False) -> int:
    """`python -m fiscal compact`: print what is there, compact, print what is left."""
    lake = Path(lake)
    for dataset in DATASETS:
        s = stats(lake, dataset)
        if s is not None:
            print(f"{dataset:15s} v{s.version:<5d} files={s.files:<6d} partitions={s.partitions:<6d} "
                  f"log entries since checkpoint={s.commits_since_checkpoint}")
    if dry_run:
        return 0
    report = compact(lake, retention_hours=retention_hours)
    for dataset, r in report.datasets.items():
        print(f"{dataset:15s} files {r['files_before']} → {r['files_after']}, vacuumed {r['vacuumed']}, "
              f"checkpoint at v{r['version']}")
    print(f"compact: {len(report.datasets)} datasets in {report.seconds:.1f} s (retention {retention_hours} h)")
    return 0
