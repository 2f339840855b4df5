"""Keeping the lake fast as it grows: bounded compaction, checkpoints, vacuum.

Every ingest batch adds one commit (a JSON log entry) per dataset and one Parquet file per
region/agency/year partition it touches. Files and sizes: an agency-year partition holds 1–3
documents (a few KB to ~100 KB per table), so one file per partition is the floor and the
target (delta's 100 MB target size never splits one); compaction only merges partitions
holding several files (re-ingests, a 决算 and a 预算 committed apart). The floor matters: in
delta-rs 1.6 each new version costs every DeltaTable following the table ~6 µs per file of
the table (~20 µs with column statistics; the snapshot is advanced from all its files), so
files ≈ partitions keeps that cost as low as this partitioning allows (see docs/DESIGN.md
for why region/agency/year). The writer's appends do not pay it (fiscal.deltawrite); its
deletes and this module's steps do, and the tables are looked at before the lock is taken.

`maybe_compact(lake)` is the policy the ingest calls after each commit. Its work under the
writer lock is bounded, so no commit ever waits long behind it:

* a compaction *step* merges partitions holding several files, most files first, oldest
  first among equals, at most FILES_PER_STEP files (0.4–0.8 s at 43,000 documents): their
  rows are read and written back as one file per partition in ONE Delta commit (an
  overwrite of exactly those partitions). Not `optimize.compact()`: in delta-rs 1.6 it pays
  ~15 µs per file of the table for every partition it merges (180 files took 15–26 s at
  43,000 documents; the whole-table run held the lock 104 s at 5,300). A dataset gets a
  step when it has more than SMALL_FILES mergeable files;
* a dataset with COMMITS_PER_CHECKPOINT log entries since its last checkpoint gets one
  (`create_checkpoint()`: no data file rewritten; a reader replays only later entries);
* no new step or checkpoint starts after LOCK_BUDGET_S under the lock; what is left is done
  after the next commits (the lake is remembered as having a backlog);
* vacuum (deleting files no version within the retention uses, default 168 h) runs outside
  the lock, one dataset per call and at most every VACUUM_EVERY_S per dataset: it only
  deletes files older than the retention, which no writer is still writing.

Cheap when nothing is due: the first check is a listing of `documents/_delta_log`; the file
counts are looked at every 10th commit, when a checkpoint is due, or while a backlog is left.
`compact(lake)` (`python -m fiscal compact`) does the same steps until nothing is left,
taking the lock per step so writers interleave.
"""

from __future__ import annotations

import json
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pyarrow as pa
from deltalake import DeltaTable, write_deltalake

from fiscal import deltawrite, paths, store
from fiscal.schema import DATASETS, PARTITION_BY

DEFAULT_RETENTION_HOURS = 168
COMMITS_PER_CHECKPOINT = 20
SMALL_FILES = 200
# Files one compaction step reads at most: ~10 ms a file here, so a step stays within ~2–3 s.
FILES_PER_STEP = 200
# No new step or checkpoint starts under the writer lock after this many seconds.
LOCK_BUDGET_S = 6.0
# A dataset is vacuumed at most this often per process (only files older than the retention go).
VACUUM_EVERY_S = 6 * 3600.0

_backlog: set[str] = set()  # lakes whose last maybe_compact left work for the next commits
_vacuumed: dict[str, float] = {}  # table URI → time.monotonic() of its last vacuum in this process
# How long the last maybe_compact held the writer lock, looking included (0: it did not take it); for the bench.
last_lock_seconds = 0.0


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
    """What compact() / maybe_compact() did, per dataset, and how long the writer lock was held."""

    datasets: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    lock_seconds: float = 0.0  # the longest single hold of the writer lock
    left: bool = False  # work left for later (budget used up)


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


def _actions(dt: DeltaTable) -> pl.DataFrame:
    """path, partition values (as strings, named by column) and modification time of every file."""
    actions = pl.from_arrow(pa.table(dt.get_add_actions(flatten=True)))  # arro3 table → polars, columns kept
    assert isinstance(actions, pl.DataFrame)
    part_cols = [c for c in actions.columns if c.startswith("partition.")]
    return actions.select("path", "modification_time", *part_cols).rename(
        {c: c.removeprefix("partition.") for c in part_cols})


def partitions(dt: DeltaTable) -> pl.DataFrame:
    """One row per partition of the table's current version: its keys, `files` and `oldest` (ms)."""
    actions = _actions(dt)
    keys = [c for c in actions.columns if c not in ("path", "modification_time")]
    if not actions.height:
        return pl.DataFrame(schema={**{c: actions.schema[c] for c in keys}, "files": pl.UInt32, "oldest": pl.Int64})
    return actions.group_by(keys or pl.lit(0).alias("_all")).agg(
        pl.len().alias("files"), pl.col("modification_time").cast(pl.Int64).min().alias("oldest")).drop(
        "_all", strict=False)


def _stats(dataset: str, path: Path, parts: pl.DataFrame, dt: DeltaTable) -> TableStats:
    files = int(parts["files"].sum()) if parts.height else 0
    return TableStats(dataset, dt.version(), commits_since_checkpoint(path), files, parts.height)


def stats(lake: Path, dataset: str) -> TableStats | None:
    """The dataset's version, log entries since checkpoint, files and partitions; None when absent."""
    path = store.table_path(lake, dataset)
    if not paths.table_exists(path):
        return None
    dt = _open(path)
    return _stats(dataset, path, partitions(dt), dt)


def needs_compaction(s: TableStats, commits: int = COMMITS_PER_CHECKPOINT, small_files: int = SMALL_FILES) -> bool:
    """The policy: too many log entries since the last checkpoint, or too many mergeable small files."""
    return needs_checkpoint(s, commits) or s.mergeable > small_files


def needs_checkpoint(s: TableStats, commits: int = COMMITS_PER_CHECKPOINT) -> bool:
    """Too many log entries since the last checkpoint (a checkpoint alone is cheap: no data file is rewritten)."""
    return s.commits_since_checkpoint >= commits


def plan_step(parts: pl.DataFrame, max_files: int = FILES_PER_STEP) -> tuple[pl.DataFrame, int]:
    """The partitions the next step merges and the files it reads.

    Partitions with several files, most files first, oldest first among equals, as long as
    the files stay within `max_files` (the first partition is taken whatever its size: it
    has to be merged some day).
    """
    todo = parts.filter(pl.col("files") > 1).sort(["files", "oldest"], descending=[True, False])
    running = todo.get_column("files").cum_sum()
    chosen = todo.filter((running <= max_files) | (pl.int_range(pl.len()) == 0))
    return chosen.drop("files", "oldest"), int(chosen["files"].sum()) if chosen.height else 0


def _step(dt: DeltaTable, path: Path, parts: pl.DataFrame, max_files: int) -> dict[str, int]:
    """One bounded compaction step of a table: the chosen partitions' rows rewritten as one file each, in one
    Delta commit (an overwrite of exactly those partitions). delta-rs' optimize.compact costs ~15 µs per file
    of the table for every partition it merges (0.6 s a partition at 40,000 files); this costs that once."""
    chosen, planned = plan_step(parts, max_files)
    started = time.perf_counter()
    before = int(parts["files"].sum()) if parts.height else 0
    if planned and not chosen.width:  # an unpartitioned table: one partition
        planned = int(dt.optimize.compact().get("numFilesRemoved", 0) or 0)
    elif planned:
        keys = chosen.columns
        actions = _actions(dt).join(chosen, on=keys, how="semi")
        target = pl.DataFrame(pa.schema(dt.schema().to_arrow()).empty_table()).schema  # arro3 → pyarrow → polars
        files = paths.file_uris(path, actions.get_column("path").to_list())
        rows = pl.scan_parquet(files, schema={c: t for c, t in target.items() if c not in keys},
                               missing_columns="insert", extra_columns="ignore", include_file_paths="_path",
                               hive_partitioning=False, storage_options=paths.storage_options(path)).collect()
        values = actions.with_columns(pl.Series("_path", files)).select(
            "_path", *[pl.col(c).cast(target[c]) for c in keys])
        rows = rows.join(values, on="_path", how="left").select(target.keys())
        write_deltalake(dt, rows.to_arrow(), partition_by=keys, mode="overwrite",  # one atomic commit
                        predicate=store.partitions_sql(chosen.select(PARTITION_BY)),
                        storage_options=paths.storage_options(path))
    return {"files_before": before, "files_after": len(dt.file_uris()), "files_compacted": planned,
            "vacuumed": 0, "version": dt.version(), "ms": round((time.perf_counter() - started) * 1000)}


def configure(dt: DeltaTable) -> bool:
    """Give a table written before deltawrite.TABLE_CONFIG those properties (one metadata commit); True when it did.

    Files written from then on carry no column statistics; older files keep theirs until rewritten."""
    config = dt.metadata().configuration
    missing = {k: v for k, v in deltawrite.TABLE_CONFIG.items() if v is not None and config.get(k) != v}
    if missing:
        dt.alter.set_table_properties(missing)
    return bool(missing)


def _checkpoint(dt: DeltaTable) -> dict[str, int]:
    """Checkpoint the table (properties brought up to date first): what the report says of it."""
    configure(dt)
    dt.create_checkpoint()
    dt.cleanup_metadata()  # log entries older than the log retention, now covered by the checkpoint
    files = len(dt.file_uris())
    return {"files_before": files, "files_after": files, "files_compacted": 0, "vacuumed": 0,
            "version": dt.version(), "checkpointed": 1}


def _vacuum(dt: DeltaTable, path: Path, retention_hours: int) -> int:
    removed = dt.vacuum(retention_hours=retention_hours, enforce_retention_duration=False, dry_run=False)
    _vacuumed[paths.uri(path)] = time.monotonic()
    return len(removed)


def compact(lake: Path, datasets: tuple[str, ...] | None = None, *,
            retention_hours: int = DEFAULT_RETENTION_HOURS, vacuum: bool = True, locked: bool = False,
            max_files: int = FILES_PER_STEP) -> CompactReport:
    """Compact every mergeable partition, checkpoint and vacuum every dataset (or the named ones).

    Steps of at most `max_files` files, the writer lock taken per step (unless `locked`:
    the caller holds it), so a long compaction never blocks a commit for long.
    """
    lake = Path(lake)
    started = time.perf_counter()
    report = CompactReport()
    for dataset in datasets or DATASETS:
        path = store.table_path(lake, dataset)
        if not paths.table_exists(path):
            continue
        dt = _open(path)
        done = {"files_before": len(dt.file_uris()), "files_compacted": 0, "vacuumed": 0}
        while True:
            with store.lock(lake) if not locked else nullcontext():
                held = time.perf_counter()
                dt.update_incremental()  # another writer may have committed between steps
                parts = partitions(dt)
                finished = not parts.height or int(parts["files"].max()) <= 1  # type: ignore[arg-type]
                if finished:
                    configure(dt)
                    dt.create_checkpoint()
                    dt.cleanup_metadata()
                    if vacuum and retention_hours < 1:  # a short retention could hit a writer's new files
                        done["vacuumed"] = _vacuum(dt, path, retention_hours)
                else:
                    done["files_compacted"] += _step(dt, path, parts, max_files)["files_compacted"]
                report.lock_seconds = max(report.lock_seconds, time.perf_counter() - held)
            if finished:
                break
        if vacuum and retention_hours >= 1:  # outside the lock: only files older than the retention go
            done["vacuumed"] = _vacuum(dt, path, retention_hours)
        report.datasets[dataset] = {**done, "files_after": len(dt.file_uris()), "version": dt.version()}
    report.seconds = time.perf_counter() - started
    return report


def _look(lake: Path, dataset: str) -> tuple[TableStats, Path, DeltaTable, pl.DataFrame] | None:
    """A table's stats, path, up-to-date writer handle and partitions; None when it does not exist."""
    path = store.table_path(lake, dataset)
    if not paths.table_exists(path):
        return None
    dt = store.delta_table(path)  # the writer's table, brought up to date
    parts = partitions(dt)
    return _stats(dataset, path, parts, dt), path, dt, parts


def maybe_compact(lake: Path, *, commits: int = COMMITS_PER_CHECKPOINT, small_files: int = SMALL_FILES,
                  retention_hours: int = DEFAULT_RETENTION_HOURS, budget_s: float = LOCK_BUDGET_S,
                  max_files: int = FILES_PER_STEP) -> CompactReport | None:
    """Bounded maintenance after a commit (see the module docstring); None when nothing was due."""
    lake = Path(lake)
    key = paths.uri(lake)
    doc_path = store.table_path(lake, "documents")
    if not paths.table_exists(doc_path):
        return None
    global last_lock_seconds
    last_lock_seconds = 0.0
    pending = commits_since_checkpoint(doc_path)
    if key not in _backlog and pending < commits and pending % 10 != 0:
        return None
    started = time.perf_counter()
    report = CompactReport()
    compacted: list[tuple[Path, DeltaTable]] = []
    # Bring the tables up to date and count their files before taking the lock (a second for nine tables of
    # 33,000 files); under it only tables committed to in between are looked at again.
    looked = {d: _look(lake, d) for d in DATASETS}
    with store.lock(lake):
        held = time.perf_counter()
        tables = []
        for dataset, seen in looked.items():
            if seen is None or store.delta_table(seen[1]).version() != seen[0].version:  # committed to since
                seen = _look(lake, dataset)
            if seen is not None:
                tables.append(seen)
        tables.sort(key=lambda t: -t[0].mergeable)

        def over() -> bool:  # at least one unit of work per call, none started after the budget
            if report.datasets and time.perf_counter() - held > budget_s:
                report.left = True
                return True
            return False

        for s, _path, dt, _parts in tables:  # checkpoints first: cheap, and never starved by a backlog
            if needs_checkpoint(s, commits) and not over():
                report.datasets[s.dataset] = _checkpoint(dt)
        for s, path, dt, parts in tables:
            if s.mergeable <= small_files or over():
                continue
            step = _step(dt, path, parts, max_files)
            report.datasets[s.dataset] = {**step, "checkpointed": report.datasets.get(s.dataset, {}).get(
                "checkpointed", 0)}
            compacted.append((path, dt))
            if s.mergeable - (step["files_before"] - step["files_after"]) > small_files:
                report.left = True
        if vacuum_now := retention_hours < 1:
            for path, dt in compacted:
                report.datasets[path.name]["vacuumed"] = _vacuum(dt, path, retention_hours)
        report.lock_seconds = last_lock_seconds = time.perf_counter() - held
    (_backlog.add if report.left else _backlog.discard)(key)
    if not vacuum_now and compacted:  # outside the lock: one dataset per call, rarely
        due = [(p, dt) for p, dt in compacted
               if time.monotonic() - _vacuumed.get(paths.uri(p), -VACUUM_EVERY_S) >= VACUUM_EVERY_S]
        if due:
            path, dt = due[0]
            report.datasets[path.name]["vacuumed"] = _vacuum(dt, path, retention_hours)
    report.seconds = time.perf_counter() - started
    return report if report.datasets else None


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
    print(f"compact: {len(report.datasets)} datasets in {report.seconds:.1f} s, writer lock held at most "
          f"{report.lock_seconds:.1f} s at a time (retention {retention_hours} h)")
    return 0
