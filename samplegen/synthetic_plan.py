"""The synthetic corpus's plan: which agencies, cities and years, their figures, the planted anomalies.

samplegen/synthetic.py prints each planned document; see its docstring for what is planted where.
"""

from __future__ import annotations

import csv
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .perf import EvalForm, Indicator

MARK = "示例数据"
GBT2260 = Path(__file__).resolve().parent.parent / "fiscal" / "data" / "gbt2260.csv"
YEARS = (2021, 2022, 2023, 2024, 2025)

# (code, province, city) of the hand-picked demo cities; larger corpora add more from GB/T 2260.
CITIES: list[tuple[str, str, str]] = [
    ("430200", "湖南省", "株洲市"),
    ("510700", "四川省", "绵阳市"),
    ("360700", "江西省", "赣州市"),
    ("330500", "浙江省", "湖州市"),
]

# The demo peer group (n ≥ PEER_N): five more 教育局 of 湖南省 in the plan's last year, next to 株洲市教育局;
# the first named here is the planted outlier (三公 × PEER_FACTOR, budget raised with it).
PEER_CITIES: list[tuple[str, str, str]] = [
    ("430600", "湖南省", "岳阳市"), ("430100", "湖南省", "长沙市"), ("430300", "湖南省", "湘潭市"),
    ("430400", "湖南省", "衡阳市"), ("430700", "湖南省", "常德市"),
]
PEER_TYPE = 0  # AGENCY_TYPES[0], 教育局 (agency type 局)
BASE_N = 24  # the demo corpus before the peer group
PEER_N = BASE_N + len(PEER_CITIES)  # the default demo corpus (Makefile SYNTH_N)
PEER_FACTOR = 4.0

# 类 of the national functional classification, in 公开01表 order (row label, code).
CLASSES: list[tuple[str, str]] = [
    ("一般公共服务支出", "201"), ("外交支出", "202"), ("国防支出", "203"), ("公共安全支出", "204"),
    ("教育支出", "205"), ("科学技术支出", "206"), ("文化旅游体育与传媒支出", "207"),
    ("社会保障和就业支出", "208"), ("卫生健康支出", "210"), ("节能环保支出", "211"), ("城乡社区支出", "212"),
    ("农林水支出", "213"), ("交通运输支出", "214"), ("资源勘探工业信息等支出", "215"),
    ("商业服务业等支出", "216"), ("金融支出", "217"), ("援助其他地区支出", "219"),
    ("自然资源海洋气象等支出", "220"), ("住房保障支出", "221"), ("粮油物资储备支出", "222"),
    ("国有资本经营预算支出", "223"), ("灾害防治及应急管理支出", "224"), ("其他支出", "229"),
    ("债务还本支出", "231"), ("债务付息支出", "232"), ("抗疫特别国债安排的支出", "234"),
]
CLASS_NAME = {code: name for name, code in CLASSES}
NUMERALS = "一二三四五六七八九十"

# 款 names used below (code → name), national classification.
SECTIONS: dict[str, str] = {
    "20501": "教育管理事务", "20502": "普通教育", "20805": "行政事业单位养老支出", "21001": "卫生健康管理事务",
    "21004": "公共卫生", "21011": "行政事业单位医疗", "21015": "医疗保障管理事务", "21401": "公路水路运输",
    "22102": "住房改革支出",
}


@dataclass(frozen=True)
class Line:
    """A 项 line of the expenditure tables: code, name, share of the total, share that is basic spending."""

    code: str
    name: str
    weight: float
    basic: float


COMMON_LINES: list[Line] = [
    Line("2080505", "机关事业单位基本养老保险缴费支出", 0.06, 1.0),
    Line("2080506", "机关事业单位职业年金缴费支出", 0.03, 1.0),
    Line("2101101", "行政单位医疗", 0.02, 1.0),
    Line("2210201", "住房公积金", 0.05, 1.0),
]


@dataclass(frozen=True)
class AgencyType:
    """A kind of municipal agency: its name, its own expenditure lines, projects and scale (万元)."""

    name: str
    lines: list[Line]
    projects: list[tuple[str, str, str]]  # name, output indicator, its target
    scale: tuple[float, float]


AGENCY_TYPES: list[AgencyType] = [
    AgencyType("教育局", [
        Line("2050101", "行政运行", 0.22, 0.95), Line("2050102", "一般行政管理事务", 0.08, 0.2),
        Line("2050201", "学前教育", 0.18, 0.1), Line("2050202", "小学教育", 0.20, 0.3),
        Line("2050203", "初中教育", 0.16, 0.3),
    ], [("学前教育发展专项资金", "新增普惠性学位数", "≥600个"), ("义务教育薄弱环节改善资金", "改造校舍面积", "≥12000平方米"),
        ("教师培训经费", "培训教师人次", "≥3000人次")], (3000, 9000)),
    AgencyType("卫生健康委员会", [
        Line("2100101", "行政运行", 0.30, 0.95), Line("2100102", "一般行政管理事务", 0.10, 0.2),
        Line("2100401", "疾病预防控制机构", 0.22, 0.6), Line("2100408", "基本公共卫生服务", 0.20, 0.0),
    ], [("基本公共卫生服务项目经费", "居民电子健康档案建档率", "≥90%"), ("重大疾病防控经费", "适龄儿童免疫规划疫苗接种率", "≥95%"),
        ("卫生健康信息化建设经费", "接入平台的医疗机构数", "≥120家")], (1500, 5000)),
    AgencyType("交通运输局", [
        Line("2140101", "行政运行", 0.25, 0.95), Line("2140102", "一般行政管理事务", 0.10, 0.2),
        Line("2140104", "公路建设", 0.30, 0.0), Line("2140106", "公路养护", 0.19, 0.1),
    ], [("农村公路养护资金", "养护农村公路里程", "≥800公里"), ("公路安全生命防护工程经费", "完成安防工程里程", "≥150公里"),
        ("交通运输执法装备经费", "购置执法装备台套", "≥40台套")], (2000, 7000)),
    AgencyType("医疗保障局", [
        Line("2101501", "行政运行", 0.42, 0.95), Line("2101502", "一般行政管理事务", 0.12, 0.3),
        Line("2101505", "医疗保障政策管理", 0.10, 0.0), Line("2101506", "医疗保障经办事务", 0.20, 0.8),
    ], [("医保基金监督管理工作经费", "定点医药机构检查覆盖率", "100%"), ("医疗待遇保障工作经费", "基本医疗保险参保率", "≥95%"),
        ("医保信息化建设经费", "医保电子凭证激活人数", "≥50万人")], (800, 2500)),
]

# 公开06表: the three column blocks of the basic-expenditure table, (code, name) as printed.
ECON_PERSONNEL: list[tuple[str, str]] = [
    ("301", "工资福利支出"), ("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"), ("30106", "伙食补助费"),
    ("30107", "绩效工资"), ("30108", "机关事业单位基本养老保险缴费"), ("30109", "职业年金缴费"),
    ("30110", "职工基本医疗保险缴费"), ("30111", "公务员医疗补助缴费"), ("30112", "其他社会保障缴费"),
    ("30113", "住房公积金"), ("30114", "医疗费"), ("30199", "其他工资福利支出"), ("303", "对个人和家庭的补助"),
    ("30301", "离休费"), ("30302", "退休费"), ("30303", "退职（役）费"), ("30304", "抚恤金"), ("30305", "生活补助"),
    ("30306", "救济费"), ("30307", "医疗费补助"), ("30308", "助学金"), ("30309", "奖励金"),
    ("30310", "个人农业生产补贴"), ("30311", "代缴社会保险费"), ("30399", "其他对个人和家庭的补助"),
]
ECON_PUBLIC: list[tuple[str, str]] = [
    ("302", "商品和服务支出"), ("30201", "办公费"), ("30202", "印刷费"), ("30203", "咨询费"), ("30204", "手续费"),
    ("30205", "水费"), ("30206", "电费"), ("30207", "邮电费"), ("30208", "取暖费"), ("30209", "物业管理费"),
    ("30211", "差旅费"), ("30212", "因公出国（境）费用"), ("30213", "维修（护）费"), ("30214", "租赁费"),
    ("30215", "会议费"), ("30216", "培训费"), ("30217", "公务接待费"), ("30218", "专用材料费"), ("30224", "被装购置费"),
    ("30225", "专用燃料费"), ("30226", "劳务费"), ("30227", "委托业务费"), ("30228", "工会经费"), ("30229", "福利费"),
    ("30231", "公务用车运行维护费"), ("30239", "其他交通费用"), ("30240", "税金及附加费用"), ("30299", "其他商品和服务支出"),
]
ECON_CAPITAL: list[tuple[str, str]] = [
    ("307", "债务利息及费用支出"), ("30701", "国内债务付息"), ("30702", "国外债务付息"), ("310", "资本性支出"),
    ("31001", "房屋建筑物购建"), ("31002", "办公设备购置"), ("31003", "专用设备购置"), ("31005", "基础设施建设"),
    ("31006", "大型修缮"), ("31007", "信息网络及软件购置更新"), ("31008", "物资储备"), ("31009", "土地补偿"),
    ("31010", "安置补助"), ("31011", "地上附着物和青苗补偿"), ("31012", "拆迁补偿"), ("31013", "公务用车购置"),
    ("31019", "其他交通工具购置"), ("31021", "文物和陈列品购置"), ("31022", "无形资产购置"), ("31099", "其他资本性支出"),
    ("399", "其他支出"), ("39907", "国家赔偿费用支出"), ("39908", "对民间非营利组织和群众性自治组织补贴"),
    ("39909", "经常性赠与"), ("39910", "资本性赠与"), ("39999", "其他支出"),
]
# shares of personnel spending over 301xx lines (the rest of 301 goes to 30199), and of 303 (retirement)
PERSONNEL_SHARES = {"30101": 0.24, "30102": 0.10, "30103": 0.20, "30107": 0.08, "30108": 0.08, "30109": 0.04,
                    "30110": 0.05, "30111": 0.02, "30112": 0.01, "30113": 0.09, "30199": 0.04}
PUBLIC_SHARES = {"30201": 0.12, "30202": 0.03, "30205": 0.01, "30206": 0.03, "30207": 0.03, "30209": 0.08,
                 "30211": 0.06, "30213": 0.04, "30214": 0.02, "30215": 0.02, "30216": 0.03, "30226": 0.05,
                 "30228": 0.10, "30229": 0.09, "30239": 0.15, "30299": 0.04}


@dataclass(frozen=True)
class DocSpec:
    """Which document to write: a city's agency in a year, and the anomalies planted in it."""

    region_code: str
    province: str
    city: str
    agency_type: AgencyType
    year: int
    anomalies: frozenset[str] = frozenset()

    @property
    def agency(self) -> str:
        return f"{self.city}{self.agency_type.name}"

    @property
    def stem(self) -> str:
        digest = hashlib.sha1(f"{self.region_code}{self.agency}".encode()).hexdigest()[:6]
        return f"synthetic_{self.region_code}_{digest}_{self.year}_final"

    def rng(self, salt: str = "") -> random.Random:
        """A random generator fixed by agency (and salt), so years of one agency are related."""
        return random.Random(int(hashlib.sha1(f"{self.region_code}{self.agency}{salt}".encode()).hexdigest()[:12], 16))


@dataclass
class Figures:
    """The numbers of one document, consistent with each other."""

    lines: dict[str, tuple[float, float]]  # 项 code → (basic, project)
    names: dict[str, str]
    personnel: dict[str, float]
    public: dict[str, float]
    sangong_budget: dict[str, float]
    sangong_actual: dict[str, float]
    sangong_prev_actual: float | None
    staff: tuple[int, int] = (0, 0)  # (编制人数, 实有人数) stated in the 概况
    projects: list[EvalForm] = field(default_factory=list)
    total_offset: float = 0.0  # planted: added to the 支出决算表 合计 only

    def basic(self) -> float:
        return round(sum(b for b, _ in self.lines.values()), 2)

    def project(self) -> float:
        return round(sum(p for _, p in self.lines.values()), 2)

    def total(self) -> float:
        return round(self.basic() + self.project(), 2)


# ---------------------------------------------------------------- corpus plan


def _more_cities() -> Iterator[tuple[str, str, str]]:
    """Further prefecture-level cities from GB/T 2260, in code order (for corpora beyond the demo cities)."""
    names: dict[str, str] = {}
    rows = []
    with GBT2260.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names[row["code"]] = row["name"]
            rows.append(row)
    picked = {c for c, _, _ in CITIES}
    for row in rows:
        if row["level"] == "2" and row["code"] not in picked and row["name"].endswith("市"):
            yield row["code"], names.get(row["parent_code"], ""), row["name"]


def plan(n: int) -> list[DocSpec]:
    """The first n documents: demo cities × agency types × years, then more cities; anomalies planted early.

    From PEER_N to 48 documents the last len(PEER_CITIES) are the demo peer group (PEER_CITIES' 教育局
    in the last year; the first carries the planted `peer_outlier`); larger corpora have peers anyway."""
    if PEER_N <= n <= 48:
        base = _base_plan(n - len(PEER_CITIES))
        year = max(s.year for s in base)
        peers = [DocSpec(code, province, city, AGENCY_TYPES[PEER_TYPE], year,
                         frozenset({"peer_outlier"}) if i == 0 else frozenset())
                 for i, (code, province, city) in enumerate(PEER_CITIES)]
        return base + peers
    return _base_plan(n)


def peer_group(specs: list[DocSpec]) -> list[DocSpec]:
    """The documents of the demo peer group: the 教育局 of 湖南省 in the plan's last year."""
    year = max(s.year for s in specs)
    return [s for s in specs if s.province == "湖南省" and s.year == year and s.agency.endswith("教育局")]


def _base_plan(n: int) -> list[DocSpec]:
    specs: list[DocSpec] = []
    years_small = YEARS[:3] if n <= 48 else YEARS
    cities = iter(CITIES)
    extra = _more_cities()
    type_pairs = [(0, 1), (2, 3), (1, 3), (0, 2)]
    city_index = 0
    while len(specs) < n:
        city = next(cities, None) or next(extra, None)
        if city is None:
            break
        pair = type_pairs[city_index % len(type_pairs)] if n <= 48 else range(len(AGENCY_TYPES))
        for t in pair:
            for year in years_small:
                specs.append(DocSpec(city[0], city[1], city[2], AGENCY_TYPES[t], year))
        city_index += 1
    specs = specs[:n]
    return [_plant(spec, i, specs) for i, spec in enumerate(specs)]


def _plant(spec: DocSpec, i: int, specs: list[DocSpec]) -> DocSpec:
    """Attach the planted anomalies to fixed documents of the corpus."""
    last_year = max(s.year for s in specs)
    first_year = min(s.year for s in specs)
    marks: set[str] = set()
    agencies = sorted({(s.region_code, s.agency) for s in specs})
    k = agencies.index((spec.region_code, spec.agency))
    if k == 0 and spec.year == last_year:
        marks.add("zero_exec_full_score")
    if k == 1 and spec.year == last_year:
        marks.add("sangong_jump")
    if k == 2 and spec.year == last_year:
        marks.add("total_mismatch")
    if k == 3 and spec.year == first_year + 1:
        marks.add("rate_misreported")
    if k == 4 and spec.year == last_year:
        marks.add("sangong_over_budget")
    return DocSpec(spec.region_code, spec.province, spec.city, spec.agency_type, spec.year, frozenset(marks))


# ---------------------------------------------------------------- figures


def _split(total: float, shares: dict[str, float]) -> dict[str, float]:
    """total split by shares (normalised), rounded, the rounding put on the largest part."""
    s = sum(shares.values())
    out = {k: round(total * v / s, 2) for k, v in shares.items()}
    big = max(out, key=out.__getitem__)
    out[big] = round(out[big] + round(total - sum(out.values()), 2), 2)
    return out


def _sangong(spec: DocSpec, year: int) -> tuple[dict[str, float], dict[str, float]]:
    """三公 budget and actual of an agency in a year (a smooth path over the years, plus the planted jump)."""
    rng = spec.rng("sangong")
    base = {"overseas": rng.choice([0.0, 0.0, 3.0, 5.0]), "vehicle_purchase": 0.0,
            "vehicle_operation": round(rng.uniform(4, 18), 1), "reception": round(rng.uniform(2, 9), 1)}
    drift = [rng.uniform(0.92, 1.06) for _ in YEARS]
    factor = 1.0
    for y, d in zip(YEARS, drift, strict=True):
        if y > year:
            break
        factor *= d
    budget = {k: round(v * factor, 2) for k, v in base.items()}
    ratio = spec.rng(f"sangong-exec{year}").uniform(0.72, 0.97)
    actual = {k: round(v * ratio, 2) for k, v in budget.items()}
    return budget, actual


def figures(spec: DocSpec) -> Figures:
    """Invent the document's numbers."""
    rng = spec.rng()
    lo, hi = spec.agency_type.scale
    total = rng.uniform(lo, hi) * (1 + 0.05 * (spec.year - YEARS[0])) * spec.rng(str(spec.year)).uniform(0.95, 1.06)
    lines: dict[str, tuple[float, float]] = {}
    names: dict[str, str] = {}
    all_lines = spec.agency_type.lines + COMMON_LINES
    wsum = sum(line.weight for line in all_lines)
    for line in all_lines:
        amount = round(total * line.weight / wsum * spec.rng(line.code + str(spec.year)).uniform(0.9, 1.1), 2)
        basic = round(amount * line.basic, 2)
        lines[line.code] = (basic, round(amount - basic, 2))
        names[line.code] = line.name
    basic_total = round(sum(b for b, _ in lines.values()), 2)

    budget, actual = _sangong(spec, spec.year)
    if "peer_outlier" in spec.anomalies:  # a big spender, within its own (big) budget
        budget = {k: round(v * PEER_FACTOR, 2) for k, v in budget.items()}
        actual = {k: round(v * PEER_FACTOR, 2) for k, v in actual.items()}
    prev_actual = sum(_sangong(spec, spec.year - 1)[1].values()) if spec.year > YEARS[0] else None
    if "sangong_jump" in spec.anomalies:
        actual = {k: round(v * 1.45, 2) for k, v in actual.items()}
        budget = {k: round(max(budget[k], actual[k] * 1.02), 2) for k in budget}
    if "sangong_over_budget" in spec.anomalies:
        actual["reception"] = round(budget["reception"] * 1.3 + 1, 2)
    public_total = round(basic_total * rng.uniform(0.10, 0.16), 2)
    personnel_total = round(basic_total - public_total, 2)
    retire = round(personnel_total * rng.uniform(0.02, 0.06), 2)
    personnel = _split(round(personnel_total - retire, 2), PERSONNEL_SHARES)
    personnel["30302"] = retire
    fixed = {"30217": actual["reception"], "30231": actual["vehicle_operation"], "30212": actual["overseas"]}
    public = _split(round(public_total - sum(fixed.values()), 2), PUBLIC_SHARES)
    public.update({k: v for k, v in fixed.items()})
    srng = spec.rng(f"staff{spec.year}")
    authorized = max(8, round(personnel_total / srng.uniform(18, 24)))
    staff = (authorized, authorized - srng.randint(0, max(1, authorized // 12)))
    fig = Figures(lines, names, personnel, public, budget, actual, prev_actual, staff)
    fig.projects = _projects(spec, fig)
    if "total_mismatch" in spec.anomalies:
        fig.total_offset = 12.0
    return fig


def _pct(rate: float) -> str:
    """A rate as printed in the 自评表 (100%, 94.58%)."""
    text = f"{rate * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _num(x: float) -> str:
    """A 自评表 amount: no thousands separator, no trailing zeros."""
    return f"{x:.2f}".rstrip("0").rstrip(".") if x else "0"


def _projects(spec: DocSpec, fig: Figures) -> list[EvalForm]:
    """Two or three 项目支出绩效自评表 with indicators; planted anomalies on fixed projects."""
    out = []
    rng = spec.rng(f"projects{spec.year}")
    count = 2 + (spec.year % 2)
    for n, (name, indicator, target) in enumerate(spec.agency_type.projects[:count]):
        initial = round(rng.uniform(20, 300), 2)
        full = round(initial * rng.choice([1.0, 1.0, 0.95, 1.08]), 2)
        rate = min(1.0, rng.uniform(0.86, 1.02))
        printed_rate: float | None = None
        if "zero_exec_full_score" in spec.anomalies and n == 0:
            rate = 0.0
        if "rate_misreported" in spec.anomalies and n == 0:
            rate, printed_rate = 0.5, 1.0
        executed = round(full * rate, 2)
        exec_rate = executed / full if full else 0.0
        full_score = "zero_exec_full_score" in spec.anomalies and n == 0
        exec_score = 10.0 if full_score or printed_rate else round(10 * min(exec_rate, 1.0), 2)
        inds = _indicators(rng, indicator, target, full, executed, perfect=full_score)
        total = round(exec_score + sum(float(i.score) for i in inds), 2)
        funds = [
            ["年度资金总额", _num(initial), _num(full), _num(executed), "10", _pct(printed_rate or exec_rate), _num(exec_score)],
            ["其中：当年财政拨款", _num(initial), _num(full), _num(executed), "", "", ""],
            ["上年结转资金", "", "", "", "", "", ""],
            ["其他资金", "", "", "", "", "", ""],
        ]
        goal = f"按照年度工作计划，完成{name}相关工作任务，{indicator}{target}，资金使用规范、及时。"
        achieved = (f"{name}全年执行{_num(executed)}万元。" + ("项目因政策调整尚未实施，资金未支出。" if rate == 0 else
                                                           "各项工作按计划推进，达到预期目标。"))
        out.append(EvalForm(
            caption=f"附件 4-{n + 1}", title=f"{spec.year} 年度项目支出绩效自评表", name=name, dept=spec.agency,
            unit=f"{spec.agency}本级", funds=funds, goal=goal, achieved=achieved, indicators=inds,
            total=("100", _num(total)),
        ))
    return out


def _indicators(rng: random.Random, output: str, target: str, full: float, executed: float,
                perfect: bool) -> list[Indicator]:
    """The indicator block: 成本 20, 产出 40, 效益 20, 满意度 10 points."""
    met = perfect or rng.random() < 0.7
    sat = rng.choice(["96%", "98%", "100%", "93%"])
    sat_score = "10" if perfect or sat != "93%" else "8"
    actual_output = target.lstrip("≥") if met else _short_of(target)
    return [
        Indicator("成本指标 (20分)", "经济成本指标", "预算成本控制情况", f"≤{_num(full)}万元", f"{_num(executed)}万元", "20", "20"),
        Indicator("产出指标 (40分)", "数量指标", output, target, actual_output, "20", "20" if met else "16",
                  "" if met else "部分任务跨年度实施，下年度加快进度"),
        Indicator("产出指标 (40分)", "质量指标", "资金使用合规率", "100%", "100%", "10", "10"),
        Indicator("产出指标 (40分)", "时效指标", "资金拨付及时率", "100%", "100%", "10", "10"),
        Indicator("效益指标 (20分)", "社会效益指标", "服务对象获得感", "逐步提升", "逐步提升", "20", "20"),
        Indicator("满意度指标 (10分)", "服务对象满意度指标", "服务对象满意度", "≥95%", sat, "10", sat_score,
                  "" if sat_score == "10" else "加强宣传解读，提升服务质量"),
    ]


def _short_of(target: str) -> str:
    """An actual value about 85% of a numeric target (as printed, with its unit)."""
    digits = "".join(ch for ch in target if ch.isdigit() or ch == ".")
    unit = target.lstrip("≥").replace(digits, "", 1)
    try:
        value = float(digits) * 0.85
    except ValueError:
        return target
    return f"{value:.0f}{unit}" if "%" not in unit else f"{value:.1f}{unit}"


# ---------------------------------------------------------------- tables
