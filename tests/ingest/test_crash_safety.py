"""SIGKILL `python -m ingest` at random moments: the lake stays readable and equal to its
state before or after the batch, never in between; the next run completes the batch.

The batch re-ingests (--force) a document that is already in the lake with different
rows (it was first ingested with --year 2020), and adds a new one: an interrupted
re-ingest that replaced some datasets' rows but not others would show up as "between".
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polars as pl
from rich.console import Console

from fiscal import store
from fiscal.schema import DATASETS
from ingest import batch

ROOT = Path(__file__).resolve().parents[2]
OLD = ROOT / "samples" / "ab_layout_selfeval.pdf"
NEW = ROOT / "samples" / "sichuan_2023_selfeval_provincial.pdf"
TRIALS = 12
VOLATILE = ("ingested_at", "seconds")  # differ between two runs of the same batch


def state(lake: Path) -> dict[str, list[tuple]]:
    """Visible rows per dataset, order- and run-independent."""
    out = {}
    for dataset in DATASETS:
        df = store.read(lake, dataset).drop([c for c in VOLATILE if dataset == "documents"])
        df = df.with_columns(pl.col(c).cast(pl.List(pl.String)).list.join("|") for c, t in df.schema.items()
                             if isinstance(t, pl.List))
        out[dataset] = sorted(tuple("" if v is None else str(v) for v in row) for row in df.iter_rows())
    assert store.quarantined(lake).height == 0
    return out


def ingest_cmd(lake: Path, *files: Path, extra: tuple[str, ...] = ()) -> list[str]:
    return [sys.executable, "-m", "ingest", *map(str, files), "--lake", str(lake), "--workers", "1", *extra]


def test_sigkill_leaves_the_lake_before_or_after(tmp_path):
    base = tmp_path / "base"
    subprocess.run(ingest_cmd(base, OLD, extra=("--year", "2020")), check=True, cwd=ROOT, capture_output=True)
    before = state(base)

    # two uninterrupted runs side by side (as the trials run): the "after" state and how long a run takes
    refs = [tmp_path / "ref", tmp_path / "ref2"]
    for ref in refs:
        shutil.copytree(base, ref)
    t0 = time.perf_counter()
    procs = [subprocess.Popen(ingest_cmd(ref, OLD, NEW, extra=("--force",)), cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for ref in refs]
    assert [p.wait() for p in procs] == [0, 0]
    duration = time.perf_counter() - t0
    ref = refs[0]
    assert state(refs[1]) == state(ref)
    after = state(ref)
    assert after != before
    assert after["projects"] != before["projects"] or after["indicators"] != before["indicators"]

    rng = random.Random(20260506)
    fractions = [rng.uniform(0.4, 1.1) for _ in range(TRIALS)]
    parse_lock = threading.Lock()  # pdfium is not thread-safe: one in-process re-run at a time
    # The kills aim over the whole run (most of it is start-up and parsing), weighted to its end.
    # A run's length varies with the machine's load, so the estimate follows what the trials see:
    # shorter when a run had already finished at the kill, longer when a late kill found it unfinished.
    estimate = {"s": duration}
    estimate_lock = threading.Lock()

    def trial(i: int) -> tuple[float, str, str]:
        lake = tmp_path / f"trial{i}"
        shutil.copytree(base, lake)
        with estimate_lock:
            delay = estimate["s"] * fractions[i]
        proc = subprocess.Popen(ingest_cmd(lake, OLD, NEW, extra=("--force",)), cwd=ROOT, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        exited = proc.poll() is not None
        with estimate_lock:
            if exited:
                estimate["s"] = max(0.5, estimate["s"] * 0.8)
            elif fractions[i] > 0.9:
                estimate["s"] *= 1.15
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # any worker it started
        except ProcessLookupError:
            pass
        now = state(lake)  # readable
        verdict = "before" if now == before else "after" if now == after else "BETWEEN"
        with parse_lock:  # the next run completes the batch
            batch.run([OLD, NEW], lake, workers=1, force=True, console=Console(quiet=True))
        completed = state(lake) == after
        shutil.rmtree(lake)
        return delay, verdict + (" (run had finished)" if exited else ""), "completed" if completed else "NOT COMPLETED"

    with ThreadPoolExecutor(max_workers=2) as pool:  # two trials at a time (2 cores)
        outcomes = list(pool.map(trial, range(TRIALS)))

    print(f"\nuninterrupted run: {duration:.2f} s; {TRIALS} SIGKILL trials:")
    for i, (delay, verdict, rerun) in enumerate(outcomes):
        print(f"  trial {i:2d}: killed at {delay:5.2f} s → {verdict:26s} re-run {rerun}")
    n_before = sum(v.startswith("before") for _, v, _ in outcomes)
    n_after = sum(v.startswith("after") for _, v, _ in outcomes)
    print(f"  before: {n_before}, after: {n_after}, between: {TRIALS - n_before - n_after}")
    assert n_before + n_after == TRIALS
    assert all(r == "completed" for _, _, r in outcomes)
