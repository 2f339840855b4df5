"""Project figures in a self-evaluation report's prose ("专项名称 市级统筹工作经费 … 全面预算 10 万元，实际支出
10 万元") against the same document's 自评表 (the `projects` dataset), the project found by its name in
the section heading (fuzzy, and only when one project clearly fits). Used by narrative_table_mismatch."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import polars as pl

from fiscal.rules.engine import Frames, rounding_severity
from fiscal.rules.lookups import norm_name, printed_tolerance
from fiscal.rules.prose import sentences
from fiscal.rules.prose_figures import to_wan

_SECTION = re.compile(r"^(?:专项名称|项目名称):?(?P<name>.+?)(?:年度预算金额|$)")
_NUM = r"(?:为|是|:)?(\d[\d,]*(?:\.\d+)?)(万元|元)"
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
        own = projects.filter(pl.col("doc_id") == doc_id).unique("project", keep="first")
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
