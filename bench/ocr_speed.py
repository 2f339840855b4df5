"""OCR on scanned copies: seconds per page and the share of figures proven by their own arithmetic.

`python -m bench.ocr_speed [--dpi 200] [--quality 70] [--tilt 1.5] [--blur 0.7] [--jobs N] [PDF ...]`
scans each PDF (samplegen.scan: tilt, dust, blur, JPEG, a red seal), OCRs it with a cold cache (N pages
at once), ingests it, and prints per document the OCR seconds per page, the seconds of reading and
proof-reading the OCR'd copy (cells, headers and units read again), and the share of table rows read
`complete` (every sum closes), next to the same share for the born-digital original.
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
DEFAULT = [ROOT / "samples/real/putuo_caizhengju_2024_final.pdf", ROOT / "samples/real/putuo_sifaju_2026_budget.pdf",
           ROOT / "samples/dazhou_2023_budget_a.pdf"]


def proven(outcome: Outcome) -> tuple[int, int]:
    """(rows of tables read complete, rows of all tables found) of one ingested document."""
    rows = [r for r in outcome.frames.get("readings", []) if r.get("found", True) and r["rows"]]
    return sum(r["rows"] for r in rows if r["status"] == "complete"), sum(r["rows"] for r in rows)


def measure(pdf: Path, work: Path, dpi: int, style: dict[str, float] | None = None) -> dict[str, Any]:
    """Scan, OCR (timed, cold cache) and ingest one PDF; the original is ingested for comparison."""
    from ingest import ocr
    from ingest.document import ingest_file
    from samplegen.scan import scan

    scanned = work / "scans" / pdf.name
    if not scanned.exists():
        scan(pdf, scanned, dpi=dpi, **(style or {}))  # type: ignore[arg-type]
    data = scanned.read_bytes()
    t0 = time.perf_counter()
    readable = ocr.make_readable(scanned, data, ocr.page_texts(data))
    ocr_s = time.perf_counter() - t0
    pages = len(readable[3]) if readable else 0
    t0 = time.perf_counter()
    got = ingest_file(scanned)  # the OCR'd copy is cached now: this is the reading and proof-reading
    read_s = time.perf_counter() - t0
    base = ingest_file(pdf)
    ok, total = proven(got) if got.rejected is None else (0, 0)
    bok, btotal = proven(base)
    return {"name": pdf.name, "pages": pages, "ocr_s": ocr_s, "read_s": read_s, "proven": ok, "rows": total,
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
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="ocr-bench-"))
    # cold: every page is OCR'd
    os.environ["FISCAL_OCR_CACHE"] = str(args.cache or work / f"ocr-{time.time_ns()}")
    if args.jobs:
        os.environ["FISCAL_OCR_JOBS"] = str(args.jobs)  # read when ingest.ocr is first imported (in measure)
    style = {"quality": args.quality, "tilt": args.tilt, "blur": args.blur}
    results = [measure(p, work, args.dpi, style) for p in args.pdfs]
    print(f"\n{'document':40} {'pages':>5} {'OCR s/page':>10} {'read s':>7} {'proven (scan)':>14} "
          f"{'proven (original)':>18}")
    for r in results:
        share = f"{r['proven']}/{r['rows']}" if r["rejected"] is None else f"隔离 {r['rejected'].reason}"
        print(f"{r['name'][:40]:40} {r['pages']:5d} {r['ocr_s'] / max(r['pages'], 1):10.1f} {r['read_s']:7.1f} "
              f"{share:>14} {r['base_proven']}/{r['base_rows']:<10}")
    pages = sum(r["pages"] for r in results)
    ok, rows = sum(r["proven"] for r in results), sum(r["rows"] for r in results)
    bok, brows = sum(r["base_proven"] for r in results), sum(r["base_rows"] for r in results)
    print(f"OCR {sum(r['ocr_s'] for r in results) / max(pages, 1):.1f} s/page over {pages} pages; proven by "
          f"arithmetic {100 * ok / max(rows, 1):.0f}% of {rows} table rows (original PDFs: "
          f"{100 * bok / max(brows, 1):.0f}% of {brows})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
