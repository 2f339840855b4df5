"""Load test (make load): 20 concurrent headless-browser sessions clicking through the dashboard.

    python -m bench.load [--sessions 20] [--seconds 120] [--max-loads 40] [--lake DIR]

Starts the dashboard (`streamlit run app.py`) on 127.0.0.1 over a demo lake, opens
`--sessions` browser contexts in one headless Chromium (each its own Streamlit session),
and lets each visit the pages in a random order — open the page, wait until its title is
drawn and the script run has finished — until `--seconds` have passed or it has made
`--max-loads` page loads. Loopback only; stops by itself (server and browser included).

Reports the page time (median, p95, max), errors (a page that does not finish, shows a
Streamlit exception or an error message; goal 0) and the server's resident memory
sampled every 5 s (goal: levels off), prints them and writes bench/results/load.md.

The demo lake: `--lake`, else build/bench/base_lake (made by `make bench`), else
samples/ + 8 synthetic documents ingested once into build/load/lake.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from fiscal.serve import CHROMIUM, CHROMIUM_ARGS, background

if TYPE_CHECKING:
    from playwright.async_api import Browser

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PAGES = {"": "总览", "composition": "支出结构", "sangong": "三公经费", "projects": "项目绩效",
         "flags": "异常标记", "peers": "同类比较", "inflation": "自评虚高指数", "quality": "披露质量",
         "data": "数据", "documents": "文档"}
PAGE_TIMEOUT_MS = 60_000
RSS_EVERY_S = 5.0
RAMP_S = 1.0  # session i starts i seconds after the first


def demo_lake(arg: str | None) -> Path:
    from fiscal import store

    if arg:
        return Path(arg)
    bench_base = ROOT / "build" / "bench" / "base_lake"
    if store.doc_ids(bench_base):
        return bench_base
    lake = ROOT / "build" / "load" / "lake"
    if store.doc_ids(lake):
        return lake
    from rich.console import Console

    from ingest import batch
    from samplegen import synthetic

    shutil.rmtree(lake, ignore_errors=True)
    pdfs = Path(tempfile.mkdtemp(prefix="load_synth_"))
    try:
        synthetic.build(8, pdfs)
        console = Console(quiet=True)
        batch.run([ROOT / "samples"], lake, workers=2, console=console)
        batch.run([pdfs], lake, {"synthetic": True}, workers=2, console=console)
    finally:
        shutil.rmtree(pdfs, ignore_errors=True)
    return lake


def rss_mb(pid: int) -> float:
    """Resident memory of the server process and its children (MB), from /proc."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


@dataclass
class Stats:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    rss: list[tuple[float, float]] = field(default_factory=list)


async def session(i: int, browser: Browser, url: str, deadline: float, max_loads: int, stats: Stats) -> None:
    rng = random.Random(i)
    await asyncio.sleep(i * RAMP_S)  # staggered arrivals, not 20 cold page loads in the same second
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = await context.new_page()
    loads = 0
    try:
        while loads < max_loads and time.monotonic() < deadline:
            order = list(PAGES.items())
            rng.shuffle(order)
            for path, title in order:
                if loads >= max_loads or time.monotonic() >= deadline:
                    break
                started = time.monotonic()
                try:
                    await page.goto(f"{url}/{path}", wait_until="domcontentloaded", timeout=PAGE_TIMEOUT_MS)
                    await page.get_by_role("heading", name=title, exact=True).first.wait_for(
                        state="visible", timeout=PAGE_TIMEOUT_MS)
                    await page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached",
                                                                                  timeout=PAGE_TIMEOUT_MS)
                    elapsed = time.monotonic() - started
                    exc_box = page.locator('[data-testid="stException"]')
                    if await exc_box.count():
                        text = " ".join((await exc_box.first.inner_text()).split())[:300]
                        stats.errors.append(f"session {i} /{path}: Streamlit exception: {text}")
                    elif await page.get_by_text("This app has encountered an error").count():
                        stats.errors.append(f"session {i} /{path}: app error")
                    stats.times.setdefault(path or "overview", []).append(elapsed)
                except Exception as exc:  # a timeout or a dead page: an error, the session goes on
                    first = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
                    stats.errors.append(f"session {i} /{path}: {type(exc).__name__}: {first}")
                loads += 1
                await asyncio.sleep(rng.uniform(0.2, 1.0))  # a person reads the page
    finally:
        await context.close()


async def sample_rss(pid: int, stop: asyncio.Event, t0: float, stats: Stats) -> None:
    while not stop.is_set():
        stats.rss.append((time.monotonic() - t0, rss_mb(pid)))
        try:
            await asyncio.wait_for(stop.wait(), RSS_EVERY_S)
        except TimeoutError:
            pass
    stats.rss.append((time.monotonic() - t0, rss_mb(pid)))


async def drive(url: str, pid: int, sessions: int, seconds: float, max_loads: int) -> Stats:
    from playwright.async_api import async_playwright

    stats = Stats()
    t0 = time.monotonic()
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_rss(pid, stop, t0, stats))
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            deadline = time.monotonic() + seconds
            await asyncio.gather(*(session(i, browser, url, deadline, max_loads, stats) for i in range(sessions)))
        finally:
            await browser.close()
    stop.set()
    await sampler
    return stats


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))] if xs else float("nan")


def report(stats: Stats, sessions: int, seconds: float, wall: float, lake: Path) -> str:
    all_times = [t for ts in stats.times.values() for t in ts]
    lines = [
        "## Load test (bench/load.py)",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {sessions} concurrent headless Chromium sessions · "
        f"{wall:.0f} s · lake {lake} · {os.cpu_count()} CPUs · load average at the end "
        f"{os.getloadavg()[0]:.1f}",
        "",
        "| page | loads | median s | p95 s | max s |",
        "|---|---|---|---|---|",
    ]
    for name, ts in sorted(stats.times.items()):
        lines.append(f"| {name} | {len(ts)} | {statistics.median(ts):.2f} | {p95(ts):.2f} | {max(ts):.2f} |")
    if all_times:
        lines.append(f"| **all** | {len(all_times)} | {statistics.median(all_times):.2f} | {p95(all_times):.2f} | "
                     f"{max(all_times):.2f} |")
    lines += ["", f"errors: {len(stats.errors)} (goal 0)"]
    lines += [f"* {e}" for e in stats.errors[:20]]
    rss = stats.rss
    if rss:
        series = ", ".join(f"{t:.0f}s {m:.0f}" for t, m in rss[:: max(1, len(rss) // 12)])
        n = len(rss)
        first = statistics.mean(m for _, m in rss[n // 3: 2 * n // 3] or rss)
        last = statistics.mean(m for _, m in rss[2 * n // 3:] or rss)
        growth = (last - first) / first * 100 if first else 0.0
        verdict = "levels off" if growth < 10 else "still growing"
        lines += ["", f"server RSS (MB) over time: {series}",
                  f"peak {max(m for _, m in rss):.0f} MB; last third vs middle third: {growth:+.1f}% → {verdict}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=120.0, help="how long the sessions click (default 120)")
    ap.add_argument("--max-loads", type=int, default=40, help="page loads per session at most (default 40)")
    ap.add_argument("--lake", help="lake to serve (default: a demo lake, see the module docstring)")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"bench.load: {CHROMIUM} is missing (make setup installs it)", file=sys.stderr)
        return 2
    lake = demo_lake(args.lake)
    workdir = Path(tempfile.mkdtemp(prefix="load_"))
    with background(lake, workdir / "streamlit.log") as (proc, url):
        print(f"bench.load: dashboard at {url} over {lake}; {args.sessions} sessions for ≤{args.seconds:.0f} s",
              flush=True)
        t0 = time.monotonic()
        stats = asyncio.run(drive(url, proc.pid, args.sessions, args.seconds, args.max_loads))
        wall = time.monotonic() - t0
    text = report(stats, args.sessions, args.seconds, wall, lake)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "load.md").write_text(text, encoding="utf-8")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0 if not stats.errors else 1


if __name__ == "__main__":
    sys.exit(main())
