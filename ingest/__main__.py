"""python -m ingest PATH... [--lake DIR|s3://bucket/prefix] [--executor local|ray]: PDFs or folders into the lake."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from fiscal.config import lake_dir
from ingest import batch


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ingest", description="Ingest budget disclosure PDFs into the lake.")
    ap.add_argument("paths", nargs="+", type=Path, help="PDF files or folders (searched recursively for *.pdf)")
    ap.add_argument("--lake", help="lake root: a folder or s3://bucket/prefix (endpoint and credentials from "
                                   "AWS_* variables; default: $LAKE_DIR or lake/)")
    ap.add_argument("--region", help="override the region (name such as 郴州市, or a 6-digit code)")
    ap.add_argument("--agency", help="override the agency name")
    ap.add_argument("--year", type=int, help="override the year")
    ap.add_argument("--doc-kind", choices=["final_account", "budget", "performance_report"])
    ap.add_argument("--scope", choices=["department", "unit"])
    ap.add_argument("--manifest", type=Path, help="CSV with a 'file' glob column and per-file overrides")
    ap.add_argument("--synthetic", action="store_true", help="mark the documents as synthetic demo data")
    ap.add_argument("--force", action="store_true", help="re-ingest files already in the lake")
    ap.add_argument("--workers", type=int, help="parallel worker processes (default: CPU count)")
    ap.add_argument("--engine", default="vector", choices=["vector", "combined", "raster"],
                    help="Camelot lattice engine tried first (default: vector, falling back to combined)")
    ap.add_argument("--executor", default="local", choices=["local", "ray"],
                    help="where files are parsed: local worker processes (default) or Ray tasks; "
                         "the driver alone commits")
    ap.add_argument("--batch-size", type=int,
                    help="commit every N files (bounded memory, resumable; default: all files in one commit)")
    ap.add_argument("--ray-address", help="Ray cluster to join (default: $RAY_ADDRESS, else a local Ray instance)")
    args = ap.parse_args(argv)

    console = Console(stderr=False, width=max(Console().width, 132))
    overrides = {
        k: v
        for k, v in {"region": args.region, "agency": args.agency, "year": args.year, "doc_kind": args.doc_kind,
                     "scope": args.scope, "synthetic": args.synthetic or None}.items()
        if v is not None
    }
    per_file = batch.read_manifest(args.manifest) if args.manifest else None
    try:
        options = dict(overrides=overrides, per_file=per_file, workers=args.workers, force=args.force,
                       engine=args.engine, console=console, executor=args.executor, ray_address=args.ray_address)
        if args.batch_size:
            report = batch.run_in_batches(args.paths, lake_dir(args.lake), args.batch_size, **options)
        else:
            report = batch.run(args.paths, lake_dir(args.lake), **options)
    except FileNotFoundError as exc:
        console.print(f"[red]错误 error:[/] {exc}")
        return 2
    batch.print_report(report, console)
    return 0


if __name__ == "__main__":
    sys.exit(main())
