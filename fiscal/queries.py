"""Read-side queries behind the dashboard pages (no Streamlit imports)."""

from __future__ import annotations

import csv
import dataclasses
import threading
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

from fiscal import filters, snapshot, store
from fiscal.filters import Filters

# Datasets whose rows belong to a document (everything but `documents` itself).
ROW_DATASETS: tuple[str, ...] = ("summary", "line_items", "economic_items", "sangong", "projects", "indicators")


def table_version(lake: Path, dataset: str) -> int | None:
    """The Delta version of a dataset, or None when the table does not exist yet."""
    return snapshot.of(lake).version(dataset)


def lake_state(lake: Path) -> tuple[Any, ...]:
    """A cheap fingerprint that changes whenever an ingest commits or quarantines a file."""
    # `documents` is committed last in every batch, so its version moves with every ingest.
    qdir = store.quarantine_dir(lake)
    records = sorted((f.name, f.stat().st_mtime_ns) for f in qdir.glob("*.json")) if qdir.is_dir() else []
    return (str(Path(lake).resolve()), table_version(lake, "documents"), tuple(records))


def documents(lake: Path) -> pl.DataFrame:
    """All ingested documents, newest year first, then by region, agency and file name."""
    return _read(lake, "documents").sort(
        ["year", "region_code", "agency", "source_name"], descending=[True, False, False, False], nulls_last=True
    )


def document_report(lake: Path, doc_id: str) -> dict[str, Any]:
    """One document's ingest report: its documents row, warnings, tables and row counts per dataset."""
    doc = _read(lake, "documents").filter(pl.col("doc_id") == doc_id)
    if doc.is_empty():
        raise KeyError(f"document {doc_id} is not in the lake {lake}")
    row = doc.row(0, named=True)
    rows = {
        dataset: _read(lake, dataset).lazy().filter(pl.col("doc_id") == doc_id).select(pl.len()).collect().item()
        for dataset in ROW_DATASETS
    }
    return {
        "document": row,
        "warnings": list(row.get("warnings") or []),
        "tables": list(row.get("tables") or []),
        "rows": rows,
        "source": store.source_path(lake, doc_id),
    }


def quarantined(lake: Path) -> pl.DataFrame:
    """Files the ingest could not read, one row per file with stage and reason."""
    return store.quarantined(lake).sort("name")


# ---------------------------------------------------------------- dashboard read side
#
# Every function below takes the lake and a `Filters` selection and returns plain
# frames/dicts for the pages to draw. Figures are counted once (see _counted_docs and
# _one_doc_each): a unit report is dropped when its department report is in the
# selection, an agency-year published as two PDFs contributes one set of figures, and
# for a given agency-year a 决算 (actuals) wins over a 预算 (plans).

# Preference between the kinds of document describing the same agency-year.
KIND_RANK: dict[str, int] = {"final_account": 0, "budget": 1, "performance_report": 2}
AGENCY_YEAR: list[str] = ["agency_id", "year"]
DOC_KEY: list[str] = ["agency_id", "year", "doc_kind"]
# The "low execution, high self-score" corner of the projects scatter (high_total_low_execution).
LOW_EXECUTION_RATE = 0.5
HIGH_TOTAL_SCORE = 90.0
SANGONG_PARTS: tuple[str, ...] = ("overseas", "vehicle_purchase", "vehicle_operation", "reception")

# 功能分类 类 names (GB budget classification, 2024 edition), for rows printed without them.
FUNCTION_CLASSES: dict[str, str] = {
    "201": "一般公共服务支出", "202": "外交支出", "203": "国防支出", "204": "公共安全支出", "205": "教育支出",
    "206": "科学技术支出", "207": "文化旅游体育与传媒支出", "208": "社会保障和就业支出", "210": "卫生健康支出",
    "211": "节能环保支出", "212": "城乡社区支出", "213": "农林水支出", "214": "交通运输支出",
    "215": "资源勘探工业信息等支出", "216": "商业服务业等支出", "217": "金融支出", "219": "援助其他地区支出",
    "220": "自然资源海洋气象等支出", "221": "住房保障支出", "222": "粮油物资储备支出", "223": "国有资本经营预算支出",
    "224": "灾害防治及应急管理支出", "227": "预备费", "229": "其他支出", "230": "转移性支出", "231": "债务还本支出",
    "232": "债务付息支出", "233": "债务发行费用支出", "234": "抗疫特别国债安排的支出",
}
# 经济分类 类 names (部门预算支出经济分类), for the 人员/公用 breakdown.
ECONOMIC_CLASSES: dict[str, str] = {
    "301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "307": "债务利息及费用支出",
    "309": "资本性支出（基本建设）", "310": "资本性支出", "311": "对企业补助（基本建设）", "312": "对企业补助",
    "313": "对社会保障基金补助", "399": "其他支出",
}


FUNCTION_CODES_CSV = Path(__file__).resolve().parent / "data" / "function_codes.csv"


@cache
def _function_names() -> dict[str, str]:
    """National functional classification code → current name (fiscal/data/function_codes.csv, when present)."""
    names = dict(FUNCTION_CLASSES)
    if FUNCTION_CODES_CSV.is_file():
        with FUNCTION_CODES_CSV.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row.get("code") and row.get("name") and not (row.get("note") or "").strip():
                    names.setdefault(row["code"], row["name"])
    return names


def _read(lake: Path, dataset: str) -> pl.DataFrame:
    """A dataset's visible rows, from the in-memory snapshot of the latest version (fiscal.snapshot)."""
    return snapshot.read(lake, dataset)


def _links_stamp(lake: Path) -> int:
    """Changes when the lake's own mapping file (<lake>/links.csv) does."""
    lake_file = Path(lake) / "links.csv"
    return lake_file.stat().st_mtime_ns if lake_file.is_file() else 0


def _links(lake: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The agency and project link tables (fiscal.linking) of the lake, once per version and mapping file."""
    from fiscal import linking

    stamp = _links_stamp(lake)

    def compute() -> tuple[pl.DataFrame, pl.DataFrame]:
        overrides = linking.load_overrides(Path(lake))
        agency = linking.agency_links(_read(lake, "documents"), overrides)
        return agency, linking.project_links(_read(lake, "projects"), agency, overrides)

    return snapshot.of(lake).derived(f"links:{stamp}", ("projects",), compute)


def agency_links(lake: Path) -> pl.DataFrame:
    """Which agencies the dashboard shows as one (renamed bureaus, 本级/部门 spellings), and how each was linked."""
    return _links(lake)[0]


def project_links(lake: Path) -> pl.DataFrame:
    """Which projects are one across years (project code, same or close name, mapping file): doc_id, project → key."""
    return _links(lake)[1]


def _linked(lake: Path, dataset: str) -> pl.DataFrame:
    """A dataset's visible rows with agencies shown under their linked group (current name and id).

    Only the agency columns change (no copy of the rest); projects and indicators gain
    `project_key`, the project's identity across years. The documents page and the
    document reports read the names as printed (`_read`).
    """
    def compute() -> pl.DataFrame:
        agency, proj = _links(lake)
        moved = agency.filter((pl.col("group_id") != pl.col("agency_id")) | (pl.col("group_name") != pl.col("agency")))
        rows = _read(lake, dataset)
        if moved.height:
            ids = dict(zip(moved.get_column("agency_id").to_list(), moved.get_column("group_id").to_list()))
            names = dict(zip(moved.get_column("agency_id").to_list(), moved.get_column("group_name").to_list()))
            hit = pl.col("agency_id").is_in(list(ids))
            rows = rows.with_columns(
                pl.when(hit).then(pl.col("agency_id").replace_strict(names, default=None)).otherwise(pl.col("agency"))
                .alias("agency"),
                pl.col("agency_id").replace(ids).alias("agency_id"),
            )
        if dataset in ("projects", "indicators"):
            keys = proj.select("doc_id", "project", "project_key").unique(["doc_id", "project"])
            rows = rows.join(keys, on=["doc_id", "project"], how="left", maintain_order="left")
        return rows

    return snapshot.of(lake).derived(f"linked:{dataset}:{_links_stamp(lake)}", (dataset, "projects"), compute)


def _scan(lake: Path, dataset: str, f: Filters) -> pl.LazyFrame:
    """A dataset restricted to the selection (lazy over the in-memory snapshot, agencies linked)."""
    rows = _linked(lake, dataset).lazy()
    return rows if f.is_empty() else filters.apply(rows, f)


def frames(lake: Path, f: Filters | None = None) -> Any:
    """The lake's datasets as rule `Frames` (fiscal.rules.Frames), restricted to the selection (None: all).

    Rows of every document in the selection, as stored (no consolidation); read-side
    analyses (scores, peers, links) start from here.
    """
    rules = _rules_module()
    f = f or Filters()
    names = [field.name for field in dataclasses.fields(rules.Frames)]
    return rules.Frames(**{name: _scan(lake, name, f).collect() for name in names})


def selected_documents(lake: Path, f: Filters) -> pl.DataFrame:
    """The documents in the selection (doc kind included), all of them, duplicates and units too."""
    return _scan(lake, "documents", f).collect()


def _doc_order(docs: pl.DataFrame) -> pl.DataFrame:
    """doc_id → _q, the documents ranked best first (fewest failed checks, most tables, most checks passed)."""
    if docs.is_empty():
        return pl.DataFrame(schema={"doc_id": pl.String, "_q": pl.UInt32})
    ranked = docs.sort(
        [pl.col("checks_failed").fill_null(1 << 20), pl.col("tables_found").fill_null(0),
         pl.col("checks_passed").fill_null(0), pl.col("doc_id")],
        descending=[False, True, True, False],
    )
    return ranked.select("doc_id").with_row_index("_q")


def _counted_docs(docs: pl.DataFrame) -> pl.DataFrame:
    """The documents whose figures count: a unit-scope report is dropped when its department report is there.

    The ingest strips 本级 from agency names, so a department and its 本级 unit share an
    agency_id; a unit with a name of its own (e.g. a 事务中心) stays a separate agency.
    """
    if docs.is_empty():
        return docs
    has_dept = docs.group_by(DOC_KEY).agg((pl.col("scope") == "department").any().alias("_has_dept"))
    return (
        docs.join(has_dept, on=DOC_KEY, how="left", nulls_equal=True)
        .filter(~(pl.col("_has_dept") & (pl.col("scope") != "department")))
        .drop("_has_dept")
    )


def _with_doc_rank(rows: pl.DataFrame, docs: pl.DataFrame) -> pl.DataFrame:
    """Rows joined with their document's kind rank and quality rank."""
    meta = docs.select("doc_id", "doc_kind").join(_doc_order(docs), on="doc_id", how="left").with_columns(
        pl.col("doc_kind").replace_strict(KIND_RANK, default=9, return_dtype=pl.Int32).alias("_kind"),
    )
    return rows.join(meta, on="doc_id", how="inner")


def _one_doc_each(rows: pl.DataFrame, docs: pl.DataFrame, keys: list[str] = AGENCY_YEAR) -> pl.DataFrame:
    """Keep, per key (default: agency-year), only the rows of one document: best kind, then best quality."""
    if rows.is_empty():
        return rows
    # rank the documents that have rows (small), not the rows themselves
    present = rows.select([*keys, "doc_id"]).unique()
    best = (
        _with_doc_rank(present, docs)
        .sort(["_kind", "_q"]).unique(subset=keys, keep="first", maintain_order=True)
        .select("doc_id")
    )
    return rows.join(best, on="doc_id", how="semi")


def _of_docs(rows: pl.LazyFrame | pl.DataFrame, docs: pl.DataFrame) -> pl.LazyFrame:
    """The rows belonging to `docs` (a semi join: no Python list of ids)."""
    return rows.lazy().join(docs.lazy().select("doc_id"), on="doc_id", how="semi")


def _rows(lake: Path, dataset: str, f: Filters, docs: pl.DataFrame) -> pl.DataFrame:
    """The selection's rows of a dataset that belong to `docs`."""
    return _of_docs(_scan(lake, dataset, f), docs).collect()


def _docs(lake: Path, f: Filters) -> pl.DataFrame:
    """The counted documents of the selection."""
    return _counted_docs(selected_documents(lake, f))


def _whole_lake(lake: Path, name: str, f: Filters, compute: Callable[[Filters], pl.DataFrame]) -> pl.DataFrame:
    """`compute` over the whole lake (per doc-kind choice), once per lake version; then the selection's rows.

    The choices behind the counted figures (department over unit, one document per
    agency-year, 决算 over 预算) are made within an agency-year, so computing them once for
    the lake and filtering by region / agency / year gives what computing them for the
    selection would — only the doc-kind filter changes the choice, so it is part of the key.
    """
    kinds = Filters(kinds=f.kinds)
    whole = snapshot.of(lake).derived(f"{name}:{','.join(f.kinds)}:{_links_stamp(lake)}", ROW_DATASETS,
                                      lambda: compute(kinds))
    if not (f.province or f.city or f.agencies or f.years):
        return whole
    return whole.filter(filters.predicate(f, whole.columns))


# ---------------------------------------------------------------- expenditure totals


def _leaf_flags(rows: pl.DataFrame) -> pl.DataFrame:
    """line_items rows with `_leaf`: True when no other coded row of the same doc/table/measure sits under it."""
    keys = ["doc_id", "table", "measure"]
    coded = rows.filter(pl.col("code").is_not_null() & (pl.col("code").str.len_chars() >= 3))
    parents = pl.concat([
        coded.filter(pl.col("code").str.len_chars() > n).select(*keys, pl.col("code").str.slice(0, n).alias("code"))
        for n in (3, 5)
    ]).unique()
    return coded.join(parents.with_columns(pl.lit(False).alias("_leaf")), on=[*keys, "code"], how="left").with_columns(
        pl.col("_leaf").fill_null(True)
    )


def _doc_function_rows(lake: Path) -> pl.DataFrame:
    """Every document's functional-classification expenditure rows, from one table per document.

    The all-funds 支出表 (`expenditure`) is preferred; documents without it use the
    一般公共预算 table (`gpb_expenditure`). Whole lake, computed once per lake version.
    """
    def compute() -> pl.DataFrame:
        rows = _read(lake, "line_items").filter(pl.col("table").is_in(["expenditure", "gpb_expenditure"]))
        table_of_doc = rows.group_by("doc_id").agg(
            pl.when((pl.col("table") == "expenditure").any()).then(pl.lit("expenditure"))
            .otherwise(pl.lit("gpb_expenditure")).alias("table"))
        return rows.join(table_of_doc, on=["doc_id", "table"], how="semi")

    return snapshot.of(lake).derived("function_rows", ("line_items",), compute)


def _function_totals(rows: pl.DataFrame) -> pl.DataFrame:
    """Per document and measure: the 合计 line when printed, else the sum of the leaf lines."""
    base = ["doc_id", "region_code", "region", "agency_id", "agency", "year", "measure"]
    if rows.is_empty():
        return pl.DataFrame(schema={**{c: rows.schema[c] for c in base}, "amount": pl.Float64})
    printed = rows.filter(pl.col("code").is_null()).group_by(base).agg(pl.col("amount").sum())
    leaves = _leaf_flags(rows).filter(pl.col("_leaf")).group_by(base).agg(pl.col("amount").sum())
    return pl.concat([printed.with_columns(pl.lit(0).alias("_src")), leaves.with_columns(pl.lit(1).alias("_src"))]).sort(
        "_src").unique(subset=["doc_id", "measure"], keep="first").drop("_src")


def _doc_function_totals(lake: Path) -> pl.DataFrame:
    """Per document and measure, its functional-classification total (see _function_totals); once per version."""
    return snapshot.of(lake).derived("function_totals", ("line_items",),
                                     lambda: _function_totals(_doc_function_rows(lake)))


def _function_rows(lake: Path, f: Filters, docs: pl.DataFrame) -> pl.DataFrame:
    """The functional-classification expenditure rows that count: per agency-year one doc, one table."""
    rows = _of_docs(_doc_function_rows(lake), docs).collect()
    return _one_doc_each(rows, docs) if rows.height else rows


def _doc_summary_totals(lake: Path) -> pl.DataFrame:
    """Per document, the 本年支出合计 of its 收入支出总表 and its page; once per lake version."""
    return snapshot.of(lake).derived("summary_totals", ("summary",), lambda: (
        _read(lake, "summary").filter((pl.col("table") == "summary") & (pl.col("item") == "expenditure_total"))
        .group_by("doc_id").agg(pl.col("amount").first().alias("summary_total"), pl.col("page").first())))


def expenditure_by_agency_year(lake: Path, f: Filters) -> pl.DataFrame:
    """Total expenditure per agency-year (one document each, 决算 before 预算), with its basic/project split.

    Sources, first found wins: 收入支出总表 本年支出合计; the 支出表 合计 line; the sum of its lines.
    """
    return _whole_lake(lake, "expenditure", f, lambda k: _expenditure(lake, _docs(lake, k)))


def _expenditure(lake: Path, docs: pl.DataFrame) -> pl.DataFrame:
    """expenditure_by_agency_year over the counted documents `docs`."""
    cols = {"region_code": pl.String, "region": pl.String, "agency_id": pl.String, "agency": pl.String,
            "year": pl.Int32, "doc_id": pl.String, "doc_kind": pl.String, "total": pl.Float64,
            "basic": pl.Float64, "project": pl.Float64, "page": pl.Int32}
    if docs.is_empty():
        return pl.DataFrame(schema=cols)
    summary = _of_docs(_doc_summary_totals(lake), docs).collect()
    totals = _of_docs(_doc_function_totals(lake), docs).collect()
    split = (
        totals.filter(pl.col("measure").is_in(["total", "basic", "project"]))
        .pivot(on="measure", index="doc_id", values="amount", aggregate_function="first")
        if not totals.is_empty() else pl.DataFrame(schema={"doc_id": pl.String})
    )
    for m in ("total", "basic", "project"):
        if m not in split.columns:
            split = split.with_columns(pl.lit(None, dtype=pl.Float64).alias(m))
    candidates = docs.select("doc_id", "region_code", "region", "agency_id", "agency", "year", "doc_kind").join(
        summary, on="doc_id", how="left").join(split.rename({"total": "lines_total"}), on="doc_id", how="left")
    candidates = candidates.with_columns(
        pl.coalesce("summary_total", "lines_total").alias("total")
    ).filter(pl.col("total").is_not_null())
    if candidates.is_empty():
        return pl.DataFrame(schema=cols)
    best = _with_doc_rank(candidates.drop("doc_kind"), docs).sort(["_kind", "_q"]).unique(
        subset=AGENCY_YEAR, keep="first", maintain_order=True)
    return best.select([pl.col(c).cast(t) for c, t in cols.items()]).sort(["year", "region_code", "agency"])


def _change(cur: float | None, prev: float | None) -> float | None:
    """Relative change, None when it cannot be told."""
    if cur is None or prev is None or prev == 0:
        return None
    return cur / prev - 1


def focus_year(by_year: pl.DataFrame) -> int | None:
    """The year a summary should open on: the one covering the most agencies, the latest of ties."""
    if by_year.is_empty():
        return None
    best = by_year.get_column("agencies").max()
    return by_year.filter(pl.col("agencies") == best).get_column("year").max()


def default_year(docs: pl.DataFrame) -> int | None:
    """The year a page should open on for these documents (see focus_year)."""
    if docs.is_empty():
        return None
    return focus_year(docs.group_by("year").agg(pl.col("agency_id").n_unique().alias("agencies")))


def overview(lake: Path, f: Filters, year: int | None = None) -> dict[str, Any]:
    """The 总览 tiles for `year` (default: focus_year): expenditure and its change, basic/project, 三公, projects."""
    sel = selected_documents(lake, f)
    docs = _counted_docs(sel)
    out: dict[str, Any] = {
        "documents": sel.height,
        "synthetic": int(sel.get_column("synthetic").fill_null(False).sum()) if sel.height else 0,
        "agencies": sel.get_column("agency_id").n_unique() if sel.height else 0,
        "regions": sel.get_column("region_code").n_unique() if sel.height else 0,
        "years": sorted(sel.get_column("year").unique().drop_nulls().to_list()) if sel.height else [],
        "kinds": dict(sel.group_by("doc_kind").len().iter_rows()) if sel.height else {},
        "duplicates": sel.height - docs.height,
    }
    exp = expenditure_by_agency_year(lake, f)
    by_year = exp.group_by("year").agg(
        pl.col("total").sum(), pl.col("basic").sum(), pl.col("project").sum(), pl.col("agency_id").n_unique().alias("agencies"),
        (pl.col("doc_kind") == "final_account").all().alias("actuals"),
    ).sort("year")
    out["expenditure_by_year"] = by_year
    out["latest_year"] = year if year is not None else focus_year(by_year)
    if out["latest_year"] is not None and out["latest_year"] in by_year.get_column("year").to_list():
        y = out["latest_year"]
        cur = exp.filter(pl.col("year") == y)
        prev = exp.filter(pl.col("year") == y - 1)
        out["expenditure"] = float(cur.get_column("total").sum())
        kinds = set(cur.get_column("doc_kind").to_list())
        out["expenditure_basis"] = "actual" if kinds == {"final_account"} else "budget" if "final_account" not in kinds \
            else "mixed"
        out["basic"] = float(cur.get_column("basic").fill_null(0).sum())
        out["project"] = float(cur.get_column("project").fill_null(0).sum())
        # like for like: only agencies present in both years
        both = cur.join(prev.select("agency_id", pl.col("total").alias("prev")), on="agency_id", how="inner")
        out["expenditure_change"] = _change(
            float(both.get_column("total").sum()) if both.height else None,
            float(both.get_column("prev").sum()) if both.height else None,
        )
        out["expenditure_change_agencies"] = both.height
    else:
        out.update(expenditure=None, expenditure_basis=None, basic=None, project=None, expenditure_change=None,
                   expenditure_change_agencies=0)
    sg = sangong_rows(lake, f)
    totals = _sangong_totals(sg)
    if totals.height:
        years = totals.get_column("year").unique().to_list()
        y = out["latest_year"] if out["latest_year"] in years else max(years)
        cur = totals.filter(pl.col("year") == y)
        actual = cur.filter(pl.col("stage") == "actual").get_column("amount")
        budget = cur.filter(pl.col("stage") == "budget").get_column("amount")
        out["sangong_year"] = y
        out["sangong_actual"] = float(actual.sum()) if actual.len() else None
        out["sangong_budget"] = float(budget.sum()) if budget.len() else None
    else:
        out.update(sangong_year=None, sangong_actual=None, sangong_budget=None)
    proj = projects(lake, f)
    out["project_years"] = sorted(proj.get_column("year").unique().to_list()) if proj.height else []
    out["projects"] = proj.height
    out["projects_low_execution"] = int(proj.filter(pl.col("exec_rate") < LOW_EXECUTION_RATE).height) if proj.height else 0
    return out


# ---------------------------------------------------------------- composition


def composition(lake: Path, f: Filters) -> dict[str, pl.DataFrame]:
    """Spending composition: 类→款→项 leaves, per-agency 类 totals, basic/project and 人员/公用 per agency."""
    rows = _whole_lake(lake, "function_rows_counted", f,
                       lambda k: _function_rows(lake, k, _docs(lake, k)))
    names = rows.filter(pl.col("code").is_not_null()).group_by("code").agg(pl.col("name").drop_nulls().first())
    name_of = dict(names.iter_rows()) if names.height else {}

    def label(code: str | None) -> str | None:
        if code is None:
            return None
        name = name_of.get(code) or _function_names().get(code)
        return f"{code} {name}" if name else code

    leaves = (
        _leaf_flags(rows).filter(pl.col("_leaf") & (pl.col("measure") == "total") & (pl.col("amount") > 0))
        if rows.height else pl.DataFrame(schema={**rows.schema, "_leaf": pl.Boolean})
    )
    tree = leaves.group_by("code").agg(pl.col("amount").sum()).with_columns(
        pl.col("code").str.slice(0, 3).map_elements(label, return_dtype=pl.String).alias("class"),
        pl.when(pl.col("code").str.len_chars() >= 5).then(pl.col("code").str.slice(0, 5))
        .map_elements(label, return_dtype=pl.String).alias("section"),
        pl.when(pl.col("code").str.len_chars() >= 7).then(pl.col("code"))
        .map_elements(label, return_dtype=pl.String).alias("item"),
    ).sort("code") if leaves.height else pl.DataFrame(
        schema={"code": pl.String, "amount": pl.Float64, "class": pl.String, "section": pl.String, "item": pl.String})
    by_agency_class = leaves.group_by("agency_id", "agency", "region", "year",
                                      pl.col("code").str.slice(0, 3).alias("class_code")).agg(
        pl.col("amount").sum()
    ).with_columns(
        pl.col("class_code").map_elements(label, return_dtype=pl.String).alias("class"),
        (pl.col("amount") / pl.col("amount").sum().over("agency_id", "year")).alias("share"),
    ).sort("agency", "year", "class_code") if leaves.height else pl.DataFrame(
        schema={"agency_id": pl.String, "agency": pl.String, "region": pl.String, "year": pl.Int32,
                "class_code": pl.String, "amount": pl.Float64, "class": pl.String, "share": pl.Float64})
    exp = expenditure_by_agency_year(lake, f)
    basic_project = exp.select(
        "agency_id", "agency", "region", "year", "doc_kind", "basic", "project", "total"
    ).with_columns((pl.col("basic") / (pl.col("basic") + pl.col("project"))).alias("basic_share"))
    economic = economic_breakdown(lake, f)
    return {"tree": tree, "by_agency_class": by_agency_class, "basic_project": basic_project, **economic}


def economic_breakdown(lake: Path, f: Filters) -> dict[str, pl.DataFrame]:
    """人员经费 vs 公用经费 per agency-year (类 lines) and the economic lines (款) summed over the selection."""
    def counted(k: Filters) -> pl.DataFrame:
        docs = _docs(lake, k)
        return _one_doc_each(_rows(lake, "economic_items", k, docs), docs)

    rows = _whole_lake(lake, "economic_rows", f, counted)
    coded = rows.filter(pl.col("code").is_not_null() & pl.col("group").is_not_null())
    classes = coded.filter(pl.col("code").str.len_chars() == 3)
    groups = classes.group_by("agency_id", "agency", "year", "group").agg(pl.col("amount").sum()).sort(
        "agency", "year", "group")
    lines = coded.filter((pl.col("code").str.len_chars() == 5) & (pl.col("amount") > 0)).group_by("code", "group").agg(
        pl.col("name").first(), pl.col("amount").sum()
    ).with_columns(
        pl.col("code").str.slice(0, 3).replace_strict(ECONOMIC_CLASSES, default=pl.col("code").str.slice(0, 3))
        .alias("class")
    ).sort("amount", descending=True)
    return {"economic_groups": groups, "economic_lines": lines}


# ---------------------------------------------------------------- 三公


def sangong_rows(lake: Path, f: Filters) -> pl.DataFrame:
    """The 三公 figures that count: per agency, year, stage and item one row.

    Table figures beat prose (consolidate.sangong_best); a department report beats its
    units; an agency-year published as two PDFs counts once; a 决算's figures beat a
    预算's for the same agency-year and stage.
    """
    return _whole_lake(lake, "sangong", f, lambda k: _sangong_counted(lake, k))


def _sangong_counted(lake: Path, f: Filters) -> pl.DataFrame:
    from fiscal.consolidate import sangong_best

    docs = _docs(lake, f)
    rows = _rows(lake, "sangong", f, docs) if docs.height else _read(lake, "sangong").clear()
    if rows.is_empty():
        return rows.with_columns(pl.lit(None, dtype=pl.String).alias("doc_kind"))
    best = sangong_best(rows, docs)
    if "doc_kind" not in best.columns:
        best = best.join(docs.select("doc_id", "doc_kind"), on="doc_id", how="left")
    ranked = _with_doc_rank(best.drop("doc_kind"), docs)
    keys = ["agency_id", "year", "stage", "item"]
    return ranked.sort(["_kind", "_q", "page"]).unique(subset=keys, keep="first", maintain_order=True).drop(
        "_kind", "_q", *[c for c in ("scope",) if c in ranked.columns]
    ).sort("year", "agency", "stage", "item")


def _sangong_totals(rows: pl.DataFrame) -> pl.DataFrame:
    """Per agency, year and stage the 三公 total: the printed 合计, else the sum of its parts."""
    if rows.is_empty():
        return pl.DataFrame(schema={"agency_id": pl.String, "agency": pl.String, "region": pl.String,
                                    "year": pl.Int32, "stage": pl.String, "amount": pl.Float64})
    keys = ["agency_id", "agency", "region", "year", "stage"]
    printed = rows.filter(pl.col("item") == "total").group_by(keys).agg(pl.col("amount").first())
    parts = rows.filter(pl.col("item").is_in(["overseas", "vehicle_total", "reception"])).group_by(keys).agg(
        pl.col("amount").sum())
    return pl.concat([printed.with_columns(pl.lit(0).alias("_s")), parts.with_columns(pl.lit(1).alias("_s"))]).sort(
        "_s").unique(subset=keys, keep="first").drop("_s").sort("year", "agency", "stage")


def _sangong_parts(rows: pl.DataFrame) -> pl.DataFrame:
    """Stackable parts per agency-year-stage: 出国, 购置, 运行, 接待 (an unsplit 公务用车 total stays as is)."""
    keys = ["agency_id", "agency", "year", "stage"]
    parts = rows.filter(pl.col("item").is_in(list(SANGONG_PARTS)))
    split = parts.filter(pl.col("item").is_in(["vehicle_purchase", "vehicle_operation"])).select(keys).unique()
    unsplit = rows.filter(pl.col("item") == "vehicle_total").join(split, on=keys, how="anti")
    cols = [*keys, "item", "amount"]
    return pl.concat([parts.select(cols), unsplit.select(cols)]).sort("year", "agency", "item")


def sangong_trend(lake: Path, f: Filters) -> dict[str, Any]:
    """三公 by year and agency: stacked parts, budget vs actual, execution, year-on-year change, ranking.

    `value` is an agency-year's actual (决算数) where published, else its budget; the
    year-on-year change only compares like with like (actual with actual, budget with budget).
    """
    rows = sangong_rows(lake, f)
    totals = _sangong_totals(rows)
    parts = _sangong_parts(rows) if rows.height else pl.DataFrame(
        schema={"agency_id": pl.String, "agency": pl.String, "year": pl.Int32, "stage": pl.String,
                "item": pl.String, "amount": pl.Float64})
    with_actual = parts.filter(pl.col("stage") == "actual").select("agency_id", "year").unique()
    parts_value = pl.concat([
        parts.filter(pl.col("stage") == "actual"),
        parts.filter(pl.col("stage") == "budget").join(with_actual, on=["agency_id", "year"], how="anti"),
    ]).sort("year", "agency", "item")
    wide = totals.pivot(on="stage", index=["agency_id", "agency", "region", "year"], values="amount",
                        aggregate_function="first") if totals.height else pl.DataFrame(
        schema={"agency_id": pl.String, "agency": pl.String, "region": pl.String, "year": pl.Int32})
    for stage in ("budget", "actual"):
        if stage not in wide.columns:
            wide = wide.with_columns(pl.lit(None, dtype=pl.Float64).alias(stage))
    wide = wide.with_columns(
        pl.when(pl.col("budget") > 0).then(pl.col("actual") / pl.col("budget")).alias("execution"),
        pl.coalesce("actual", "budget").alias("value"),
        pl.when(pl.col("actual").is_not_null()).then(pl.lit("actual")).otherwise(pl.lit("budget")).alias("stage"),
    ).sort("agency_id", "year")
    wide = wide.with_columns(
        pl.col("value").shift(1).over("agency_id", order_by="year").alias("prev_value"),
        pl.col("year").shift(1).over("agency_id", order_by="year").alias("prev_year"),
        pl.col("stage").shift(1).over("agency_id", order_by="year").alias("prev_stage"),
    ).with_columns(
        pl.when((pl.col("prev_year") == pl.col("year") - 1) & (pl.col("prev_stage") == pl.col("stage"))
                & (pl.col("prev_value") > 0))
        .then(pl.col("value") / pl.col("prev_value") - 1).alias("yoy"),
    ).sort("year", "agency")
    by_year = totals.group_by("year", "stage").agg(
        pl.col("amount").sum(), pl.col("agency_id").n_unique().alias("agencies")).sort("year", "stage")
    latest = focus_year(wide.filter(pl.col("value") > 0).group_by("year").agg(
        pl.col("agency_id").n_unique().alias("agencies"))) if wide.height else None
    ranking = wide.filter((pl.col("year") == latest) & (pl.col("value") > 0)).sort("value", descending=True) \
        if latest is not None else wide.clear()
    stages = set(wide.get_column("stage").to_list()) if wide.height else set()
    stage = "actual" if stages == {"actual"} else "budget" if stages == {"budget"} else "mixed"
    return {"rows": rows, "parts": parts_value, "by_agency": wide, "by_year": by_year, "ranking": ranking,
            "stage": stage, "latest_year": latest, "statements": _sangong_statements(wide)}


def _sangong_statements(wide: pl.DataFrame) -> list[dict[str, Any]]:
    """The "较上年增长/下降" reading per year, over the agencies comparable with the year before."""
    out: list[dict[str, Any]] = []
    if wide.is_empty():
        return out
    for year in sorted(wide.get_column("year").unique().to_list()):
        cur = wide.filter((pl.col("year") == year) & pl.col("value").is_not_null())
        stages = set(cur.get_column("stage").to_list())
        both = cur.filter(pl.col("yoy").is_not_null())
        change = _change(float(both.get_column("value").sum()), float(both.get_column("prev_value").sum())) \
            if both.height else None
        out.append({"year": year, "stage": stages.pop() if len(stages) == 1 else "mixed",
                    "amount": float(cur.get_column("value").sum()), "agencies": cur.height, "change": change,
                    "comparable": both.height})
    return out


# ---------------------------------------------------------------- projects


def projects(lake: Path, f: Filters, flags: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per evaluated project (per agency, year and name, from the best document), with a flags count."""
    rows = _whole_lake(lake, "projects", f, lambda k: _projects_counted(lake, k))
    return attach_flag_counts(rows, flags).sort("year", "agency", "project", descending=[True, False, False])


def _projects_counted(lake: Path, f: Filters) -> pl.DataFrame:
    docs = _docs(lake, f)
    rows = _rows(lake, "projects", f, docs) if docs.height else _read(lake, "projects").clear()
    if rows.height:
        ranked = _with_doc_rank(rows, docs)
        rows = ranked.sort(["_kind", "_q", "page"]).unique(
            subset=["agency_id", "year", "project"], keep="first", maintain_order=True
        ).drop("_kind", "_q")
    else:
        rows = rows.with_columns(pl.lit(None, dtype=pl.String).alias("doc_kind"))
    rows = rows.with_columns(
        pl.when(pl.col("exec_weight") > 0).then(pl.col("exec_score") / pl.col("exec_weight")).alias("exec_score_share"),
        pl.coalesce(
            pl.col("exec_rate"),
            pl.when(pl.col("budget_full_year") > 0).then(pl.col("executed") / pl.col("budget_full_year")),
        ).alias("exec_rate"),
    )
    return rows


def with_exec_points(projects: pl.DataFrame) -> pl.DataFrame:
    """The projects with `exec_points`: execution score over its weight as printed ("9.55 / 10")."""
    def num(col: str) -> pl.Expr:
        return pl.col(col).round(2).cast(pl.String).str.replace(r"\.0$", "")

    return projects.with_columns(
        pl.when(pl.col("exec_score").is_not_null())
        .then(pl.concat_str([num("exec_score"), pl.lit(" / "), num("exec_weight").fill_null("—")]))
        .alias("exec_points")
    )


def attach_flag_counts(projects: pl.DataFrame, flags: pl.DataFrame | None) -> pl.DataFrame:
    """The projects with a `flags` column: how many flags name each (agency, year, project)."""
    counts = _project_flag_counts(flags)
    out = projects.drop("flags") if "flags" in projects.columns else projects
    return out.join(counts, on=["agency_id", "year", "project"], how="left").with_columns(pl.col("flags").fill_null(0))


def _project_flag_counts(flags: pl.DataFrame | None) -> pl.DataFrame:
    """Flags per (agency_id, year, project)."""
    schema = {"agency_id": pl.String, "year": pl.Int32, "project": pl.String, "flags": pl.UInt32}
    if flags is None or flags.is_empty() or "project" not in flags.columns:
        return pl.DataFrame(schema=schema)
    return (
        flags.filter(pl.col("project").is_not_null())
        .group_by(pl.col("agency_id").cast(pl.String), pl.col("year").cast(pl.Int32), pl.col("project").cast(pl.String))
        .agg(pl.len().cast(pl.UInt32).alias("flags"))
    )


def indicators(lake: Path, doc_id: str, project: str) -> pl.DataFrame:
    """The indicators of one project of one document, in printed order, with the deviation of actual from target."""
    rows = _read(lake, "indicators").lazy().filter(
        (pl.col("doc_id") == doc_id) & (pl.col("project") == project)
    ).collect()
    return rows.with_columns(
        pl.when(pl.col("target_value").is_not_null() & pl.col("actual_value").is_not_null())
        .then(pl.col("actual_value") - pl.col("target_value")).alias("deviation"),
        (pl.col("weight") - pl.col("score")).alias("points_lost"),
    ).sort("page")


# ---------------------------------------------------------------- flags (fiscal/rules.py)


class RulesUnavailable(RuntimeError):
    """The rule engine (fiscal.rules) is not installed yet."""


def _rules_module() -> Any:
    """fiscal.rules, or RulesUnavailable."""
    try:
        from fiscal import rules
    except ImportError as exc:
        raise RulesUnavailable(str(exc)) from exc
    return rules


def rule_catalog() -> list[dict[str, Any]]:
    """The rules: id, default severity, description and default thresholds (parameter → value)."""
    rules = _rules_module()
    catalog = getattr(rules, "RULES", {})
    return [{"rule": r.id, "severity": r.severity, "description": r.description, "params": dict(r.params)}
            for r in catalog.values()]


def rule_params() -> dict[str, dict[str, float]]:
    """The default thresholds of the rules that have any: rule id → parameter → value."""
    return {r["rule"]: r["params"] for r in rule_catalog() if r["params"]}


# Save the incremental flags to <lake>/_cache/ after an update that recomputed this many agency-years.
SAVE_FLAGS_AFTER = 50
_flag_caches: dict[str, Any] = {}
_flag_guard = threading.Lock()


def _flag_cache(lake: Path) -> Any:
    """The process's incremental flag cache of a lake (fiscal.rules.incremental), loaded from disk once."""
    from fiscal.rules.incremental import FlagCache

    key = str(Path(lake).resolve())
    with _flag_guard:
        cache = _flag_caches.get(key)
        if cache is None:
            cache = _flag_caches[key] = FlagCache.load(snapshot.cache_dir(Path(key)) / "flags.parquet")
        return cache


def all_flags(lake: Path, params: Mapping[str, Mapping[str, float]] | None = None) -> pl.DataFrame:
    """Every flag of the whole lake under the given thresholds (rules compare across agencies and years).

    Default thresholds come from the incremental cache (only agency-years whose documents
    changed are recomputed); a rule whose thresholds the reader changed is rerun whole.
    """
    rules = _rules_module()
    frames = rules.Frames.from_lake(Path(lake))
    cache = _flag_cache(lake)
    flags = cache.update(frames)
    if cache.recomputed >= SAVE_FLAGS_AFTER:
        cache.save(snapshot.cache_dir(Path(lake)) / "flags.parquet")
    defaults = {r.id: r.params for r in rules.RULES.values()}
    changed = {rule: {**defaults.get(rule, {}), **dict(values)} for rule, values in (params or {}).items()
               if rule in defaults and {**defaults[rule], **dict(values)} != defaults[rule]}
    if changed:
        rerun = rules.evaluate(frames, changed, rules=list(changed))
        from fiscal.rules.incremental import sort_flags

        flags = sort_flags(pl.concat([flags.filter(~pl.col("rule").is_in(list(changed))), rerun]))
    return flags


def select_flags(lake: Path, f: Filters, flags: pl.DataFrame) -> pl.DataFrame:
    """The flags inside the selection (partition columns, and doc kind through the flag's document)."""
    if flags.is_empty():
        return flags
    out = flags.lazy().filter(filters.predicate(f, flags.columns)).collect()
    # the same finding from two copies of one disclosure (e.g. the same report in two layouts) is listed once
    same = [c for c in ("rule", "agency_id", "year", "project", "message") if c in out.columns]
    if same:
        out = out.unique(subset=same, keep="first", maintain_order=True)
    if f.kinds and "doc_id" in out.columns:
        kinds = selected_documents(lake, f).select("doc_id")
        out = out.filter(pl.col("doc_id").is_null() | pl.col("doc_id").is_in(kinds.get_column("doc_id").to_list()))
    return out


# ---------------------------------------------------------------- data downloads


def dataset_rows(lake: Path, f: Filters, dataset: str) -> pl.DataFrame:
    """Every row of a dataset inside the selection (all documents, as stored), with the document's file name."""
    sel = selected_documents(lake, f)
    if dataset == "documents":
        return sel.sort(["year", "region_code", "agency", "source_name"], descending=[True, False, False, False])
    rows = _rows(lake, dataset, f, sel)
    names = sel.select("doc_id", "source_name", "doc_kind")
    rows = rows.join(names, on="doc_id", how="left").sort(["year", "agency", "doc_id", "page"],
                                                          descending=[True, False, False, False])
    # readable columns first, the ids last
    first = ["region", "agency", "year", "doc_kind", "source_name", "page"]
    last = ["region_code", "agency_id", "doc_id"]
    middle = [c for c in rows.columns if c not in first and c not in last]
    return rows.select([*first, *middle, *last])


# ---------------------------------------------------------------- filter options


def filter_options(lake: Path) -> pl.DataFrame:
    """One row per (region_code, agency_id, year, doc_kind) present, with names, for the sidebar widgets."""
    docs = _linked(lake, "documents").lazy().select(
        "region_code", "region", "province", "agency_id", "agency", "year", "doc_kind", "synthetic"
    ).collect()
    if docs.is_empty():
        return docs.with_columns(pl.lit(None, dtype=pl.String).alias("province_code"),
                                 pl.lit(None, dtype=pl.String).alias("city_code"))
    return docs.with_columns(
        (pl.col("region_code").str.slice(0, 2) + "0000").alias("province_code"),
        pl.col("region_code").map_elements(filters.city_of, return_dtype=pl.String).alias("city_code"),
    ).unique().sort("region_code", "agency", "year")


def has_synthetic(lake: Path, f: Filters) -> int:
    """How many documents of the selection are synthetic demo data."""
    return int(
        _scan(lake, "documents", f).select(pl.col("synthetic").fill_null(False).sum()).collect().item() or 0
    )


# ---------------------------------------------------------------- across documents
#
# Peer comparison, the self-evaluation inflation index and the disclosure quality score
# (fiscal/scores.py). They compare agencies with each other, so they are computed over the
# whole lake (a filter must not remove an agency's peers) and then narrowed to the selection.
# The whole-lake results are memoised per lake version and thresholds: every selection of
# the same lake reuses them.

_ACROSS: dict[tuple[Any, ...], dict[str, Any]] = {}
_ACROSS_MAX = 4
PEER_KEYS: list[str] = ["metric", "peer_group", "year"]


def _scores_module() -> Any:
    """fiscal.scores (the across-document scores)."""
    from fiscal import scores

    return scores


def _thresholds(params: Any) -> dict[str, dict[str, float]]:
    """Rule thresholds from a mapping or from the hashable ((rule, ((param, value), …)), …) the pages pass."""
    if not params:
        return {}
    items = params.items() if isinstance(params, Mapping) else params
    return {rule: dict(values.items() if isinstance(values, Mapping) else values) for rule, values in items}


def _across(lake: Path, params: Any, name: str) -> Any:
    """A whole-lake result (frames, flags, peers, inflation, quality, rates), computed once per lake version."""
    thresholds = _thresholds(params)
    key = (lake_state(lake), _links_stamp(lake),
           tuple(sorted((r, tuple(sorted(v.items()))) for r, v in thresholds.items())))
    memo = _ACROSS.get(key)
    if memo is None:
        while len(_ACROSS) >= _ACROSS_MAX:
            _ACROSS.pop(next(iter(_ACROSS)), None)
        memo = _ACROSS.setdefault(key, {})
    if name not in memo:
        scores = _scores_module()
        if name == "frames":
            memo[name] = frames(lake)
        elif name == "flags":
            memo[name] = all_flags(lake, thresholds)
        elif name == "peers":
            peer = {**_rule_defaults("peer_outlier"), **thresholds.get("peer_outlier", {})}
            kw = {k: (int(v) if k == "min_peers" else float(v)) for k, v in peer.items() if k in ("iqr_factor", "min_peers")}
            memo[name] = scores.peer_comparison(_across(lake, params, "frames"), **kw)
        elif name == "inflation":
            memo[name] = scores.inflation_index(_across(lake, params, "frames"))
        elif name == "quality":
            memo[name] = scores.disclosure_quality(_across(lake, params, "frames"), _across(lake, params, "flags"))
        elif name == "rates":
            memo[name] = scores.rule_firing_rates(_across(lake, params, "flags"), _across(lake, params, "frames"))
        else:
            raise KeyError(name)
    return memo[name]


def _rule_defaults(rule: str) -> dict[str, float]:
    """A rule's default thresholds ({} when the rule or the engine is missing)."""
    try:
        return dict(rule_params().get(rule, {}))
    except RulesUnavailable:
        return {}


def _selection_mask(lake: Path, f: Filters, df: pl.DataFrame) -> pl.Expr:
    """True for the rows of a whole-lake result inside the selection (partition columns; doc kind via doc_id)."""
    if f.is_empty():
        return pl.lit(True)
    mask = filters.predicate(f, [c for c in df.columns if c != "doc_kind"])
    if f.kinds:
        if "doc_kind" in df.columns:
            mask = mask & pl.col("doc_kind").is_in(list(f.kinds))
        elif "doc_id" in df.columns:
            ids = selected_documents(lake, f).get_column("doc_id").to_list()
            mask = mask & (pl.col("doc_id").is_null() | pl.col("doc_id").is_in(ids))
    return mask


def _in_selection(lake: Path, f: Filters, df: pl.DataFrame) -> pl.DataFrame:
    """The rows of a whole-lake result inside the selection."""
    return df if df.is_empty() or f.is_empty() else df.filter(_selection_mask(lake, f, df))


def peers(lake: Path, f: Filters, params: Any = None) -> dict[str, Any]:
    """同类比较: the selection's agencies against their peers (province × agency type × year), and rule firing rates.

    `comparison`: every row of the peer groups (metric × peer group × year) that hold a
    selected row, peers outside the selection included, with `selected`; `outliers`: the
    selected rows beyond the fence; `rates`: per rule, the agency-years flagged / checked over
    the whole lake (a rule's noise is judged on the whole lake), `noisy`, and the selection's
    flagged agency-years (`flagged_selection`). The `peer_outlier` thresholds
    (iqr_factor, min_peers, adjustable on the flags page) apply to the comparison.
    """
    comp = _across(lake, params, "peers")
    marked = comp.with_columns(_selection_mask(lake, f, comp).fill_null(False).alias("selected"))
    groups = marked.filter(pl.col("selected")).select(PEER_KEYS).unique()
    comparison = marked.join(groups, on=PEER_KEYS, how="semi", nulls_equal=True)
    outliers = marked.filter(pl.col("selected") & pl.col("outlier").fill_null(False)).sort(
        "metric", "value", descending=[False, True])
    rates = _across(lake, params, "rates")
    sel_flags = select_flags(lake, f, _across(lake, params, "flags"))
    if sel_flags.height and "severity" in sel_flags.columns:
        serious = sel_flags.filter(pl.col("severity").is_in(["warning", "error"]))
        counts = serious.group_by("rule").agg(
            pl.struct("agency_id", "year").n_unique().cast(pl.Int64).alias("flagged_selection"),
            pl.len().cast(pl.Int64).alias("flags_selection"))
    else:
        counts = pl.DataFrame(schema={"rule": pl.String, "flagged_selection": pl.Int64, "flags_selection": pl.Int64})
    rates = rates.join(counts, on="rule", how="left").with_columns(
        pl.col("flagged_selection").fill_null(0), pl.col("flags_selection").fill_null(0))
    return {"comparison": comparison, "outliers": outliers, "rates": rates}


def inflation(lake: Path, f: Filters) -> pl.DataFrame:
    """自评虚高指数 per agency-year in the selection, latest year and highest first.

    `rank`: 1 = most inflated among the selection's agencies of that year; `rank_lake`: the same over the whole lake.
    """
    idx = _across(lake, None, "inflation")
    out = _in_selection(lake, f, idx)
    if "rank" in out.columns:
        out = out.rename({"rank": "rank_lake"})
    return out.with_columns(pl.col("index").rank("min", descending=True).over("year").cast(pl.Int32).alias("rank")
                            ).sort(["year", "index"], descending=[True, True], nulls_last=True)


def quality(lake: Path, f: Filters, params: Any = None) -> pl.DataFrame:
    """披露质量: the disclosure quality score of every document in the selection, lowest first."""
    q = _across(lake, params, "quality")
    return _in_selection(lake, f, q).sort("score", "agency", "year", nulls_last=True)
