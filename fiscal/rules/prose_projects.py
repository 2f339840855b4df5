"""Project figures in a self-evaluation report's prose ("专项名称 市级统筹工作经费 … 全面预算 10 万元，实际支出
10 万元") against the same document's 自评表 (the `projects` dataset), the project found by its name in
the section heading (fuzzy, and only when one project clearly fits). Used by narrative_table_mismatch."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import polars as pl

from fiscal.rules.engine import ROUNDING, Frames, rounding_severity
from fiscal.rules.lookups import norm_name, printed_tolerance
from fiscal.rules.prose import sentences
from fiscal.rules.prose_figures import DIGITS, NUMBER, to_wan

# the report table's first row; its group label may be read into the same line (部门概况 | 专项名称 | …)
_SECTION = re.compile(r"^(?:[\u4e00-\u9fff]{0,6}(?:概况|情况|信息))?(?:专项名称|项目名称):?"
                      r"(?P<name>.+?)(?:年度预算金额|$)")
_NUM = r"(?:为|是|:)?" + NUMBER + r"(万元|元)"
# what a figure is → the 自评表 columns it may be: 年初预算 (initial), 全年预算 (full year), 实际执行 (executed);
# 年度预算金额 / 本年度预算资金 are either budget, as reports use them
_FIGURES: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    ("年度预算", ("budget_initial", "budget_full_year"), re.compile(r"(?:本年度预算资金|年度预算金额)" + _NUM)),
    ("年初预算", ("budget_initial",), re.compile(r"年初预算(?:批复)?(?:数)?" + _NUM)),
    ("全年预算", ("budget_full_year",), re.compile(r"(?:全年预算|全面预算)(?:数)?" + _NUM)),
    ("实际执行", ("executed",), re.compile(r"(?:实际执行|实际支出)(?:数)?" + _NUM)),
)
_MIN_SCORE, _MARGIN = 85.0, 10.0


def _fold(name: str) -> str:
    """A project name folded for matching: no brackets' notes such as (科室代编), no year."""
    bare = re.sub(r"\([^()]*\)|(?:19|20)\d{2}年度?", "", unicodedata.normalize("NFKC", name))
    return norm_name(bare) or norm_name(name)


def _forms_first(own: pl.DataFrame) -> pl.DataFrame:
    """One row per project name: its 自评表's (which has an execution score) before a 自评结果汇总表 line's."""
    return own.sort(pl.col("exec_score").is_null(), maintain_order=True).unique("project", keep="first",
                                                                              maintain_order=True)


def match_project(name: str, projects: list[str]) -> str | None:
    """The one project `name` denotes: the best fuzzy score ≥ 85, at least 10 above any other (else None)."""
    from rapidfuzz import fuzz

    scored = sorted(((fuzz.ratio(_fold(name), _fold(p)), p) for p in set(projects)), reverse=True)
    if not scored or scored[0][0] < _MIN_SCORE or (len(scored) > 1 and scored[0][0] - scored[1][0] < _MARGIN):
        return None
    return scored[0][1]


def project_mismatches(frames: Frames) -> list[dict[str, Any]]:
    """Each sentence of a project's section stating a 年初/全年预算 or 实际执行 its 自评表 does not print."""
    projects = frames.projects.filter(pl.col("project").is_not_null())
    if projects.is_empty():
        return []
    out = []
    for (doc_id,), rows in sentences(frames).group_by(["doc_id"], maintain_order=True):
        own = _forms_first(projects.filter(pl.col("doc_id") == doc_id))
        if own.is_empty():
            continue
        names = own["project"].to_list()
        current: dict[str, Any] | None = None
        for r in rows.iter_rows(named=True):
            section = _SECTION.match(r["_flat"])
            if section:
                found = match_project(section["name"], names)
                current = own.filter(pl.col("project") == found).row(0, named=True) if found else None
            if current is None:
                continue
            diffs = []
            for label, keys, pattern in _FIGURES:
                m = pattern.search(r["_flat"])
                printed = [current[k] for k in keys if current.get(k) is not None]
                if m is None or not printed:
                    continue
                stated = to_wan(m[1], m[2])
                diff = min((round(stated - v, 2) for v in printed), key=abs)
                if rounding_severity(diff, printed_tolerance(stated)) == "error":
                    diffs.append({"figure": label, "narrative": stated, "table": stated - diff, "difference": diff})
            if diffs:
                out.append({**{k: v for k, v in r.items() if not k.startswith("_")}, "project": current["project"],
                            "_diffs": json.dumps(diffs, ensure_ascii=False), "table_page": current["page"]})
    return out


def project_message(r: dict[str, Any]) -> str:
    """情况说明称…，自评表…"""
    diffs = json.loads(r["_diffs"])
    said = "、".join(f"{d['figure']} {d['narrative']:,.2f}" for d in diffs)
    form = "、".join(f"{d['figure']} {d['table']:,.2f}" for d in diffs)
    text = re.sub(r"\s+", "", r["text"] or "")[:80]
    return (f"第{r['page']}页自评报告称项目“{r['project']}”{said} 万元，"
            f"其自评表（第{r['table_page']}页）为 {form} 万元：“{text}”")


# 自评范围包括…等4个项目，涉及资金1036.00万元 / 共 6 个项目实行绩效目标管理，涉及财政性资金合计 4481.3 万元
_COUNTED = re.compile(r"(?P<n>\d+|[一二两三四五六七八九十]{1,3})个(?:项目|专项)[^。;]{0,20}?(?:涉及|安排|资金|金额)"
                      r"[^。;\d]{0,12}?(?<![\d.,])(?P<num>" + DIGITS + r")(?P<unit>万元|元)")
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
_SUMS = (("年初预算", "budget_initial"), ("全年预算", "budget_full_year"), ("执行数", "executed"))


def count_of(word: str) -> int | None:
    """A count as printed: 4, 四, 十二, 二十三 (None when not a plain number up to 99)."""
    if word.isdigit():
        return int(word)
    if "十" not in word:
        return _DIGITS.get(word) if len(word) == 1 else None
    tens, _, ones = word.partition("十")
    t = _DIGITS.get(tens, 0) if tens else 1
    o = _DIGITS.get(ones, 0) if ones else 0
    return t * 10 + o if (not tens or tens in _DIGITS) and (not ones or ones in _DIGITS) else None


def projects_total_mismatches(frames: Frames) -> list[dict[str, Any]]:
    """A sentence stating the funds of "N 个项目" when the document holds exactly N 自评表 (all read
    `complete`) and the figure is none of their 年初预算, 全年预算 or 执行数 totals."""
    projects = frames.projects.filter(pl.col("project").is_not_null())
    if projects.is_empty():
        return []
    out = []
    for r in sentences(frames).iter_rows(named=True):
        m = _COUNTED.search(r["_flat"] or "")
        n = count_of(m["n"]) if m else None
        if m is None or not n:
            continue
        own = _forms_first(projects.filter(pl.col("doc_id") == r["doc_id"]))
        if own.height != n:
            continue
        stated = to_wan(m["num"], m["unit"])
        sums: dict[str, float] = {label: round(float(own[col].sum()), 2) for label, col in _SUMS
                                  if own[col].null_count() == 0}
        tolerance = max(printed_tolerance(stated), n * ROUNDING)
        if not sums or any(abs(stated - v) <= tolerance + 1e-9 for v in sums.values()):
            continue
        out.append({**{k: v for k, v in r.items() if not k.startswith("_")}, "project": None, "_n": n,
                    "_stated": stated, "_sums": json.dumps(sums, ensure_ascii=False),
                    "_pages": json.dumps(sorted(own["page"].unique().to_list())), "_clause": m[0]})
    return out


def projects_total_message(r: dict[str, Any]) -> str:
    """第2页称 4 个项目涉及资金 …，而 4 张自评表…"""
    sums = "、".join(f"{label}合计 {v:,.2f}" for label, v in json.loads(r["_sums"]).items())
    return (f"第{r['page']}页称 {r['_n']} 个项目涉及资金 {r['_stated']:,.2f} 万元，而文件中 {r['_n']} 张项目自评表的"
            f"{sums} 万元，均与之不符：“{r['_clause']}”")


# ---------------------------------------------------------------- project spending listed per 项

_AMOUNT_AFTER = r"(?:为|:)?" + NUMBER + r"(万元|元)(?![\d%])"
_FORM_FIGURES = (("年初预算", "budget_initial"), ("全年预算", "budget_full_year"), ("执行数", "executed"))


def _name_patterns(own: pl.DataFrame) -> dict[str, re.Pattern[str]]:
    """Project → the pattern of its name as printed (NFKC, no spaces) directly followed by an amount,
    after a delimiter; a name printed on more than one form (部门整体支出 of two units) is left out."""
    counts = own.group_by("project").len()
    names = counts.filter(pl.col("len") == 1)["project"].to_list()
    out = {}
    for name in names:
        printed = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
        out[name] = re.compile(r"(?:^|(?<=[(,、;:]))" + re.escape(printed) + _AMOUNT_AFTER)
    return out


def breakdown_mismatches(frames: Frames) -> list[dict[str, Any]]:
    """Project amounts listed under the 项 they were spent from ("行政运行(项) 102.3 万元（…基金管理重点工作经费
    97.3 万元）"), summed per project within one section, that match none of its 自评表's 年初预算, 全年预算
    or 执行数 (neither the sum nor any single listed amount does)."""
    projects = frames.projects.filter(pl.col("project").is_not_null())
    if projects.is_empty():
        return []
    out = []
    for (doc_id,), rows in sentences(frames).group_by(["doc_id"], maintain_order=True):
        own = projects.filter(pl.col("doc_id") == doc_id)
        patterns = _name_patterns(own)
        if not patterns:
            continue
        block = 0  # the section: sentences since the last heading
        listed: dict[tuple[int, str], list[tuple[float, str, dict[str, Any], str]]] = {}
        for r in rows.iter_rows(named=True):
            if "heading" in (r["_tags"] or ""):
                block += 1
            for name, pattern in patterns.items():
                for m in pattern.finditer(r["_flat"] or ""):
                    listed.setdefault((block, name), []).append((to_wan(m[1], m[2]), m[1], r, m[0]))
        forms = {r["project"]: r for r in own.iter_rows(named=True)}
        for (_, name), found in listed.items():
            form = forms[name]
            figures = {label: form[col] for label, col in _FORM_FIGURES if form[col] is not None}
            total = round(sum(a for a, *_ in found), 2)
            tolerance = sum(printed_tolerance(a) for a, *_ in found)
            if not figures or any(abs(total - v) <= tolerance + 1e-9 for v in figures.values()) or any(
                    abs(a - v) <= printed_tolerance(a) + 1e-9 for a, *_ in found for v in figures.values()):
                continue
            last = found[-1][2]
            out.append({**{k: v for k, v in last.items() if not k.startswith("_")}, "project": name,
                        "_listed": json.dumps([[a, clause] for a, _, _, clause in found], ensure_ascii=False),
                        "_total": total, "_figures": json.dumps(figures, ensure_ascii=False),
                        "table_page": form["page"]})
    return out


def breakdown_message(r: dict[str, Any]) -> str:
    """第30页按科目列出项目“…”支出 …，其自评表…"""
    listed = json.loads(r["_listed"])
    parts = " + ".join(f"{a:,.2f}" for a, _ in listed)
    said = f"{parts} = {r['_total']:,.2f}" if len(listed) > 1 else parts
    figures = "、".join(f"{k} {v:,.2f}" for k, v in json.loads(r["_figures"]).items())
    return (f"第{r['page']}页按支出科目列出项目“{r['project']}”{said} 万元，而其自评表（第{r['table_page']}页）"
            f"为 {figures} 万元，均不相符：“{listed[-1][1]}”")


_FORM_KEYS = {"年初预算": "budget_initial", "全年预算": "budget_full_year", "执行数": "executed"}


def form_figures(figures: str) -> dict[str, float]:
    """A 自评表's figures (or their totals) under the dashboard's keys."""
    return {_FORM_KEYS[k]: v for k, v in json.loads(figures).items()}


def closest_figure(stated: float, figures: str) -> float:
    """The form figure nearest to what the prose states."""
    values: list[float] = list(json.loads(figures).values())
    return min(values, key=lambda v: abs(v - stated))
