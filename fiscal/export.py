"""Downloads: CSV (UTF-8 with BOM, for Excel) and XLSX, safe against formula injection.

A text cell that starts with = + - @ tab, CR or LF is read by spreadsheet programs as
a formula (OWASP "CSV injection"); such cells get a leading single quote. Numeric
columns are left alone, so numbers stay numbers (a negative amount is not text).
In the CSV every text cell is quoted, so a ';' or ',' inside a cell cannot start a new
(unneutralised) cell where Excel's list separator is ';'. In the XLSX every text cell is
stored as a string (never a formula) and control characters XML cannot hold are dropped.
"""

from __future__ import annotations

import io

import polars as pl

BOM = "\ufeff"
# Leading characters a spreadsheet may treat as the start of a formula.
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_DANGEROUS_RE = r"^[=+\-@\t\r\n]"
# what openpyxl refuses in a cell (its ILLEGAL_CHARACTERS_RE), in Rust regex syntax
_XML_ILLEGAL_RE = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"


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


def to_csv(df: pl.DataFrame) -> bytes:
    """CSV bytes: UTF-8 with a byte-order mark (Excel then reads the Chinese right), injection-safe."""
    text = safe_frame(df).write_csv(datetime_format="%Y-%m-%d %H:%M:%S", float_precision=None,
                                    quote_style="non_numeric")
    return (BOM + text).encode("utf-8")


def to_xlsx(df: pl.DataFrame, sheet: str = "data") -> bytes:
    """XLSX bytes (openpyxl), one sheet, header row bold and frozen; text cells stored as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    safe = safe_frame(df)
    # control characters an XLSX cannot hold (openpyxl would raise): dropped, after neutralising
    safe = safe.with_columns(pl.col(name).str.replace_all(_XML_ILLEGAL_RE, "")
                             for name, dtype in safe.schema.items() if dtype == pl.String)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31] or "data"
    ws.append([neutralise(str(c)) for c in safe.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    text_cols = [i for i, dtype in enumerate(safe.dtypes) if dtype == pl.String]
    for row in safe.iter_rows():
        values = [v.replace(tzinfo=None) if hasattr(v, "tzinfo") and v.tzinfo else v for v in row]
        ws.append(values)
        # openpyxl turns a string beginning with '=' into a formula: force every text cell to text.
        for i in text_cols:
            cell = ws.cell(row=ws.max_row, column=i + 1)
            if isinstance(cell.value, str):
                cell.data_type = "s"
    ws.freeze_panes = "A2"
    for i, name in enumerate(safe.columns, start=1):
        width = max([len(str(name))] + [len(str(v)) for v in safe.get_column(name).head(200).to_list()])
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(max(8, width * 1.2), 60)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def read_csv(data: bytes) -> pl.DataFrame:
    """Read back a CSV written by `to_csv` (for tests and round trips)."""
    return pl.read_csv(io.BytesIO(data.removeprefix(BOM.encode("utf-8"))), infer_schema_length=None)
