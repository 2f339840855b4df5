"""Where the per-file parsing runs: local worker processes, or Ray tasks on a cluster.

Both take the batch's jobs (path, overrides) and return one Outcome per job, in job
order; neither writes to the lake (the driver alone commits, see ingest.batch).

* LocalExecutor: sandboxed worker processes on this machine (the default; ingest.sandbox).
* RayExecutor: one Ray task per file. The file's BYTES and name travel with the task,
  so workers need not share the driver's disk; `ray.init(address=...)` joins a cluster
  (the address given, else $RAY_ADDRESS), else a local instance with num_cpus=2.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from fiscal import progress
from ingest import sandbox
from ingest.document import Outcome, Rejected, ingest_bytes, sha256_of

Job = tuple[Path, dict[str, Any]]
EXECUTORS = ("local", "ray")


class Executor(Protocol):
    def parse_all(self, jobs: list[Job], engine: str, console: Console) -> list[Outcome]: ...


def _progress(console: Console, jobs: list[Job]) -> Progress:
    columns = (TextColumn("[bold]解析 parsing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.description}"))
    return Progress(*columns, console=console, transient=False, disable=not jobs)


def _progress_folder() -> Path:
    """The folder the sandbox workers write their OCR page progress to (fiscal.progress), one per driver;
    set before any worker starts, as workers inherit it. A caller's own folder (the upload page's) stays."""
    folder = os.environ.get(progress.PROGRESS_ENV)
    if not folder:
        folder = tempfile.mkdtemp(prefix="fiscal-ocr-progress-")
        os.environ[progress.PROGRESS_ENV] = folder
        atexit.register(shutil.rmtree, folder, True)  # ours, not the caller's: leave no folder per process
    return Path(folder)


def _pages_note(folder: Path) -> str:
    """Where the workers' OCR is, for the progress bar: 'OCR name 第 n/m 页' per file."""
    return "  ".join(f"OCR {p.name} 第 {p.done}/{p.total} 页" for p in progress.read(folder))


def _crashed(path: Path, exc: BaseException) -> Outcome:
    return Outcome(path=path, sha256=sha256_of(path.read_bytes()),
                   rejected=Rejected("parse", "worker_crashed", f"{type(exc).__name__}: {exc}"))


class LocalExecutor:
    """Sandboxed worker processes on this machine (ingest.sandbox), one file at a time each.

    Each worker caps its memory before importing the parsing stack and is killed past
    the timeout; a crash, hang or memory blow-up quarantines that file and the batch goes
    on. Threads here only wait on the workers, so N threads keep N workers busy.
    """

    def __init__(self, workers: int = 1, timeout_s: float | None = None, memory_mb: int | None = None) -> None:
        self.workers = max(1, workers)
        self.timeout_s = timeout_s or sandbox.DEFAULT_TIMEOUT_S
        self.memory_mb = memory_mb or sandbox.DEFAULT_MEMORY_MB

    def parse_all(self, jobs: list[Job], engine: str, console: Console) -> list[Outcome]:
        if not jobs:
            return []
        workers = min(self.workers, len(jobs))
        folder = _progress_folder()
        sandbox.prewarm(workers, self.memory_mb)
        outcomes: list[Outcome] = []
        with _progress(console, jobs) as bar, ThreadPoolExecutor(max_workers=workers) as pool:
            task = bar.add_task("", total=len(jobs))
            futures = [
                pool.submit(sandbox.parse_in_sandbox, path, ov, engine, self.timeout_s, self.memory_mb)
                for path, ov in jobs
            ]
            for (path, _), fut in zip(jobs, futures, strict=True):
                while True:
                    try:
                        outcome = fut.result(timeout=0.5)
                    except TimeoutError:  # still parsing: show the pages OCR has done, if any
                        bar.update(task, description=_pages_note(folder) or path.name)
                        continue
                    except Exception as exc:  # the sandbox itself failed: quarantine, never stop the batch
                        outcome = _crashed(path, exc)
                    break
                bar.update(task, description=path.name)
                outcomes.append(outcome)
                bar.advance(task)
        return outcomes


def _ray_parse(data: bytes, name: str, overrides: dict[str, Any], engine: str) -> Outcome:
    """The Ray task body: parse one file from its bytes (runs on any node)."""
    return ingest_bytes(data, name, overrides, engine)


class RayExecutor:
    """One Ray task per file; the driver ships the bytes and gets Outcomes back."""

    def __init__(self, address: str | None = None, num_cpus: int = 2, max_in_flight: int = 64) -> None:
        self.address = address or os.environ.get("RAY_ADDRESS") or None
        self.num_cpus = num_cpus
        self.max_in_flight = max_in_flight  # bounds the driver's memory: bytes of at most this many files in flight

    def _init(self) -> Any:
        import ray

        if not ray.is_initialized():
            if self.address:
                ray.init(address=self.address, ignore_reinit_error=True, log_to_driver=False)
            else:
                # A private local instance; workers import the project from this checkout.
                ray.init(num_cpus=self.num_cpus, include_dashboard=False, ignore_reinit_error=True,
                         log_to_driver=False, runtime_env={"env_vars": {"PYTHONPATH": _project_root()}})
        return ray

    def parse_all(self, jobs: list[Job], engine: str, console: Console) -> list[Outcome]:
        if not jobs:
            return []
        ray = self._init()
        remote = ray.remote(num_cpus=1, max_retries=1)(_ray_parse)
        results: dict[int, Outcome] = {}
        pending: dict[Any, int] = {}
        next_job = 0
        with _progress(console, jobs) as progress:
            task = progress.add_task("", total=len(jobs))
            while next_job < len(jobs) or pending:
                while next_job < len(jobs) and len(pending) < self.max_in_flight:
                    path, ov = jobs[next_job]
                    pending[remote.remote(path.read_bytes(), path.name, dict(ov), engine)] = next_job
                    next_job += 1
                done, _ = ray.wait(list(pending), num_returns=1)
                for ref in done:
                    i = pending.pop(ref)
                    path = jobs[i][0]
                    try:
                        outcome = ray.get(ref)
                        outcome.path = path  # the driver's path (the task only knew the name)
                    except Exception as exc:  # the task or its worker died
                        outcome = _crashed(path, exc)
                    results[i] = outcome
                    progress.update(task, description=path.name)
                    progress.advance(task)
        return [results[i] for i in range(len(jobs))]


def _project_root() -> str:
    return str(Path(__file__).resolve().parent.parent)


def make(kind: str = "local", workers: int = 1, ray_address: str | None = None) -> Executor:
    """The executor named on the command line."""
    if kind == "local":
        return LocalExecutor(workers)
    if kind == "ray":
        return RayExecutor(ray_address, num_cpus=max(workers, 2))
    raise ValueError(f"unknown executor {kind!r} (one of {', '.join(EXECUTORS)})")
