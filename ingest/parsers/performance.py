"""绩效自评表 (project and whole-department self-evaluations) → projects and indicators.

One form per table instance (stitch starts a new table at every title). A form has
name rows (项目名称, 实施单位), a funds block (a header row, then the 年度资金总额 /
总额 line that is read), goal texts, and an indicator block (a header row with
三级指标, indicator rows, a 总分 / 合计 line). Three layout families, told apart by
their header words, never by page numbers:

- city (湖南 郴州 …): 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分;
  年度指标值 / 实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施; 总分 last.
- ab: 全年预算数(A) / 全年执行数(B) / 执行率(B/A); 年初预期目标 / 实际完成指标值.
- provincial (四川 省级): 年初预算 / 调整后预算数 / 预算执行数 (实际支出) / 预算执行率 / 权重 /
  得分 / 原因 with 总额, 其中：财政资金 … lines (总额 is read); indicators with
  指标性质 / 指标值 / 度量单位 / 完成值 / 权重 / 得分 / 未完成原因分析; 合计 last;
  project names prefixed by a project code ("51000022T000004913252-全省视频会议系统":
  project = the name, project_code = the code).

Camelot copies horizontally merged text into every column it spans; vertically merged labels (一级/二级指标) come once,
at the top of their block, and are carried down. A 部门整体支出绩效自评表 becomes one projects row named 部门整体支出,
its 部门名称 as implementing_unit. Figures are as printed: exec_rate_reported is the printed 执行率 (a fraction; a bare
number under 执行率（%） is per cent), exec_rate is computed executed / budget_full_year (None for a zero budget); a
budget left blank is None (unknown), a blank 执行数 beside a printed budget is 0 (nothing spent). A Word form may repeat
its first rows (项目名称, 主管部门) at the top of every page (dropped), print a label and its value in one cell
(项目名称：…), or end a label with a colon; a funds block with no 分值 / 得分 has the execution scored as an indicator
line (预算执行率), or on a line of its own (预算执行率 | 96% | 分值 | 10 | 得分 | 9.6), or says the weight in its 分值 /
得分 header (得分（10分）, 分值（10）), or leaves it blank (the 总分's 分值 less the indicators' weights:
ingest/parsers/selfeval_total.py, which reads the closing line). Money is kept in 万元 whatever unit the funds labels
state (（元）, （千元）, （万元）) or a hand-typed amount carries (35.00万元). A 自评等级 line may close the indicators
instead of a 总分 (a grade, no score), a 总分 be called 综合得分 or 自评得分; a template's unfilled lines (指标2, ……)
are no indicators; the indicator header may span two rows; scores may read 9.5分. The 年度资金总额's 其中 lines
(财政拨款 / 上年结转 / 其他资金) are read by ingest/parsers/selfeval_funds.py: stored per kind, the total checked
against them (printed inside label cells too: 其中：一般公共预算：627.19). The national
中央对地方转移支付区域绩效自评表 is a form of the (A)/(B) family named by its 转移支付（项目）名称; it may score
nothing (no 分值 / 得分 anywhere). A list of projects one a line under a form's title is read by
ingest/parsers/selfeval_list.py (ingest/parsers/__init__.py dispatches on the content); the cell helpers both use are
in selfeval_cells.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise, zip_longest
from typing import Any

from ingest.model import UNIT_FACTORS, DocMeta, ParseResult, RawTable
from ingest.numbers import AmbiguousCell, in_wan, to_rate, try_number
from ingest.parsers.columns import compact
from ingest.parsers.selfeval_cells import (
    CODE_LABELS,
    LABEL_CHARS,
    Form,
    Row,
    Rules,
    bare_amounts,
    cell_at,
    clean,
    drop_repeated_head,
    find_row,
    form_of,
    funds_unit,
    fused,
    has_figure,
    label_of,
    label_pairs,
    labelled,
    map_columns,
    number,
    printed_grade,
    rate_of,
    split_code,
)
from ingest.parsers.selfeval_funds import fund_columns, fund_lines, kind_columns, label_lines
from ingest.parsers.selfeval_total import Total, is_total, read_total, total_anywhere, weight_left
from ingest.targets import QUALITATIVE, compose, parse_target, parse_value

OVERALL_PROJECT = "部门整体支出"
_POINTS = re.compile(r"\s*[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$")
_NAME_LABELS = ("项目支出名称", "项目名称", "专项名称", "项目支出", "转移支付(项目)名称", "转移支付名称")
_UNIT_LABELS = ("部门名称", "单位名称", "预算部门", "市级预算部门名称", "部门(单位)名称", "单位(部门)名称")
_IMPLEMENTER_LABELS = ("实施单位", "项目实施单位", "实施主体", "预算单位")
# the rows above the funds block: a Word form may repeat them at the top of every page
_HEAD_LABELS = (*_NAME_LABELS, *_UNIT_LABELS, *_IMPLEMENTER_LABELS, *CODE_LABELS, "主管部门", "主管部门及代码")
_FUND_TOTALS = ("年度资金总额", "资金总额", "总额", "合计", "总计")
_PLACEHOLDER = re.compile(r"^(?:指标\d+|[.…·。]+)$")  # a template's unfilled line: 指标2, ……
# 得分(10分), 分值(10): the weight said in the header of the execution's 分值 or 得分 column
_WEIGHT_IN = re.compile(r"(?:分值|权重|得分)\((\d+(?:\.\d+)?)分?\)")

# Header words → column key, first match wins: 执行率 before 执行数, 实际完成 before 指标值.
CITY_FUNDS: Rules = (
    ("exec_rate_reported", ("执行率",)),
    ("budget_initial", ("年初预算",)),
    ("budget_full_year", ("全年预算", "调整后预算", "预算数")),
    ("executed", ("全年执行数", "执行数", "实际支出")),
    ("exec_weight", ("分值", "权重")),
    ("exec_score", ("得分",)),
)
AB_FUNDS: Rules = (
    ("exec_rate_reported", ("执行率", "B/A")),
    ("budget_initial", ("年初预算",)),
    ("budget_full_year", ("(A)", "全年预算")),
    ("executed", ("(B)", "全年执行数", "执行数")),
    ("exec_weight", ("分值", "权重")),
    ("exec_score", ("得分",)),
)
PROVINCIAL_FUNDS: Rules = (
    ("exec_rate_reported", ("执行率",)),
    ("budget_initial", ("年初预算",)),
    ("budget_full_year", ("调整后预算", "全年预算")),
    ("executed", ("预算执行数", "执行数", "实际支出")),
    ("exec_weight", ("权重", "分值")),
    ("exec_score", ("得分",)),
    ("reason", ("原因",)),
)
INDICATORS: Rules = (
    ("level1", ("一级指标",)),
    ("level2", ("二级指标",)),
    ("name", ("三级指标", "指标名称")),
    ("nature", ("指标性质",)),
    ("actual", ("实际完成", "完成值", "实际值", "完成情况")),
    ("unit", ("度量单位", "计量单位")),
    ("target", ("指标值", "预期目标", "目标值", "预期值", "计划值")),
    ("weight", ("分值", "权重")),
    ("score", ("得分",)),
    ("note", ("原因", "改进措施", "说明")),
)


@dataclass(frozen=True)
class Layout:
    """What differs between layout families: header words and how a target is printed."""

    name: str
    funds: Rules
    indicators: Rules = INDICATORS
    target: Callable[[dict[str, str]], tuple[str, str]] = lambda cells: (cells.get("target", ""),
                                                                          cells.get("actual", ""))


def _provincial_target(cells: dict[str, str]) -> tuple[str, str]:
    """指标性质 + 指标值 + 度量单位 as one target text; 完成值 with its unit."""
    unit = cells.get("unit", "")
    target = compose(cells.get("nature"), cells.get("target"), unit)
    actual = cells.get("actual", "")
    if unit and try_number(actual) is not None and "定性" not in cells.get("nature", ""):
        actual = f"{actual}{unit}"
    return target, actual


CITY = Layout("city", CITY_FUNDS)
AB = Layout("ab", AB_FUNDS)
PROVINCIAL = Layout("provincial", PROVINCIAL_FUNDS, target=_provincial_target)


def detect(rows: list[Row]) -> Layout:
    """The layout family of a form, from its header words (label cells only, not goal prose)."""
    cells = (compact(unicodedata.normalize("NFKC", c)) for r in rows for c in r)
    words = "".join(c for c in cells if len(c) <= LABEL_CHARS)
    if "指标性质" in words or "调整后预算" in words or "预算执行数" in words:
        return PROVINCIAL
    if "(A)" in words or "(B)" in words or "B/A" in words:
        return AB
    return CITY


def _funds_row(rows: list[Row], start: int, cols: dict[str, int]) -> int | None:
    """The funds line to read: the 年度资金总额 / 总额 line, else the first line with figures."""
    figures = [i for i in range(start, len(rows)) if any(has_figure(cell_at(rows[i], j)) for j in cols.values())]
    for i in figures:
        labels = [label_of(c) for c in rows[i]]
        if any(lab in _FUND_TOTALS or lab.endswith("资金总额") for lab in labels):
            return i
    return figures[0] if figures else None


def funds_header(form: Form, layout: Layout) -> int | None:
    """Index of the funds header row: it names an execution and a budget column."""
    for i, row in enumerate(form.rows):
        cols = map_columns(row, layout.funds)
        if "executed" in cols and ("budget_full_year" in cols or "budget_initial" in cols):
            return i
    return None


def read_funds(form: Form, layout: Layout) -> dict[str, Any] | None:
    """budget / execution / score figures of the funds block, or None when there is none."""
    head = funds_header(form, layout)
    if head is None:
        return None
    cols = map_columns(form.rows[head], layout.funds)
    columns = kind_columns(form, head, cols)  # 年初预算数 over 合计 | 财政拨款 | …: the 合计 column is the amount
    cols |= {key: named["total"][0] for key, named in columns.items() if "total" in named}
    i = _funds_row(form.rows, head + 1, cols)
    if i is None:
        return None
    row, page = form.rows[i], form.pages[i]
    project = OVERALL_PROJECT if form.overall else split_code(labelled(form.rows, _NAME_LABELS))[0]
    lines, failures = fund_columns(form, i, columns, project) if columns else \
        fund_lines(form, (head, i), cols, _FUND_TOTALS, project)
    if not columns and not lines and not failures:  # the lines printed in label cells (一般公共预算：627.19)
        lines, failures = label_lines(form, (head, i), cols, _FUND_TOTALS, project)
    out: dict[str, Any] = {"page": page, "lines": lines, "failures": failures}
    for key in ("budget_initial", "budget_full_year", "executed"):
        value = number(form, cell_at(row, cols.get(key)), key, page) if key not in lines else None
        out[key] = lines.pop(key) if key in lines else in_wan(value, form.factor) if value is not None else None
    # a blank 执行数 beside a printed budget is nothing spent; a blank budget is no budget of 0 (a 全年预算数 left
    # blank beside the 年初预算数 was not adjusted, not cut to nothing)
    if out["executed"] is None and "executed" in cols and (out["budget_full_year"] or out["budget_initial"]):
        out["executed"] = 0.0
    for key in ("exec_weight", "exec_score"):
        out[key] = number(form, cell_at(row, cols.get(key)), key, page, points=key == "exec_weight")
    if out["exec_weight"] is None and out["exec_score"] is not None:  # no 分值 column: 得分（10分）
        said = (_WEIGHT_IN.search(compact(clean(c))) for c in form.rows[head])
        out["exec_weight"] = next((float(m.group(1)) for m in said if m), None)
    pairs = label_pairs(form.rows[head + 1:], layout.funds)
    for key in ("exec_weight", "exec_score"):
        if out[key] is None and key in pairs:  # the execution scored on a line of its own: 分值 | 10 | 得分 | 9.6
            out[key] = number(form, pairs[key], key, page, points=key == "exec_weight")
    try:
        column = cols.get("exec_rate_reported")
        rate = rate_of(cell_at(row, column), cell_at(form.rows[head], column)) if clean(cell_at(row, column)) else \
            to_rate(clean(pairs.get("exec_rate_reported", "")).replace(" ", ""))
        out["exec_rate_reported"] = round(rate, 6) if rate is not None else None  # 0.3828, not 0.38280000000000003
    except AmbiguousCell as exc:
        form.warnings.append(f"{form.title}（第{page}页）执行率：{exc}")
        out["exec_rate_reported"] = None
    budget, executed = out["budget_full_year"], out["executed"]
    out["exec_rate"] = round(executed / budget, 4) if budget and executed is not None else None
    out["funds_end"] = i
    out["weighed"] = "exec_weight" in cols  # a 分值 column, even where the line leaves it blank
    return out


def indicator_header(rows: list[Row], start: int) -> tuple[int, Row] | None:
    """(index, column words) of the indicator header: the row naming 三级指标 (or 指标名称) and 分值 / 得分 — or, a
    header over two rows (绩效指标 over 一级 | 二级 | 三级指标, 分值 and 得分 merged down both), the 三级指标 row with
    the row above it joined column by column; or, a form scoring nothing, the row naming 三级指标, 指标值 and 完成值."""
    scored = ("得分", "分值")
    head = find_row(rows, lambda t: ("三级指标" in t or "指标名称" in t) and any(w in t for w in scored), start)
    if head is not None:
        return head, rows[head]
    head = find_row(rows, lambda t: "三级指标" in t or "指标名称" in t, start + 1)
    if head is None:
        return None
    if not any(w in compact(c) for c in rows[head - 1] for w in scored):
        # no score at all (the national 区域 form: 指标值 | 全年实际完成值 | 未完成原因): a target and an actual column
        words = "".join(compact(c) for c in rows[head])
        return (head, rows[head]) if "指标值" in words and "完成值" in words else None
    above = rows[head - 1]
    return head, [a if a == b else f"{a}{b}" for a, b in zip_longest(above, rows[head], fillvalue="")]


def read_indicators(form: Form, layout: Layout, start: int) -> tuple[list[dict[str, Any]], Total]:
    """(indicator dicts, what the total line prints) of the indicator block."""
    found = indicator_header(form.rows, start)
    if found is None:
        return [], Total()
    head, words = found
    cols = map_columns(words, layout.indicators)
    out: list[dict[str, Any]] = []
    level1 = level2 = ""
    for i in range(head + 1, len(form.rows)):
        row, page = form.rows[i], form.pages[i]
        if is_total(row):
            return out, read_total(form, row, cols, page)
        cells = {k: clean(cell_at(row, j)) for k, j in cols.items()}
        if cells.get("level1") and cells["level1"] != level1:
            level1, level2 = cells["level1"], ""
        if cells.get("level2"):
            level2 = cells["level2"]
        if not cells.get("name") or compact(cells["name"]) in ("三级指标", "指标名称"):
            continue  # a repeated header, or a blank line
        if _PLACEHOLDER.match(compact(cells["name"])) and not any(
                cells.get(k) for k in ("target", "actual", "weight", "score")):
            continue  # the template's unfilled 指标2 / …… line
        target, actual = layout.target(cells)
        parsed = parse_target(target)
        out.append({
            "page": page,
            "level1": _POINTS.sub("", level1) or None,
            "level2": level2 or None,
            "name": cells["name"],
            "target": target or None,
            "actual": actual or None,
            "target_value": parsed.value,
            "actual_value": parse_value(actual) if parsed.comparator != QUALITATIVE else None,
            "comparator": parsed.comparator,
            "weight": number(form, cells.get("weight", ""), f"{cells['name']} 分值", page, points=True),
            "score": number(form, cells.get("score", ""), f"{cells['name']} 得分", page),
            "note": cells.get("note") or None,
        })
    return out, Total()


_EXEC_INDICATOR = re.compile(r"(?:预算|资金)(?:支出)?执行(?:率|情况)")


def scored_as_indicator(funds: dict[str, Any], indicators: list[dict[str, Any]]) -> None:
    """A funds block with no 分值 / 得分 scores the execution as an indicator line (预算执行 | 预算执行率 | 100% |
    40% | 10 | 10): that line's weight and score are the execution's, and it leaves the indicators (the 总分 is
    the execution's score plus the indicators' scores, as on every other form). Its 分值 left blank: weighed by
    what the 总分 leaves (selfeval_total.weight_left)."""
    if funds["exec_weight"] is not None or funds["exec_score"] is not None:
        return
    for k, ind in enumerate(indicators):
        words = compact(f"{ind['level1'] or ''}{ind['level2'] or ''}{ind['name']}")
        if _EXEC_INDICATOR.search(words) and ind["weight"] != 0 and ind["score"] is not None:
            funds["exec_weight"], funds["exec_score"], funds["weighed"] = ind["weight"], ind["score"], True
            del indicators[k]
            return


def parse_form(form: Form, layout: Layout, doc: DocMeta, result: ParseResult) -> None:
    """One form → one projects row and its indicators rows."""
    head = funds_header(form, layout)
    top = form.rows[: head if head is not None else len(form.rows)]
    if form.overall:
        project, code = OVERALL_PROJECT, None
        unit = labelled(top, _UNIT_LABELS) or labelled(top, _IMPLEMENTER_LABELS)
    else:
        project, code = split_code(labelled(top, _NAME_LABELS))
        code = code or labelled(top, CODE_LABELS).replace(" ", "") or None
        unit = labelled(top, _IMPLEMENTER_LABELS)
    funds = read_funds(form, layout)
    if not project or funds is None:
        result.warnings.append(
            f"{form.title}（第{form.pages[0]}页）：未识别项目名称或资金行 / form not understood ({layout.name})")
        return
    indicators, closing = read_indicators(form, layout, funds["funds_end"] + 1)
    scored_as_indicator(funds, indicators)
    weight_left(funds, indicators, closing)
    total, grade = closing.score, closing.grade
    if total is None:
        total = total_anywhere(form)
    common = {"project": project, "project_code": code}
    result.add("projects", [{
        **doc.common(funds["page"]), **common,
        "implementing_unit": unit or None,
        **{k: funds[k] for k in ("budget_initial", "budget_full_year", "executed", "exec_rate_reported", "exec_rate",
                                 "exec_weight", "exec_score")},
        "total_score": total,
        "grade": grade or printed_grade(form.rows),
        **funds["lines"],
    }])
    result.add("indicators", [{**doc.common(ind.pop("page")), **common, **ind} for ind in indicators])
    if not indicators:
        form.warnings.append(f"{form.title}（第{form.pages[0]}页）{project}：未识别绩效指标 / no indicators read")
    result.warnings.extend(form.warnings)
    result.failures.extend(funds["failures"])


def split_forms(form: Form) -> list[Form]:
    """One Form per project: a 项目名称 row after a funds block starts the next project's form.

    Forms printed one under another in one ruled table, or on a page without a title of
    their own, reach the parser as one table.
    """
    starts = [0]
    seen_funds = False
    for i, row in enumerate(form.rows):
        first = next((label_of(c) for c in row if clean(c)), "")
        if (first in _NAME_LABELS or fused(first, _NAME_LABELS)) and seen_funds and i > starts[-1]:
            starts.append(i)
            seen_funds = False
        elif first in _FUND_TOTALS or first.endswith("资金总额") or "项目资金" in first:
            seen_funds = True
    if form.overall or len(starts) == 1:
        return [form]
    bounds = starts + [len(form.rows)]
    units = [funds_unit(form.rows[a:b], form.unit) for a, b in pairwise(bounds)]
    return [Form(form.rows[a:b], form.pages[a:b], form.title, form.overall, factor=UNIT_FACTORS.get(unit, 1.0),
                 unit=unit) for (a, b), unit in zip(pairwise(bounds), units, strict=True)]


def parse(table: RawTable, doc: DocMeta, result: ParseResult) -> None:
    """Any self-evaluation form: pick the layout's parser from the header words, one form per project."""
    layout = detect(table.header + table.rows)
    forms = [bare_amounts(f) for f in split_forms(drop_repeated_head(form_of(table), _HEAD_LABELS))]
    if len({f.unit for f in forms}) == 1:  # the readings judge the table's figures in the unit its forms print
        table.unit = forms[0].unit
    for form in forms:
        parse_form(form, layout, doc, result)
