"""Performance self-evaluations (绩效自评表) read back as printed: projects and indicators.

The 郴州 figures are transcribed from seed 000 (附件 2-1, 2-2 and 4-1 … 4-16), rendered in
two layouts by samplegen; the provincial (四川) and (A)/(B) (威海) files have no seed and
are checked against what samplegen printed into them.
"""

import unicodedata

import polars as pl
import pytest
from lakeview import rows_of

from ingest.families import match_title
from ingest.parsers.selfeval_cells import split_code
from ingest.targets import Target, parse_target, parse_value
from ingest.triage import triage
from samplegen import provincial

STYLES = ["chenzhou_2022_final_a.pdf", "chenzhou_2022_final_b.pdf"]
BENJI, CENTER = "郴州市医疗保障局本级", "市医疗保障事务中心"
OVERALL = "部门整体支出"

# attachment → (project, 实施单位, 年初预算数, 全年预算数, 全年执行数, 执行率 as printed, 分值, 得分, 总分, indicators)
SEED_000 = {
    "2-1": (OVERALL, BENJI, 392.33, 628.55, 594.48, 0.9458, 10, 9.5, 99.5, 12),
    "2-2": (OVERALL, "郴州市医疗保障事务中心", 701.37, 874.05, 874.05, 1.0, 10, 10, 100, 7),
    "4-1": ("医保基金监督管理工作经费", BENJI, 35, 35, 35, 1.0, 10, 10, 100, 6),
    "4-2": ("医疗待遇保障工作经费", BENJI, 45, 28.75, 28.75, 1.0, 10, 10, 100, 9),
    "4-3": ("医药服务管理工作经费", BENJI, 25, 25, 25, 1.0, 10, 10, 100, 8),
    "4-4": ("医疗救助配套(科室代编)", BENJI, 20, 20, 20, 1.0, 10, 10, 100, 6),
    "4-5": ("打击欺诈骗保投诉举报奖励经费(科室代编)", BENJI, 10, 10, 0, 0.0, 10, 10, 100, 6),
    "4-6": ("医疗服务与保障能力提升(医疗保障服务能力提升)中央财政补助资金", BENJI, 0, 123, 123, 1.0, 10, 10, 100, 6),
    "4-7": ("省厅下达基本医疗保险市级统筹奖补资金", BENJI, 0, 52.4, 20.06, 0.3828, 10, 10, 100, 6),
    "4-8": ("市级统筹工作经费", CENTER, 30, 30, 10, 1.0, 10, 10, 100, 9),
    "4-9": ("门诊费用跨省直接结算及异地联网结算", CENTER, 20, 20, 10, 1.0, 10, 10, 100, 9),
    "4-10": ("基金管理重点工作经费", CENTER, 195, 195, 118.27, 1.0, 10, 10, 100, 22),
    "4-11": ("市市民服务中心物业能耗费", CENTER, 35, 35, 33, 1.0, 10, 10, 100, 7),
    "4-12": ("2022年医疗服务与保障能力提升资金", CENTER, 88, 88, 88, 1.0, 10, 10, 100, 8),
    "4-13": ("建国初期参加革命工作退休人员(科室代编)", CENTER, 16, 16.4, 12.8, 0.7805, 10, 7.8, 97.8, 7),
    "4-14": ("公务员医疗补助(科室代编)", CENTER, 500, 443, 443, 1.0, 10, 10, 100, 7),
    "4-15": ("老干部医疗费(科室代编)", CENTER, 800, 800, 800, 1.0, 10, 10, 100, 7),
    "4-16": ("城乡居民医保配套(科室代编)", CENTER, 4069, 4052.66, 4052.66, 1.0, 10, 10, 99.56, 8),
}
# page of each form's funds line: style b runs 2-1 and 4-10 over two pages
PAGES = {
    "chenzhou_2022_final_a.pdf": {"2-1": 34, "2-2": 35, **{f"4-{k}": 51 + k for k in range(1, 17)}},
    "chenzhou_2022_final_b.pdf": {"2-1": 34, "2-2": 36, **{f"4-{k}": 52 + k + (k > 10) for k in range(1, 17)}},
}
FIGURES = ["project", "implementing_unit", "budget_initial", "budget_full_year", "executed", "exec_rate_reported",
           "exec_weight", "exec_score", "total_score"]


def by_unit_and_name(df: pl.DataFrame) -> dict[tuple[str, str], dict]:
    return {(r["implementing_unit"], r["project"]): r for r in df.iter_rows(named=True)}


def indicators_of(df: pl.DataFrame, project: str) -> pl.DataFrame:
    return df.filter(pl.col("project") == project).sort("page", maintain_order=True)


@pytest.mark.parametrize("source", STYLES)
def test_every_form_of_seed_000_is_one_projects_row(sample_lake, source):
    projects = rows_of(sample_lake, "projects", source)
    assert projects.height == 18  # 16 项目支出 + 2 部门整体支出
    assert projects.select("implementing_unit", "project").n_unique() == 18


@pytest.mark.parametrize("source", STYLES)
@pytest.mark.parametrize("attachment", sorted(SEED_000))
def test_budget_execution_and_scores_as_printed(sample_lake, source, attachment):
    expected = SEED_000[attachment]
    got = by_unit_and_name(rows_of(sample_lake, "projects", source))[(expected[1], expected[0])]
    assert tuple(got[c] for c in FIGURES) == expected[:9]
    assert got["page"] == PAGES[source][attachment]
    assert got["grade"] is None and got["project_code"] is None  # none printed
    budget, executed = expected[3], expected[4]
    assert got["exec_rate"] == pytest.approx(executed / budget, abs=5e-5)


@pytest.mark.parametrize("source", STYLES)
def test_indicator_count_of_each_form(sample_lake, source):
    indicators = rows_of(sample_lake, "indicators", source)
    counts = dict(indicators.filter(pl.col("project") != OVERALL).group_by("project").len().iter_rows())
    assert counts == {v[0]: v[9] for v in SEED_000.values() if v[0] != OVERALL}
    overall = indicators.filter(pl.col("project") == OVERALL)
    first = overall.filter(pl.col("page") < PAGES[source]["2-2"])  # the two 部门整体 forms, told apart by page
    assert (first.height, overall.height - first.height) == (12, 7)


@pytest.mark.parametrize("source", STYLES)
def test_the_canonical_cases(sample_lake, source):
    p = by_unit_and_name(rows_of(sample_lake, "projects", source))
    fraud = p[(BENJI, "打击欺诈骗保投诉举报奖励经费(科室代编)")]
    assert (fraud["executed"], fraud["exec_rate"], fraud["exec_score"], fraud["total_score"]) == (0.0, 0.0, 10.0, 100.0)
    pooling = p[(CENTER, "市级统筹工作经费")]  # printed 100% for 10 of 30
    assert (pooling["exec_rate_reported"], pooling["exec_rate"]) == (1.0, 0.3333)
    fund = p[(CENTER, "基金管理重点工作经费")]  # printed 100% for 118.27 of 195
    assert (fund["exec_rate_reported"], fund["exec_rate"]) == (1.0, 0.6065)
    subsidy = p[(BENJI, "省厅下达基本医疗保险市级统筹奖补资金")]
    assert (subsidy["exec_rate_reported"], subsidy["exec_score"], subsidy["exec_weight"]) == (0.3828, 10.0, 10.0)
    veterans = p[(CENTER, "建国初期参加革命工作退休人员(科室代编)")]
    assert (veterans["exec_rate"], veterans["exec_score"]) == (0.7805, 7.8)


def indicator(df: pl.DataFrame, project: str, name: str, *columns: str) -> tuple:
    """The given columns of one project's indicator, by name."""
    row = df.filter((pl.col("project") == project) & (pl.col("name") == name)).row(0, named=True)
    return tuple(row[c] for c in columns)


@pytest.mark.parametrize("source", STYLES)
def test_indicator_rows(sample_lake, source):
    ind = rows_of(sample_lake, "indicators", source)
    parsed = ("target", "comparator", "target_value", "actual_value")
    months = ("省厅下达基本医疗保险市级统筹奖补资金", "基金滚存结余可支配月数(月)")
    assert indicator(ind, *months, *parsed) == ("6-9个月", ">=", 6.0, 9.0)
    assert indicator(ind, *months, "level1", "level2", "weight", "score") == ("产出指标", "质量指标", 10.0, 10.0)
    trips = ("门诊费用跨省直接结算及异地联网结算", "异地就医结算人次")
    assert indicator(ind, *trips, *parsed) == ("≥ 3.8万人次", ">=", 3.8, 3.8)  # wrapped "≥ 3.8 万人次"
    insured = ("城乡居民医保配套(科室代编)", "参保人数")
    assert indicator(ind, *insured, *parsed, "weight", "score") == ("≥51.6万人", ">=", 51.6, 49.68, 10.0, 9.56)
    assert indicator(ind, *insured, "note") == ("参保标准提高,导致参保人员选择性参保",)
    cost = ("医保基金监督管理工作经费", "预算成本控制情况")
    assert indicator(ind, *cost, *parsed, "actual") == ("≤35万元", "<=", 35.0, 35.0, "35万元")
    assert indicator(ind, "医保基金监督管理工作经费", "提升基金监管水平", *parsed) == ("逐步提升", "qualitative", None, None)


@pytest.mark.parametrize("source", STYLES)
def test_labels_carried_down_merged_blocks_and_over_pages(sample_lake, source):
    ind = indicators_of(rows_of(sample_lake, "indicators", source), "基金管理重点工作经费")
    levels = ind.group_by("level1", maintain_order=True).len()
    assert dict(levels.iter_rows()) == {"产出指标": 15, "成本指标": 1, "效益指标": 2, "满意度指标": 4}
    assert ind.filter(pl.col("level2") == "时效指标").height == 5
    if source.endswith("_b.pdf"):  # 4-10 continues on page 63 without a header
        assert ind.filter(pl.col("page") == 63)["name"].to_list() == [
            "特殊病患者的满意度", "公众及医院药店对医保网络通畅满意度", "基金稽核对象满意度"]


@pytest.mark.parametrize("source", STYLES)
def test_indicator_scores_add_up_except_where_the_seed_does_not(sample_lake, source):
    projects = rows_of(sample_lake, "projects", source).filter(pl.col("project") != OVERALL)
    sums = rows_of(sample_lake, "indicators", source).group_by("project").agg(pl.col("score").sum().alias("scores"))
    joined = projects.join(sums, on="project").with_columns((pl.col("exec_score") + pl.col("scores")).alias("sum"))
    off = joined.filter((pl.col("sum") - pl.col("total_score")).abs() > 0.5)
    # 4-12 prints two indicators without 分值/得分 and still totals 100
    assert off["project"].to_list() == ["2022年医疗服务与保障能力提升资金"]
    blank = rows_of(sample_lake, "indicators", source).filter(pl.col("score").is_null())
    assert sorted(blank["name"]) == ["提升医保服务形象", "群众对医保服务满意度"]


# ---------------------------------------------------------------- finding the forms

FORM = "附件 4-1\n2022 年度项目支出绩效自评表\n项目支出名称 医保基金监督管理工作经费\n" + "完成年度目标。" * 5
CONTINUED = "绩效指标 满意度指标 (10分) 服务对象满意度指标 住院患者满意度 ≥90% ≥90% 2.5 2.5\n总分 100 100"
REPORT = "附件 3-1\n2022 年度项目支出绩效自评报告\n" + "本年度预算资金35万元，执行率100%。" * 5


def test_form_pages_hold_sentences_and_continue_without_a_header():
    pages = triage([FORM, CONTINUED, REPORT, CONTINUED], "final_account")
    assert [p.family for p in pages] == ["project_selfeval", "project_selfeval", None, None]
    assert pages[1].continuation


def test_a_form_without_its_title_in_the_text_layer_is_known_by_its_labels():
    untitled = "郴州市医疗保障局 郴州市医疗保障局本级\n项目资金\n(万元)\n得分\n10\n年度总体\n目标\n预期目标 实际完成情况"
    assert [p.family for p in triage([REPORT, untitled], "final_account")] == [None, "project_selfeval"]


@pytest.mark.parametrize(
    "printed, family",
    [
        ("2022 年度项目支出绩效自评表", "project_selfeval"),
        ("项目绩效自评表", "project_selfeval"),
        ("2022 年度部门整体支出绩效自评表", "overall_selfeval"),
        ("2022 年度部门整体支出绩效评价基础数据表", "overall_basic_data"),
    ],
)
def test_form_titles(printed, family):
    assert match_title(printed)[0] == family


def test_project_codes_are_split_from_names():
    assert split_code("51000022T000004913252-全省视频会议系统") == ("全省视频会议系统", "51000022T000004913252")
    assert split_code("2022年医疗服务与保障能力提升资金") == ("2022年医疗服务与保障能力提升资金", None)


# ---------------------------------------------------------------- targets


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("≥95%", (">=", 95.0, "%")),
        ("≤35万元", ("<=", 35.0, "万元")),
        ("=100%", ("=", 100.0, "%")),
        ("≥ 3.8 万人次", (">=", 3.8, "万人次")),
        ("6-9个月", (">=", 6.0, "个月")),
        ("100%", ("=", 100.0, "%")),
        (">=90", (">=", 90.0, "")),
        ("≤1.2", ("<=", 1.2, "")),
        ("≦ 72 小时", ("<=", 72.0, "小时")),
        ("≥ 95%", (">=", 95.0, "%")),
        ("3次", ("=", 3.0, "次")),
        ("1年内", ("<=", 1.0, "年")),
        ("不低于90%", (">=", 90.0, "%")),
        ("95%以上", (">=", 95.0, "%")),
        ("=59 家医疗机构", ("=", 59.0, "家医疗机构")),
        ("有效提升", ("qualitative", None, "")),
        ("优良中低差", ("qualitative", None, "")),
        ("按时完成", ("qualitative", None, "")),
        ("收支平衡, 略有结余", ("qualitative", None, "")),
        ("2022 年 12 月底前", ("qualitative", None, "")),
        ("2022年度", ("qualitative", None, "")),
        ("2个月内一批次", ("qualitative", None, "")),
        ("", ("qualitative", None, "")),
    ],
)
def test_parse_target(printed, expected):
    assert parse_target(printed) == Target(*expected)


@pytest.mark.parametrize("printed, value", [("95.82%", 95.82), ("≥90%", 90.0), ("0%", 0.0), ("49.68", 49.68),
                                            ("20.26万元", 20.26), ("按时完成", None), ("2022年年底前", None)])
def test_parse_actual(printed, value):
    assert parse_value(printed) == value


# ---------------------------------------------------------------- provincial and (A)/(B) layouts

SICHUAN = "sichuan_2023_selfeval_provincial.pdf"
WEIHAI = "ab_layout_selfeval.pdf"


def nfkc(text: str) -> str | None:
    """Text cells are stored NFKC-normalised (full-width punctuation folded), blank as null."""
    return unicodedata.normalize("NFKC", text) or None


def _num(cell: str) -> float | None:
    return float(cell) if cell else None


def _target(m: provincial.Measure) -> str:
    return m.target if m.nature in ("定性", "") else f"{m.nature}{m.target}{m.unit}"


@pytest.mark.parametrize(
    "source, agency, region_code",
    [(SICHUAN, "四川省大数据中心", "510000"), (WEIHAI, "威海市市场监督管理局", "371000")],
)
def test_selfeval_files_metadata(sample_lake, source, agency, region_code):
    doc = rows_of(sample_lake, "documents", source).row(0, named=True)
    got = (doc["agency"], doc["region_code"], doc["year"], doc["doc_kind"])
    assert got == (agency, region_code, 2023, "performance_report")
    assert doc["warnings"] == []


def test_provincial_projects_read_back_as_generated(sample_lake):
    got = {r["project_code"]: r for r in rows_of(sample_lake, "projects", SICHUAN).iter_rows(named=True)}
    assert len(got) == len(provincial.SC_PROJECTS)
    for p in provincial.SC_PROJECTS:
        code, name = p.name.split("-", 1)
        total = p.funds[0]  # the 总额 line; 其中：财政资金 … are not read
        row = got[code]
        assert (row["project"], row["implementing_unit"]) == (name, "四川省大数据中心")
        assert (row["budget_initial"], row["budget_full_year"], row["executed"]) == tuple(map(float, total[1:4]))
        assert row["exec_rate_reported"] == pytest.approx(float(total[4].rstrip("%")) / 100)
        assert (row["exec_weight"], row["exec_score"]) == (float(total[5]), float(total[6]))
        assert row["total_score"] == float(p.total[1])


def test_provincial_cases_for_the_rules(sample_lake):
    p = {r["project"]: r for r in rows_of(sample_lake, "projects", SICHUAN).iter_rows(named=True)}
    idle = p["政务云平台安全运维保障"]  # 0% executed, 0 points for execution
    assert (idle["executed"], idle["exec_rate"], idle["exec_score"], idle["exec_weight"]) == (0.0, 0.0, 0.0, 10.0)
    over = p["数字政府网络安全运营服务"]  # 预算执行数 above 调整后预算数
    assert over["executed"] > over["budget_full_year"] and over["exec_rate"] == 1.184
    assert p["全省视频会议系统"]["exec_rate_reported"] == 0.955  # printed "95.50\n%"


def test_provincial_indicators_read_back_as_generated(sample_lake):
    ind = rows_of(sample_lake, "indicators", SICHUAN)
    for p in provincial.SC_PROJECTS:
        code, name = p.name.split("-", 1)
        rows = ind.filter(pl.col("project_code") == code).sort("page", maintain_order=True)
        assert rows.height == len(p.measures)
        for m, r in zip(p.measures, rows.iter_rows(named=True), strict=True):
            assert (r["project"], r["level1"], r["level2"], r["name"]) == (name, m.level1, m.level2, m.name)
            assert (r["target"], r["note"]) == (_target(m), nfkc(m.reason))
            assert (r["weight"], r["score"]) == (_num(m.weight), _num(m.score))
            assert r["comparator"] == {"≥": ">=", "≤": "<=", "=": "=", "定性": "qualitative"}[m.nature]
            if m.nature != "定性":
                assert (r["target_value"], r["actual_value"]) == (float(m.target), float(m.actual))
                assert r["actual"] == m.actual + m.unit  # 完成值 with its 度量单位
    first = ind.filter(pl.col("project") == "全省视频会议系统")
    assert first.group_by("page").len().sort("page").rows() == [(3, 7), (4, 6)]  # continues on page 4, no header


def test_ab_layout_reads_back_as_generated(sample_lake):
    projects = {r["project"]: r for r in rows_of(sample_lake, "projects", WEIHAI).iter_rows(named=True)}
    ind = rows_of(sample_lake, "indicators", WEIHAI)
    assert len(projects) == len(provincial.AB_PROJECTS)
    for p in provincial.AB_PROJECTS:
        row, total = projects[p.name], p.funds[0]
        assert (row["budget_initial"], row["budget_full_year"], row["executed"]) == tuple(map(float, total[1:4]))
        assert (row["exec_weight"], row["exec_score"]) == (float(total[4]), float(total[6]))
        assert row["exec_rate_reported"] == pytest.approx(float(total[5].rstrip("%")) / 100)
        assert (row["total_score"], row["grade"], row["implementing_unit"]) == (float(p.total[1]), p.grade, p.unit)
        rows = ind.filter(pl.col("project") == p.name)
        assert rows.select("name", "target", "actual", "weight", "score").rows() == [
            (m.name, m.target, m.actual, _num(m.weight), _num(m.score)) for m in p.measures
        ]
    assert projects["特种设备安全监察经费"]["exec_rate"] == 0.6867
