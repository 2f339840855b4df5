"""The link mapping file: rows that link (or keep apart) agencies and projects across years by hand.

`fiscal/data/links.csv` ships with national renames (卫生局 → 卫生健康委员会); a lake's own
`links.csv` wins over it. Columns: kind (agency | project), region_code (six digits, or empty
for any region), from_name, to_name (empty: never link), note.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import polars as pl

from fiscal import paths

SHIPPED = Path(__file__).resolve().parent / "data" / "links.csv"
COLUMNS: tuple[str, ...] = ("kind", "region_code", "from_name", "to_name", "note")
KINDS = ("agency", "project")
OVERRIDE_SCHEMA = pl.Schema({**{c: pl.String() for c in COLUMNS}, "source": pl.String()})

class LinksFileError(ValueError):
    """The mapping file (links.csv) is malformed: missing columns, unknown kind, bad region code."""



def _text(path: Path) -> str:
    """A links file's text, on this disk or in a lake on object storage."""
    if not paths.is_remote(path):
        return path.read_text(encoding="utf-8-sig")
    filesys, inner = paths.filesystem(path)
    with filesys.open_input_stream(inner) as fh:
        return bytes(fh.read()).decode("utf-8-sig")


def _read_links(path: Path, source: str) -> list[dict[str, str]]:
    """Rows of one links.csv (lines starting with # are comments), validated."""
    try:
        text = _text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise LinksFileError(f"{path}: cannot read the links file ({exc})") from exc
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return []
    reader = csv.reader([line for _, line in lines])
    header = [h.strip() for h in next(reader)]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise LinksFileError(f"{path}:{lines[0][0]}: missing column(s) {', '.join(missing)}; "
                             f"expected header {','.join(COLUMNS)}")
    rows = []
    # strict=False: an unclosed quote makes csv join lines, so the reader may yield fewer records
    for (n, _), cells in zip(lines[1:], reader, strict=False):
        if len(cells) != len(header):
            raise LinksFileError(f"{path}:{n}: {len(cells)} fields, the header has {len(header)}")
        row = {c: (cells[header.index(c)] or "").strip() for c in COLUMNS}
        if row["kind"] not in KINDS:
            raise LinksFileError(f"{path}:{n}: kind {row['kind']!r} is not one of {', '.join(KINDS)}")
        if row["region_code"] and not re.fullmatch(r"\d{6}", row["region_code"]):
            raise LinksFileError(
                f"{path}:{n}: region_code {row['region_code']!r} is not six digits (or empty: any region)")
        if not row["from_name"]:
            raise LinksFileError(f"{path}:{n}: from_name is empty")
        rows.append({**row, "source": source})
    return rows


def load_overrides(path: Path | None = None) -> pl.DataFrame:
    """The shipped links.csv plus a lake's links.csv (path: the lake folder or the CSV itself), the lake's rows
    winning."""
    rows = _read_links(SHIPPED, "shipped") if SHIPPED.exists() else []
    if path is not None:
        path = Path(path)
        is_csv = path.suffix == ".csv" if paths.is_remote(path) else not path.is_dir()
        lake_csv = path if is_csv else paths.links_file(path)
        if paths.exists(lake_csv):
            mine = _read_links(lake_csv, paths.uri(lake_csv))
            keys = {(r["kind"], r["region_code"], r["from_name"]) for r in mine}
            rows = [r for r in rows if (r["kind"], r["region_code"], r["from_name"]) not in keys] + mine
    return pl.DataFrame(rows, schema=OVERRIDE_SCHEMA)


def overrides_of(overrides: pl.DataFrame | None, kind: str) -> list[dict[str, str]]:
    """The override rows of one kind (an empty list for None)."""
    if overrides is None or overrides.is_empty():
        return []
    df = overrides
    for c in COLUMNS:
        if c not in df.columns:
            df = df.with_columns(pl.lit(None, dtype=pl.String).alias(c))
    return [{c: (r[c] or "").strip() for c in COLUMNS} for r in df.filter(pl.col("kind") == kind).iter_rows(named=True)]
