"""OCR on scanned copies: seconds per page and the share of figures proven by their own arithmetic.

`python -m bench.ocr_speed [--dpi 200] [--quality 70] [--tilt 1.5] [--blur 0.7] [--jobs N] [PDF ...]`
scans each PDF (samplegen.scan: tilt, dust, blur, JPEG, a red seal), OCRs it with a cold cache (N pages
at once), ingests it, and prints per document the OCR seconds per page, the seconds of reading and
proof-reading the OCR'd copy (cells, headers and units read again), and the share of its table figures
proven by arithmetic (read from a table whose every sum closes: `complete`), next to the same share for
the born-digital original. The table goes into bench/results/latest.md (`## OCR of scanned copies`).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ingest.document import Outcome

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SECTION = "## OCR of scanned copies"
# The datasets whose figures come from tables with sums (a 三公 figure stated in prose has none).
FIGURE_DATASETS = ("sangong", "summary", "line_items")
DEFAULT = [ROOT / "samples/real/putuo_caizhengju_2024_final.pdf", ROOT / "samples/real/putuo_sifaju_2026_budget.pdf",
           ROOT / "samples/dazhou_2023_budget_a.pdf"]


def proven(outcome: Outcome) -> tuple[int, int]:
    """(table figures proven by arithmetic, all table figures) of one ingested document: the amounts of its
    三公, 总表 and 支出表 rows, proven when their table was read `complete` (its sums close)."""
    rows = [r for d in FIGURE_DATASETS for r in outcome.frames.get(d, [])
            if r.get("amount") is not None and r.get("source", "table") == "table"]
    return sum(r.get("reading") == "complete" for r in rows), len(rows)


def _cpu_s() -> float:
    """CPU seconds of this process and its finished children (Tesseract runs as child processes): on a shared
    machine the wall seconds include waiting for a core, these do not."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure(pdf: Path, work: Path, dpi: int, style: dict[str, float] | None = None) -> dict[str, Any]:
    """Scan, OCR (timed, cold cache) and ingest one PDF; the original is ingested for comparison."""
    from ingest import ocr
    from ingest.document import ingest_file
    from samplegen.scan import scan

    scanned = work / "scans" / pdf.name
    if not scanned.exists():
        scan(pdf, scanned, dpi=dpi, **(style or {}))  # type: ignore[arg-type]
    data = scanned.read_bytes()
    t0, c0 = time.perf_counter(), _cpu_s()
    readable = ocr.make_readable(scanned, data, ocr.page_texts(data))
    ocr_s, ocr_cpu = time.perf_counter() - t0, _cpu_s() - c0
    pages = len(readable[3]) if readable else 0
    t0 = time.perf_counter()
    got = ingest_file(scanned)  # the OCR'd copy is cached now: this is the reading and proof-reading
    read_s = time.perf_counter() - t0
    base = ingest_file(pdf)
    ok, total = proven(got) if got.rejected is None else (0, 0)
    bok, btotal = proven(base)
    return {"name": pdf.name, "pages": pages, "ocr_s": ocr_s, "ocr_cpu": ocr_cpu, "read_s": read_s,
            "proven": ok, "rows": total,
            "base_proven": bok, "base_rows": btotal, "rejected": got.rejected}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(prog="python -m bench.ocr_speed", description=__doc__)
    ap.add_argument("pdfs", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--quality", type=int, default=70, help="JPEG quality of the scans")
    ap.add_argument("--tilt", type=float, default=1.5, help="largest tilt of the scans (degrees)")
    ap.add_argument("--blur", type=float, default=0.7, help="blur radius of the scans at 300 dpi")
    ap.add_argument("--jobs", type=int, help="pages OCR'd at once (default: $FISCAL_OCR_JOBS, else up to 2)")
    ap.add_argument("--work", type=Path, help="keep scans and OCR output here (default: a temporary folder)")
    ap.add_argument("--cache", type=Path, help="OCR cache to fill (must not hold these scans yet: it is timed), "
                                                 "e.g. for a following `python -m accuracy --scanned`")
    ap.add_argument("--no-write", action="store_true", help="print only; leave bench/results/latest.md alone")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="ocr-bench-"))
    # cold: every page is OCR'd
    os.environ["FISCAL_OCR_CACHE"] = str(args.cache or work / f"ocr-{time.time_ns()}")
    if args.jobs:
        os.environ["FISCAL_OCR_JOBS"] = str(args.jobs)  # read when ingest.ocr is first imported (in measure)
    style = {"quality": args.quality, "tilt": args.tilt, "blur": args.blur}
    load = os.getloadavg()[0]  # a shared machine: the wall seconds depend on it, the CPU seconds hardly
    results = [measure(p, work, args.dpi, style) for p in args.pdfs]
    lines = table(results)
    print("\n" + "\n".join(lines))
    if not args.no_write:
        write_section(lines, args.dpi, load)
    return 0


def totals(results: list[dict[str, Any]]) -> dict[str, float]:
    """OCR seconds per page and the proven shares (%) over all documents."""
    pages = sum(r["pages"] for r in results)
    ok, rows = sum(r["proven"] for r in results), sum(r["rows"] for r in results)
    bok, brows = sum(r["base_proven"] for r in results), sum(r["base_rows"] for r in results)
    return {"pages": pages, "s_per_page": sum(r["ocr_s"] for r in results) / max(pages, 1),
            "cpu_per_page": sum(r.get("ocr_cpu", 0.0) for r in results) / max(pages, 1),
            "proven_pct": 100 * ok / max(rows, 1), "figures": rows,
            "base_pct": 100 * bok / max(brows, 1), "base_figures": brows}


def table(results: list[dict[str, Any]]) -> list[str]:
    """The per-document markdown table and the totals line."""
    lines = ["| document | pages | OCR s/page | OCR CPU s/page | read s | proven by arithmetic (scan) | (original) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        share = f"{r['proven']}/{r['rows']}" if r["rejected"] is None else f"隔离 {r['rejected'].reason}"
        n = max(r["pages"], 1)
        lines.append(f"| {r['name']} | {r['pages']} | {r['ocr_s'] / n:.1f} | {r.get('ocr_cpu', 0.0) / n:.1f} | "
                     f"{r['read_s']:.1f} | {share} | {r['base_proven']}/{r['base_rows']} |")
    t = totals(results)
    lines.append(f"\nOCR {t['s_per_page']:.1f} s/page ({t['cpu_per_page']:.1f} CPU s/page) over {t['pages']} pages; "
                 f"proven by arithmetic {t['proven_pct']:.1f}% of {t['figures']} table figures "
                 f"(original PDFs: {t['base_pct']:.1f}% of "
                 f"{t['base_figures']})")
    return lines


def write_section(lines: list[str], dpi: int, load: float) -> None:
    """Put the OCR section into bench/results/latest.md, replacing an earlier one (other sections stay)."""
    import datetime as dt

    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "latest.md"
    old = out.read_text(encoding="utf-8") if out.is_file() else ""
    if SECTION in old:
        head, _, tail = old.partition(SECTION)
        nxt = tail.find("\n## ")
        old = head.rstrip() + "\n" + (tail[nxt:].lstrip("\n") + "\n" if nxt >= 0 else "")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = (f"{SECTION} ({stamp}, {dpi} dpi scans, cold OCR cache, load {load:.1f} at start)\n\n"
            + "\n".join(lines) + "\n")
    out.write_text((old.rstrip() + "\n\n" if old.strip() else "") + text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
