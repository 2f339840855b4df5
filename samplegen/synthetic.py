"""A synthetic corpus of 部门决算 PDFs for the demo lake: several provinces, cities, agencies and years.

Every document is rendered in the city layout of seed 000 (style a): the nine 公开01–09
tables, a short narrative with the 三公 sentence, and a few 项目支出绩效自评表. The
figures are invented but consistent (lines add up to their 款, 类 and 合计; 三公 in the
09 table matches the economic lines), except for a few planted anomalies the rules
should find:

- a project executed at 0% that still scores full points (full_score_low_execution);
- a printed 执行率 of 100% for a half-spent project (exec_rate_misreported);
- 三公 actual up by more than 20% on the year before (sangong_yoy_increase);
- a 支出决算表 合计 that is not the sum of its lines (totals_mismatch);
- 三公 actual above budget (sangong_over_budget);
- from PEER_N documents on (and up to 48), a peer group for `peer_outlier`: PEER_CITIES add five
  教育局 of 湖南省 in the plan's last year to 株洲市教育局, six 局 of one province and year
  (`fiscal.rules.across.agency_type`); the first of PEER_CITIES (岳阳市教育局) has its 三公 budget and
  actual multiplied by PEER_FACTOR, far above its peers per staff member (sangong_per_staff).

Every 概况 states the staff counts (本部门编制人数 N 人，实有人数 M 人), about one person per
20 万元 of personnel spending, so 人均“三公”经费 can be computed.

Each cover says 示例数据 and the PDF title starts with it; ingest them with --synthetic.
`python -m samplegen --synthetic N --out DIR` writes N documents.
"""

from __future__ import annotations

from pathlib import Path

from .chenzhou import SPECS
from .layout import Block, Cover, Grid, Heading, Para, Part, Span, TableBlock, infer_header_spans
from .perf import project_table
from .synthetic_plan import (
    BASE_N,
    CLASS_NAME,
    CLASSES,
    ECON_CAPITAL,
    ECON_PERSONNEL,
    ECON_PUBLIC,
    MARK,
    NUMERALS,
    PEER_N,
    SECTIONS,
    DocSpec,
    Figures,
    figures,
    peer_group,
    plan,
)

# the corpus as callers know it: the plan's names (synthetic_plan) and the printing (here)
__all__ = ["BASE_N", "PEER_N", "DocSpec", "build", "figures", "peer_group", "plan", "write"]


def _f(x: float | None) -> str:
    """An amount as printed in the tables: thousands separators, 2 decimals, blank for zero."""
    if x is None or abs(x) < 0.005:
        return ""
    return f"{x:,.2f}"


def _grid(code: str, rows: list[list[str]]) -> Grid:
    """A 公开0X表 grid with the seed's header merges and column widths."""
    spec = SPECS[code]
    spans = infer_header_spans(rows, spec["merge"])
    if spec["lanci"]:
        spans.append(Span(spec["header"] - 1, 0, 1, 2, "header"))
    return Grid(rows, spec["widths"], spec["header"], spans, plain_header_rows=frozenset({spec["header"] - 1}))


def _notes(what: str) -> list[str]:
    return [f"注：1. 本表反映部门本年度{what}。", "2. 表格中单元格空白表示数据为零。"]


def _by_class(fig: Figures) -> dict[str, tuple[float, float]]:
    """类 code → (basic, project)."""
    out: dict[str, tuple[float, float]] = {}
    for code, (b, p) in fig.lines.items():
        cb, cp = out.get(code[:3], (0.0, 0.0))
        out[code[:3]] = (round(cb + b, 2), round(cp + p, 2))
    return out


def _tree_rows(fig: Figures) -> list[tuple[str, str, float, float]]:
    """(code, name, basic, project) for 类, 款 and 项 lines in code order."""
    rows = []
    by_section: dict[str, tuple[float, float]] = {}
    for code, (b, p) in fig.lines.items():
        sb, sp = by_section.get(code[:5], (0.0, 0.0))
        by_section[code[:5]] = (round(sb + b, 2), round(sp + p, 2))
    classes = _by_class(fig)
    for cls in sorted(classes):
        rows.append((cls, CLASS_NAME[cls], *classes[cls]))
        for sec in sorted(s for s in by_section if s.startswith(cls)):
            rows.append((sec, SECTIONS[sec], *by_section[sec]))
            for code in sorted(c for c in fig.lines if c.startswith(sec)):
                rows.append((code, fig.names[code], *fig.lines[code]))
    return rows


def table01(spec: DocSpec, fig: Figures) -> TableBlock:
    """公开01表 收入支出决算总表."""
    income = ["一、一般公共预算财政拨款收入", "二、政府性基金预算财政拨款收入", "三、国有资本经营预算财政拨款收入",
              "四、上级补助收入", "五、事业收入", "六、经营收入", "七、附属单位上缴收入", "八、其他收入"]
    classes = _by_class(fig)
    total = fig.total()
    rows = [["收入", "", "", "支出", "", ""], ["项目", "行次", "金额", "项目", "行次", "金额"],
            ["栏次", "", "1", "栏次", "", "2"]]
    for i in range(26):
        left = income[i] if i < len(income) else ""
        amount = _f(total) if i == 0 else ""
        name, code = CLASSES[i]
        label = f"{_cn(i + 1)}、{name}"
        value = sum(classes.get(code, (0.0, 0.0)))
        rows.append([left, str(i + 1), amount, label, str(32 + i), _f(value)])
    rows += [["本年收入合计", "27", _f(total), "本年支出合计", "58", _f(total)],
             ["使用非财政拨款结余", "28", "", "结余分配", "59", ""],
             ["年初结转和结余", "29", "", "年末结转和结余", "60", ""],
             ["", "30", "", "", "61", ""],
             ["总计", "31", _f(total), "总计", "62", _f(total)]]
    return TableBlock("收入支出决算总表", _grid("公开01表", rows), "公开01表", spec.agency, "万元",
                      _notes("的总收支和年末结转结余情况"), [27])


def _cn(n: int) -> str:
    """1 → 一, 12 → 十二, 26 → 二十六."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


def table02(spec: DocSpec, fig: Figures) -> TableBlock:
    """公开02表 收入决算表 (all income is 财政拨款)."""
    rows = [["项目", "", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
            ["功能分类科目编码", "科目名称", "", "", "", "", "", "", ""],
            ["栏次", "", "1", "2", "3", "4", "5", "6", "7"],
            ["", "合计", _f(fig.total()), _f(fig.total()), "", "", "", "", ""]]
    for code, name, b, p in _tree_rows(fig):
        rows.append([code, name, _f(b + p), _f(b + p), "", "", "", "", ""])
    return TableBlock("收入决算表", _grid("公开02表", rows), "公开02表", spec.agency, "万元", _notes("取得的各项收入情况"))


def table03(spec: DocSpec, fig: Figures) -> TableBlock:
    """公开03表 支出决算表 (the planted total mismatch goes into its 合计)."""
    rows = [["项目", "", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
            ["功能分类科目编码", "科目名称", "", "", "", "", "", ""],
            ["栏次", "", "1", "2", "3", "4", "5", "6"],
            ["", "合计", _f(fig.total() + fig.total_offset), _f(fig.basic()), _f(fig.project()), "", "", ""]]
    for code, name, b, p in _tree_rows(fig):
        rows.append([code, name, _f(b + p), _f(b), _f(p), "", "", ""])
    return TableBlock("支出决算表", _grid("公开03表", rows), "公开03表", spec.agency, "万元", _notes("各项支出情况"))


def table04(spec: DocSpec, fig: Figures) -> TableBlock:
    """公开04表 财政拨款收入支出决算总表."""
    classes = _by_class(fig)
    total = fig.total()
    rows = [["收入", "", "", "支出", "", "", "", "", ""],
            ["项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
            ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"]]
    left = ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款"]
    for i in range(26):
        name, code = CLASSES[i]
        value = _f(sum(classes.get(code, (0.0, 0.0))))
        rows.append([left[i] if i < 3 else "", str(i + 1), _f(total) if i == 0 else "", f"{_cn(i + 1)}、{name}",
                     str(33 + i), value, value, "", ""])
    rows += [["本年收入合计", "27", _f(total), "本年支出合计", "59", _f(total), _f(total), "", ""],
             ["年初财政拨款结转和结余", "28", "", "年末财政拨款结转和结余", "60", "", "", "", ""],
             ["一般公共预算财政拨款", "29", "", "", "61", "", "", "", ""],
             ["政府性基金预算财政拨款", "30", "", "", "62", "", "", "", ""],
             ["国有资本经营预算财政拨款", "31", "", "", "63", "", "", "", ""],
             ["总计", "32", _f(total), "总计", "64", _f(total), _f(total), "", ""]]
    return TableBlock("财政拨款收入支出决算总表", _grid("公开04表", rows), "公开04表", spec.agency, "万元",
                      _notes("一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况"),
                      [27])


def table05(spec: DocSpec, fig: Figures) -> TableBlock:
    """公开05表 一般公共预算财政拨款支出决算表."""
    rows = [["项目", "", "本年支出", "", ""], ["功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出"],
            ["栏次", "", "1", "2", "3"], ["", "合计", _f(fig.total()), _f(fig.basic()), _f(fig.project())]]
    for code, name, b, p in _tree_rows(fig):
        rows.append([code, name, _f(b + p), _f(b), _f(p)])
    return TableBlock("一般公共预算财政拨款支出决算表", _grid("公开05表", rows), "公开05表", spec.agency, "万元",
                      _notes("一般公共预算财政拨款支出情况"))


def table06(spec: DocSpec, fig: Figures) -> TableBlock:
    """公开06表 一般公共预算财政拨款基本支出决算表: 人员经费 | 公用经费 (two blocks)."""
    pers = dict(fig.personnel)
    pers["301"] = round(sum(v for k, v in pers.items() if k.startswith("301")), 2)
    pers["303"] = round(sum(v for k, v in pers.items() if k.startswith("303") and len(k) == 5), 2)
    pub = dict(fig.public)
    pub["302"] = round(sum(v for k, v in pub.items() if k.startswith("302")), 2)
    rows = [["人员经费", "", "", "公用经费", "", "", "", "", ""],
            ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"]]
    n = max(len(ECON_PERSONNEL), len(ECON_PUBLIC), len(ECON_CAPITAL))
    for i in range(n):
        row: list[str] = []
        for block, values in ((ECON_PERSONNEL, pers), (ECON_PUBLIC, pub), (ECON_CAPITAL, {})):
            if i < len(block):
                code, name = block[i]
                row += [code, name, _f(values.get(code))]
            else:
                row += ["", "", ""]
        rows.append(row)
    rows.append(["", "人员经费合计", _f(pers["301"] + pers["303"]), "", "", "", "", "公用经费合计", _f(pub["302"])])
    return TableBlock("一般公共预算财政拨款基本支出决算表", _grid("公开06表", rows), "公开06表", spec.agency, "万元",
                      _notes("一般公共预算财政拨款基本支出明细情况"), [27])


def table07(spec: DocSpec) -> TableBlock:
    """公开07表, empty with its 空表说明."""
    rows = [["项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
            ["功能分类科目编码", "科目名称", "", "", "小计", "基本支出", "项目支出", ""],
            ["栏次", "", "1", "2", "3", "4", "5", "6"], ["合计", "", "", "", "", "", "", ""]]
    notes = _notes("政府性基金预算财政拨款收入、支出及结转和结余情况") + [f"3. 本单位{spec.year}年度无政府性基金预算财政拨款收支。"]
    return TableBlock("政府性基金预算财政拨款收入支出决算表", _grid("公开07表", rows), "公开07表", spec.agency, "万元", notes)


def table08(spec: DocSpec) -> TableBlock:
    """公开08表, empty with its 空表说明."""
    rows = [["项目", "", "本年支出", "", ""], ["功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["栏次", "", "1", "2", "3"], ["合计", "", "", "", ""]]
    notes = _notes("国有资本经营预算财政拨款支出情况") + [f"3. 本单位{spec.year}年度无国有资本经营预算财政拨款收支。"]
    return TableBlock("国有资本经营预算财政拨款支出决算表", _grid("公开08表", rows), "公开08表", spec.agency, "万元", notes)


def _sangong_cells(v: dict[str, float]) -> list[str]:
    vehicle = round(v["vehicle_purchase"] + v["vehicle_operation"], 2)
    total = round(v["overseas"] + vehicle + v["reception"], 2)
    return [_f(total), _f(v["overseas"]), _f(vehicle), _f(v["vehicle_purchase"]), _f(v["vehicle_operation"]),
            _f(v["reception"])]


def table09(spec: DocSpec, fig: Figures) -> TableBlock:
    """公开09表 财政拨款“三公”经费支出决算表."""
    rows = [["预算数", "", "", "", "", "", "决算数", "", "", "", "", ""],
            ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费", "合计", "因公出国（境）费",
             "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "小计", "公务用车购置费", "公务用车运行费", "", "", "", "小计", "公务用车购置费", "公务用车运行费", ""],
            [str(i) for i in range(1, 13)],
            _sangong_cells(fig.sangong_budget) + _sangong_cells(fig.sangong_actual)]
    notes = ["注：1. 本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的"
             "预算数；决算数是包括财政拨款和以前年度结转资金安排的实际支出。", "2. 表格中单元格空白表示数据为零。"]
    return TableBlock("财政拨款“三公”经费支出决算表", _grid("公开09表", rows), "公开09表", spec.agency, "万元", notes)


# ---------------------------------------------------------------- document


def _narrative(spec: DocSpec, fig: Figures) -> list[Block]:
    """The 情况说明 paragraphs, with the figures of the tables."""
    total = fig.total()
    actual = round(sum(fig.sangong_actual.values()), 2)
    budget = round(sum(fig.sangong_budget.values()), 2)
    sentence = f"{spec.year}年度“三公”经费财政拨款支出决算为{actual:,.2f}万元，完成预算的{actual / budget * 100:.2f}%"
    if fig.sangong_prev_actual:
        change = actual / fig.sangong_prev_actual - 1
        word = "增长" if change >= 0 else "下降"
        sentence += f"，较上年{word}{abs(change) * 100:.2f}%"
    sentence += "。"
    return [
        Part("第三部分", f"{spec.year}年度部门决算情况说明"),
        Heading("一、收入支出决算总体情况说明"),
        Para(f"{spec.year}年度收、支总计{total:,.2f}万元。本年收入合计{total:,.2f}万元，全部为一般公共预算财政拨款收入；"
             f"本年支出合计{total:,.2f}万元，其中基本支出{fig.basic():,.2f}万元，项目支出{fig.project():,.2f}万元。"),
        Heading("二、“三公”经费支出决算情况说明"),
        Para(sentence + f"其中：因公出国（境）费{fig.sangong_actual['overseas']:,.2f}万元；公务用车购置及运行维护费"
             f"{fig.sangong_actual['vehicle_purchase'] + fig.sangong_actual['vehicle_operation']:,.2f}万元；"
             f"公务接待费{fig.sangong_actual['reception']:,.2f}万元。"),
    ]


def blocks(spec: DocSpec) -> list[Block]:
    """The whole synthetic document."""
    fig = figures(spec)
    out: list[Block] = [Cover([f"{spec.year}年度", f"{spec.agency}部门决算", f"（{MARK}）"])]
    out += [Part("第一部分", f"{spec.agency}概况"),
            Para(f"本文件为程序生成的{MARK}，用于演示预算公开数据看板，数字均为虚构。{spec.agency}是{spec.city}人民政府工作部门，"
                 f"本部门决算为部门汇总口径，包括局机关本级。本部门编制人数{fig.staff[0]}人，实有人数{fig.staff[1]}人。", True)]
    out += [Part("第二部分", "部门决算表"), table01(spec, fig), table02(spec, fig), table03(spec, fig),
            table04(spec, fig), table05(spec, fig), table06(spec, fig), table07(spec), table08(spec), table09(spec, fig)]
    out += _narrative(spec, fig)
    out += [Part("第四部分", "附 件")] + [project_table(form) for form in fig.projects]
    return out


def write(spec: DocSpec, out_dir: Path) -> Path:
    """Render one document into out_dir; returns its path."""
    from .layout import Renderer
    from .styles import STYLE_A

    path = out_dir / f"{spec.stem}.pdf"
    title = f"{MARK}：{spec.agency}{spec.year}年度部门决算"
    Renderer.write(path, STYLE_A, title, blocks(spec), spec.agency)
    return path


def build(n: int, out_dir: Path, verbose: bool = False) -> list[Path]:
    """Write the first n documents of the synthetic corpus into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for spec in plan(n):
        path = write(spec, out_dir)
        paths.append(path)
        if verbose:
            marks = f" [{', '.join(sorted(spec.anomalies))}]" if spec.anomalies else ""
            print(f"{path}: {spec.agency} {spec.year}{marks}")
    return paths
