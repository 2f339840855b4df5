"""Self-evaluation forms of the fourteenth round (samplegen/variants_selfeval_fourteenth.py holds the catalogue): each
project drawn with its fund lines as printed (`Drawn`: label, 年初 | 全年 | 执行 amounts in 万元) and the projects
columns the ingest should fill; its amounts printed in the form's unit (万元, 千元 or 元). `PRINTED` holds each
variant's whole and broken projects; its builder (here, or samplegen/variants_selfeval_fourteenth_more.py) draws them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from .forms import selfeval_grid
from .layout import Block, Grid
from .sheets import Sheet
from .variants_selfeval_twelfth_forms import IND_HEAD, WIDTHS, Ind, Project, g, indicator_rows, total_row

Amounts = tuple[float | None, float | None, float | None]  # 年初, 全年, 执行 (万元; None: blank)
PER_WAN = {"万元": 1, "千元": 10, "元": 10000}
DECIMALS = {"万元": 2, "千元": 1, "元": 2}
KINDS = (("财政", "fiscal"), ("结转", "carried_over"), ("其他", "other"))
COLUMNS = ("budget_initial", "budget_full_year", "executed")


@dataclass(frozen=True)
class Drawn:
    """A project as its form prints it: its fund lines (label, amounts), the unit they are printed in, and what the
    lines are off their total in the 年初预算数 column (a broken copy: `off` 万元 more printed on the total)."""

    p: Project
    lines: tuple[tuple[str, Amounts], ...]
    unit: str = "万元"
    off: float = 0.0
    read: bool = True  # False: a line of a kind no one should guess (社会捐赠资金): the lines are not stored

    def amount(self, x: float | None) -> str:
        return "" if x is None else f"{x * PER_WAN[self.unit]:,.{DECIMALS[self.unit]}f}"

    def totals(self) -> tuple[str, str, str]:
        p = self.p
        initial = None if p.initial is None else p.initial + self.off
        return self.amount(initial), self.amount(p.budget), self.amount(p.executed)

    def line_rows(self, width: int) -> tuple[tuple[str, ...], ...]:
        """(label, 年初, 全年, 执行, blanks up to `width` cells after the label) per line."""
        return tuple((label, *(self.amount(x) for x in amounts), *[""] * (width - 3)) for label, amounts in self.lines)

    def stored(self) -> dict[str, float]:
        """The projects columns the lines fill (each kind summed per column, 万元)."""
        out: dict[str, float] = {}
        if not self.read:
            return out
        for label, amounts in self.lines:
            kind = next(k for word, k in KINDS if word in label)
            for column, x in zip(COLUMNS, amounts, strict=True):
                if x is not None:
                    key = f"{column}_{kind}"
                    out[key] = round(out.get(key, 0.0) + x, 6)
        return out

    def expected(self) -> dict[str, object]:
        p = self.p
        return {"budget_initial": None if p.initial is None else round(p.initial + self.off, 6),
                "budget_full_year": p.budget, "executed": p.executed, "exec_weight": p.weight,
                "exec_score": p.score, "total_score": p.total if p.scored else None, "grade": p.grade,
                **{f"{c}_{k}": None for c in COLUMNS for _w, k in KINDS}, **self.stored()}


def lines_of(p: Project, other: tuple[float, float, float] = (0.0, 0.0, 0.0),
             carried: bool = True) -> tuple[tuple[str, Amounts], ...]:
    """当年财政拨款 (the rest) | 上年结转资金 (blank; left out without `carried`) | 其他资金 (`other`, blank where 0)
    lines adding up to `p`'s figures."""
    totals = (p.initial, p.budget, p.executed)
    fiscal: Amounts = tuple(None if t is None else round(t - o, 2)  # type: ignore[assignment]
                            for t, o in zip(totals, other, strict=True))
    rest: Amounts = tuple(None if t is None or not o else o  # type: ignore[assignment]
                          for t, o in zip(totals, other, strict=True))
    blank: Amounts = (None, None, None)
    return (("其中：当年财政拨款", fiscal), *((("上年结转资金", blank),) if carried else ()), ("其他资金", rest))


def nothing_spent(d: Drawn, rate: str = "0.00%") -> Drawn:
    """The planted anomaly: nothing spent (every line's 执行数 0 too), the execution still scored in full."""
    lines = tuple((label, (a, b, 0.0 if c is not None else None)) for label, (a, b, c) in d.lines)
    return replace(d, p=replace(d.p, executed=0.0, rate=rate, score=d.p.weight), lines=lines)


def sheet(grid: Grid, unit: str | None = "万元", **kw: object) -> Sheet:
    return Sheet("项目支出绩效自评表", grid, dept=None, unit=unit, subtitle="（2023年度）", **kw)  # type: ignore[arg-type]


def grid_of(d: Drawn, agency: str, head: tuple[str, ...], total: tuple[str, ...], *, label: str | None = None,
            ind_head: tuple[str, ...] = IND_HEAD, indicators: list[tuple[str, ...]] | None = None,
            total_line: list[str] | None = None, widths: list[float] | None = None, split: int = 4,
            lines: tuple[tuple[str, ...], ...] | None = None, total_label: str = "年度资金总额",
            total_last: bool = False) -> Grid:
    """A form: `head` fund columns, the total line (`total_label`, `total` figures), the fund lines (default: `d`'s)
    under it (`total_last`: above it), the goals, the indicator block (`ind_head`, `indicators`, `total_line`);
    `label`: the funds block's label (default 项目资金（<unit>）)."""
    n = len(widths or WIDTHS)
    parts = d.line_rows(len(head)) if lines is None else lines
    funds = [*parts, (total_label, *total)] if total_last else [(total_label, *total), *parts]
    grid = selfeval_grid(d.p.name, agency, list(head), funds, [("完成年度工作任务", "已按期完成")], list(ind_head),
                         indicators if indicators is not None else indicator_rows(d.p),
                         total_line or total_row(d.p) + [""] * (n - 8), list(widths or WIDTHS), split=split,
                         total_cols=5)
    grid.rows[2][0] = label or f"项目资金（{d.unit}）"
    grid.spans = [replace(s, cols=1) if (s.row, s.col) == (2, 0) else s for s in grid.spans]
    return grid


# ---------------------------------------------------------------- A: 北京, 预算执行情况（千元）, columns in another order
BJ_AGENCY = "北京市海淀区民政局"
BJ = Drawn(Project("社区养老服务驿站运营补贴", None, 320.0, 272.0, "0.85", 10, 8.5, (
    Ind("产出指标", "数量指标", "运营驿站数量", "≥42个", "44个", 30, 30),
    Ind("产出指标", "质量指标", "驿站服务规范达标率", "≥90%", "93%", 20, 20),
    Ind("效益指标", "社会效益指标", "老年人助餐服务人次", "≥12万人次", "12.6万人次", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "92%", 20, 20))),
    (("其中：财政拨款", (None, 300.0, 255.0)), ("其他资金", (None, 20.0, 17.0))), unit="千元")


def exec_subtable(broken: bool = False) -> list[Block]:
    """The funds block labelled 预算执行情况（千元）, its columns 全年预算数 | 全年执行数 | 执行率 | 分值 | 得分 (no
    年初预算数), the 执行率 a fraction (0.85), amounts in 千元 with one decimal; no 单位 line above the form."""
    (d,) = printed("beijing_exec_subtable.pdf", broken)
    p = d.p
    head = ("全年预算数", "全年执行数", "执行率", "分值", "得分")
    lines = tuple((label, d.amount(b), d.amount(c), "", "", "") for label, (_a, b, c) in d.lines)
    grid = grid_of(d, BJ_AGENCY, head, (d.amount(p.budget), d.amount(p.executed), p.rate or "", g(p.weight),
                                        g(p.score)), label="预算执行情况（千元）", lines=lines)
    return [sheet(grid, unit=None)]


# ---------------------------------------------------------------- B: 河北, 自评得分 | 复核得分
HB_AGENCY = "石家庄市长安区卫生健康局"
_HB = Project("基层医疗卫生机构能力提升补助", 460.0, 480.0, 456.0, "95.00%", 10, 9.5, (
    Ind("产出指标", "数量指标", "培训基层卫生人员", "≥600人次", "648人次", 20, 20),
    Ind("产出指标", "质量指标", "设备配置达标率", "≥90%", "94%", 20, 20),
    Ind("效益指标", "社会效益指标", "基层诊疗量占比", "≥60%", "61.2%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "患者满意度", "≥90%", "93%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "医务人员满意度", "≥85%", "88%", 10, 10)))
HB = Drawn(_HB, lines_of(_HB, (0.0, 20.0, 19.2)))
HB_WIDTHS = [1.0, 1.1, 1.6, 1.0, 1.0, 0.55, 0.6, 0.6, 1.3]


def _review(score: float) -> str:
    """The reviewer's score: one point below the self-evaluation's where there is one to take."""
    return g(max(score - 1, 0))


def review_scores(broken: bool = False) -> list[Block]:
    """得分 split into 自评得分 | 复核得分 in the funds block, the indicators and the 总分 line (nine columns); the
    form's own score is the 自评得分 (a reviewer's is lower); the 偏差原因 column last."""
    (d,) = printed("hebei_review_scores.pdf", broken)
    p = d.p
    head = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "自评得分", "复核得分")
    ind_head = (*IND_HEAD[:6], "自评得分", "复核得分", IND_HEAD[7])
    indicators = [(*i[:7], _review(float(i[6])), i[7]) for i in indicator_rows(p)]
    total = ["总分", "", "", "", "", "100", g(p.total), _review(p.total), ""]
    grid = grid_of(d, HB_AGENCY, head, (*d.totals(), g(p.weight), p.rate or "", g(p.score), _review(p.score)),
                   ind_head=ind_head, indicators=indicators, total_line=total, widths=HB_WIDTHS)
    return [sheet(grid)]


# ---------------------------------------------------------------- C: 山东, landscape, the lines first and their 合计 last
SD_AGENCY = "济南市历城区农业农村局"
SD = Drawn(Project("高标准农田建设项目", 2600.0, 2850.0, 2422.5, "85.00%", 10, 8.5, (
    Ind("产出指标", "数量指标", "新建高标准农田面积", "≥2.5万亩", "2.52万亩", 20, 20),
    Ind("产出指标", "质量指标", "工程验收合格率", "100%", "100%", 15, 15),
    Ind("产出指标", "时效指标", "项目完工时间", "2023年11月底前", "2023年11月", 10, 10),
    Ind("效益指标", "经济效益指标", "亩均粮食增产", "≥50公斤", "56公斤", 15, 15),
    Ind("效益指标", "可持续影响指标", "工程设施使用年限", "≥15年", "15年", 10, 10),
    Ind("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "95%", 20, 20))),
    (("财政拨款", (2200.0, 2300.0, 1955.0)), ("上年结转", (0.0, 250.0, 212.5)), ("其他资金", (400.0, 300.0, 255.0))))
SD_WIDTHS = [1.2, 1.0, 1.6, 1.2, 1.2, 0.7, 0.7, 1.9]


def total_last(broken: bool = False) -> list[Block]:
    """On a landscape page: 资金来源 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 分值 | 得分, the lines 财政拨款 |
    上年结转 | 其他资金 first, their 合计 last carrying the 执行率 and the scores; broken: 其他资金's 年初预算数 printed 30
    below what the 合计 holds."""
    (d,) = printed("shandong_total_last.pdf", broken)
    p = d.p
    head = ("年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分")
    grid = grid_of(d, SD_AGENCY, head, (*d.totals(), p.rate or "", g(p.weight), g(p.score)), widths=SD_WIDTHS,
                   total_label="合计", total_last=True)
    grid.rows[2][1] = "资金来源"
    return [sheet(grid, landscape=True)]


# ---------------------------------------------------------------- D: 浙江, every score printed with 分, 总分 100分
ZJ_AGENCY = "温州市鹿城区住房和城乡建设局"
_ZJ = Project("老旧小区改造项目", 1800.0, 1800.0, 1710.0, "95.00%", 10, 9.5, (
    Ind("产出指标", "数量指标", "改造老旧小区数量", "≥12个", "12个", 20, 20),
    Ind("产出指标", "质量指标", "工程质量验收合格率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "惠及居民户数", "≥4800户", "5020户", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "91%", 20, 18.5, "施工期间扰民投诉"),
    Ind("满意度指标", "服务对象满意度指标", "物业企业满意度", "≥85%", "90%", 10, 10)))
ZJ = Drawn(_ZJ, lines_of(_ZJ))


def _points(x: float) -> str:
    return f"{g(x)}分"


def points_everywhere(broken: bool = False) -> list[Block]:
    """分值 and 得分 printed 10分, 9.5分 on every line, the 总分 line 100分 | 98分; the fund lines below it."""
    (d,) = printed("zhejiang_points_everywhere.pdf", broken)
    p = d.p
    indicators = [(*i[:5], _points(float(i[5])), _points(float(i[6])), i[7]) for i in indicator_rows(p)]
    total = ["总分", "", "", "", "", "100分", _points(p.total), ""]
    grid = grid_of(d, ZJ_AGENCY, ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                   (*d.totals(), _points(p.weight), p.rate or "", _points(p.score)), indicators=indicators,
                   total_line=total)
    return [sheet(grid)]


# ---------------------------------------------------------------- E: 四川, the execution's 分值 left blank
SC_AGENCY = "绵阳市涪城区教育和体育局"
_SC = Project("义务教育学校营养改善计划", 940.0, 960.0, 921.6, "96.00%", 10, 9.6, (
    Ind("产出指标", "数量指标", "受益学生人数", "≥2.1万人", "2.16万人", 30, 30),
    Ind("产出指标", "质量指标", "食品安全检查合格率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "学生营养状况改善", "有效改善", "有效改善", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "94%", 20, 20)))
SC = Drawn(_SC, lines_of(_SC))


def weight_blank(broken: bool = False) -> list[Block]:
    """分值 heads the funds block's column but the 年度资金总额 line leaves it blank (得分 printed): the weight is what
    the 总分's 100 leaves after the indicators' 90."""
    (d,) = printed("sichuan_weight_blank.pdf", broken)
    p = d.p
    grid = grid_of(d, SC_AGENCY, ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                   (*d.totals(), "", p.rate or "", g(p.score)))
    return [sheet(grid)]


# ---------------------------------------------------------------- F: 云南, 总分：xx分 in one cell across the line
YN_AGENCY = "曲靖市麒麟区人力资源和社会保障局"
_YN = Project("就业困难人员公益性岗位补贴", 380.0, 380.0, 364.8, "96.00%", 10, 9.6, (
    Ind("产出指标", "数量指标", "安置就业困难人员", "≥260人", "268人", 30, 30),
    Ind("产出指标", "时效指标", "补贴按季度发放率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "零就业家庭动态清零", "100%", "100%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "上岗人员满意度", "≥90%", "95%", 20, 20)))
YN = Drawn(_YN, lines_of(_YN))


def fused_total(broken: bool = False) -> list[Block]:
    """The 总分 line one cell across the form: 总分：99.6分."""
    (d,) = printed("yunnan_fused_total.pdf", broken)
    p = d.p
    grid = grid_of(d, YN_AGENCY, ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                   (*d.totals(), g(p.weight), p.rate or "", g(p.score)))
    last = len(grid.rows) - 1
    grid.rows[last] = [f"总分：{g(p.total)}分", *[""] * 7]
    grid.spans = [s for s in grid.spans if s.row != last] + [replace(grid.spans[-1], row=last, col=0, rows=1,
                                                                      cols=len(WIDTHS))]
    return [sheet(grid)]


# ---------------------------------------------------------------- each variant's projects: whole, broken
def _off_other(d: Drawn, by: float) -> Drawn:
    """其他资金's 年初预算数 printed `by` below what the total holds."""
    lines = tuple((label, (a - by if a is not None else None, b, c)) if "其他" in label else (label, (a, b, c))
                  for label, (a, b, c) in d.lines)
    return replace(d, lines=lines)


def _missed(d: Drawn, name: str, actual: str) -> Drawn:
    return replace(d, p=replace(d.p, indicators=tuple(i._replace(actual=actual) if i.name == name else i
                                                      for i in d.p.indicators)))


ZJ_BUMP = 2.0  # the broken copy's 总分 off the sum of its scores
PRINTED: dict[str, Callable[[], tuple[tuple[Drawn, ...], tuple[Drawn, ...]]]] = {
    "beijing_exec_subtable.pdf": lambda: ((BJ,), (nothing_spent(BJ, "0"),)),
    "hebei_review_scores.pdf": lambda: ((HB,), (nothing_spent(HB),)),
    "shandong_total_last.pdf": lambda: ((SD,), (_off_other(SD, 30.0),)),
    "zhejiang_points_everywhere.pdf": lambda: ((ZJ,), (replace(ZJ, p=replace(ZJ.p, bump=ZJ_BUMP)),)),
    "sichuan_weight_blank.pdf": lambda: ((SC,), (nothing_spent(SC),)),
    "yunnan_fused_total.pdf": lambda: ((YN,), (nothing_spent(YN),)),
}
BUILDERS: dict[str, Callable[..., list[Block]]] = {
    "beijing_exec_subtable.pdf": exec_subtable, "hebei_review_scores.pdf": review_scores,
    "shandong_total_last.pdf": total_last, "zhejiang_points_everywhere.pdf": points_everywhere,
    "sichuan_weight_blank.pdf": weight_blank, "yunnan_fused_total.pdf": fused_total}
FULL_LOW = ("full_score_low_execution", "high_total_low_execution")
PLANTED: dict[str, dict[str, tuple[str, ...]]] = {
    "beijing_exec_subtable.pdf": {rule: (BJ.p.name,) for rule in FULL_LOW},
    "hebei_review_scores.pdf": {rule: (HB.p.name,) for rule in FULL_LOW},
    "shandong_total_last.pdf": {"totals_mismatch": (SD.p.name,)},
    "zhejiang_points_everywhere.pdf": {"total_score_mismatch": (ZJ.p.name,)},
    "sichuan_weight_blank.pdf": {rule: (SC.p.name,) for rule in FULL_LOW},
    "yunnan_fused_total.pdf": {rule: (YN.p.name,) for rule in FULL_LOW},
}


def printed(name: str, broken: bool = False) -> tuple[Drawn, ...]:
    """The projects file `name` prints (its broken copy: with the planted defect)."""
    whole, spoilt = PRINTED[name]()
    return spoilt if broken else whole
