"""ingest.narrative: staff counts (staff_authorized / staff_actual) and a budget's implied 上年 totals
(grand_total_prior / basic_total_prior / project_total_prior), on the phrasing of the real PDFs."""

from __future__ import annotations

import polars as pl
import pytest

from fiscal import store
from ingest import narrative
from ingest.model import DocMeta


def meta(kind: str = "final_account") -> DocMeta:
    return DocMeta("d", "431000", "湖南省郴州市", "湖南省", "郴州市", "yibao", "郴州市医疗保障局", 2022, kind, "department",
                   "d.pdf")


def rows(pages: list[str], kind: str = "final_account") -> dict[str, dict]:
    flat = narrative._document_text(pages)
    return {r["key"]: r for r in narrative.staff(flat, meta(kind)) + narrative.prior_year(flat, meta(kind))}


# the phrasing of the real samples (郴州 2022 决算 p.28/29, 达州 2023 预算 p.4/5, 江苏 政协 2017/2018 预算)
CHENZHOU = ("郴州市医疗保障局本级为正处级行政单位，内设办公室、基金监管科五个科室，核定编制 16 人，现有在编人数 15 人。"
            "郴州市医疗保障事务中心内设基金结算科等 9 个职能科室，核定编制 41 人，现有在职人数 49 人，其中在编在职 30 人，"
            "借调 3 人，聘用人员 16 人。")
DAZHOU = "达州市医疗保障事务中心是参照公务员法管理的事业单位，内设8个科室，现有编制人数31人， 在职职工29人，离退休职工10人。"
JIANGSU = "另外，本部门预算还包括江苏省联谊俱乐部 8 名在职人员、南京中国近代史遗址博物馆管理建设办公室 9 名在职人员人员经费。"


def test_a_department_report_adds_up_its_units_and_skips_the_breakdown():
    got = rows(["封面", CHENZHOU])
    assert got["staff_authorized"]["amount"] == 57.0 and got["staff_authorized"]["page"] == 2
    assert got["staff_actual"]["amount"] == 64.0  # 15 + 49; 其中在编在职 30 is a breakdown
    assert got["staff_actual"]["unit"] == "人" and "现有在编人数 15 人" in got["staff_actual"]["text"]


def test_budget_phrasing_and_in_service_persons_counted_by_name():
    got = rows([DAZHOU], "budget")
    assert (got["staff_authorized"]["amount"], got["staff_actual"]["amount"]) == (31.0, 29.0)
    assert rows([JIANGSU], "budget")["staff_actual"]["amount"] == 17.0
    assert rows(["某局在职 12 名人员。"])["staff_actual"]["amount"] == 12.0


def test_a_total_followed_by_its_units_is_not_counted_twice():
    text = "本部门核定编制 57 人。局机关核定编制 16 人；事务中心核定编制 41 人。"
    assert rows([text])["staff_authorized"]["amount"] == 57.0


def test_no_staff_figure_no_row_and_budget_compilation_is_not_a_headcount():
    assert rows(["加强预算编制的科学性，提高预算编制质量。离退休人员10人。"]) == {}


def test_a_budgets_change_over_last_year_gives_last_years_total():
    text = ("省委办公厅 2017 年度收入、支出预算总计 20849.45 万元，与上年相比收、支预算总计各增加 2043.58 万元，增长10.87%。"
            "此外，基本支出预算数为 5,678.17 万元。与上年相比减少238.10 万元，下降 4.02%。"
            "项目支出预算数为 3,123.68 万元。与上年数一致。")
    got = rows([text], "budget")
    assert got["grand_total_prior"]["amount"] == 18805.87 and got["grand_total_prior"]["value"] == "+2043.58"
    assert got["basic_total_prior"]["amount"] == 5916.27 and got["basic_total_prior"]["value"] == "-238.10"
    assert got["project_total_prior"]["amount"] == 3123.68 and got["project_total_prior"]["value"] == "+0.00"
    assert "grand_total_prior" not in rows([text])  # a final account's 上年 is last year's actuals: not read


# ---------------------------------------------------------------- on the ingested samples


@pytest.fixture(scope="module")
def narrative_rows(sample_lake) -> pl.DataFrame:
    return store.read(sample_lake, "narrative")


def test_staff_counts_read_from_the_real_samples(narrative_rows):
    staff = narrative_rows.filter(pl.col("key").str.starts_with("staff_"))
    got = {(r["agency"], r["key"]): (r["amount"], r["page"]) for r in staff.iter_rows(named=True)}
    assert got[("郴州市医疗保障局", "staff_authorized")][0] == 57.0
    assert got[("郴州市医疗保障局", "staff_actual")][0] == 64.0
    assert got[("达州市医疗保障事务中心", "staff_authorized")][0] == 31.0
    assert got[("达州市医疗保障事务中心", "staff_actual")][0] == 29.0
    pages = staff.filter(pl.col("agency") == "郴州市医疗保障局", pl.col("key") == "staff_actual")["page"].to_list()
    assert sorted(pages) == [28, 29]  # the two PDFs of 郴州 2022 (b has two pages fewer before it)
    assert staff.filter(pl.col("agency").str.contains("普陀")).is_empty()  # 普陀 states no headcount


def test_jiangsu_budgets_imply_last_years_totals(narrative_rows):
    prior = narrative_rows.filter(pl.col("key") == "grand_total_prior", pl.col("agency") == "江苏省政协办公厅")
    got = {r["year"]: (r["amount"], r["page"]) for r in prior.iter_rows(named=True)}
    assert got == {2017: (8648.07, 7), 2018: (9146.79, 7), 2019: (10150.48, 9)}
    # every 江苏 budget that compares with 上年 (the 上海 budgets state no such figure)
    assert narrative_rows.filter(pl.col("key").str.ends_with("_prior"))["agency"].unique().sort().to_list() == [
        "中共江苏省委办公厅", "江苏省人大常委会办公厅", "江苏省人民检察院", "江苏省政协办公厅", "江苏省高级人民法院"]
