"""披露质量: one score (0–100) per 决算/预算 disclosure (agency-year-kind) with its breakdown and the problems
behind each deduction (issue 18: built on the reading status and the findings, so documents spread).

Pure functions over `fiscal.rules.Frames` (no Streamlit); `fiscal.scores` re-exports them.
"""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from fiscal.rules.engine import SEVERITY_RANK, Frames
from fiscal.rules.labels import NARRATIVE_LABELS, RULE_NAMES, TABLE_LABELS

AGENCY_KEYS: list[str] = ["region_code", "region", "agency_id", "agency", "year"]


QUALITY_WEIGHTS: dict[str, float] = {
    "tables_present": 0.25,  # required tables found / required
    "empty_explained": 0.10,  # 1 − empty tables without 空表说明 / tables found
    "reconciliations": 0.15,  # ingest checks passed share, − 0.1 per reconciliation flag
    "prose_consistent": 0.15,  # 1 − prose figures flagged / prose figures stated
    "readable": 0.10,  # tables read complete (1) / partial (½) / not read (0), of those found or listed
    "findings": 0.15,  # 1 − Σ per finding (error 0.25, warning 0.1) of the other rules
    "explained": 0.10,  # topics the 情况说明 must explain (EXPLAINED) that its prose states / all
}
# What the 情况说明 of a 决算/预算 must explain (the national templates), by the narrative keys that show it:
# topic → (Chinese, English, keys; a key ending in _ is a prefix).
EXPLAINED: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("收入支出总体情况", "income and expenditure totals", ("income_total", "expenditure_total", "grand_total")),
    ("基本支出与项目支出", "basic and project spending", ("basic_total", "project_total")),
    ("人员经费与公用经费", "personnel and public costs", ("personnel_total", "public_total")),
    ("“三公”经费", "the three public expenses", ("sangong_",)),
)
RECONCILIATION_RULES: tuple[str, ...] = ("totals_mismatch", "cross_table_mismatch", "budget_final_mismatch")
PROSE_RULES: tuple[str, ...] = ("narrative_table_mismatch", "unit_mismatch", "percentage_misstated",
                                 "comparison_wording_wrong", "year_inconsistent", "template_residue")
RECONCILIATION_PENALTY = 0.1
# Findings of the other rules cost this much each (info notes nothing); rules about how an agency spends
# (peers, 三公 growth, over budget) say nothing about its disclosure, reading notes are in `readable`.
FINDING_PENALTY: dict[str, float] = {"error": 0.25, "warning": 0.1}
NOT_DISCLOSURE_RULES: tuple[str, ...] = ("peer_outlier", "sangong_yoy_increase", "sangong_over_budget",
                                         "reading_incomplete", "missing_tables")
READING_VALUE: dict[str, float] = {"complete": 1.0, "partial": 0.5, "unread": 0.0}
_EMPTY = re.compile(r"^(?P<title>.+?)（第(?P<page>\d+)页）为空表但未说明")
_UNREADABLE = re.compile(r"not one number|未识别|未能解析|not read|not recognised|not understood")
_DATA_SETS = ("summary", "line_items", "economic_items", "sangong", "projects", "indicators")


def _page_note(page: int | None, lang: str = "zh") -> str:
    return "" if page is None else f"（第{page}页）" if lang == "zh" else f" (p. {page})"


def _readings_value(readings: list[dict[str, Any]]) -> tuple[float | None, list[tuple[str, str]]]:
    """How well a disclosure's tables were read: the mean of complete 1 / partial ½ / unread 0 over the tables
    found or listed in its 目录 (each table once, its best reading across the disclosure's PDFs), and the
    problems (Chinese, English). None without readings (lakes written before them)."""
    if not readings:
        return None, []
    r = [row for row in readings if (True if row["found"] is None else row["found"]) or bool(row["listed"])]
    if not r:
        return None, []
    best: dict[str, dict[str, Any]] = {}
    for row in sorted(r, key=lambda x: (-_reading_value(x), x["page"] is None, x["page"] or 0)):
        best.setdefault(row["family"] or row["title"], row)
    problems = []
    for row in sorted((b for b in best.values() if _reading_value(b) < 1),
                      key=lambda x: (x["page"] is None, x["page"] or 0)):
        title, zh, en = row["title"] or row["family"] or "", _page_note(row["page"]), _page_note(row["page"], "en")
        problems.append((f"表格未能完整读取：{title}{zh}", f"Table not fully read: {title}{en}")
                        if row["status"] == "partial" else
                        (f"目录列出但未找到：{title}", f"Listed in the contents, not found: {title}")
                        if row["found"] is False else (f"表格未能读取：{title}{zh}", f"Table not read: {title}{en}"))
    values = [_reading_value(b) for b in best.values()]
    return sum(values) / len(values), problems


def _reading_value(row: dict[str, Any]) -> float:
    return READING_VALUE.get(row["status"], 1.0)


def _by_doc(df: pl.DataFrame, columns: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The rows of `df` (only `columns`) as dicts per doc_id, in the frame's order (each row tagged `_i`)."""
    out: dict[str, list[dict[str, Any]]] = {}
    if df.is_empty():
        return out
    for i, row in enumerate(df.select("doc_id", *columns).iter_rows(named=True)):
        row["_i"] = i
        out.setdefault(row["doc_id"], []).append(row)
    return out


def _distinct(flags: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One finding per rule, project and message (two copies of a PDF count once), first kept."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for r in flags:
        key = (r["rule"], r.get("project"), r.get("message"))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _explained(keys: set[str] | None) -> tuple[float | None, list[tuple[str, str]]]:
    """Share of the EXPLAINED topics the prose states a figure for (None when no prose was read), and those missed."""
    if keys is None:
        return None, []
    missed = [(zh, en) for zh, en, wanted in EXPLAINED
              if not any(w in keys or (w.endswith("_") and any(k.startswith(w) for k in keys)) for w in wanted)]
    return 1 - len(missed) / len(EXPLAINED), [(f"情况说明未说明{zh}", f"The prose does not explain {en}")
                                              for zh, en in missed]


def scored_flags(flags: pl.DataFrame) -> pl.DataFrame:
    """The flags the quality score reads: warning or error, of the rules about the disclosure (not
    `NOT_DISCLOSURE_RULES`). Why apart: a peer outlier moves with every new agency of its province, and a
    cache keyed on the other flags need not recompute scores it cannot change."""
    if not flags.height:
        return flags
    return flags.filter(pl.col("severity").replace_strict(SEVERITY_RANK, default=0, return_dtype=pl.Int8)
                        >= SEVERITY_RANK["warning"], ~pl.col("rule").is_in(list(NOT_DISCLOSURE_RULES)))


def disclosure_quality(frames: Frames, flags: pl.DataFrame) -> pl.DataFrame:
    """One row per agency-year-doc_kind (决算/预算 documents): the quality score and its breakdown.

    The PDFs of one agency-year-kind are judged together (江苏 publishes a narrative PDF and a
    tables PDF); `doc_id` is the one with most tables, `doc_ids` all of them. Components (0–1,
    null when not applicable), `QUALITY_WEIGHTS`:

    - tables_present: required table families found (`fiscal.rules.REQUIRED_TABLES`) / required;
    - empty_explained: 1 − (empty tables without 空表说明) / (tables found), 1 when none;
    - reconciliations: ingest checks passed / run (`checks_*`), minus 0.1 per totals_mismatch,
      cross_table_mismatch or budget_final_mismatch flag at warning/error, floor 0 (null with no
      check run and no flag);
    - prose_consistent: 1 − (prose rule flags at warning/error) / (figures stated in the prose that
      those rules compare: `NARRATIVE_LABELS` keys), floor 0 (null when the prose states no such figure);
    - readable: from the reading status (`readings`): each table found or listed in the 目录 counts
      complete 1, partial ½, unread 0 (its best reading across the PDFs), averaged; lakes without
      readings: 1 − unreadable cells (ingest warnings) / (rows read + unreadable);
    - findings: 1 − Σ `FINDING_PENALTY` over the distinct findings (warning/error) of the other rules
      on the disclosure's PDFs (self-evaluations scoring unexecuted projects in full, names and years
      that contradict the document …), floor 0; rules about spending (`NOT_DISCLOSURE_RULES`) excluded;
    - explained: the `EXPLAINED` topics (totals, basic/project, 人员/公用经费, 三公) the prose states a
      figure for / all (null when no prose was read).

    score = 100 × Σ wᵢ·cᵢ / Σ wᵢ over the components that apply. `problems` lists each deduction in
    Chinese, naming the page where there is one; `problems_en` the same in English (the rules' own
    messages, quoted, stay Chinese).
    """
    from fiscal.rules.disclosure import REQUIRED_TABLES

    schema: dict[str, Any] = {**{k: frames.documents.schema[k] for k in AGENCY_KEYS}, "doc_kind": pl.String,
              "doc_id": pl.String, "score": pl.Float64, **{k: pl.Float64 for k in QUALITY_WEIGHTS},
              "problems": pl.List(pl.String), "problems_en": pl.List(pl.String), "doc_ids": pl.List(pl.String),
              "pages": pl.Int32}
    docs = frames.documents.filter(pl.col("doc_kind").is_in(list(REQUIRED_TABLES)))
    if docs.is_empty():
        return pl.DataFrame(schema=schema)
    rows_read: dict[str, int] = {}
    for name in _DATA_SETS:
        for d, n in getattr(frames, name).group_by("doc_id").len().iter_rows():
            rows_read[d] = rows_read.get(d, 0) + n
    stated: dict[str, int] = dict(
        frames.narrative.filter(pl.col("amount").is_not_null(), pl.col("key").is_in(list(NARRATIVE_LABELS)))
        .group_by("doc_id").len().iter_rows())
    serious = scored_flags(flags)
    readings = _by_doc(frames.readings, ["family", "title", "page", "status", "found", "listed"]) \
        if "status" in frames.readings.columns else {}
    flag_cols: list[str] = [c for c in ("rule", "project", "message", "severity", "page") if c in serious.columns]
    serious_of = _by_doc(serious, flag_cols) if serious.height else {}
    prose_keys = frames.narrative.group_by("doc_id").agg(pl.col("key").filter(pl.col("amount").is_not_null()))
    keys_of: dict[str, list[str]] = dict(prose_keys.iter_rows())  # docs with prose read → keys stating a figure
    out = []
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in docs.iter_rows(named=True):
        groups.setdefault((row["region_code"], row["agency_id"], row["year"], row["doc_kind"]), []).append(row)
    for g in groups.values():
        g.sort(key=lambda r: (-len(r["tables"] or []), r["doc_id"]))
        lead = g[0]
        kind = lead["doc_kind"]
        ids = [r["doc_id"] for r in g]
        problems: list[tuple[str, str]] = []
        found = {t for ts in [r["tables"] for r in g] for t in (ts or [])}
        required = REQUIRED_TABLES[kind]
        missing = [t for t in required if t not in found]
        tables_present = 1 - len(missing) / len(required)
        if missing:
            problems.append(("缺少表格：" + "、".join(TABLE_LABELS.get(t, t) for t in missing),
                             "Missing tables: " + ", ".join(TABLE_LABELS.get(t, t) for t in missing)))
        warnings = [w for ws in [r["warnings"] for r in g] for w in (ws or [])]
        empties = [w for w in warnings if _EMPTY.match(w)]
        n_tables = max(len(found), 1)
        empty_explained = max(0.0, 1 - len(empties) / n_tables) if found else None
        for w in empties:
            m = _EMPTY.match(w)
            if m is None:
                continue
            problems.append((f"{m['title']}（第{m['page']}页）为空表但未作说明",
                             f"{m['title']} (p. {m['page']}) is empty, with no note saying so"))
        passed = sum(x or 0 for x in [r["checks_passed"] for r in g])
        failed = sum(x or 0 for x in [r["checks_failed"] for r in g])
        mine = _distinct(sorted((r for d in ids for r in serious_of.get(d, [])), key=lambda r: r["_i"]))
        recon = [r for r in mine if r["rule"] in RECONCILIATION_RULES]
        if passed + failed or recon:
            base = passed / (passed + failed) if passed + failed else 1.0
            reconciliations = max(0.0, base - RECONCILIATION_PENALTY * len(recon))
        else:
            reconciliations = None
        if failed:
            problems.append((f"入库校验 {passed + failed} 项中 {failed} 项未通过",
                             f"{failed} of {passed + failed} ingest checks failed"))
        prose = [r for r in mine if r["rule"] in PROSE_RULES]
        n_stated = sum(stated.get(d, 0) for d in ids)
        prose_consistent = max(0.0, 1 - len(prose) / n_stated) if n_stated else (0.0 if prose else None)
        other = [r for r in mine if r["rule"] not in (*RECONCILIATION_RULES, *PROSE_RULES, *NOT_DISCLOSURE_RULES)]
        findings = max(0.0, 1 - sum(FINDING_PENALTY.get(r["severity"], 0.0) for r in other)) if other else 1.0
        for r in (*recon, *prose, *other):
            zh, en = RULE_NAMES["zh"].get(r["rule"], r["rule"]), RULE_NAMES["en"].get(r["rule"], r["rule"])
            problems.append((f"{zh}{_page_note(r['page'])}：{r['message']}",
                             f"{en}{_page_note(r['page'], 'en')}: {r['message']}"))
        readable, reading_problems = _readings_value([r for d in ids for r in readings.get(d, [])])
        problems += reading_problems
        if readable is None:  # a lake without reading status: unreadable cells from the ingest warnings
            unreadable = [w for w in warnings if _UNREADABLE.search(w)]
            n_read = sum(rows_read.get(d, 0) for d in ids)
            readable = 1 - len(unreadable) / (n_read + len(unreadable)) if n_read + len(unreadable) else None
            problems += [("未能读取：" + w.split(" / ")[0], "Not read: " + w.split(" / ")[0]) for w in unreadable]
        read_prose = [d for d in ids if d in keys_of]
        explained, missed = _explained({k for d in read_prose for k in keys_of[d]} if read_prose else None)
        problems += missed
        comps = {"tables_present": tables_present, "empty_explained": empty_explained,
                 "reconciliations": reconciliations, "prose_consistent": prose_consistent, "readable": readable,
                 "findings": findings, "explained": explained}
        got = {k: v for k, v in comps.items() if v is not None}
        weight = sum(QUALITY_WEIGHTS[k] for k in got)
        score = round(100 * sum(QUALITY_WEIGHTS[k] * v for k, v in got.items()) / weight, 1) if weight else None
        unique = list(dict.fromkeys(problems))
        out.append({**{k: lead[k] for k in AGENCY_KEYS}, "doc_kind": kind, "doc_id": lead["doc_id"], "score": score,
                    **{k: None if v is None else round(v, 4) for k, v in comps.items()},
                    "problems": [p[0] for p in unique], "problems_en": [p[1] for p in unique],
                    "doc_ids": ids, "pages": lead["pages"]})
    return pl.DataFrame(out, schema=schema).sort(["score", "year", "agency"], descending=[False, True, False],
                                                 nulls_last=True)
