"""Downloads: CSV (UTF-8 with BOM, for Excel) and XLSX, safe against formula injection.

A text cell that starts with = + - @ tab, CR or LF is read by spreadsheet programs as
a formula (OWASP "CSV injection"); such cells get a leading single quote. Numeric
columns are left alone, so numbers stay numbers (a negative amount is not text).
In the CSV every text cell is quoted, so a ';' or ',' inside a cell cannot start a new
(unneutralised) cell where Excel's list separator is ';'. In the XLSX every text cell is
stored as a string (never a formula) and control characters XML cannot hold are dropped.

Amounts in 万元: a table printed in 元 is stored exactly (up to fiscal.schema.AMOUNT_DECIMALS places
of 万元, 1,234.56 元 = 0.123456 万元). The CSV shows them as the documents publish 万元, with
CSV_AMOUNT_DECIMALS places; the XLSX keeps the exact value in the cell, shown with the same places.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from fiscal import paths, store
from fiscal.dictionary import (
    COLUMNS,
    HEADERS_ZH,
    UNITS_EN,
    WAN,
    data_dictionary,
    description,
    header,
    is_fraction,
    type_name,
)
from fiscal.filters import Filters

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

BOM = "\ufeff"
# Leading characters a spreadsheet may treat as the start of a formula.
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_DANGEROUS_RE = r"^[=+\-@\t\r\n]"
# what openpyxl refuses in a cell (its ILLEGAL_CHARACTERS_RE), in Rust regex syntax
_XML_ILLEGAL_RE = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"
DICTIONARY_SHEET = "数据字典"
# The provenance every exported row carries: which document, which page, where the PDF is kept.
PROVENANCE: tuple[str, ...] = ("doc_id", "source_name", "page", "source_path")


def neutralise(value: str | None) -> str | None:
    """One text cell made inert: prefixed with ' when it could start a formula."""
    if value is None or not value.startswith(DANGEROUS_START):
        return value
    return "'" + value


def _flatten(df: pl.DataFrame) -> pl.DataFrame:
    """Nested and binary columns as text (lists joined with '; '), so every cell is a scalar."""
    out = []
    for name, dtype in df.schema.items():
        col = pl.col(name)
        if isinstance(dtype, pl.List):
            out.append(col.cast(pl.List(pl.String)).list.join("; ").alias(name))
        elif isinstance(dtype, (pl.Struct, pl.Array, pl.Object)):
            out.append(col.map_elements(str, return_dtype=pl.String).alias(name))
        elif isinstance(dtype, (pl.Categorical, pl.Enum)):
            out.append(col.cast(pl.String))
        else:
            out.append(col)
    return df.select(out)


def safe_frame(df: pl.DataFrame) -> pl.DataFrame:
    """The frame with list columns flattened and every text cell neutralised; numbers untouched."""
    flat = _flatten(df)
    fixes = [
        pl.when(pl.col(name).str.contains(_DANGEROUS_RE))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name, dtype in flat.schema.items()
        if dtype == pl.String
    ]
    return flat.with_columns(fixes) if fixes else flat


# Places of 万元 a CSV shows (0.01 万元 = 100 元, as 万元 tables are published); the XLSX keeps the exact value.
CSV_AMOUNT_DECIMALS = 2
# A download header naming 万元 as its unit: 预算数（万元）, Budget (10k yuan)
_WAN_HEADER = re.compile(rf"[（(](?:{WAN}|{re.escape(UNITS_EN[WAN])})[）)]$")


def amount_columns(df: pl.DataFrame) -> list[str]:
    """The float columns holding amounts in 万元: contract columns with that unit, or headers naming it."""
    return [name for name, dtype in df.schema.items() if dtype.is_float()
            and (COLUMNS.get(name, ("", "", ""))[1] == WAN or _WAN_HEADER.search(name))]


def shown_amounts(df: pl.DataFrame) -> pl.DataFrame:
    """Amounts in 万元 rounded to CSV_AMOUNT_DECIMALS places, the rest as is (what a CSV shows)."""
    cols = amount_columns(df)
    return df.with_columns(pl.col(c).round(CSV_AMOUNT_DECIMALS) for c in cols) if cols else df


def to_csv(df: pl.DataFrame, exact: bool = False) -> bytes:
    """CSV bytes: UTF-8 with a byte-order mark (Excel then reads the Chinese right), injection-safe; amounts in
    万元 with CSV_AMOUNT_DECIMALS places unless `exact`."""
    text = safe_frame(df if exact else shown_amounts(df)).write_csv(
        datetime_format="%Y-%m-%d %H:%M:%S", float_precision=None, quote_style="non_numeric")
    return (BOM + text).encode("utf-8")


def _xlsx_safe(df: pl.DataFrame) -> pl.DataFrame:
    """Neutralised, flattened, and without the control characters an XLSX cannot hold."""
    safe = safe_frame(df)
    # control characters an XLSX cannot hold (openpyxl would raise): dropped, after neutralising
    return safe.with_columns(pl.col(name).str.replace_all(_XML_ILLEGAL_RE, "")
                             for name, dtype in safe.schema.items() if dtype == pl.String)


def _fill_sheet(ws: Worksheet, safe: pl.DataFrame, header: list[str] | None = None) -> None:
    """Header row (bold, frozen) and the rows; every text cell stored as text, never as a formula."""
    from openpyxl.styles import Font

    ws.append([neutralise(str(c)) for c in (header or safe.columns)])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    text_cols = [i for i, dtype in enumerate(safe.dtypes) if dtype == pl.String]
    amounts = [i for i, name in enumerate(safe.columns) if name in set(amount_columns(safe))]
    for row in safe.iter_rows():
        values = [v.replace(tzinfo=None) if hasattr(v, "tzinfo") and v.tzinfo else v for v in row]
        ws.append(values)
        # openpyxl turns a string beginning with '=' into a formula: force every text cell to text.
        for i in text_cols:
            cell = ws.cell(row=ws.max_row, column=i + 1)
            if isinstance(cell.value, str):
                cell.data_type = "s"
        for i in amounts:  # the exact value in the cell, shown as the CSV shows it
            ws.cell(row=ws.max_row, column=i + 1).number_format = "#,##0." + "0" * CSV_AMOUNT_DECIMALS
    ws.freeze_panes = "A2"
    for i, name in enumerate(safe.columns, start=1):
        title = (header or safe.columns)[i - 1]
        width = max([len(str(title)) * 2] + [len(str(v)) for v in safe.get_column(name).head(200).to_list()])
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(max(8, width * 1.2), 60)


def to_xlsx(df: pl.DataFrame, sheet: str = "data", dictionary: bool | pl.DataFrame = True,
            dictionary_name: str = DICTIONARY_SHEET) -> bytes:
    """XLSX bytes (openpyxl): the rows on the first sheet, header bold and frozen, text cells stored as text.

    `dictionary`: the second sheet, 数据字典 (column, 中文名, type, unit, description of every
    column of the first sheet, fiscal.dictionary); True builds it from `df`, a frame is used
    as given, False leaves it out.
    """
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31] or "data"
    _fill_sheet(ws, _xlsx_safe(df))
    if dictionary is not False:
        table = data_dictionary(df) if dictionary is True else dictionary
        _fill_sheet(wb.create_sheet(dictionary_name[:31]), _xlsx_safe(table),
                    header=[HEADERS_ZH.get(c, c) for c in table.columns])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# Above this many documents the stored PDFs are listed once rather than looked up one by one.
SOURCES_LISTED_AFTER = 200


def source_paths(lake: Path, doc_ids: list[str]) -> dict[str, str]:
    """doc_id → the stored PDF's path relative to the lake (`_sources/<doc_id>.pdf`), for PDFs that are there."""
    lake = Path(lake)
    kept = _remote_sources(lake) if paths.is_remote(lake) else None
    if kept is None and len(doc_ids) > SOURCES_LISTED_AFTER:  # one listing, not a stat per document
        folder = store.sources_dir(lake)
        kept = {e.name for e in os.scandir(folder) if e.is_file()} if folder.is_dir() else set()
    wanted = dict.fromkeys(d for d in doc_ids if d)
    if kept is not None:  # no Path per document: 33,000 of them cost seconds on a national download
        where = store.sources_dir(lake).relative_to(lake).as_posix()
        return {d: f"{where}/{paths.source_name(d)}" for d in wanted if paths.source_name(d) in kept}
    out: dict[str, str] = {}
    for doc_id in wanted:
        path = store.source_path(lake, doc_id)
        if path.is_file():
            out[doc_id] = path.relative_to(lake).as_posix()
    return out


def _remote_sources(lake: Path) -> set[str]:
    """The file names under a remote lake's _sources: one listing, not a request (or a download) per PDF."""
    from pyarrow import fs

    filesys, inner = paths.filesystem(store.sources_dir(lake))
    infos = filesys.get_file_info(fs.FileSelector(inner, allow_not_found=True))
    return {Path(i.path).name for i in infos if i.type == fs.FileType.File}


def with_provenance(lake: Path, rows: pl.DataFrame, documents: pl.DataFrame | None = None) -> pl.DataFrame:
    """The rows with doc_id, source_name, page and source_path (the stored PDF, relative to the lake).

    `source_name` comes from `documents` (else the lake's documents table) where the rows lack
    it; `source_path` is null when the PDF is not kept in the lake. The columns are placed after
    `page` (readable columns first), in PROVENANCE order. The provenance of a large frame that already names
    its files is remembered by the frame's identity (the read side hands the same frame to every page run).
    """
    if "source_name" not in rows.columns or rows.height < PROVENANCE_KEPT_AFTER:
        return _with_provenance(lake, rows, documents)
    got = _PROVENANCE.get(id(rows))
    if got is not None and got[0] is rows and got[1] == str(lake):
        return got[2]
    out = _with_provenance(lake, rows, documents)
    if len(_PROVENANCE) >= 2:
        del _PROVENANCE[next(iter(_PROVENANCE))]
    _PROVENANCE[id(rows)] = (rows, str(lake), out)
    return out


# Frames of at least this many rows have their provenance remembered (see with_provenance).
PROVENANCE_KEPT_AFTER = 20_000
_PROVENANCE: dict[int, tuple[pl.DataFrame, str, pl.DataFrame]] = {}


def _with_provenance(lake: Path, rows: pl.DataFrame, documents: pl.DataFrame | None) -> pl.DataFrame:
    out = rows
    for name, dtype in (("doc_id", pl.String), ("page", pl.Int32)):
        if name not in out.columns:
            out = out.with_columns(pl.lit(None, dtype=dtype).alias(name))
    ids = out.get_column("doc_id").drop_nulls().unique().to_list()
    if "source_name" not in out.columns:
        docs = documents if documents is not None else store.read(Path(lake), "documents")
        names = docs.select("doc_id", "source_name").unique(subset="doc_id") if docs.height else \
            pl.DataFrame(schema={"doc_id": pl.String, "source_name": pl.String})
        out = out.join(names, on="doc_id", how="left")
    kept = source_paths(lake, ids)
    out = out.with_columns(
        pl.col("doc_id").replace_strict(kept, default=None, return_dtype=pl.String).alias("source_path"))
    rest = [c for c in out.columns if c not in PROVENANCE]
    lead = rows.columns[: rows.columns.index("page")] if "page" in rows.columns else rest
    before = [c for c in rest if c in lead]
    after = [c for c in rest if c not in before]
    return out.select([*before, *PROVENANCE, *after])


FLAG_COLUMNS: tuple[str, ...] = ("severity", "rule", "region", "agency", "year", "project", "message", "evidence")


def flag_rows(lake: Path, flags: pl.DataFrame, documents: pl.DataFrame | None = None) -> pl.DataFrame:
    """Flags for download, most severe first: rule, severity, agency, year, message, evidence, then the source
    page and PDF path."""
    if {"severity", "rule", "region_code", "agency", "year", "doc_id", "page", "message"} <= set(flags.columns):
        from fiscal.rules.incremental import sort_flags

        flags = sort_flags(flags)
    out = with_provenance(lake, flags, documents)
    first = [c for c in FLAG_COLUMNS if c in out.columns]
    ids = [c for c in ("region_code", "agency_id") if c in out.columns]
    rest = [c for c in out.columns if c not in first and c not in ids and c not in PROVENANCE]
    return out.select([*first, *rest, *PROVENANCE, *ids])


def read_csv(data: bytes) -> pl.DataFrame:
    """Read back a CSV written by `to_csv` (for tests and round trips)."""
    return pl.read_csv(io.BytesIO(data.removeprefix(BOM.encode("utf-8"))), infer_schema_length=None)


def export_rows(lake: Path, f: Filters, dataset: str) -> pl.DataFrame:
    """The rows the 数据 page offers for download: a dataset's rows in the selection, with their provenance."""
    from fiscal import read

    return with_provenance(lake, read.documents.dataset_rows(Path(lake), f, dataset))


# ---------------------------------------------------------------- on-screen tables as downloads

# The provenance a table download keeps when its frame has it (文档ID, 来源文件, 页码).
TABLE_PROVENANCE: tuple[str, ...] = ("doc_id", "source_name", "page")


def table_frame(frame: pl.DataFrame, columns: Sequence[str], headers: Mapping[str, str] | None = None,
                values: Mapping[str, Mapping[str, str]] | None = None,
                percent: Sequence[str] = (), yes_no: tuple[str, str] = ("是", "否")) -> pl.DataFrame:
    """The rows of an on-screen table as a reader downloads them: Chinese headers with units, Chinese values.

    `columns`: the frame's columns in table order (the provenance columns the frame has are
    appended); `headers`: header overrides (else fiscal.dictionary.header); `values`: per column
    a code → name map (决算 for final_account); `percent`: fraction columns written as
    percentages with two decimals (the contract's fraction columns always are); `yes_no`: the
    words for true and false (English downloads pass yes/no).
    """
    chosen = [c for c in columns if c in frame.columns]
    chosen += [c for c in TABLE_PROVENANCE if c in frame.columns and c not in chosen]
    out = _flatten(frame.select(chosen))
    fixes: list[pl.Expr] = []
    for name in chosen:
        dtype = out.schema[name]
        if name in (values or {}) and dtype == pl.String:
            fixes.append(pl.col(name).replace_strict(dict((values or {})[name]), default=pl.col(name)))
        elif (name in percent or is_fraction(name)) and dtype.is_numeric():
            fixes.append((pl.col(name) * 100).round(2))
        elif dtype == pl.Boolean:
            fixes.append(pl.col(name).replace_strict({True: yes_no[0], False: yes_no[1]}, default=None,
                                                     return_dtype=pl.String))
    if fixes:
        out = out.with_columns(fixes)
    names = {c: (headers or {}).get(c) or header(c, unit="%" if c in percent else None) for c in chosen}
    return out.rename(_unique_names(names))


def _unique_names(names: dict[str, str]) -> dict[str, str]:
    """Headers made unique (a second 金额 becomes 金额_2), so the CSV reads back."""
    seen: dict[str, int] = {}
    out = {}
    for col, name in names.items():
        seen[name] = seen.get(name, 0) + 1
        out[col] = name if seen[name] == 1 else f"{name}_{seen[name]}"
    return out


DICTIONARY_HEADERS: dict[str, tuple[str, str, str, str]] = {"zh": ("列名", "类型", "单位", "说明"),
                                                             "en": ("Column", "Type", "Unit", "Description")}


def table_dictionary(frame: pl.DataFrame, columns: Sequence[str], headers: Mapping[str, str] | None = None,
                     percent: Sequence[str] = (), lang: str = "zh",
                     descriptions: Mapping[str, str] | None = None) -> pl.DataFrame:
    """数据字典 of a table download: 列名 (as in the file), 类型, 单位, 说明.

    `lang="en"`: English headers (Column, Type, Unit, Description), type names and units;
    `descriptions` then gives each column's description (the Chinese ones are not shown).
    """
    table = table_frame(frame.head(0), columns, headers, percent=percent)
    source = [c for c in [*columns, *TABLE_PROVENANCE] if c in frame.columns]
    source = list(dict.fromkeys(source))
    heads = DICTIONARY_HEADERS["en" if lang == "en" else "zh"]
    rows = []
    for col, name in zip(source, table.columns, strict=True):
        unit = "%" if (col in percent or is_fraction(col)) else dictionary_unit(col)
        if lang == "en":  # the unit in English, else the one the header names: Budget (10k yuan)
            shown = re.search(r"\(([^()]+)\)$", name)
            unit = UNITS_EN.get(unit, unit) or (shown.group(1) if shown else "")
            text = (descriptions or {}).get(col, "")
        else:
            text = description(col)
        rows.append(dict(zip(heads, (name, type_name(table.schema[name], lang), unit, text), strict=True)))
    return pl.DataFrame(rows, schema=dict.fromkeys(heads, pl.String))


def dictionary_unit(name: str) -> str:
    """The unit word of a contract column (万元, 页 …), fractions excepted."""
    unit = COLUMNS.get(name, ("", "", ""))[1]
    return "" if is_fraction(name) else unit


# The bundle's copy of the data with amounts exact, when the CSV's rounding changed any (tables printed in 元).
EXACT_CSV = "data_exact.csv"


def to_bundle(data: pl.DataFrame, dictionary: pl.DataFrame, dictionary_name: str = DICTIONARY_SHEET) -> bytes:
    """A zip of data.csv and 数据字典.csv (both UTF-8 with BOM, injection-safe); English downloads name the
    dictionary data_dictionary.csv. data.csv shows amounts with CSV_AMOUNT_DECIMALS places; where that rounds
    any (tables printed in 元), data_exact.csv holds the same rows with the exact amounts."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data.csv", to_csv(data))
        if not shown_amounts(data).equals(data):
            zf.writestr(EXACT_CSV, to_csv(data, exact=True))
        zf.writestr(f"{dictionary_name}.csv", to_csv(dictionary))
    return buf.getvalue()


def wide(frame: pl.DataFrame, index: Sequence[str], on: str, values: str) -> pl.DataFrame:
    """Long rows (one per item) as one row per `index` with a column per `on` value, in first-seen order."""
    if frame.is_empty():
        return frame.select(*index)
    order = frame.get_column(on).unique(maintain_order=True).to_list()
    out = frame.pivot(on=on, index=list(index), values=values, aggregate_function="sum")
    return out.select(*index, *[str(o) for o in order if str(o) in out.columns])
