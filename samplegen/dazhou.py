"""Seed 001: 达州市医疗保障事务中心 2023 年部门预算 (tables partly re-typed from the seed)."""

from __future__ import annotations

import re

from .layout import Block, Cover, Grid, Part, Span, TableBlock, Toc, infer_header_spans
from .seeds import prose, seed_lines, squeeze

SEED = "001"
AGENCY = "达州市医疗保障事务中心"
TITLE = "达州市医疗保障事务中心2023年部门预算"
UNIT_CODE = "335001"

# conversion debris in the prose, and its repair
PROSE_FIXES = {"、 -8差旅费": "、差旅费", "。 第二部分 2023 年部门预算情况说明": "。"}

# the seed's table of contents is garbled; this is its clean reading
TOC = [
    (0, "第一部分 概况"),
    (1, "一、基本职能及主要工作"),
    (1, "二、部门单位构成"),
    (0, "第二部分 2023年部门预算情况说明"),
    (1, "一、收支预算情况说明"),
    (1, "二、财政拨款收支预算情况说明"),
    (1, "三、一般公共预算当年拨款情况说明"),
    (1, "四、一般公共预算基本支出情况说明"),
    (1, "五、“三公”经费财政拨款预算安排情况说明"),
    (1, "六、政府性基金预算支出情况说明"),
    (1, "七、国有资本经营预算情况说明"),
    (1, "八、其他重要事项的情况说明"),
    (0, "第三部分 2023年部门预算表"),
    (1, "一、部门收支总表"),
    (1, "二、部门收入总表"),
    (1, "三、部门支出总表"),
    (1, "四、财政拨款收支预算总表"),
    (1, "五、财政拨款支出预算表（部门经济分类科目）"),
    (1, "六、一般公共预算支出预算表"),
    (1, "七、一般公共预算基本支出预算表"),
    (1, "八、一般公共预算项目支出预算表"),
    (1, "九、一般公共预算“三公”经费支出预算表"),
    (1, "十、政府性基金预算支出表"),
    (1, "十一、政府性基金预算“三公”经费支出预算表"),
    (1, "十二、国有资本经营预算支出表"),
    (1, "十三、部门预算项目支出绩效目标表"),
    (1, "十四、部门整体支出绩效目标表"),
    (0, "第四部分 名词解释"),
]


def _tab_rows(lines: list[str], first: int, last: int, ncols: int) -> list[list[str]]:
    """Seed lines first..last (1-based) as rows of ncols stripped cells."""
    rows = []
    for line in lines[first - 1 : last]:
        if "\t" in line:
            cells = [c.strip() for c in line.split("\t")]
            rows.append((cells + [""] * ncols)[:ncols])
    return rows


def _block(title: str, grid: Grid, dept: str | None, **kw) -> TableBlock:
    """A budget table block: 部门 left blank as in the seed unless dept is given."""
    return TableBlock(title, grid, dept=dept, **kw)


def summary_table(lines: list[str], dept: str) -> TableBlock:
    """部门收支总表 (seed lines 165–197; its number noise kept as printed)."""
    rows = _tab_rows(lines, 165, 197, 4)
    rows[1] = ["项 目", "预算数", "项 目", "预算数"]
    grid = Grid(rows, [34, 14, 36, 16], 2, infer_header_spans(rows, 2))
    return _block("部门收支总表", grid, dept)


def income_table(dept: str) -> TableBlock:
    """部门收入总表 (表1-1), re-typed: its seed header is unreadable."""
    heads = ["合计", "上年结转", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入",
             "事业收入", "事业单位经营收入", "其他收入", "上级补助收入", "附属单位上缴收入", "财政专户管理资金收入"]
    rows = [
        ["项 目", ""] + heads,
        ["单位代码", "单位名称(科目)"] + [""] * 11,
        ["", "合 计", "461. 49", "", "461. 49"] + [""] * 8,
        ["", "", "461. 49", "", "461.49"] + [""] * 8,
        [UNIT_CODE, "达州市医疗保障事务中心", "461. 49", "", "461.49"] + [""] * 8,
    ]
    grid = Grid(rows, [7, 16] + [7] * 11, 2, infer_header_spans(rows, 2))
    return _block("部门收入总表", grid, dept, code="表1-1")


def _code_header(measures: list[str], group: str | None = None) -> tuple[list[list[str]], list[Span]]:
    """The three header rows 项目 / 科目编码 类 款 项, 单位代码, 单位名称 / measures."""
    n = len(measures)
    if group:
        top = ["项 目", "", "", "", "", group] + [""] * (n - 1)
        mid = ["科目编码", "", "", "单位代码", "单位名称(科目)"] + measures
    else:
        top = ["项 目", "", "", "", ""] + measures
        mid = ["科目编码", "", "", "单位代码", "单位名称(科目)"] + [""] * n
    low = ["类", "款", "项", "", ""] + [""] * n
    rows = [top, mid, low]
    return rows, infer_header_spans(rows, 3)


def expenditure_table(lines: list[str], dept: str) -> TableBlock:
    """部门支出总表, code split into 类/款/项 columns (seed lines 215–222)."""
    rows, spans = _code_header(["合计", "基本支出", "项目支出"])
    body = _tab_rows(lines, 215, 222, 8)
    body[0][7] = "50.60"  # the seed's "5 0.6 0" is letter-spaced debris of 50.60
    grid = Grid(rows + body, [5, 5, 5, 9, 34, 14, 14, 14], 3, spans)
    return _block("部门支出总表", grid, dept)


def fiscal_summary_table(lines: list[str], dept: str) -> TableBlock:
    """财政拨款收支预算总表 (seed lines 230–260, page-number debris removed)."""
    rows = _tab_rows(lines, 230, 260, 7)
    rows[0] = ["收 入", "", "支 出", "", "", "", ""]
    for row in rows:
        row[:] = ["" if re.fullmatch(r"- \d+ -", c) else c for c in row]
        if row[0] == "、上年结转":
            row[0] = "二、上年结转"
    grid = Grid(rows, [26, 12, 24, 10, 10, 10, 10], 2, infer_header_spans(rows, 2))
    return _block("财政拨款收支预算总表", grid, dept)


def economic_table(lines: list[str], dept: str) -> TableBlock:
    """财政拨款支出预算表（部门经济分类科目）: 38 columns, rebuilt from seed lines 268–289."""
    trio = ["小计", "基本支出", "项目支出"]
    funds = ["一般公共预算拨款", "政府性基金安排", "国有资本经营预算安排"]
    top = ["项目", "", "", "", "总计", "当年财政拨款安排"] + [""] * 9
    top += ["中央提前通知专项转移支付等"] + [""] * 9 + ["上年结转安排"] + [""] * 12
    mid = ["科目编码", "", "单位代码", "单位名称(科目)", ""]
    low = ["类", "款", "", "", ""]
    for _ in range(3):
        mid.append("合计")
        for f in funds:
            mid += [f, "", ""]
        low += [""] + trio * 3
    mid += ["上年应返还额度结转", "", ""]
    low += trio
    rows = [top, mid, low]
    spans = infer_header_spans(rows, 3)
    for line in lines[267:289]:
        cells = [c.strip() for c in line.split("\t")]
        # the seed splits each 基本支出 figure over two cells ("410.8", "9 50.6", "0")
        tail = "".join(cells[6:9]).replace(". ", ".").split(" ")
        basic, project = tail[0], (tail[1] if len(tail) > 1 else "")
        unit = UNIT_CODE if cells[1] else ""
        row = ["", "", unit, squeeze(cells[2]), cells[3], cells[4], cells[5], basic, project]
        rows.append(row + [""] * (38 - len(row)))
    grid = Grid(rows, [1.7, 1.7, 3.4, 8.5] + [2.35] * 34, 3, spans)
    return _block("财政拨款支出预算表（部门经济分类科目）", grid, dept, landscape=True, size_scale=0.6)


def gpb_table(lines: list[str], dept: str) -> TableBlock:
    """一般公共预算支出预算表 (seed lines 298–305)."""
    rows, spans = _code_header(["合计", "当年财政拨款安排", "上年结转安排"])
    body = _tab_rows(lines, 298, 305, 8)
    body[2][4] = "达州市医疗保障事务中心本级"
    grid = Grid(rows + body, [5, 5, 5, 9, 34, 14, 14, 14], 3, spans)
    return _block("一般公共预算支出预算表", grid, dept)


# 一般公共预算基本支出预算表: the seed line 309 lost its table structure; these rows
# are rebuilt from the figures printed there (人员经费 + 公用经费 = 合计 in every row)
BASIC_ROWS = [
    ["", "", "", "合 计", "410.89", "380.76", "30.13"],
    ["", "", "", "", "410.89", "380.76", "30.13"],
    ["", "", UNIT_CODE, "达州市医疗保障事务中心", "410.89", "380.76", "30.13"],
    ["301", "", "", "工资福利支出", "357.03", "357.03", ""],
    ["301", "01", "30101", "基本工资", "98.33", "98.33", ""],
    ["301", "02", "30102", "津贴补贴", "71.50", "71.50", ""],
    ["301", "03", "30103", "奖金", "89.34", "89.34", ""],
    ["301", "07", "30107", "绩效工资", "0.32", "0.32", ""],
    ["301", "08", "30108", "机关事业单位基本养老保险缴费", "41.96", "41.96", ""],
    ["301", "10", "30110", "职工基本医疗保险缴费", "12.46", "12.46", ""],
    ["301", "11", "30111", "公务员医疗补助缴费", "5.34", "5. 34", ""],
    ["301", "12", "30112", "其他社会保障缴费", "0.36", "0.36", ""],
    ["301", "13", "30113", "住房公积金", "34.70", "34.70", ""],
    ["301", "99", "30199", "其他工资福利支出", "2.73", "2.73", ""],
    ["302", "", "", "商品和服务支出", "53.85", "23.71", "30.13"],
    ["302", "17", "30217", "公务接待费", "0.50", "", "0.50"],
    ["302", "28", "30228", "工会经费", "1.78", "1.78", ""],
    ["302", "29", "30229", "福利费", "2.95", "2.95", ""],
    ["302", "39", "30239", "其他交通费用", "18.98", "18.98", ""],
    ["302", "99", "30299", "其他商品和服务支出", "29.63", "", "29.63"],
    ["303", "", "", "对个人和家庭的补助", "0.01", "0.01", ""],
    ["303", "09", "30309", "奖励金", "0.01", "0.01", ""],
]


def basic_table(dept: str) -> TableBlock:
    """一般公共预算基本支出预算表 (hand-rebuilt rows, see BASIC_ROWS)."""
    rows = [
        ["项 目", "", "", "", "基本支出", "", ""],
        ["科目编码", "", "单位代码", "单位名称(科目)", "合计", "人员经费", "公用经费"],
        ["类", "款", "", "", "", "", ""],
    ]
    spans = infer_header_spans(rows, 3)
    grid = Grid(rows + [list(r) for r in BASIC_ROWS], [6, 6, 10, 36, 14, 14, 14], 3, spans)
    return _block("一般公共预算基本支出预算表", grid, dept)


def project_table(lines: list[str], dept: str) -> TableBlock:
    """一般公共预算项目支出预算表 (seed lines 317–331)."""
    rows = [
        ["科目编码", "", "", "单位代码", "单位名称(科目)", "金额"],
        ["类", "款", "项", "", "", ""],
    ]
    spans = infer_header_spans(rows, 2)
    body = _tab_rows(lines, 317, 331, 6)
    for row in body:
        row[4] = row[4].removeprefix("信")  # "信国家信息平台建设": a stray glyph
    grid = Grid(rows + body, [6, 6, 6, 11, 45, 16], 2, spans)
    return _block("一般公共预算项目支出预算表", grid, dept)


def _sangong_header() -> tuple[list[list[str]], list[Span]]:
    """Header rows of the budget 三公 tables."""
    rows = [
        ["单位编码", "单位名称(科目)", "当年财政拨款预算安排", "", "", "", "", ""],
        ["", "", "合计", "因公出国(境)费用", "公务用车购置及运行费", "", "", "公务接待费"],
        ["", "", "", "", "小计", "公务用车购置费", "公务用车运行费", ""],
    ]
    return rows, infer_header_spans(rows, 3)


def sangong_table(lines: list[str], dept: str) -> TableBlock:
    """一般公共预算“三公”经费支出预算表 (seed lines 341–343)."""
    rows, spans = _sangong_header()
    grid = Grid(rows + _tab_rows(lines, 341, 343, 8), [9, 25, 11, 11, 11, 11, 11, 11], 3, spans)
    return _block("一般公共预算“三公”经费支出预算表", grid, dept)


def empty_tables(dept: str) -> list[TableBlock]:
    """The three empty tables, each with its 注:此页无数据."""
    out = []
    for title, measure in (("政府性基金预算支出预算表", "本年政府性基金预算支出"),
                           ("国有资本经营预算支出预算表", "本年国有资本经营预算支出")):
        rows, spans = _code_header(["合计", "基本支出", "项目支出"], measure)
        rows.append(["", "", "", "", "合 计", "", "", ""])
        out.append(_block(title, Grid(rows, [5, 5, 5, 9, 34, 14, 14, 14], 3, spans), dept, notes=["注:此页无数据"]))
    rows, spans = _sangong_header()
    rows.append(["", "合 计", "", "", "", "", "", ""])
    grid = Grid(rows, [9, 25, 11, 11, 11, 11, 11, 11], 3, spans)
    out.insert(1, _block("政府性基金预算“三公”经费支出预算表", grid, dept, notes=["注:此页无数据"]))
    return out


# 部门预算项目绩效目标表: (项目名称, 预算数, 年度目标, number of indicator rows in the seed)
PROJECTS = [
    ("信息建设类—国家信息平台建设", "3.00", "预计使用 3 万元,进行国家信息平台建设,保障医保信息畅通。", 9),
    ("专项业务类—异地就医工作", "5.00", "预计使用 5 万元,对异地就医系统连接入国家平台,确保异地就医医保联网结算。", 8),
    ("专项业务类—稽核业务工作经费", "6.00", "预计使用 6 万元,对各定点医疗机构的费用合规性、合理性进行审核、稽查、达到各定点医疗机构合理正确使用医保基金的效果。", 10),
    ("专项业务类—医保移动支付", "3.30", "预计用 3.3 万元提升定点医疗机构结算效率,体现医保信息化建设的好用、实用性,为参保群众提供更加优质、便捷、高效的医保服务。", 8),
    ("专项业务类—药械集中采购及医药价格监管", "5.00", "预计用 5 万元来健全医保支付标准,发挥医保基金战略性购买作用,推动药械价格回归合理水平", 8),
    ("专项业务类—外伤调查管理工作", "3.30", "计划用 3.3 万元规范外伤医疗费审核界定和报销程序,加强医疗保险基金支付范围管理。", 8),
    ("专项业务类—医保业务档案整理费", "5.00", "计划于 2023 年开展当年医保局的会计档案,参保档案,办公档案,审核报销档案等的整理及归档,用 5 万元来达到档案电子化管理,让查询档案更加便捷快速。", 13),
    ("专项业务类—医保电子凭证应用推广", "5.00", "预计使用 5 万元,进行医保电子凭证应用推广,来达到医保参保参保人员支付便捷,运用广泛。", 9),
    ("专项业务类—省级医保经办示范窗口创建", "5.00", "预计使用 5 万元推动医保经办服务标准化建设,提升广大参保群众的体验感和满意度", 7),
    ("专项业务类—DRG支付方式改革", "2.00", "计划用2万元推动医保支付方式改革,利于医保部门有的放矢解决、监督和指导医疗机构适应支付方式改革", 6),
    ("专项业务类—个人权益管理工作经费", "8.00", "预计使用 8 万元,办理参保人员相关事宜,来达到提升医疗保障服务能力。", 7),
]


def _nature(raw: str, unit: str) -> str:
    """The 指标性质 symbol behind the conversion's guesses (2, Ш, ٨١, <u> </u> …)."""
    sym = re.sub(r"<[^>]*>", "", raw).strip()
    if sym in ("≥", "≤", "=", "定性"):
        return sym
    if sym in ("Ш", "II"):
        return "="
    if not sym:  # an underlined blank: ≤ for cost ceilings, ≥ otherwise
        return "≤" if unit == "万元" else "≥"
    return "≥"


def target_table(lines: list[str], dept: str) -> TableBlock:
    """部门预算项目绩效目标表 (2023年度): indicator rows from the seed, project cells re-typed."""
    head = ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值",
            "度量单位", "权重", "指标方向性"]
    indicators = []
    for line in lines[383:485]:
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 12 or cells[0] == "单位名称" or cells[4] not in ("产出指标", "成本指标", "效益指标", "满意度指标"):
            continue
        unit = cells[9]
        indicators.append([cells[4], squeeze(cells[5]), squeeze(cells[6]), _nature(cells[7], unit), cells[8], unit, cells[10], ""])
    rows = [head, ["335-达州市医疗保障事务中心本级", "", "50.60"] + [""] * 9]
    spans: list[Span] = []
    k = 0
    for name, amount, goal, count in PROJECTS:
        block = indicators[k : k + count]
        assert sum(float(r[6]) for r in block) == 90, name  # every project's weights add up to 90
        spans += [Span(len(rows), c, count, 1) for c in (1, 2, 3)]
        for i, ind in enumerate(block):
            rows.append(["", name if i == 0 else "", amount if i == 0 else "", goal if i == 0 else ""] + ind)
        k += count
    assert k == len(indicators)
    grid = Grid(rows, [9, 10, 6, 15, 7, 8, 14, 5, 6, 5, 5, 6], 1, spans, ["l", "c", "r", "l", "c", "c", "l", "c", "c", "c", "c", "c"])
    return _block("部门预算项目绩效目标表", grid, None, subtitle="（2023年度）", size_scale=0.95)


# 整体支出绩效目标表: 年度主要任务 (task, content) and the indicator tree with 指标值
TASKS = [(squeeze(p[0].split("—")[1]), p[2]) for p in PROJECTS]
TASKS = [TASKS[i] for i in (5, 2, 3, 1, 4, 6, 7, 0, 8, 9, 10)]  # the seed's order
TASKS[6] = ("医保电子凭证应用推广", "预计使用 5 万元,进行医保电子凭证应用推广,让参保人员查询、使用更加便捷。")
TASKS[10] = ("个人权益管理工作经费", "预计使用 8 万元,办理参保人员相关事宜,提升医疗保障服务能力")
OVERALL_GOALS = """1. 巩固参保率目标,稳定基本医疗保险参保覆盖率;
2. 确保参保人员基本医疗保险待遇落实,增强参保人员的满意度;
3. 提升医保信息化水平,加强网络、信息安全、基础设施等方面建设,进一步夯实技术基础,切实保障医保信息系统高效、安全运行,提高数据采集质量和速度。
4. 加强对参保单位及医疗机构的稽核工作力度,切实保障医保基金合理有效使用,杜绝参保单位漏缴少缴医保费及医疗机构支付不合规费用,实现基金"收支平衡,略有结余"。
5. 全面加强与定点医疗机构 DRG 付费方式改革,药械带量采购规则制定,结余留用等方面的协商谈判,严格执行定点医药机构准入规则。
6. 有效提升综合监管、宣传引导、经办服务、人才队伍建设等医疗保障服务能力。
7. 打造更高质量的标准化医保综合窗口,深化医疗保障领域行风建设,全面落实"好差评"制度,坚持传统服务与智能服务并行,提供更加便捷的医保公共服务服务,全力争创省级、国家级试点示范。"""
OVERALL_INDICATORS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("产出指标", "数量指标", [
        ("录入医保局档案数量", "≥300 册"), ("聘用第三方公司数量", "=1家"), ("审核定点医疗机构出差人数", "≥5 人"),
        ("审核定点医疗机构数量", "≥20 家"), ("推广电子医保凭证人数", "≥20 万人"), ("外伤调查出差人数", "≥3 人"),
        ("医保经办窗口数量", "= 6 个"), ("移动支付试点数量", "≥10 家"), ("异地就医平台建设数量", "= 1 个"),
        ("直接服务市管定点医疗机构数量", "= 10 家")]),
    ("产出指标", "质量指标", [
        ("DRG 支付准确率", "= 100%"), ("第三方公司服务达标率", "= 100%"), ("国家信息平台设备验收合格率", "= 100%"),
        ("国家信息平台使用准确率", "= 100%"), ("监督指导定点医药机构实行移动支付工作合格率", "= 100%"),
        ("监督指导全市医药机构药械集中采购、配送监督管理事务性工作合格率", "= 100%"),
        ("审核定点医疗机构使用基金准确率", "= 100%"), ("审核定点医疗机构准确率", "= 100%"), ("外伤调查准确率", "= 100%"),
        ("医保经办机构设备完善率", "= 100%"), ("医保宣传资料印制合格率", "= 100%"), ("异地就医平台验收合格率", "= 100%"),
        ("异地就医平台正常投入使用率", "= 100%")]),
    ("产出指标", "时效指标", [
        ("聘用第三方公司及时率", "= 100%"), ("全市定点医药机构即时结算率", "≥99%"), ("审核出差人员差旅费及时率", "≥99%"),
        ("外伤调查及时率", "= 100%"), ("异地就医平台采购及时率", "≥98%"), ("异地就医平台建设及时率", "≥99%"),
        ("整理医保局档案及时率", "≥98%"), ("支付出差人员差旅费及时率", "= 100%"), ("DRG 支付及时率", "≥98%"),
        ("参保群众支付医疗费用及时率", "≥99%"), ("窗口办事人员工作及时率", "= 100%"), ("国家信息平台建设及时率", "= 100%"),
        ("国家信息平台设备采购及时率", ">99%")]),
    ("效益指标", "社会效益指标", [
        ("药械带量采购落地率", "= 100%"), ("医保窗口服务质量效率", "= 100%"), ("医保局医疗服务质量效率", "= 100%"),
        ("全市定点医药机构服务质量提高", "≥90%"), ("让定点医疗机构能正确使用医保金", "= 100%")]),
    ("效益指标", "可持续影响指标", [
        ("DRG 支付方式健全性", "定性优"), ("档案管理内控机制健全性", "定性优"), ("国家信息平台运行制度健全性", "定性优"),
        ("经办制度健全性", "定性优"), ("外伤调查支付建设性", "定性优"), ("药品价格和招采机制健全性", "定性优"),
        ("医疗费用支付方式健全性", "定性优"), ("异地就医平台运行机制健全性", "定性优")]),
    ("满意度指标", "服务对象满意度指标", [
        ("外伤患者满意度", "≥90%"), ("药品价格和招采服务对象满意度", "≥95%"), ("参保群众满意度", "≥95%"),
        ("定点医药机构满意度", "≥95%"), ("国家信息平台使用者满意度", "≥95%"), ("稽核对象满意度", "≥90%"),
        ("平台使用者满意度", "≥95%"), ("受益对象满意度", "≥90%")]),
    ("成本指标", "经济成本指标", [
        ("DRG 支付成本控制数", "≤2 万元"), ("档案整理项目成本控制数", "≤5 万元"), ("个人权益管理经费", "≤8 万元"),
        ("国家信息平台建设成本控制数", "≤3 万元"), ("全市定点医药机构移动支付成本控制", "≤3.3 万元"),
        ("审核定点医疗机构成本控制数", "≤6 万元"), ("外伤调查成本控制数", "≤3.3 万元"),
        ("药品价格和招采项目成本控制数", "≤5 万元"), ("医保电子凭证推广成本控制数", "≤5 万元"),
        ("医保经办窗口成本控制", "≤5 万元"), ("异地就医平台建设总成本", "≤5 万元")]),
]


def overall_table() -> TableBlock:
    """整体支出绩效目标表 (2023年度): tasks, budget, overall goals, then the indicator tree."""
    unit_name = "达州市医疗保障事务中心本级"
    rows = [["部门名称", unit_name, "", "", ""], ["年度主要任务", "任务名称", "主要内容", "", ""]]
    spans = [Span(0, 1, 1, 4), Span(1, 0, len(TASKS) + 1, 1), Span(1, 2, 1, 3)]
    for task, content in TASKS:
        spans.append(Span(len(rows), 2, 1, 3))
        rows.append(["", task, content, "", ""])
    r = len(rows)
    rows += [["年度部门整体支出预算", "", "资金总额", "财政拨款", "其他资金"], ["", "", "461.49", "461.49", "0.00"]]
    rows.append(["年度总体目标", OVERALL_GOALS, "", "", ""])
    spans += [Span(r, 0, 2, 2), Span(r + 2, 1, 1, 4)]
    breaks = [len(rows)]  # the original started the indicators on a new page, 部门名称 repeated
    rows.append(["部门名称", unit_name, "", "", ""])
    spans.append(Span(len(rows) - 1, 1, 1, 4))
    top = len(rows)
    rows.append(["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值（包含数字及文字描述）"])
    for _level1, level2, items in OVERALL_INDICATORS:
        first = len(rows)
        for name, value in items:
            rows.append(["", "", "", name, value])
        rows[first][2] = level2
        spans.append(Span(first, 2, len(items), 1, "label"))
    r = top + 1
    while r < len(rows):  # level-1 blocks over consecutive level-2 blocks
        level1 = next(l1 for l1, l2, _ in OVERALL_INDICATORS if l2 == rows[r][2])
        n = sum(len(items) for l1, _, items in OVERALL_INDICATORS if l1 == level1)
        rows[r][1] = level1
        spans.append(Span(r, 1, n, 1, "label"))
        r += n
    spans.append(Span(top, 0, len(rows) - top, 1, "label"))
    grid = Grid(rows, [13, 15, 18, 32, 22], 0, spans, ["c", "c", "c", "l", "l"])
    for rr in range(top):
        for c in range(5):
            grid.align_at[(rr, c)] = "c"
    for rr in range(2, 2 + len(TASKS)):
        grid.align_at[(rr, 2)] = "l"
    grid.align_at[(top - 2, 1)] = "l"
    return _block("整体支出绩效目标表", grid, None, subtitle="（2023年度）", unit=None, breaks=breaks)


def blocks(fill_dept: bool = False) -> list[Block]:
    """The whole document; fill_dept prints the agency on the 部门： lines the seed left blank."""
    lines = seed_lines(SEED)
    for bad, good in PROSE_FIXES.items():
        lines = [s.replace(bad, good) for s in lines]
    dept = AGENCY if fill_dept else ""
    out: list[Block] = [Cover([AGENCY, "2023年部门预算"]), Toc(TOC)]
    out += [Part("第一部分", "概 况")] + prose(lines, 50, 71)
    out += [Part("第二部分", "2023年部门预算情况说明")] + prose(lines, 73, 156)
    out += [Part("第三部分", "2023年部门预算表")]
    out += [
        summary_table(lines, dept),
        income_table(dept),
        expenditure_table(lines, dept),
        fiscal_summary_table(lines, dept),
        economic_table(lines, dept),
        gpb_table(lines, dept),
        basic_table(dept),
        project_table(lines, dept),
        sangong_table(lines, dept),
        *empty_tables(dept),
        target_table(lines, dept),
        overall_table(),
    ]
    out += [Part("第四部分", "名词解释")] + prose(lines, 602, len(lines))
    return out

