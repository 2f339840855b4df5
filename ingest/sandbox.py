"""Parse one PDF in a sandboxed worker process: a wall-clock timeout and a memory cap.

A hostile or broken PDF can crash pdfium (a segfault takes the whole process with
it), loop forever, or inflate a small file into gigabytes. Each file is therefore
parsed by `ingest.document.ingest_file` in a separate worker process that

* sets RLIMIT_AS (address-space cap) *before* importing the parsing stack,
* runs one file at a time, and is killed (SIGKILL) when a file exceeds its timeout,
* is replaced when it dies (crash, memory blow-up, timeout),
* dies with the ingest that started it (a killed driver leaves no worker parsing on),

and the file comes back as an ordinary `Outcome` with
`rejected=Rejected("parse", "timeout" | "memory" | "crashed", detail)` so the batch
quarantines it and goes on.

Workers are long-lived and reused (a warm pool), so the ~1–3 s import of
camelot/opencv/pdfium is paid once per worker, not once per file. The pool is
thread-safe: call `parse_in_sandbox` from N threads to keep N workers busy.

Workers are plain `python -m ingest.sandbox --worker` processes talking over a pair
of pipes (multiprocessing.connection), not multiprocessing pool children: that keeps
them independent of the parent's forkserver settings and of `__main__`, and lets the
cap be set before anything heavy is imported.
"""

from __future__ import annotations

import atexit
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the parsing stack is imported lazily (the worker caps memory first)
    from ingest.document import Outcome

# A born-digital file parses in seconds; a scan is OCR'd at ~5–15 s a page, so a 100-page scan must fit.
DEFAULT_TIMEOUT_S = 1800.0
DEFAULT_MEMORY_MB = 3072
# How long a fresh worker may take to import the parsing stack before it counts as broken.
STARTUP_TIMEOUT_S = 120.0
# Set in the worker's environment to honour the `_sandbox_test` override (tests only).
TEST_HOOKS_ENV = "INGEST_SANDBOX_TEST_HOOKS"
# The parent's pid, and whether the parent started the worker from its main thread (see _follow_parent).
PARENT_ENV = "INGEST_SANDBOX_PARENT"
PARENT_MAIN_THREAD_ENV = "INGEST_SANDBOX_PARENT_MAIN_THREAD"
# How often a worker checks that its parent is still there (seconds).
PARENT_POLL_S = 0.5
_MEMORY_MARKERS = ("MemoryError", "bad_alloc", "Cannot allocate memory", "out of memory", "Out of memory")


# ---------------------------------------------------------------------------------------------
# parent side


class _Worker:
    """One long-lived worker process and its pipes."""

    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        job_r, job_w = os.pipe()  # parent → worker
        res_r, res_w = os.pipe()  # worker → parent
        self.stderr = tempfile.TemporaryFile()
        env = dict(os.environ)
        # Fewer threads and malloc arenas: each reserves address space that would count against RLIMIT_AS.
        env.update({"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                    "MALLOC_ARENA_MAX": "2", "PYTHONUNBUFFERED": "1", PARENT_ENV: str(os.getpid()),
                    PARENT_MAIN_THREAD_ENV: "1" if threading.current_thread() is threading.main_thread() else "0"})
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ingest.sandbox", "--worker", str(job_r), str(res_w), str(memory_mb)],
            pass_fds=(job_r, res_w), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.stderr,
            env=env, start_new_session=True,  # a Ctrl-C in the terminal is handled by the parent
        )
        os.close(job_r)
        os.close(res_w)
        self.jobs = Connection(job_w, readable=False)
        self.results = Connection(res_r, writable=False)
        self.ready = False
        self.served = 0

    def wait_ready(self, timeout: float) -> bool:
        if self.ready:
            return True
        if self.results.poll(timeout):
            try:
                self.ready = self.results.recv() == "ready"
            except (EOFError, OSError):
                return False
        return self.ready

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the worker and anything it started
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for c in (self.jobs, self.results):
            try:
                c.close()
            except OSError:
                pass

    def stderr_tail(self, n: int = 2000) -> str:
        try:
            self.stderr.seek(0, os.SEEK_END)
            size = self.stderr.tell()
            self.stderr.seek(max(0, size - n))
            return self.stderr.read().decode("utf-8", "replace")
        except (OSError, ValueError):
            return ""

    def close(self) -> None:
        try:
            self.jobs.send(None)  # polite stop
        except (OSError, ValueError):
            pass
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pass
        self.kill()
        self.stderr.close()


_lock = threading.Lock()
_idle: list[_Worker] = []
_all: set[_Worker] = set()


def _take(memory_mb: int) -> _Worker:
    with _lock:
        for i, w in enumerate(_idle):
            if w.memory_mb == memory_mb and w.alive():
                return _idle.pop(i)
    w = _Worker(memory_mb)
    with _lock:
        _all.add(w)
    return w


def _give_back(w: _Worker) -> None:
    with _lock:
        _idle.append(w)


def _discard(w: _Worker) -> None:
    w.kill()
    w.stderr.close()
    with _lock:
        _all.discard(w)


def prewarm(n: int, memory_mb: int = DEFAULT_MEMORY_MB) -> None:
    """Start `n` idle workers now (in parallel), so the first files do not wait for imports."""
    with _lock:
        have = sum(1 for w in _idle if w.memory_mb == memory_mb)
    fresh = [_Worker(memory_mb) for _ in range(max(0, n - have))]
    for w in fresh:
        with _lock:
            _all.add(w)
        if w.wait_ready(STARTUP_TIMEOUT_S):
            _give_back(w)
        else:
            _discard(w)


def shutdown() -> None:
    """Stop every worker (called at exit; safe to call any time no parse is running)."""
    with _lock:
        workers = list(_all)
        _all.clear()
        _idle.clear()
    for w in workers:
        w.close()


atexit.register(shutdown)


# A worker killed by a signal whose peak resident memory reached a new high during the file, at
# least this share of its cap, died of memory: pdfium aborts (SIGABRT) on a failed allocation
# without a word on stderr.
MEMORY_DEATH_SHARE = 0.4


def _peak_mb(pid: int) -> int:
    """A live process's peak resident memory so far (VmHWM) in MB, 0 when unknown."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError):
        pass
    return 0


def _reap(proc: subprocess.Popen[bytes], timeout_s: float) -> int:
    """Wait for a dead worker; its peak resident memory in MB (from wait4's rusage), 0 when unknown."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        except ChildProcessError:  # already reaped
            break
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return int(usage.ru_maxrss // 1024)  # Linux: kB
        time.sleep(0.05)
    try:
        proc.wait(timeout=0.1)
    except subprocess.TimeoutExpired:
        pass
    return 0


def _signal_name(returncode: int | None) -> str:
    if returncode is None:
        return "still running"
    if returncode < 0:
        try:
            return signal.Signals(-returncode).name
        except ValueError:
            return f"signal {-returncode}"
    return f"exit code {returncode}"


def parse_in_sandbox(
    path: Path,
    overrides: Mapping[str, object] | None = None,
    engine: str = "vector",
    timeout_s: float = DEFAULT_TIMEOUT_S,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> Outcome:
    """`ingest_file(path, overrides, engine)` in a sandboxed worker; never raises for a bad file.

    A crash, a timeout or a memory blow-up returns an Outcome rejected at stage
    `parse` with reason `crashed`, `timeout` or `memory` (and the worker is replaced).
    """
    from ingest.document import Outcome, Rejected, sha256_of

    path = Path(path)
    started = time.perf_counter()

    def failed(reason: str, detail: str) -> Outcome:
        try:
            digest = sha256_of(path.read_bytes())
        except OSError:
            digest = ""
        out = Outcome(path=path, sha256=digest, rejected=Rejected("parse", reason, detail))
        out.seconds = round(time.perf_counter() - started, 3)
        return out

    job = (str(path), {k: v for k, v in (overrides or {}).items()}, engine)
    worker = None
    for _attempt in range(3):  # a worker that died while idle (or never started) is replaced
        worker = _take(memory_mb)
        if worker.wait_ready(STARTUP_TIMEOUT_S):
            try:
                baseline_mb = _peak_mb(worker.proc.pid)  # a warm worker's peak from earlier files
                worker.jobs.send(job)
                break
            except (OSError, ValueError):  # died while idle: its pipe is closed
                pass
        _discard(worker)
        worker = None
    if worker is None:
        return failed("crashed", "沙箱进程无法启动 / sandbox worker could not start")

    try:
        if not worker.results.poll(timeout_s):
            _discard(worker)
            return failed("timeout", f"解析超时 / parsing exceeded {timeout_s:g} s; worker killed")
        outcome: Outcome = worker.results.recv()
    except (EOFError, OSError, BrokenPipeError):
        peak_mb = _reap(worker.proc, 5)
        how = _signal_name(worker.proc.returncode)
        tail = worker.stderr_tail()
        _discard(worker)
        # allocation failures end in abort() (pdfium, C++ new) or the kernel's SIGKILL; a segfault is a crash
        by_signal = -(worker.proc.returncode or 0) in (signal.SIGABRT, signal.SIGKILL, signal.SIGBUS)
        grew = peak_mb >= MEMORY_DEATH_SHARE * memory_mb and peak_mb > baseline_mb + 64  # a new high in this file
        if any(m in tail for m in _MEMORY_MARKERS) or (by_signal and grew):
            return failed("memory", f"内存超限 / memory cap of {memory_mb} MB exceeded; worker died ({how}, "
                                    f"peak resident {peak_mb} MB, {baseline_mb} MB before this file)")
        last = tail.strip().splitlines()[-1][:300] if tail.strip() else ""
        return failed("crashed", f"解析进程崩溃 / worker crashed ({how}) {last}".strip())

    worker.served += 1
    if outcome.rejected is not None and outcome.rejected.reason == "memory":
        _discard(worker)  # a worker that hit its cap may be in a bad state: replace it
    else:
        _give_back(worker)
    outcome.seconds = round(time.perf_counter() - started, 3)
    return outcome


# ---------------------------------------------------------------------------------------------
# worker side


def _cap_memory(memory_mb: int) -> None:
    import resource

    limit = int(memory_mb) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _die() -> None:
    """Kill the worker's own process group (itself and anything it started, e.g. tesseract)."""
    try:
        if os.getpgrp() == os.getpid():  # its own session (start_new_session): never the caller's group
            os.killpg(os.getpgrp(), signal.SIGKILL)
    finally:
        os._exit(1)


def _follow_parent() -> None:
    """Make the worker die with the ingest that started it, even in the middle of a file.

    Linux: PR_SET_PDEATHSIG delivers SIGKILL the moment the parent goes. It follows the
    parent *thread* that forked the worker, and pool workers outlive the batch thread that
    started them, so it is armed only for workers started from the parent's main thread
    (which lives as long as the process). Everywhere, a daemon thread compares the parent
    pid every PARENT_POLL_S: a dead parent's child is re-parented (init or a subreaper).
    """
    expected = int(os.environ.get(PARENT_ENV) or os.getppid())
    if sys.platform == "linux" and os.environ.get(PARENT_MAIN_THREAD_ENV) == "1":
        import ctypes

        pr_set_pdeathsig = 1
        try:
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the poll below still catches it
    if os.getppid() != expected:  # the parent died before the guard was armed
        _die()

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_S)
            if os.getppid() != expected:
                _die()

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _test_hook(overrides: dict[str, Any]) -> None:
    """Misbehave on purpose (tests only: needs INGEST_SANDBOX_TEST_HOOKS=1 in the worker's env)."""
    hook = overrides.pop("_sandbox_test", None)
    if not hook or os.environ.get(TEST_HOOKS_ENV) != "1":
        return
    if hook == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif hook == "hang":
        while True:
            time.sleep(1)
    elif hook == "memory":
        hog = []
        while True:
            hog.append(bytearray(64 * 1024 * 1024))
    elif hook == "exit":
        os._exit(3)


def _worker_main(job_fd: int, res_fd: int, memory_mb: int) -> None:
    _follow_parent()
    _cap_memory(memory_mb)  # before the parsing stack is imported
    jobs = Connection(job_fd, writable=False)
    results = Connection(res_fd, readable=False)
    from ingest.document import ingest_file  # noqa: PLC0415 — deliberately after the cap

    results.send("ready")
    while True:
        try:
            job = jobs.recv()
        except EOFError:
            return
        if job is None:
            return
        path, overrides, engine = job
        overrides = dict(overrides)
        try:
            _test_hook(overrides)
            outcome = ingest_file(Path(path), overrides, engine)
        except MemoryError:
            outcome = None
        if outcome is None or (
            outcome.rejected is not None and outcome.rejected.reason == "internal_error"
            and outcome.rejected.detail.startswith("MemoryError")
        ):
            outcome = _memory_outcome(path, memory_mb)
        try:
            results.send(outcome)
        except MemoryError:
            results.send(_memory_outcome(path, memory_mb))


def _memory_outcome(path: str, memory_mb: int) -> Outcome:
    from ingest.document import Outcome, Rejected, sha256_of

    try:
        digest = sha256_of(Path(path).read_bytes())
    except (OSError, MemoryError):
        digest = ""
    return Outcome(path=Path(path), sha256=digest,
                   rejected=Rejected("parse", "memory", f"内存超限 / memory cap of {memory_mb} MB exceeded"))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--worker":
        _worker_main(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    else:
        sys.exit("usage: python -m ingest.sandbox --worker JOB_FD RESULT_FD MEMORY_MB (started by the ingest)")
