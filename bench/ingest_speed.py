"""Ingest speed against naive Camelot, in the same run on the same machine.

Baseline: camelot.read_pdf(path, pages="all", flavor="lattice") for every PDF — what
one would write first. Ours: page triage + the vector engine on table pages only
(ingest.document.ingest_file), then the batch with worker processes. Each side runs in
a fresh child process so its peak RSS is its own; each side reads one document untimed
first (imports, font and region tables), and OpenCV runs on one thread in both, so a
second of CPU is the same work on either side.

Ratios are taken on CPU seconds: the machine's cores are shared with other jobs, and wall
seconds count the time a process waits for a core (wall columns are printed beside them).
The bench also checks that every amount we put in the lake is an amount the baseline read
on the same page; amounts of tables lattice cannot read (no ruling lines: read by Camelot
stream or pdfplumber, `Outcome.readers`) are counted apart.

    python -m bench --only ingest                     the whole corpus (samples/, samples/real/)
    python -m bench --only ingest --files 江苏 ab_     the PDFs whose names contain any of these
    python -m bench --only ingest --quick             per-file table only (no batch, no long PDF)
    python -m bench --only ingest --quick --dir DIR   the PDFs under DIR (documents of other offices)

Writes bench/results/latest.md (the whole corpus only) and prints the same table.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import resource
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.queues import Queue

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
GOAL_RATIO = 10.0
_NUM = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+")
_INTEGER = re.compile(r"-?\d+")  # a cell line that is one whole number ("80" in a 三公 table)


def corpus(patterns: list[str] | None = None, folder: Path | None = None) -> list[Path]:
    """The PDFs of samples/ and samples/real/ (or of `folder`, recursively); with patterns, those whose
    name contains one of them."""
    if folder is not None:
        files = sorted(folder.rglob("*.pdf"))
    else:
        files = sorted((ROOT / "samples").glob("*.pdf"))
        real = ROOT / "samples" / "real"
        if real.is_dir():
            files += sorted(real.rglob("*.pdf"))
    if patterns:
        files = [f for f in files if any(p in f.name for p in patterns)]
    return files


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (all threads)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _one_thread() -> None:
    import cv2

    cv2.setNumThreads(1)


def cell_numbers(cell: object) -> set[float]:
    """The amounts a naive reader gets from one cell: decimals and thousands anywhere in it, and a line
    that is a whole number; each also in 万元 as a table printed in 元 or 千元 is stored (ingest.model.UNIT_FACTORS)."""
    from ingest.model import UNIT_FACTORS

    text = unicodedata.normalize("NFKC", str(cell))
    found = [float(m.replace(",", "")) for m in _NUM.findall(text.replace(" ", ""))]
    found += [float(ln) for ln in (x.strip().replace(",", "") for x in text.split("\n")) if _INTEGER.fullmatch(ln)]
    return {round(v * factor, 2) for v in found for factor in UNIT_FACTORS.values()}


def _naive_file(path: str) -> tuple[int, dict[tuple[str, int], set[float]], dict[tuple[str, int], set[float]]]:
    """Naive Camelot on one PDF: its pages and the amounts of each page."""
    import pypdfium2 as pdfium
    from camelot.io import read_pdf

    numbers: dict[tuple[str, int], set[float]] = {}
    for t in read_pdf(path, pages="all", flavor="lattice", suppress_stdout=True):
        found = numbers.setdefault((Path(path).name, int(t.page)), set())
        for row in t.df.values.tolist():
            for cell in row:
                found.update(cell_numbers(cell))
    return len(pdfium.PdfDocument(path)), numbers, {}


def _our_file(path: str) -> tuple[int, dict[tuple[str, int], set[float]], dict[tuple[str, int], set[float]]]:
    """Our ingest of one PDF: its pages, the amounts of tables lattice read, those read by stream/pdfplumber."""
    from ingest.document import ingest_file

    outcome = ingest_file(Path(path))
    values: dict[tuple[str, int], set[float]] = {}
    others: dict[tuple[str, int], set[float]] = {}  # tables without ruling lines (Outcome.readers)
    for dataset in ("summary", "line_items", "economic_items", "sangong"):
        for row in outcome.frames.get(dataset, []):
            if row.get("source", "table") != "table" or not row["amount"]:
                continue
            into = others if row["page"] in outcome.readers else values
            into.setdefault((Path(path).name, row["page"]), set()).add(round(row["amount"], 2))
    return outcome.pages, values, others


def _serve(side: str, warm_up: str, inbox: Queue[Any], outbox: Queue[Any]) -> None:
    """One side's process: an untimed warm-up, then each PDF it is sent, timed; None ends it (with its peak RSS)."""
    _one_thread()
    read = _naive_file if side == "naive" else _our_file
    read(warm_up)
    if side == "ours":
        from ingest.document import forget

        forget()  # the warm-up must not read ahead for the timed documents
    outbox.put("ready")
    while (path := inbox.get()) is not None:
        wall, cpu = time.perf_counter(), _cpu()
        pages, values, others = read(path)
        outbox.put((time.perf_counter() - wall, _cpu() - cpu, pages, values, others))
    outbox.put(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


class _Side:
    """A side's process (naive or ours), fed one PDF at a time so both sides time a file back to back."""

    def __init__(self, side: str, warm_up: str) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.inbox, self.outbox = ctx.Queue(), ctx.Queue()
        self.proc = ctx.Process(target=_serve, args=(side, warm_up, self.inbox, self.outbox))
        self.proc.start()
        assert self.outbox.get() == "ready"

    def read(self, path: str) -> Any:
        self.inbox.put(path)
        return self.outbox.get()

    def close(self) -> int:
        """The process's peak RSS (KB)."""
        self.inbox.put(None)
        rss = self.outbox.get()
        self.proc.join()
        return int(rss)


def paired(files: list[str], naive: bool = True) -> dict[str, Any]:
    """Each PDF read by ours then by naive Camelot, back to back, each side in its own process (so the
    machine's other load falls on both alike); per file (wall, CPU, pages), amounts, peak RSS per side."""
    sides = {"ours": _Side("ours", files[0])}
    if naive:
        sides["naive"] = _Side("naive", files[0])
    out: dict[str, Any] = {name: {"files": {}, "values": {}, "others": {}} for name in sides}
    for f in files:
        for name, side in sides.items():
            wall, cpu, pages, values, others = side.read(f)
            out[name]["files"][Path(f).name] = (wall, cpu, pages)
            out[name]["values"].update(values)
            out[name]["others"].update(others)
    for name, side in sides.items():
        out[name]["rss"] = side.close()
    return out


def _ours_batch(paths: list[str], lake: str, queue: Queue[Any]) -> None:
    from rich.console import Console

    from ingest import batch

    _one_thread()
    console = Console(quiet=True)
    started, cpu0 = time.perf_counter(), _cpu()
    batch.run([Path(p) for p in paths], Path(lake), workers=2, console=console)
    first, first_cpu = time.perf_counter() - started, _cpu() - cpu0
    started = time.perf_counter()
    batch.run([Path(p) for p in paths], Path(lake), workers=2, console=console)
    again = time.perf_counter() - started
    queue.put((first, first_cpu, again, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def long_pdf(pages: int, out: Path) -> Path:
    """A PDF of about `pages` pages: the 郴州 final account (tables and prose) repeated."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(ROOT / "samples" / "chenzhou_2022_final_a.pdf"))
    doc = pdfium.PdfDocument.new()
    while len(doc) < pages:
        doc.import_pages(source, list(range(min(len(source), pages - len(doc)))))
    doc.save(str(out))
    return out


def _one_file(path: str, queue: Queue[Any]) -> None:
    from ingest.document import ingest_file

    started = time.perf_counter()
    outcome = ingest_file(Path(path))
    rows = sum(len(v) for v in outcome.frames.values())
    queue.put((time.perf_counter() - started, outcome.pages, rows, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def memory_rows(sizes: tuple[int, ...] = (50, 500)) -> tuple[list[str], bool]:
    """Peak RSS of ingesting one PDF of each size in a fresh process: bounded means the long one peaks alike."""
    folder = Path(tempfile.mkdtemp(prefix="bench_long_"))
    lines = ["", "| one PDF (郴州 决算 repeated) | pages | seconds | rows read | peak RSS MB |",
             "|---|---:|---:|---:|---:|"]
    peaks = []
    try:
        for n in sizes:
            secs, pages, rows, rss = _child(_one_file, str(long_pdf(n, folder / f"long_{n}.pdf")))
            peaks.append(rss / 1024)
            lines.append(f"| {n} pages | {pages} | {secs:.1f} | {rows:,} | {rss / 1024:.0f} |")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    bounded = peaks[-1] <= 1.5 * peaks[0]
    lines += ["", f"Memory: {'bounded' if bounded else 'NOT bounded'} — the {sizes[-1]}-page PDF peaks at "
              f"{peaks[-1]:.0f} MB against {peaks[0]:.0f} MB for {sizes[0]} pages (table pages go to Camelot "
              f"{_chunk()} at a time)."]
    return lines, bounded


def _chunk() -> int:
    from ingest.extract import CHUNK_PAGES

    return CHUNK_PAGES


def _child(target: Callable[..., None], *args: object) -> Any:
    """What `target(*args, queue)` puts on the queue, run in a fresh (spawned) process."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


PER_FILE_GOAL = 10.0


def _missing(mine: dict[tuple[str, int], set[float]], base: dict[tuple[str, int], set[float]]) -> int:
    return sum(len(v - base.get(k, set())) for k, v in mine.items())


def per_file_rows(ours: dict[str, tuple[float, float, int]], base: dict[str, tuple[float, float]],
                  ours_values: dict[tuple[str, int], set[float]], base_values: dict[tuple[str, int], set[float]],
                  others: dict[tuple[str, int], set[float]] | None = None) -> tuple[list[str], list[str]]:
    """Per PDF: pages, CPU and wall seconds each side, the ratios (naive / ours) and the amounts naive did
    not read; and the files below the goal (on CPU seconds)."""
    others = others or {}
    lines = ["", "| file | pages | naive CPU s | ours CPU s | ratio (CPU) | naive wall s | ours wall s | ratio (wall) "
             "| amounts | not read by naive | read by stream/pdfplumber |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    below = []
    for name, (wall, cpu, pages) in ours.items():
        base_wall, base_cpu = base.get(name, (float("nan"), float("nan")))
        ratio = base_cpu / cpu if cpu else float("inf")
        wall_ratio = base_wall / wall if wall else float("inf")
        mine = {k: v for k, v in ours_values.items() if k[0] == name}
        other = sum(len(v) for k, v in others.items() if k[0] == name)
        lines.append(f"| {name} | {pages} | {base_cpu:.2f} | {cpu:.2f} | {ratio:.1f}× | {base_wall:.2f} | {wall:.2f} | "
                     f"{wall_ratio:.1f}× | {sum(len(v) for v in mine.values())} | {_missing(mine, base_values)} | "
                     f"{other} |")
        if not ratio >= PER_FILE_GOAL:
            below.append(f"{name} ({ratio:.1f}×)")
    cpu_base, cpu_ours = sum(c for _, c in base.values()), sum(c for _, c, _ in ours.values())
    wall_base, wall_ours = sum(w for w, _ in base.values()), sum(w for w, _, _ in ours.values())
    lines += ["", f"Per file: overall {cpu_base / cpu_ours:.1f}× on CPU seconds ({wall_base / wall_ours:.1f}× on wall "
              f"seconds; one process each side); below {PER_FILE_GOAL:.0f}× (CPU): {', '.join(below) or 'none'}."]
    return lines, below


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench --only ingest")
    ap.add_argument("--skip-baseline", action="store_true", help="only time our ingest")
    ap.add_argument("--files", nargs="+", metavar="TEXT", help="only the PDFs whose file name contains one of these")
    ap.add_argument("--quick", action="store_true", help="per-file timings only: no batch run, no long-PDF memory")
    ap.add_argument("--dir", type=Path, metavar="DIR",
                    help="the PDFs under DIR instead of the corpus (documents of other offices, rendered variants)")
    args = ap.parse_args(argv)
    files = [str(p) for p in corpus(args.files, args.dir)]
    if not files:
        print(f"no PDF of the corpus matches {args.files}")
        return 2
    lines = [f"# Benchmark ({time.strftime('%Y-%m-%d %H:%M')}, {len(files)} PDFs, "
             f"{multiprocessing.cpu_count()} cores, load {os.getloadavg()[0]:.1f} at start)", ""]

    timed = paired(files, naive=not args.skip_baseline)
    below_first: list[str] = []
    if not args.skip_baseline:
        # a file below the goal is timed again, both sides, and each side keeps its faster run
        slow = [f for f in files if timed["naive"]["files"][Path(f).name][1]
                < PER_FILE_GOAL * timed["ours"]["files"][Path(f).name][1]]
        below_first = [Path(f).name for f in slow]
        if slow:
            again = paired(slow)
            for side in ("ours", "naive"):
                for name, run in again[side]["files"].items():
                    timed[side]["files"][name] = min(timed[side]["files"][name], run, key=lambda r: r[1])
    ours_files = timed["ours"]["files"]
    ours_values, others = timed["ours"]["values"], timed["ours"]["others"]
    ours_pages = sum(p for _, _, p in ours_files.values())
    rows = [("ours, 1 process", sum(w for w, _, _ in ours_files.values()), sum(c for _, c, _ in ours_files.values()),
             ours_pages, timed["ours"]["rss"])]
    again_s = None
    if not args.quick:
        lake = tempfile.mkdtemp(prefix="bench_lake_")
        batch_s, _batch_cpu, again_s, batch_rss = _child(_ours_batch, files, lake)
        shutil.rmtree(lake, ignore_errors=True)
        rows.append(("ours, batch of 2 workers (incl. commit)", batch_s, float("nan"), ours_pages, batch_rss))
    if not args.skip_baseline:
        base_files = {k: (w, c) for k, (w, c, _) in timed["naive"]["files"].items()}
        base_values = timed["naive"]["values"]
        base_cpu = sum(c for _, c in base_files.values())
        rows.insert(0, ("naive camelot pages='all' lattice", sum(w for w, _ in base_files.values()), base_cpu,
                        sum(p for _, _, p in timed["naive"]["files"].values()), timed["naive"]["rss"]))
        ours_cpu = rows[1][2]
    lines += ["| run | wall s | CPU s | pages | pages/s (wall) | ratio vs naive (wall) | ratio vs naive (CPU) "
              "| peak RSS MB |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    base_rate = rows[0][3] / rows[0][1] if not args.skip_baseline else None
    base_cpu_s = rows[0][2] if not args.skip_baseline else None
    for name, secs, cpu, pages, rss in rows:
        rate = pages / secs
        ratio = f"{rate / base_rate:.1f}×" if base_rate else "–"
        cpu_ratio = f"{base_cpu_s / cpu:.1f}×" if base_cpu_s and cpu == cpu else "–"
        cpu_text = f"{cpu:.1f}" if cpu == cpu else "–"
        lines.append(f"| {name} | {secs:.1f} | {cpu_text} | {pages} | {rate:.1f} | {ratio} | {cpu_ratio} "
                     f"| {rss / 1024:.0f} |")
    if again_s is not None:
        lines.append(f"| re-ingest of the unchanged corpus (skipped by hash) | {again_s:.2f} | – | – | – | – | – | – |")
    lines += ["", "Each PDF is read by ours, then by naive Camelot, back to back, each side in its own process "
              "(untimed warm-up on the first PDF, OpenCV on one thread). Ratios on CPU seconds are the verdict's: the "
              "cores are shared, and wall seconds include waiting for one. "
              + (f"Timed twice, each side keeping its faster run (below {PER_FILE_GOAL:.0f}× the first time): "
                 f"{', '.join(below_first)}." if below_first else "")]
    ok = True
    if not args.skip_baseline:
        missing = _missing(ours_values, base_values)
        total = sum(len(v) for v in ours_values.values())
        other_total = sum(len(v) for v in others.values())
        other_seen = other_total - _missing(others, base_values)
        lines += ["", f"Values: {total - missing} of {total} distinct non-zero amounts we read from tables lattice "
                  f"reads (万元) were read by naive Camelot on the same page; {missing} were not. "
                  f"{other_total} more come from tables without ruling lines, read by Camelot stream or pdfplumber "
                  f"where lattice finds no table ({other_seen} of them naive read too): not comparable, not counted."]
        per_file, below = per_file_rows(ours_files, base_files, ours_values, base_values, others)
        lines += per_file
        overall = base_cpu / ours_cpu
        ok = overall >= GOAL_RATIO and not below and missing == 0
    if not args.quick:
        memory, bounded = memory_rows()
        lines += memory
        ok = ok and bounded
    if not args.skip_baseline:
        lines += ["", f"Verdict: {'PASS' if ok else 'FAIL'} — {overall:.1f}× naive overall on CPU seconds (goal ≥ "
                  f"{GOAL_RATIO:.0f}×), {len(below)} files below {PER_FILE_GOAL:.0f}× (goal 0), {missing} amounts "
                  f"differ (goal 0)."]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.files and args.dir is None:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
