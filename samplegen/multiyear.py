"""A small multi-year corpus for the cross-year tests: one city, three agencies, 2022–2024.

Nine 部门决算 (示例数据, the city layout of synthetic.py, each with its 项目支出绩效自评表)
for 株洲市 (430200), built so that linking across years has something to find:

- 株洲市卫生局 (2022, 2023) is renamed 株洲市卫生健康委员会 in 2024 (same body: its
  figures continue, because the random figures are seeded by a stable key, not the name);
- 株洲市交通运输局's first project prints a project code before its name in every year
  (43020022T000000000101-…, read into projects.project_code) while the name drifts:
  2022年农村公路养护专项资金 → 2023年农村公路养护专项资金 → 农村公路养护资金;
- 株洲市教育局's second project changes its name slightly in 2024: 义务教育薄弱环节改善资金
  (2022, 2023) → 义务教育薄弱环节改造专项资金 (a changed character and an added 专项: linked
  by similarity, not by equality).

Each document has 2 + year % 2 project forms (two in 2022 and 2024, three in 2023), so the
third project of each agency (教师培训经费, 卫生健康信息化建设经费, 交通运输执法装备经费)
appears in 2023 only.

One 部门预算 as well, 株洲市教育局 2024 (the budget layout of samplegen/dazhou.py, four of
its tables: 部门收支总表, 部门支出总表, 一般公共预算支出预算表, “三公”经费支出预算表), for
the budget ↔ final reconciliation: its 三公 figures equal the 预算数 of the 2024 决算's
公开09表, its 项 lines are the 决算's lines × 0.96 (a budget is planned before the year's
adjustments). The other budget tables are not printed (missing_tables fires on it).

`python -m samplegen.multiyear DIR` writes the ten PDFs into DIR.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from hashlib import sha1
from pathlib import Path

from .dazhou import _code_header, _sangong_header
from .layout import Block, Cover, Grid, Para, Part, TableBlock, infer_header_spans
from .synthetic import _cn, _f, write
from .synthetic_plan import AGENCY_TYPES, CLASSES, MARK, AgencyType, DocSpec, figures

REGION = ("430200", "湖南省", "株洲市")
YEARS = (2022, 2023, 2024)
ROAD_CODE = "43020022T000000000101"

_EDU, _HEALTH, _ROADS = AGENCY_TYPES[0], AGENCY_TYPES[1], AGENCY_TYPES[2]


@dataclass(frozen=True)
class MultiYearSpec(DocSpec):
    """A DocSpec whose random figures follow a stable key, so a renamed agency keeps its numbers."""

    key: str = ""

    def rng(self, salt: str = "") -> random.Random:
        """A random generator fixed by the stable key (and salt), not by the printed name."""
        seed = sha1(f"{self.region_code}{self.key}{salt}".encode()).hexdigest()[:12]
        return random.Random(int(seed, 16))


def _with(base: AgencyType, name: str, projects: list[tuple[str, str, str]]) -> AgencyType:
    """base with another name and project list."""
    return AgencyType(name, base.lines, projects, base.scale)


def _education(year: int) -> AgencyType:
    """教育局: the second project is renamed slightly in 2024 (改善 → 改造, 专项 added)."""
    projects = list(_EDU.projects)
    if year == 2024:
        _, indicator, target = projects[1]
        projects[1] = ("义务教育薄弱环节改造专项资金", indicator, target)
    return _with(_EDU, _EDU.name, projects)


def _health(year: int) -> AgencyType:
    """卫生局, renamed 卫生健康委员会 in 2024; projects unchanged."""
    return _with(_HEALTH, "卫生局" if year < 2024 else "卫生健康委员会", list(_HEALTH.projects))


def _roads(year: int) -> AgencyType:
    """交通运输局: the first project carries a project code while its name drifts."""
    projects = list(_ROADS.projects)
    _, indicator, target = projects[0]
    name = f"{year}年农村公路养护专项资金" if year < 2024 else "农村公路养护资金"
    projects[0] = (f"{ROAD_CODE}-{name}", indicator, target)
    return _with(_ROADS, _ROADS.name, projects)


AGENCIES = {"education": _education, "health": _health, "roads": _roads}


def plan() -> list[MultiYearSpec]:
    """The nine documents: three agencies × 2022–2024, no planted anomalies."""
    code, province, city = REGION
    return [MultiYearSpec(code, province, city, make(year), year, key=key)
            for key, make in AGENCIES.items() for year in YEARS]


BUDGET_YEAR = 2024
BUDGET_SHARE = 0.96
UNIT_CODE = "301001"


def _budget_lines(spec: MultiYearSpec) -> list[tuple[str, str, float, float]]:
    """(项 code, name, basic, project) of the budget: the final account's lines × BUDGET_SHARE."""
    fig = figures(spec)
    return [(code, fig.names[code], round(b * BUDGET_SHARE, 2), round(p * BUDGET_SHARE, 2))
            for code, (b, p) in sorted(fig.lines.items())]


def budget_blocks(spec: MultiYearSpec) -> list[Block]:
    """A 部门预算 of spec's agency and year: cover, a paragraph and four budget tables."""
    lines = _budget_lines(spec)
    basic = round(sum(b for _, _, b, _ in lines), 2)
    project = round(sum(p for _, _, _, p in lines), 2)
    total = round(basic + project, 2)
    by_class: dict[str, float] = {}
    for code, _, b, p in lines:
        by_class[code[:3]] = round(by_class.get(code[:3], 0.0) + b + p, 2)
    # 部门收支总表
    income = ["一、一般公共预算拨款收入", "二、政府性基金预算拨款收入", "三、国有资本经营预算拨款收入", "四、事业收入",
              "五、事业单位经营收入", "六、其他收入"]
    rows = [["收 入", "", "支 出", ""], ["项 目", "预算数", "项 目", "预算数"]]
    for i, (name, code) in enumerate(CLASSES):
        left = income[i] if i < len(income) else ""
        rows.append([left, _f(total) if i == 0 else "", f"{_cn(i + 1)}、{name}", _f(by_class.get(code))])
    rows += [["本年收入合计", _f(total), "本年支出合计", _f(total)], ["七、上年结转", "", "", ""],
             ["收入总计", _f(total), "支出总计", _f(total)]]
    summary = TableBlock("部门收支总表", Grid(rows, [34, 14, 36, 16], 2, infer_header_spans(rows, 2)), dept=spec.agency)
    # 部门支出总表 and 一般公共预算支出预算表: 项 lines with the code split into 类/款/项
    head, spans = _code_header(["合计", "基本支出", "项目支出"])
    body = [["", "", "", "", "合计", _f(total), _f(basic), _f(project)],
            ["", "", "", "", spec.agency, _f(total), _f(basic), _f(project)]]
    body += [[c[:3], c[3:5], c[5:], UNIT_CODE, name, _f(b + p), _f(b), _f(p)] for c, name, b, p in lines]
    expenditure = TableBlock("部门支出总表", Grid(head + body, [5, 5, 5, 9, 34, 14, 14, 14], 3, spans), dept=spec.agency)
    head, spans = _code_header(["合计", "当年财政拨款安排", "上年结转安排"])
    body = [["", "", "", "", "合计", _f(total), _f(total), ""], ["", "", "", "", f"{spec.agency}本级", _f(total), _f(total), ""]]
    body += [[c[:3], c[3:5], c[5:], UNIT_CODE, name, _f(b + p), _f(b + p), ""] for c, name, b, p in lines]
    gpb = TableBlock("一般公共预算支出预算表", Grid(head + body, [5, 5, 5, 9, 34, 14, 14, 14], 3, spans), dept=spec.agency)
    # 三公: the 预算数 the 2024 决算 prints in its 公开09表
    sg = figures(spec).sangong_budget
    vehicle = round(sg["vehicle_purchase"] + sg["vehicle_operation"], 2)
    sg_total = round(sg["overseas"] + vehicle + sg["reception"], 2)
    cells = [_f(sg_total), _f(sg["overseas"]), _f(vehicle), _f(sg["vehicle_purchase"]), _f(sg["vehicle_operation"]),
             _f(sg["reception"])]
    head, spans = _sangong_header()
    body = [["", "合计", *cells], [UNIT_CODE, spec.agency, *cells]]
    sangong = TableBlock("一般公共预算“三公”经费支出预算表",
                         Grid(head + body, [9, 25, 11, 11, 11, 11, 11, 11], 3, spans), dept=spec.agency)
    return [
        Cover([spec.agency, f"{spec.year}年部门预算", f"（{MARK}）"]),
        Part("第一部分", f"{spec.year}年部门预算情况说明"),
        Para(f"本文件为程序生成的{MARK}，数字均为虚构。{spec.year}年{spec.agency}收支预算总额{total:,.2f}万元，"
             f"其中基本支出{basic:,.2f}万元，项目支出{project:,.2f}万元。", True),
        Part("第二部分", f"{spec.year}年部门预算表"),
        summary, expenditure, gpb, sangong,
    ]


def write_budget(spec: MultiYearSpec, out_dir: Path) -> Path:
    """Render the 部门预算 of spec's agency and year into out_dir."""
    from .layout import Renderer
    from .styles import STYLE_A

    path = out_dir / f"{spec.stem.removesuffix('_final')}_budget.pdf"
    Renderer.write(path, STYLE_A, f"{MARK}：{spec.agency}{spec.year}年部门预算", budget_blocks(spec), spec.agency)
    return path


def build(out_dir: Path) -> list[Path]:
    """Write the corpus into out_dir (nine 决算, one 预算); returns the PDF paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    specs = plan()
    budget = next(s for s in specs if s.key == "education" and s.year == BUDGET_YEAR)
    return [write(spec, out_dir) for spec in specs] + [write_budget(budget, out_dir)]


if __name__ == "__main__":
    for p in build(Path(sys.argv[1] if len(sys.argv) > 1 else "multiyear")):
        print(p)
