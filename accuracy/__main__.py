"""`python -m accuracy [--lake DIR] [--keep] [--no-planted] [--scanned]`: ingest every PDF that has a truth
file (plus the planted copies) through the real path, compare, print the report.

Exit 0 whenever the measurement ran (it measures, it does not gate); 2 when it could not.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from accuracy import compare, flags, planted, related, report
from accuracy.truth import Truth, load_all

if TYPE_CHECKING:
    from fiscal.rules.engine import Frames


def _read_optional(lake: Path, dataset: str) -> pl.DataFrame | None:
    """A dataset the lake may not have yet (e.g. `readings`)."""
    from fiscal import store

    try:
        return store.read(lake, dataset)
    except Exception:  # noqa: BLE001 — absent or unknown dataset: nothing to report
        return None


def _restrict(frames: Frames, doc_ids: set[str]) -> Frames:
    """Frames holding only the given documents' rows."""
    from fiscal.rules.engine import Frames

    return Frames(**{f.name: getattr(frames, f.name).filter(pl.col("doc_id").is_in(list(doc_ids)))
                     for f in fields(frames)})


def _flags_by_doc(frames: Frames, originals: set[str],
                  planted_docs: dict[str, str]) -> dict[str, list[dict[str, object]]]:
    """Kept flags per doc_id. Originals are evaluated together; each planted copy in place of its
    original (copies of one agency-year must not meet each other in the cross-document rules)."""
    from fiscal.rules import evaluate
    from fiscal.rules.precedence import fold

    out: dict[str, list[dict[str, object]]] = {}
    runs = [(originals, originals)] + [((originals - {base}) | {copy}, {copy}) for copy, base in planted_docs.items()]
    for docs, wanted in runs:
        got = flags.keep(fold(evaluate(_restrict(frames, docs))))  # one finding per misprint, as the readers show
        for row in got.filter(pl.col("doc_id").is_in(list(wanted))).iter_rows(named=True):
            out.setdefault(row["doc_id"], []).append(row)
    return out


def measure(truths: list[Truth], lake: Path, notes: list[str], scanned: bool = False,
            cases: list[related.CaseDocs] | None = None) -> report.Outcome:
    """Ingest the truths' PDFs (and the cross-document cases' copies) into `lake`, compare figures, tables and
    flags."""
    from rich.console import Console

    from fiscal.rules.engine import Frames
    from ingest import batch
    from ingest.document import sha256_of

    cases = cases or []
    case_pdfs = {n: p for c in cases for n, p in c.copies.items()}
    pdfs = list(dict.fromkeys([t.pdf for t in truths] + list(case_pdfs.values())))
    t0 = time.perf_counter()
    ingest = batch.run(pdfs, lake, workers=2, console=Console(stderr=True))
    print(f"ingest: {len(pdfs)} PDFs into {lake} in {time.perf_counter() - t0:.0f} s "
          f"({len(ingest.quarantined)} quarantined, {len(ingest.skipped)} already there)", file=sys.stderr)
    for o in ingest.quarantined:
        if o.rejected is not None:
            notes.append(f"{o.path.name} quarantined: {o.rejected.stage}: {o.rejected.reason}")
    frames = Frames.from_lake(lake)
    readings = compare.readings_map(_read_optional(lake, "readings"))
    ids = {t.pdf: sha256_of(t.pdf.read_bytes()) for t in truths}
    docs = {r["doc_id"]: r for r in frames.documents.iter_rows(named=True)}
    base_of = {t.file: ids[t.pdf] for t in truths if t.planted is None}
    originals = {ids[t.pdf] for t in truths if t.planted is None}
    copies = {ids[t.pdf]: base_of.get(planted.base_file(t.planted), "") for t in truths if t.planted}
    t0 = time.perf_counter()
    try:
        raised = _flags_by_doc(frames, originals, copies)
    except Exception as e:  # noqa: BLE001 — the rules are measured, not the harness: report and go on
        import traceback

        traceback.print_exc()
        notes.append(f"RULES FAILED ({type(e).__name__}: {e}): no flag was measured")
        raised = {}
    print(f"rules: {1 + len(copies)} evaluations in {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    out = report.Outcome(notes=notes, base_of={t.name: planted.base_file(t.planted) for t in truths if t.planted},
                         scanned=scanned)
    for t in truths:
        doc_id = ids[t.pdf]
        doc = docs.get(doc_id)
        mine = {f.name: getattr(frames, f.name).filter(pl.col("doc_id") == doc_id) for f in fields(frames)}
        out.files.append(t.name)
        out.figures += compare.compare_meta(t, doc) + compare.compare_figures(t, mine)
        out.tables += compare.check_tables(t, doc, readings)
        fr, lr = flags.match_document(t.name, raised.get(doc_id, []), t.labels)
        out.flags += fr
        out.labels += lr
    if cases:
        _score_cases(out, frames, truths, ids, cases, case_pdfs)
    return out


def _score_cases(out: report.Outcome, frames: Frames, truths: list[Truth], ids: dict[Path, str],
                 cases: list[related.CaseDocs], copies: dict[str, Path]) -> None:
    """The cross-document cases' flags and labels into `out` (see accuracy.related.score)."""
    from ingest.document import sha256_of

    originals = {t.name: (ids[t.pdf], t.pdf) for t in truths if t.planted is None}
    t0 = time.perf_counter()
    try:
        fr, lr, files, notes = related.score(frames, originals, cases,
                                             {n: sha256_of(p.read_bytes()) for n, p in copies.items()})
    except Exception as e:  # noqa: BLE001 — the rules are measured, not the harness: report and go on
        import traceback

        traceback.print_exc()
        out.notes.append(f"CROSS-DOCUMENT RULES FAILED ({type(e).__name__}: {e}): no case was measured")
        return
    print(f"rules: {1 + len(cases)} cross-document evaluations in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    out.flags += fr
    out.labels += lr
    out.cases.update(files)
    out.notes += notes


def _scanned(truths: list[Truth], keep: Path | None = None) -> list[Truth]:
    """The same truths, each pointing at a scanned, image-only copy of its PDF (same file name); the copies
    are made in `keep` and reused from there when given (a scan is the same bytes each time), else in a
    temporary folder."""
    import atexit
    from dataclasses import replace

    from samplegen.scan import scan

    folder = keep or Path(tempfile.mkdtemp(prefix="accuracy-scans-"))
    if keep is None:
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    out = []
    for t in truths:
        copy = folder / t.file
        if not copy.exists():
            scan(t.pdf, copy.with_name(copy.name + ".part")).replace(copy)  # an interrupted scan is no copy
        out.append(replace(t, file=str(copy)))  # an absolute `file`: Truth.pdf is the copy, the name unchanged
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(prog="python -m accuracy", description=__doc__)
    ap.add_argument("--lake", type=Path,
                    help="build (or reuse) the lake here and keep it (default: a fresh temporary lake)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary lake and print where it is")
    ap.add_argument("--no-planted", action="store_true",
                    help="leave out the planted-defect copies and the cross-document cases")
    ap.add_argument("--only", metavar="TEXT",
                    help="only truth files whose PDF name contains TEXT (several: comma-separated, any of them)")
    ap.add_argument("--scanned", action="store_true",
                    help="ingest scanned copies of the truth PDFs (samplegen.scan, read by OCR) instead; "
                         "no planted copies")
    ap.add_argument("--scans", type=Path, metavar="DIR",
                    help="with --scanned: make the scanned copies here and reuse those already there")
    args = ap.parse_args(argv)
    truths, notes = load_all()
    if args.only:
        wanted = [w for w in args.only.split(",") if w]
        truths = [t for t in truths if any(w in t.file for w in wanted)]
    if not truths:
        print("accuracy: no usable truth file", file=sys.stderr)
        return 2
    if args.scanned:
        truths = _scanned(truths, args.scans)
        notes.append("scanned copies (samplegen.scan, 200 dpi), read by OCR")
    cases: list[related.CaseDocs] = []
    if not args.scanned and not args.no_planted:
        copies, skipped = planted.truths(truths, log=lambda m: print(m, file=sys.stderr))
        cases, left_out = related.cases({t.file: t.pdf for t in truths}, log=lambda m: print(m, file=sys.stderr))
        truths += copies
        notes += skipped + left_out
    lake = args.lake or Path(tempfile.mkdtemp(prefix="accuracy-lake-"))
    try:
        out = measure(truths, lake, notes, scanned=args.scanned, cases=cases)
    finally:
        if args.lake is None and not args.keep:
            shutil.rmtree(lake, ignore_errors=True)
        elif args.keep:
            print(f"accuracy: lake kept in {lake}", file=sys.stderr)
    report.render(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
