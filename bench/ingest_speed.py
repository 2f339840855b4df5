"""Ingest speed against naive Camelot, in the same run on the same machine.

Baseline: camelot.read_pdf(path, pages="all", flavor="lattice") for every PDF — what
one would write first. Ours: page triage + the vector engine on table pages only
(ingest.document.ingest_file), then the batch with worker processes. Each side runs in
a fresh child process so its peak RSS is its own. The bench also checks that every
amount we put in the lake is an amount the baseline read on the same page.

Writes bench/results/latest.md and prints the same table.
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.queues import Queue

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
GOAL_RATIO = 5.0
_NUM = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+")


def corpus() -> list[Path]:
    files = sorted((ROOT / "samples").glob("*.pdf"))
    real = ROOT / "samples" / "real"
    if real.is_dir():
        files += sorted(real.rglob("*.pdf"))
    return files


def _baseline(paths: list[str], queue: Queue[Any]) -> None:
    import camelot

    started = time.perf_counter()
    numbers: dict[tuple[str, int], set[float]] = {}
    pages = 0
    per_file: dict[str, float] = {}
    for p in paths:
        file_start = time.perf_counter()
        tables = camelot.read_pdf(p, pages="all", flavor="lattice", suppress_stdout=True)
        for t in tables:
            found = numbers.setdefault((Path(p).name, int(t.page)), set())
            for row in t.df.values.tolist():
                for cell in row:
                    for m in _NUM.findall(str(cell).replace(" ", "")):
                        value = float(m.replace(",", ""))
                        # Tables printed in 元 are stored in 万元: the converted value counts too.
                        found.update({round(value, 2), round(value / 10000, 2)})
        import pypdfium2 as pdfium

        pages += len(pdfium.PdfDocument(p))
        per_file[Path(p).name] = time.perf_counter() - file_start
    queue.put((time.perf_counter() - started, pages, numbers, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               per_file))


def _ours_sequential(paths: list[str], queue: Queue[Any]) -> None:
    from ingest.document import ingest_file

    started = time.perf_counter()
    values: dict[tuple[str, int], set[float]] = {}
    pages = 0
    per_file: dict[str, tuple[float, int]] = {}
    for p in paths:
        file_start = time.perf_counter()
        outcome = ingest_file(Path(p))
        per_file[Path(p).name] = (time.perf_counter() - file_start, outcome.pages)
        pages += outcome.pages
        for dataset in ("summary", "line_items", "economic_items", "sangong"):
            for row in outcome.frames.get(dataset, []):
                if row.get("source", "table") != "table" or not row["amount"]:
                    continue
                values.setdefault((Path(p).name, row["page"]), set()).add(round(row["amount"], 2))
    queue.put((time.perf_counter() - started, pages, values, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               per_file))


def _ours_batch(paths: list[str], lake: str, queue: Queue[Any]) -> None:
    from rich.console import Console

    from ingest import batch

    console = Console(quiet=True)
    started = time.perf_counter()
    batch.run([Path(p) for p in paths], Path(lake), workers=2, console=console)
    first = time.perf_counter() - started
    started = time.perf_counter()
    batch.run([Path(p) for p in paths], Path(lake), workers=2, console=console)
    again = time.perf_counter() - started
    queue.put((first, again, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


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


def per_file_rows(ours: dict[str, tuple[float, int]], base: dict[str, float],
                  ours_values: dict[tuple[str, int], set[float]],
                  base_values: dict[tuple[str, int], set[float]]) -> list[str]:
    """Per PDF: pages, seconds each side, the ratio (naive / ours, one process) and the amounts naive did not read."""
    lines = ["", "| file | pages | naive s | ours s | ratio | amounts | not read by naive |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    below = []
    for name, (secs, pages) in ours.items():
        ratio = base.get(name, float("nan")) / secs if secs else float("inf")
        mine = {k: v for k, v in ours_values.items() if k[0] == name}
        missing = sum(len(v - base_values.get(k, set())) for k, v in mine.items())
        lines.append(f"| {name} | {pages} | {base.get(name, float('nan')):.2f} | {secs:.2f} | {ratio:.1f}× | "
                     f"{sum(len(v) for v in mine.values())} | {missing} |")
        if ratio < PER_FILE_GOAL:
            below.append(f"{name} ({ratio:.1f}×)")
    total_base, total_ours = sum(base.values()), sum(s for s, _ in ours.values())
    lines += ["", f"Per file: overall {total_base / total_ours:.1f}× (sum of naive seconds / sum of ours, one "
              f"process); below {PER_FILE_GOAL:.0f}×: {', '.join(below) or 'none'}."]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench")
    ap.add_argument("--skip-baseline", action="store_true", help="only time our ingest")
    args = ap.parse_args(argv)
    files = [str(p) for p in corpus()]
    lines = [f"# Benchmark ({time.strftime('%Y-%m-%d %H:%M')}, {len(files)} PDFs, "
             f"{multiprocessing.cpu_count()} cores)", ""]

    ours_s, ours_pages, ours_values, ours_rss, ours_files = _child(_ours_sequential, files)
    lake = tempfile.mkdtemp(prefix="bench_lake_")
    batch_s, again_s, batch_rss = _child(_ours_batch, files, lake)
    shutil.rmtree(lake, ignore_errors=True)
    rows = [
        ("ours, 1 process", ours_s, ours_pages, ours_rss),
        ("ours, batch of 2 workers (incl. commit)", batch_s, ours_pages, batch_rss),
    ]
    if not args.skip_baseline:
        base_s, base_pages, base_values, base_rss, base_files = _child(_baseline, files)
        rows.insert(0, ("naive camelot pages='all' lattice", base_s, base_pages, base_rss))
    lines += ["| run | seconds | pages | pages/s | ratio vs naive | peak RSS MB |", "|---|---:|---:|---:|---:|---:|"]
    base_rate = rows[0][2] / rows[0][1] if not args.skip_baseline else None
    for name, secs, pages, rss in rows:
        rate = pages / secs
        ratio = f"{rate / base_rate:.1f}×" if base_rate else "–"
        lines.append(f"| {name} | {secs:.1f} | {pages} | {rate:.1f} | {ratio} | {rss / 1024:.0f} |")
    lines.append(f"| re-ingest of the unchanged corpus (skipped by hash) | {again_s:.2f} | – | – | – | – |")
    if not args.skip_baseline:
        missing = sum(len(v - base_values.get(k, set())) for k, v in ours_values.items())
        total = sum(len(v) for v in ours_values.values())
        lines += ["", f"Values: {total - missing} of {total} distinct non-zero amounts we read (万元 tables) "
                  f"were read by naive Camelot on the same page; {missing} were not."]
    if not args.skip_baseline:
        lines += per_file_rows(ours_files, base_files, ours_values, base_values)
    memory, bounded = memory_rows()
    lines += memory
    ok = bounded
    if not args.skip_baseline:
        best_ratio = max(r[2] / r[1] for r in rows[1:]) / base_rate
        ok = ok and best_ratio >= GOAL_RATIO and missing == 0
        lines += ["", f"Verdict: {'PASS' if ok else 'FAIL'} — best ratio {best_ratio:.1f}× (goal ≥ {GOAL_RATIO}×), "
                  f"{missing} amounts differ (goal 0)."]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
