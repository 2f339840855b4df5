"""Performance self-evaluation attachments of seed 000, parsed into forms and laid out as grids."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .forms import indicator_block
from .layout import Grid, Span, TableBlock
from .seeds import squeeze, strip_html

NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
LEVEL1 = re.compile(r"^(成本|产出|效益|满意度)指标\s*[（(]\s*(\d+)\s*分\s*[)）]$")

# grid columns of both 自评表 forms
PERF_WIDTHS = [7.5, 9.5, 10.5, 16.5, 12, 11.5, 5.8, 7.2, 14]  # narrow 执行率 column: "94.58\n%" wraps as in print
FUND_LABELS = ("年度资金总额", "当年财政拨款", "上年结转资金", "其他资金")


@dataclass
class Indicator:
    """One row of the 绩效指标 block."""

    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: str
    score: str
    note: str = ""


@dataclass
class EvalForm:
    """A 项目支出 or 部门整体支出 绩效自评表."""

    caption: str
    title: str
    name: str
    dept: str = ""  # 主管部门 (project forms)
    unit: str = ""  # 实施单位 (project forms)
    funds: list[list[str]] = field(default_factory=list)  # label + 6 values, per funds row
    split: list[tuple[str, str]] = field(default_factory=list)  # 整体: (收入性质 cell, 支出性质 cell)
    goal: str = ""
    achieved: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    total: tuple[str, str] = ("", "")


def _cells(line: str) -> list[str]:
    """Non-empty, squeezed cells of a tab line."""
    return [squeeze(strip_html(c)) for c in line.split("\t") if c.strip()]


def _indicator_rows(lines: list[str]) -> list[Indicator]:
    """Indicator rows from misaligned tab lines, read from the right.

    Each row ends with 指标值, 实际完成值, 分值, 得分 and an optional note; what
    comes before the indicator name are 一级/二级 labels, which the original
    printed once per merged block (often mid-block, so the level-1 blocks are
    re-assigned from the points in their labels).
    """
    raw: list[tuple[list[str], Indicator]] = []
    for line in lines:
        toks = [t for t in _cells(line) if t != "绩效指标"]
        if not toks:
            continue
        note = ""
        if len(toks) >= 3 and not NUMBER.match(toks[-1]) and NUMBER.match(toks[-2]) and NUMBER.match(toks[-3]):
            note = toks.pop()
        if len(toks) >= 2 and NUMBER.match(toks[-1]) and NUMBER.match(toks[-2]):
            score, weight = toks.pop(), toks.pop()
        else:
            score = weight = ""
        actual, target, name = toks.pop(), toks.pop(), toks.pop()
        raw.append((toks, Indicator("", "", name, target, actual, weight, score, note)))
    # level-1 blocks: by points when every weight is known, else from where the label is printed
    labels: list[str] = []
    for lead, _ in raw:
        for t in lead:
            if LEVEL1.match(t) and (not labels or _key(labels[-1]) != _key(t)):
                labels.append(t)
    weights_known = all(ind.weight for _, ind in raw)
    if weights_known and labels:
        quota = [(lab, float(LEVEL1.match(lab).group(2))) for lab in labels]
        k, acc = 0, 0.0
        for _, ind in raw:
            ind.level1 = quota[min(k, len(quota) - 1)][0]
            acc += float(ind.weight)
            if k < len(quota) and acc >= quota[k][1] - 1e-6:
                k, acc = k + 1, 0.0
    else:
        current = labels[0] if labels else ""
        for lead, ind in raw:
            found = next((t for t in lead if LEVEL1.match(t)), None)
            if found and _key(found) != _key(current):
                current = found
            ind.level1 = current
    # level-2: a label starts its block within its level-1 block; rows before it take it too
    for i, (lead, ind) in enumerate(raw):
        l2 = [t for t in lead if not LEVEL1.match(t)]
        if l2:
            ind.level2 = l2[-1]
        elif i and raw[i - 1][1].level1 == ind.level1:
            ind.level2 = raw[i - 1][1].level2
    for i in range(len(raw) - 1, 0, -1):
        prev, ind = raw[i - 1][1], raw[i][1]
        if not prev.level2 and prev.level1 == ind.level1:
            prev.level2 = ind.level2
    return [ind for _, ind in raw]


def _key(label: str) -> str:
    """A label without its spaces, for comparing repeated labels."""
    return re.sub(r"\s", "", label)


def _funds(lines: list[str]) -> list[list[str]]:
    """The 年度资金总额 / 当年财政拨款 / 上年结转资金 / 其他资金 rows (label + 6 values)."""
    out = []
    for label in FUND_LABELS:
        line = next((s for s in lines if label in s), "")
        toks = _cells(line)
        lab = next((t for t in toks if label in t), label)
        vals = toks[toks.index(lab) + 1 :] if lab in toks else []
        out.append([lab] + (vals + [""] * 6)[:6])
    return out


def _goals(lines: list[str]) -> tuple[str, str]:
    """预期目标 and 实际完成情况 texts: the line after the one naming them."""
    i = next(i for i, s in enumerate(lines) if "预期目标" in s)
    toks = [strip_html(c).strip() for c in lines[i + 1].split("\t") if c.strip()]
    return toks[0], (toks[1] if len(toks) > 1 else "")


def _indicator_block(lines: list[str]) -> tuple[list[Indicator], tuple[str, str]]:
    """Indicator rows between the 一级指标 header and 总分, and the 总分 figures."""
    start = next(i for i, s in enumerate(lines) if "一级指标" in squeeze(s) and "三级指标" in s)
    end = next(i for i, s in enumerate(lines) if s.startswith("总分") or s.startswith("总 分"))
    total = [t for t in _cells(lines[end]) if NUMBER.match(t)]
    return _indicator_rows(lines[start + 1 : end]), (total[0], total[1])


def _bodies(lines: list[str], start: int, end: int, title: str) -> list[list[str]]:
    """The lines of each form of seed lines start..end, after its title line."""
    seg = lines[start - 1 : end]
    heads = [i for i, s in enumerate(seg) if s.strip() == title]
    return [seg[h + 1 : heads[n + 1] if n + 1 < len(heads) else len(seg)] for n, h in enumerate(heads)]


def project_forms(lines: list[str], start: int, end: int) -> list[EvalForm]:
    """The 项目支出绩效自评表 forms of seed lines start..end."""
    forms = []
    for n, body in enumerate(_bodies(lines, start, end, "2022 年度项目支出绩效自评表")):
        name = _cells(next(s for s in body if s.startswith("项目支出名称")))[1]
        mgmt = _cells(next(s for s in body if s.startswith("主管部门")))
        goal, achieved = _goals(body)
        inds, total = _indicator_block(body)
        forms.append(
            EvalForm(
                caption=f"附件 4-{n + 1}",
                title="2022 年度项目支出绩效自评表",
                name=name,
                dept=mgmt[1],
                unit=mgmt[3] if len(mgmt) > 3 else "",
                funds=_funds(body),
                goal=goal,
                achieved=achieved,
                indicators=inds,
                total=total,
            )
        )
    return forms


def department_forms(lines: list[str], start: int, end: int) -> list[EvalForm]:
    """The two 部门整体支出绩效自评表 forms (附件 2-1, 2-2)."""
    forms = []
    for n, body in enumerate(_bodies(lines, start, end, "2022 年度部门整体支出绩效自评表")):
        body = [s for s in body if not s.startswith("附件")]
        name = _cells(next(s for s in body if "部门名称" in s))[1]
        total_row = _cells(next(s for s in body if "年度资金总额" in s))
        i = next(i for i, s in enumerate(body) if "按收入性质分" in s)
        split = []
        for s in body[i : i + 5]:
            toks = _cells(s)
            split.append((toks[0] if toks else "", toks[1] if len(toks) > 1 else ""))
        goal, achieved = _goals(body)
        inds, total = _indicator_block(body)
        forms.append(
            EvalForm(
                caption=f"附件 2-{n + 1}",
                title="2022 年度部门整体支出绩效自评表",
                name=name,
                funds=[total_row],
                split=split,
                goal=goal,
                achieved=achieved,
                indicators=inds,
                total=total,
            )
        )
    return forms


def _indicator_grid(rows: list[list[str]], spans: list[Span], form: EvalForm) -> None:
    """Append the 绩效指标 block and 总分 row, merging equal consecutive labels."""
    indicator_block(rows, spans,
                    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
                    [["", i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score, i.note] for i in form.indicators],
                    ["总分", "", "", "", "", "", form.total[0], form.total[1], ""], 6, label_column=True, kind="label")


def _goal_rows(rows: list[list[str]], spans: list[Span], form: EvalForm) -> None:
    """Append the 年度总体目标 rows."""
    r = len(rows)
    rows.append(["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", "", ""])
    rows.append(["", form.goal, "", "", form.achieved, "", "", "", ""])
    spans += [Span(r, 0, 2, 1), Span(r, 1, 1, 3), Span(r, 4, 1, 5), Span(r + 1, 1, 1, 3), Span(r + 1, 4, 1, 5)]


def project_table(form: EvalForm) -> TableBlock:
    """The grid of a 项目支出绩效自评表."""
    rows = [
        ["项目支出名称", form.name, "", "", "", "", "", "", ""],
        ["主管部门", form.dept, "", "", "实施单位", form.unit, "", "", ""],
        ["项目资金\n（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
    ]
    spans = [Span(0, 1, 1, 8), Span(1, 1, 1, 3), Span(1, 5, 1, 4), Span(2, 0, 5, 1), Span(2, 7, 1, 2)]
    for f in form.funds:
        spans.append(Span(len(rows), 7, 1, 2))
        rows.append([""] + f + [""])
    _goal_rows(rows, spans, form)
    _indicator_grid(rows, spans, form)
    return _perf_block(form, rows, spans, {8})


def department_table(form: EvalForm) -> TableBlock:
    """The grid of a 部门整体支出绩效自评表."""
    rows = [
        ["市级预算\n部门名称", form.name, "", "", "", "", "", "", ""],
        ["年度预算\n申请\n（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
        [""] + form.funds[0] + [""],
    ]
    spans = [Span(0, 1, 1, 8), Span(1, 0, 2 + len(form.split), 1), Span(1, 7, 1, 2), Span(2, 7, 1, 2)]
    for left, right in form.split:
        spans += [Span(len(rows), 1, 1, 3), Span(len(rows), 4, 1, 5)]
        rows.append(["", left, "", "", right, "", "", "", ""])
    _goal_rows(rows, spans, form)
    _indicator_grid(rows, spans, form)
    return _perf_block(form, rows, spans, {3, 4, 5, 6, 7, 9})


def _perf_block(form: EvalForm, rows: list[list[str]], spans: list[Span], left_rows: set[int]) -> TableBlock:
    """Wrap a form grid into a titled block: the upper form centered except its text rows."""
    align = ["c", "c", "c", "l", "c", "c", "c", "c", "l"]
    grid = Grid(rows, PERF_WIDTHS, 0, spans, align)
    form_end = next(r for r, row in enumerate(rows) if row[0] == "绩效指标")
    for r in range(form_end + 1):
        for c in range(9):
            grid.align_at[(r, c)] = "l" if r in left_rows and c else "c"
    return TableBlock(form.title, grid, caption=form.caption, dept=None, unit=None)


def report_tables(lines: list[str], start: int, end: int) -> list[TableBlock]:
    """The 项目支出绩效自评报告 forms: three label groups of label/value rows."""
    groups = {"部门概况": 4, "绩效情况": 2, "存在的问题分析及改进措施": 3}
    seg = lines[start - 1 : end]
    heads = [i for i, s in enumerate(seg) if s.strip() == "2022 年度项目支出绩效自评报告"]
    out = []
    for n, h in enumerate(heads):
        body = [s for s in seg[h + 1 : heads[n + 1] if n + 1 < len(heads) else len(seg)] if "\t" in s]
        rows: list[list[str]] = []
        for s in body:
            cells = [c for c in s.split("\t") if c.strip()]
            if squeeze(cells[0]) in groups:
                cells = cells[1:]
            label = squeeze(cells[0])
            value = strip_html(cells[1]).strip() if len(cells) > 1 else ""
            rows.append(["", label, value])
        spans, r = [], 0
        for name, count in groups.items():
            rows[r][0] = name
            spans.append(Span(r, 0, count, 1, "label"))
            r += count
        grid = Grid(rows, [12, 17, 71], 0, spans, ["c", "c", "l"])
        out.append(TableBlock("2022 年度项目支出绩效自评报告", grid, caption=f"附件 3-{n + 1}", dept=None, unit=None))
    return out


def basic_data_table(lines: list[str], start: int, end: int) -> TableBlock:
    """附件 1: 部门整体支出绩效评价基础数据表 (staff, cost control, buildings, thrift)."""
    seg = [s for s in lines[start - 1 : end] if "\t" in s]
    staff_head, staff_vals = _cells(seg[0]), [c.strip() for c in seg[1].split("\t")]
    rows = [
        [staff_head[0], staff_head[1], "", staff_head[2], "", staff_head[3], ""],
        # the seed's row lost its alignment; 57 is the 编制数 (16 + 41) and 45 the staff in post
        ["", staff_vals[2], "", staff_vals[3], "", "", ""],
    ]
    spans = [Span(0, 0, 2, 1)] + [Span(r, c, 1, 2) for r in (0, 1) for c in (1, 3, 5)]
    build = next(i for i, s in enumerate(seg) if s.startswith("楼堂馆所"))
    for s in seg[2:build]:
        cells = [c.strip() for c in s.split("\t")]
        label, vals = squeeze(cells[0]), (cells[1:4] + ["", "", ""])[:3]
        spans += [Span(len(rows), c, 1, 2) for c in (1, 3, 5)]
        rows.append([label, vals[0], "", vals[1], "", vals[2], ""])
    head = [squeeze(c).replace("m ²", "m²") for c in seg[build].split("\t")]
    vals = [c.strip() for c in seg[build + 1].split("\t")]
    spans.append(Span(len(rows), 0, 2, 1))
    rows.append(head[:7])
    rows.append(vals[:7])
    thrift = seg[build + 2].split("\t")
    spans.append(Span(len(rows), 1, 1, 6))
    rows.append([thrift[0].strip(), strip_html(thrift[1]), "", "", "", "", ""])
    grid = Grid(rows, [26, 11, 11, 12, 12, 12, 14], 0, spans, ["l", "c", "c", "c", "c", "c", "c"])
    grid.align_at[(len(rows) - 1, 1)] = "l"
    return TableBlock("2022 年度部门整体支出绩效评价基础数据表", grid, caption="附件 1", dept=None, unit=None)
