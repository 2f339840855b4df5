"""A batch of files → one commit per dataset, a quarantine for what could not be read.

Files are parsed in worker processes or Ray tasks (one file each, ingest.executors);
the lake may be a folder or an object-storage URI (`s3://bucket/prefix`, fiscal.paths);
the driver alone writes to the lake, once per dataset for the whole batch, holding the
lake lock, then compacts the tables when the policy in fiscal.maintenance says so. Unchanged files
(same sha256 already in the lake) are skipped unless forced.
"""

from __future__ import annotations

import csv
import fnmatch
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl
from rich.console import Console
from rich.table import Table

from fiscal import maintenance, paths, store, validate
from ingest import executors
from ingest.document import PARSER_VERSION, Outcome, Rejected, sha256_of
from ingest.executors import Executor

Overrides = Mapping[str, object]


@dataclass
class BatchReport:
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    written: dict[str, int] = field(default_factory=dict)

    @property
    def ingested(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.rejected is None]

    @property
    def quarantined(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.rejected is not None]


def collect(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus every *.pdf under named folders, in a stable order."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() == ".pdf"))
        elif p.exists():
            files.append(p)
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")
    seen, unique = set(), []
    for f in files:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    return unique


def read_manifest(path: Path) -> Callable[[Path], dict[str, Any]]:
    """Overrides per file from a CSV manifest (file glob, then any of region, agency, year, doc_kind, scope)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))

    def lookup(file: Path) -> dict[str, Any]:
        for row in rows:
            if fnmatch.fnmatch(file.name, row["file"]) or fnmatch.fnmatch(str(file), row["file"]):
                return {k: v for k, v in row.items() if k != "file" and v not in (None, "")}
        return {}

    return lookup


def documents_row(o: Outcome, now: datetime) -> dict[str, Any]:
    """The documents dataset row of an ingested file: its per-file report."""
    assert o.meta is not None
    m = o.meta
    return {
        **m.common(1), "source_name": m.source_name, "province": m.province, "city": m.city, "scope": m.scope,
        "doc_kind": m.doc_kind, "unit": o.unit, "pages": o.pages, "tables_found": o.tables_found,
        "tables_expected": o.tables_expected, "tables": o.tables, "checks_passed": o.checks_passed,
        "checks_failed": o.checks_failed, "parser_version": PARSER_VERSION, "ingested_at": now,
        "seconds": o.seconds, "synthetic": m.synthetic, "warnings": o.warnings,
    }


def _parse_all(jobs: list[tuple[Path, dict[str, Any]]], workers: int, engine: str, console: Console,
               executor: str | Executor = "local", ray_address: str | None = None) -> list[Outcome]:
    """Parse every job with the chosen executor (ingest.executors); the driver commits afterwards."""
    runner = executors.make(executor, workers, ray_address) if isinstance(executor, str) else executor
    return runner.parse_all(jobs, engine, console)


def run(
    paths: Iterable[Path],
    lake: Path,
    overrides: Overrides | None = None,
    per_file: Callable[[Path], dict[str, Any]] | None = None,
    workers: int | None = None,
    force: bool = False,
    engine: str = "vector",
    console: Console | None = None,
    executor: str | Executor = "local",
    ray_address: str | None = None,
    compact: bool = True,
) -> BatchReport:
    """Ingest files into the lake; bad files are quarantined, the rest committed together."""
    console = console or Console(stderr=True)
    lake = Path(lake)
    files = collect(paths)
    known = store.doc_ids(lake) if not force else set()
    report = BatchReport()
    jobs: list[tuple[Path, dict[str, Any]]] = []
    batch_hashes: set[str] = set()
    for f in files:
        digest = sha256_of(f.read_bytes())
        if digest in known or digest in batch_hashes:
            report.skipped.append(f)
            continue
        batch_hashes.add(digest)
        jobs.append((f, {**(overrides or {}), **(per_file(f) if per_file else {})}))
    workers = workers or min(len(jobs), os.cpu_count() or 1, 4)
    report.outcomes = _parse_all(jobs, workers, engine, console, executor, ray_address)

    now = datetime.now(UTC)
    frames: dict[str, list[dict[str, Any]]] = {}
    for o in report.outcomes:
        if o.rejected is not None:
            store.quarantine(lake, o.path, sha256=o.sha256, stage=o.rejected.stage, reason=o.rejected.reason,
                             detail=o.rejected.detail)
            continue
        store.keep_source(lake, o.sha256, o.readable if o.readable is not None else o.path)
        for dataset, rows in o.frames.items():
            frames.setdefault(dataset, []).extend(rows)
        frames.setdefault("documents", []).append(documents_row(o, now))
    if report.ingested:
        report.written = _validate_and_commit(report, lake, frames, force, now)
    if report.ingested:
        if compact:
            # compaction/checkpoint when enough commits or small files piled up (fiscal.maintenance)
            maintenance.maybe_compact(lake)
        _flags_after_commit(lake, console)
    return report


def _flags_after_commit(lake: Path, console: Console) -> None:
    """Evaluate the rules for the agencies this batch changed, so no reader has to (fiscal.read.flags).
    Derived data: a failure is reported and the batch stands."""
    from fiscal.read.flags import write_increment

    try:
        write_increment(lake)
    except Exception as exc:  # noqa: BLE001 - the commit is done; the readers evaluate what is missing
        console.print(f"[yellow]异常标记未预先计算 flags not precomputed[/]: {type(exc).__name__}: {exc}")


def run_in_batches(paths: Iterable[Path], lake: Path, batch_size: int, **options: Any) -> BatchReport:
    """`run` over the files in batches of `batch_size`, one commit each: the driver holds one batch's rows
    at a time (a province's corpus does not fit in memory at once), and a run killed halfway resumes
    where it stopped (committed files are skipped by hash). Parsed rows are dropped from the report."""
    files = collect(paths)
    total = BatchReport()
    for start in range(0, len(files), max(1, batch_size)):
        report = run(files[start:start + batch_size], lake, **options)
        for o in report.outcomes:
            o.frames = {}
        total.outcomes.extend(report.outcomes)
        total.skipped.extend(report.skipped)
        for dataset, n in report.written.items():
            total.written[dataset] = total.written.get(dataset, 0) + n
    return total


def _validate_and_commit(report: BatchReport, lake: Path, rows: dict[str, list[dict[str, Any]]], force: bool,
                         now: datetime) -> dict[str, int]:
    """Under the lake lock: re-check dedup by hash, validate every frame, quarantine failing rows, commit."""
    frames = {k: pl.DataFrame(v, infer_schema_length=None) for k, v in rows.items() if v}
    with store.lock(lake):
        # Another ingest may have committed the same file since `run` looked (concurrent writers).
        if not force:
            present = store.doc_ids(lake) & {o.sha256 for o in report.ingested}
            if present:
                report.skipped.extend(o.path for o in report.ingested if o.sha256 in present)
                report.outcomes = [o for o in report.outcomes if o.sha256 not in present or o.rejected is not None]
                frames = {k: df.filter(~pl.col("doc_id").is_in(sorted(present))) for k, df in frames.items()}
        if not report.ingested:
            return {}
        checked = validate.check(frames)
        _quarantine_rows(lake, checked.failures, now)
        valid = checked.valid
        # A document whose own documents row fails is not committed at all: quarantined with the rule names.
        bad_docs = set()
        for failure in checked.failures:
            if failure.dataset == "documents":
                bad_docs |= set(failure.rows["doc_id"].drop_nulls().to_list())
        for o in report.ingested:
            if o.sha256 in bad_docs:
                rules = [f.counts for f in checked.failures if f.dataset == "documents"]
                o.rejected = Rejected("validate", "invalid_document", f"documents row fails {rules}")
                store.quarantine(lake, o.path, sha256=o.sha256, stage="validate", reason="invalid_document",
                                 detail=o.rejected.detail)
        if bad_docs:
            valid = {k: df.filter(~pl.col("doc_id").is_in(sorted(bad_docs))) for k, df in valid.items()}
        # the documents' warnings say which rows went to the quarantine
        messages = checked.messages()
        if messages and "documents" in valid:
            for o in report.ingested:
                o.warnings = [*o.warnings, *messages.get(o.sha256, [])]
            extra = pl.DataFrame({"doc_id": list(messages), "_extra": list(messages.values())},
                                 schema={"doc_id": pl.String, "_extra": pl.List(pl.String)})
            valid["documents"] = (
                valid["documents"].join(extra, on="doc_id", how="left")
                .with_columns(pl.concat_list(pl.col("warnings").fill_null([]), pl.col("_extra").fill_null([]))
                              .alias("warnings"))
                .drop("_extra")
            )
        if not report.ingested:
            return {}
        return store.commit(lake, valid, [o.sha256 for o in report.ingested])


def _quarantine_rows(lake: Path, failures: list[validate.Failure], now: datetime) -> None:
    """Keep refused rows in the lake's row quarantine; on object storage, written locally then uploaded."""
    if not paths.is_remote(lake):
        validate.quarantine_rows(lake, failures, now=now)
        return
    with tempfile.TemporaryDirectory(prefix="fiscal-quarantine-") as tmp:
        for record in validate.quarantine_rows(Path(tmp), failures, now=now):
            for kept in (record.with_suffix(".parquet"), record):  # the record last: it names the rows file
                store.put(paths.quarantine_rows(lake) / kept.name, kept)


def print_report(report: BatchReport, console: Console) -> None:
    """One line per file, then a total."""
    table = Table(title="入库报告 ingest report", show_lines=False)
    for col in ("文件 file", "结果 result", "单位 agency", "年度", "表格 tables", "校验 checks", "秒 s"):
        table.add_column(col)
    for o in report.outcomes:
        if o.rejected:
            table.add_row(o.path.name, f"[red]隔离 quarantined[/] {o.rejected.stage}: {o.rejected.reason}",
                          "", "", "", "", f"{o.seconds:.1f}")
        else:
            m = o.meta
            assert m is not None
            checks = f"{o.checks_passed} ✓ / {o.checks_failed} ✗"
            table.add_row(o.path.name, "[green]入库 ok[/]", m.agency, str(m.year),
                          f"{o.tables_found}/{o.tables_expected}", checks, f"{o.seconds:.1f}")
    for f in report.skipped:
        table.add_row(f.name, "[dim]跳过 unchanged[/]", "", "", "", "", "")
    console.print(table)
    console.print(
        f"合计 total: {len(report.ingested)} ingested, {len(report.quarantined)} quarantined, "
        f"{len(report.skipped)} unchanged; rows written: "
        + ", ".join(f"{k}={v}" for k, v in report.written.items() if v)
    )
    for o in report.quarantined:
        assert o.rejected is not None
        console.print(f"[red]隔离[/] {o.path}: {o.rejected.stage}/{o.rejected.reason} — {o.rejected.detail}")
