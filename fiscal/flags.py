"""`python -m fiscal flags`: the anomaly flags of a lake under default (or `--threshold`) thresholds, as JSON or CSV.

Each flag carries its provenance: `doc_id`, `page`, `source_name` (the file name at ingest) and
`source_path` (the stored PDF relative to the lake, `_sources/<doc_id>.pdf`; empty when the file
is not in the lake), as the dashboard's downloads do (`fiscal.export.with_provenance`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import polars as pl

from fiscal import read
from fiscal.config import lake_dir
from fiscal.export import with_provenance
from fiscal.rules import SEVERITIES, Frames, at_least, evaluate
from fiscal.rules.incremental import sort_flags
from fiscal.rules.precedence import fold
from fiscal.thresholds import DEFAULT, ThresholdError, Thresholds

COLUMNS: list[str] = ["rule", "severity", "category", "region", "agency", "year", "project", "message", "doc_id",
                      "page", "source_name", "source_path", "region_code", "agency_id", "evidence"]


def flags(lake: Path, min_severity: str = "info", rules: list[str] | None = None,
          thresholds: Thresholds = DEFAULT) -> pl.DataFrame:
    """The lake's flags at `min_severity` or worse, with the source file name and stored PDF of each."""
    frames = Frames.from_lake(lake)
    if rules:
        found = evaluate(frames, {r: thresholds.params(r) for r in thresholds.changed()}, rules=rules)
    else:  # the incremental cache under <lake>/_cache: only changed agency-years are recomputed
        found = sort_flags(read.flags.all_flags(lake, thresholds))
    found = at_least(fold(found), min_severity)  # one misprint, one finding (every rule ran: fold needs them all)
    names = frames.documents.select("doc_id", "source_name").unique("doc_id")
    found = found.join(names, on="doc_id", how="left", maintain_order="left")
    return with_provenance(lake, found).with_columns(pl.col("source_path").fill_null("")).select(COLUMNS)


def to_json(df: pl.DataFrame) -> str:
    """A JSON array, one object per flag, evidence as an object, Chinese unescaped."""
    rows = [{**r, "evidence": json.loads(r["evidence"]) if r["evidence"] else None} for r in df.iter_rows(named=True)]
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def to_csv(df: pl.DataFrame) -> str:
    """CSV with a UTF-8 BOM (so spreadsheet programs read the Chinese right), evidence as JSON text."""
    return "\ufeff" + df.write_csv()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lake", help="lake directory (default: $LAKE_DIR or lake/)")
    parser.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default json)")
    parser.add_argument("--min-severity", choices=SEVERITIES, default="info", help="lowest severity printed")
    parser.add_argument("--rule", action="append", dest="rules", metavar="ID", help="only this rule (repeatable)")
    parser.add_argument("--threshold", action="append", default=[], metavar="RULE.PARAM=VALUE",
                        help="change one rule threshold, e.g. full_score_low_execution.low_rate=0.5 (repeatable)")



def run(args: argparse.Namespace) -> int:
    """Print the flags to stdout (UTF-8); 0 on success, also when a reader closes the pipe early."""
    try:
        thresholds = Thresholds.parse(args.threshold)
    except ThresholdError as exc:
        print(f"flags: {exc}", file=sys.stderr)
        return 2
    df = flags(lake_dir(args.lake), args.min_severity, args.rules, thresholds)
    text = to_json(df) if args.format == "json" else to_csv(df)
    try:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # `| head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0
