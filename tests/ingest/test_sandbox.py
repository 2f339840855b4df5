"""A sandbox worker dies with the ingest that started it, even in the middle of a file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest import sandbox

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "dazhou_2023_budget_a.pdf"

# The ingest driver: starts one worker (from its main thread or from a batch thread), gives it a file
# that never finishes (the "hang" test hook), prints the worker's pid and waits to be killed.
DRIVER = """
import os, sys, threading, time
os.environ[sys.argv[3]] = "1"
from ingest import sandbox
if sys.argv[2] == "main":
    sandbox.prewarm(1, 1536)
else:
    t = threading.Thread(target=sandbox.prewarm, args=(1, 1536))
    t.start()
    t.join()
(worker,) = sandbox._idle
worker.jobs.send((sys.argv[1], {"_sandbox_test": "hang"}, "vector"))
print(worker.proc.pid, flush=True)
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    """Whether the process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            return not any(line.startswith("State:") and "Z" in line.split()[1] for line in fh)
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to see the worker")
@pytest.mark.parametrize("started_from", ["main", "thread"])
def test_a_busy_worker_dies_when_its_driver_is_killed(started_from: str) -> None:
    driver = subprocess.Popen([sys.executable, "-c", DRIVER, str(SAMPLE), started_from, sandbox.TEST_HOOKS_ENV],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    worker = 0
    try:
        assert driver.stdout is not None
        worker = int(driver.stdout.readline())
        time.sleep(1.0)  # the worker has taken the job and hangs in it
        assert _alive(worker)
        driver.send_signal(signal.SIGKILL)  # no atexit, no shutdown(): the driver just vanishes
        driver.wait(timeout=10)
        deadline = time.monotonic() + 10 * sandbox.PARENT_POLL_S + 5
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(worker), f"worker {worker} outlived its driver ({started_from} thread)"
    finally:
        driver.kill()
        if worker and _alive(worker):
            os.killpg(worker, signal.SIGKILL)
