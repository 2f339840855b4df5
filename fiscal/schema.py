"""The lake contract: datasets, their columns and types (see docs/CONTRACT.md).

Everything that writes to or reads from the lake goes through these schemas, so a
column added here is added everywhere. Amounts are 万元 (float64, 2 decimals),
rates are fractions.
"""

from __future__ import annotations

import polars as pl

PARTITION_BY: list[str] = ["region_code", "agency_id", "year"]

# Columns every dataset carries, in this order.
COMMON: dict[str, pl.DataType] = {
    "doc_id": pl.String(),
    "region_code": pl.String(),
    "region": pl.String(),
    "agency_id": pl.String(),
    "agency": pl.String(),
    "year": pl.Int32(),
    "page": pl.Int32(),
}

# A figure's box on its page (the page as displayed, PDF points from its top left): [x0, top, x1, bottom].
BBOX: pl.DataType = pl.List(pl.Float64())

# How a documents row's `warnings` say that pages were read by OCR (ingest.ocr.note writes it): a table
# not found in such a document may be a page OCR could not read, so no rule calls it missing.
SCANNED_NOTE = "扫描件："

# Amounts are stored in 万元 to this many decimals: a 元 table's figures (元 / 10,000) stay exact.
AMOUNT_DECIMALS = 6

# Storage column on every row of every Delta table, not part of the contract schema
# (fiscal.store hides it): the ingest batch that wrote the row. A data row is visible only
# while its documents row carries the same batch_id (crash-safe re-ingest, fiscal.store.commit).
BATCH_COLUMN = "batch_id"

# A self-evaluation form's 年度资金总额 and its 其中 lines (当年财政拨款 / 上年结转 / 其他资金), per column: the
# projects columns `<column>_<kind>` (budget_initial_fiscal …) hold each kind's lines summed, checked at ingest and
# by totals_mismatch against the total (ingest/parsers/selfeval_funds.py).
FUND_KIND_LABELS: dict[str, str] = {"fiscal": "财政拨款", "carried_over": "上年结转", "other": "其他资金"}
FUND_KINDS: tuple[str, ...] = tuple(FUND_KIND_LABELS)
PROJECT_FUND_LABELS: dict[str, str] = {"budget_initial": "年初预算数", "budget_full_year": "全年预算数",
                                       "executed": "全年执行数"}
PROJECT_FUND_SUMS: dict[str, tuple[str, ...]] = {
    column: tuple(f"{column}_{kind}" for kind in FUND_KINDS) for column in PROJECT_FUND_LABELS}

_SPECIFIC: dict[str, dict[str, pl.DataType]] = {
    "documents": {
        "source_name": pl.String(),
        "province": pl.String(),
        "city": pl.String(),
        "scope": pl.String(),  # department | unit
        "doc_kind": pl.String(),  # final_account | budget | performance_report
        "unit": pl.String(),  # 万元 | 元 (as printed in the tables)
        "pages": pl.Int32(),
        "tables_found": pl.Int32(),
        "tables_expected": pl.Int32(),
        "tables": pl.List(pl.String()),  # table family keys found
        "checks_passed": pl.Int32(),
        "checks_failed": pl.Int32(),
        "parser_version": pl.String(),
        "ingested_at": pl.Datetime("us", "UTC"),
        "seconds": pl.Float64(),
        "synthetic": pl.Boolean(),
        "warnings": pl.List(pl.String()),
    },
    "summary": {
        "table": pl.String(),  # summary (收入支出总表) | fiscal_summary (财政拨款收支总表)
        "item": pl.String(),
        "label": pl.String(),
        "amount": pl.Float64(),
        "reading": pl.String(),  # complete | partial: the reading status of the table the row came from
        "bbox": BBOX,  # where the figure is printed on its page (ingest/locate.py); null: not found
    },
    "line_items": {
        "table": pl.String(),
        "code": pl.String(),
        "name": pl.String(),
        "level": pl.Int8(),
        "measure": pl.String(),
        "amount": pl.Float64(),
        "reading": pl.String(),
        "bbox": BBOX,  # where the figure is printed on its page (ingest/locate.py); null: not found
    },
    "economic_items": {
        "code": pl.String(),
        "name": pl.String(),
        "group": pl.String(),
        "amount": pl.Float64(),
        "reading": pl.String(),
        "bbox": BBOX,  # where the figure is printed on its page (ingest/locate.py); null: not found
    },
    "sangong": {
        "stage": pl.String(),  # budget | actual
        "item": pl.String(),
        "amount": pl.Float64(),
        "source": pl.String(),  # table | prose
        "reading": pl.String(),  # prose rows: complete
        "bbox": BBOX,  # where the figure is printed on its page (ingest/locate.py); null: not found
    },
    # Figures and names stated in the prose and page furniture, for the consistency rules.
    "narrative": {
        "key": pl.String(),  # e.g. sangong_total_actual, expenditure_total, agency_name_cover
        "text": pl.String(),  # the sentence or line as printed
        "amount": pl.Float64(),  # in 万元 (converted when the prose says 元); null for names
        "unit": pl.String(),  # unit as printed next to the figure
        "value": pl.String(),  # a name, for the agency_name_* keys
    },
    "projects": {
        "project": pl.String(),
        "project_code": pl.String(),  # a code printed before the name (四川 51000022T…), else null
        "implementing_unit": pl.String(),
        "budget_initial": pl.Float64(),
        "budget_full_year": pl.Float64(),
        "executed": pl.Float64(),
        "exec_rate_reported": pl.Float64(),
        "exec_rate": pl.Float64(),
        "exec_weight": pl.Float64(),
        "exec_score": pl.Float64(),
        "total_score": pl.Float64(),
        "grade": pl.String(),
        # the 年度资金总额's 其中 lines, each kind summed per column (PROJECT_FUND_SUMS); null: not printed or not read
        **{line: pl.Float64() for lines in PROJECT_FUND_SUMS.values() for line in lines},
        "reading": pl.String(),
        "bbox": BBOX,  # where the figure is printed on its page (ingest/locate.py); null: not found
    },
    "indicators": {
        "project": pl.String(),
        "project_code": pl.String(),
        "level1": pl.String(),
        "level2": pl.String(),
        "name": pl.String(),
        "target": pl.String(),
        "actual": pl.String(),
        "target_value": pl.Float64(),
        "actual_value": pl.Float64(),
        "comparator": pl.String(),
        "weight": pl.Float64(),
        "score": pl.Float64(),
        "note": pl.String(),
        "reading": pl.String(),
        "bbox": BBOX,  # where the figure is printed on its page (ingest/locate.py); null: not found
    },
    # One row per table the ingest looked for (ingest/reading.py): the tables its 目录 lists (else
    # the ones its kind requires) and every table it found. page = the table's first page.
    "readings": {
        "family": pl.String(),  # table family key (ingest/families.py); null: a listed title of no known family
        "title": pl.String(),  # as printed (or as the 目录 lists it)
        "table_pages": pl.List(pl.Int32()),  # every page of the table
        "status": pl.String(),  # complete | partial | unread
        "reason": pl.String(),  # in Chinese, with the numbers
        "rows": pl.Int32(),  # rows read into the datasets
        "listed": pl.Boolean(),  # the 目录 lists it
        "seen_pages": pl.List(pl.Int32()),  # pages whose text shows its title or 公开0X表 code
        "empty": pl.Boolean(),  # every figure blank or zero
        "found": pl.Boolean(),  # a table was found (false: listed or expected, not found)
    },
    # One row per project of a budget's 项目(支出)绩效目标表 (ingest/parsers/goals.py); amounts in 万元.
    "project_goals": {
        "project": pl.String(),
        "department": pl.String(),  # 主管部门 as printed
        "implementing_unit": pl.String(),  # 实施单位
        "project_total": pl.Float64(),  # 项目资金总额 / 中期资金总额 (the whole project)
        "project_fiscal": pl.Float64(),  # its 其中：财政资金
        "project_other": pl.Float64(),  # its 其他资金
        "requested_total": pl.Float64(),  # 年度资金申请总额 / 年度资金总额 / 预算数 (the budget year)
        "requested_fiscal": pl.Float64(),  # its 其中：当年财政拨款 / 财政拨款
        "requested_carried_over": pl.Float64(),  # its 上年结转资金
        "requested_other": pl.Float64(),  # its 其他资金
        "goal": pl.String(),  # 年度总体目标 as printed
        "targets": pl.List(pl.String()),  # 绩效指标 as "一级/二级/三级：指标值"
        "reading": pl.String(),
        "bbox": BBOX,  # the funds figures' box on the page (ingest/locate.py); null: not found
    },
}

# project_goals: each printed total and the parts it is the sum of (checked at ingest and by totals_mismatch).
GOAL_SUMS: dict[str, tuple[str, ...]] = {
    "requested_total": ("requested_fiscal", "requested_carried_over", "requested_other"),
    "project_total": ("project_fiscal", "project_other"),
}
GOAL_LABELS: dict[str, str] = {"requested_total": "年度资金申请总额", "project_total": "项目资金总额"}

DATASETS: tuple[str, ...] = tuple(_SPECIFIC)


def schema(dataset: str) -> pl.Schema:
    """The full polars schema of a dataset (common columns first)."""
    if dataset not in _SPECIFIC:
        raise KeyError(f"unknown dataset {dataset!r}; known: {', '.join(DATASETS)}")
    return pl.Schema({**COMMON, **_SPECIFIC[dataset]})


def empty(dataset: str) -> pl.DataFrame:
    return pl.DataFrame(schema=schema(dataset))


def conform(df: pl.DataFrame, dataset: str) -> pl.DataFrame:
    """Select and cast the contract's columns in contract order; missing columns become null."""
    target = schema(dataset)
    cols = []
    for name, dtype in target.items():
        if name in df.columns:
            cols.append(pl.col(name).cast(dtype, strict=True))
        else:
            cols.append(pl.lit(None, dtype=dtype).alias(name))
    out = df.select(cols)
    amount_cols = [c for c in ("amount", *PROJECT_FUND_SUMS, *(x for xs in PROJECT_FUND_SUMS.values() for x in xs))
                   if c in out.columns]
    if amount_cols:
        out = out.with_columns(pl.col(c).round(AMOUNT_DECIMALS) for c in amount_cols)
    return out
