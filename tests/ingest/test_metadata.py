"""Document metadata (agency, region, year, kind, scope) inferred from real disclosures' text."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from ingest.metadata import MetadataError, infer

SHARED = Path(__file__).resolve().parents[2] / "samples"
REAL = SHARED / "real"
SEEDS = SHARED / "seeds"

SJ = "中共江苏省委办公厅"
ZX = "江苏省政协办公厅"
PT = ("310107", "上海市普陀区", "上海市")
# file → (agency, year, doc_kind, scope, region_code, region, city)
EXPECTED = {
    "putuo_caizhengju_2024_final.pdf": ("上海市普陀区财政局", 2024, "final_account", "department", *PT),
    "putuo_sifaju_2026_budget.pdf": ("上海市普陀区司法局", 2026, "budget", "department", *PT),
    "template_final_account.pdf": ("上海市XX局", 2024, "final_account", "department", "310000", "上海市", None),
    "jiangsu/江苏省委办公厅2017年部门预算.pdf": (SJ, 2017, "budget", "department", "320000", "江苏省", None),
    "jiangsu/江苏省委办公厅2017年预算公开表格.pdf": (SJ, 2017, "budget", "department", "320000", "江苏省", None),
    "jiangsu/江苏省委办公厅2018年度部门预算公开文件.pdf": (SJ, 2018, "budget", "department", "320000", "江苏省", None),
    "jiangsu/江苏省委办公厅2018年度部门预算公开表.pdf": (SJ, 2018, "budget", "department", "320000", "江苏省", None),
    "jiangsu/江苏省委办公厅2019年度部门预算公开文件.pdf": (SJ, 2019, "budget", "department", "320000", "江苏省", None),
    "jiangsu/江苏省委办公厅2019年度部门预算公开表格.pdf": (SJ, 2019, "budget", "department", "320000", "江苏省", None),
    "jiangsu/江苏省政协办公厅2017年度部门预算.pdf": (ZX, 2017, "budget", "department", "320000", "江苏省", None),
    "jiangsu/江苏省政协办公厅2018年度部门预算.pdf": (ZX, 2018, "budget", "department", "320000", "江苏省", None),
    "jiangsu/江苏省政协办公厅2018度部门预算公开表.pdf": (ZX, 2018, "budget", "department", "320000", "江苏省", None),
    "jiangsu/江苏省政协办公厅2019年度部门预算.pdf": (ZX, 2019, "budget", "department", "320000", "江苏省", None),
    "jiangsu/江苏省政协办公厅2019年预算公开表.pdf": (ZX, 2019, "budget", "department", "320000", "江苏省", None),
    "jiangsu/江苏省政协办公厅2017年度部门预算公开表.pdf": (ZX, 2017, "budget", "department", "320000", "江苏省", None),
    "jiangsu/江苏省人大办公厅2017年度预算公开.pdf": ("江苏省人大常委会办公厅", 2017, "budget", "department", "320000", "江苏省", None),
    "jiangsu/江苏省人民检察院2018年部门预算公开.pdf": ("江苏省人民检察院", 2018, "budget", "department", "320000", "江苏省", None),
    "jiangsu/江苏省人民检察院2019年度部门预算公开.pdf": ("江苏省人民检察院", 2019, "budget", "department", "320000", "江苏省", None),
    "jiangsu/江苏省高级人民法院2017年度部门预算公开.pdf": ("江苏省高级人民法院", 2017, "budget", "department", "320000", "江苏省", None),
    "jiangsu/江苏省高级人民法院2018年度部门预算公开.pdf": ("江苏省高级人民法院", 2018, "budget", "department", "320000", "江苏省", None),
    "putuo_wanli_2023_budget.pdf": ("上海市普陀区人民政府万里街道办事处", 2023, "budget", "department", *PT),
    "putuo_wanli_2025_budget.pdf": ("上海市普陀区人民政府万里街道办事处", 2025, "budget", "department", *PT),
}


@cache
def pdf_pages(relative: str) -> list[str]:
    path = REAL / relative
    assert path.exists(), f"{path} ships with the repo"
    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def seed_pages(prefix: str) -> tuple[list[str], str]:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    assert found, f"no seed {prefix} in {SEEDS}"
    text = found[0].read_text(encoding="utf-8")
    return [text[i : i + 3000] for i in range(0, len(text), 3000)], found[0].name


def fields(meta) -> tuple:
    return (meta.agency, meta.year, meta.doc_kind, meta.scope, meta.region_code, meta.region, meta.city)


def test_every_real_pdf_is_covered() -> None:
    found = {p.relative_to(REAL).as_posix() for p in REAL.rglob("*.pdf")}
    assert found == set(EXPECTED)


@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_real_pdfs(relative: str) -> None:
    meta = infer(pdf_pages(relative), Path(relative).name)
    assert fields(meta) == EXPECTED[relative]
    assert meta.evidence and all(":" in line for line in meta.evidence)


def test_one_agency_one_id_across_years_and_spellings() -> None:
    # 2017 tables say 中国共产党江苏省委员会办公厅, the covers 江苏省委办公厅, later tables 中共江苏省委办公厅
    ids = {infer(pdf_pages(r), Path(r).name).agency_id for r in EXPECTED if "省委办公厅" in r}
    assert len(ids) == 1 and ids.pop().startswith("zhonggongweibangongting-")


def test_putuo_final_account_evidence() -> None:
    meta = infer(pdf_pages("putuo_caizhengju_2024_final.pdf"), "putuo_caizhengju_2024_final.pdf")
    assert meta.agency_id.startswith("caizhengju-")
    assert meta.province == "上海市"
    assert "agency: title on page 1 (上海市普陀区财政局2024年度部门决算)" in meta.evidence


def test_seed_chenzhou_final_account_with_the_title_broken_mid_word() -> None:
    pages, name = seed_pages("000")  # "2022年度\n郴州市医疗保障局部\n门决算", with 绩效自评 attachments
    meta = infer(pages, name)
    assert fields(meta) == ("郴州市医疗保障局", 2022, "final_account", "department", "431000", "湖南省郴州市", "郴州市")
    assert meta.province == "湖南省" and meta.agency_id.startswith("yiliaobaozhangju-")


def test_seed_dazhou_budget() -> None:
    pages, name = seed_pages("001")
    meta = infer(pages, name)
    assert fields(meta) == ("达州市医疗保障事务中心", 2023, "budget", "department", "511700", "四川省达州市", "达州市")


def test_seed_panzhihua_performance_report() -> None:
    pages, name = seed_pages("003")
    meta = infer(pages, name)
    assert (meta.agency, meta.year, meta.doc_kind, meta.region_code) == (
        "攀枝花市医疗保障事务中心", 2023, "performance_report", "510400")


def test_title_year_wins_over_prose_and_file_name() -> None:
    pages = ["威海市财政局\n2021年度部门决算", "2020年，我局……2022年将继续……"]
    meta = infer(pages, "weihai_2019.pdf")
    assert (meta.year, meta.region_code, meta.doc_kind) == (2021, "371000", "final_account")
    assert "hint: the file name says 2019" in meta.evidence


def test_unit_scope_from_title_or_benji() -> None:
    meta = infer(["郴州市医疗保障事务中心\n2022年度单位决算"], "x.pdf")
    assert (meta.agency, meta.scope) == ("郴州市医疗保障事务中心", "unit")
    meta = infer(["郴州市医疗保障局（本级）2022年度部门预算"], "x.pdf")
    assert (meta.agency, meta.scope) == ("郴州市医疗保障局", "unit")


def test_a_wrong_table_header_is_only_a_hint() -> None:
    pages = ["郴州市医疗保障局\n2022年度部门决算", "收入支出决算总表\n部门：郴州市财政局\n金额单位：万元\n项目 金额"]
    meta = infer(pages, "x.pdf")
    assert meta.agency == "郴州市医疗保障局"
    assert any("郴州市财政局" in line and line.startswith("hint:") for line in meta.evidence)


def test_table_only_files_fall_back_to_headers_and_file_name() -> None:
    pages = ["公开01表\n部门：中国共产党江苏省委员会办公厅 单位：万元\n项目 金额"]
    meta = infer(pages, "江苏省委办公厅2017年预算公开表格.pdf")
    assert (meta.agency, meta.year, meta.doc_kind, meta.region_code) == (SJ, 2017, "budget", "320000")


def test_overrides_win() -> None:
    meta = infer(
        ["上海市XX局\n2024年度部门决算"],
        "template.pdf",
        {"agency": "上海市普陀区财政局", "year": 2023, "region": "上海市普陀区", "scope": "unit", "doc_kind": "budget"},
    )
    assert fields(meta) == ("上海市普陀区财政局", 2023, "budget", "unit", "310107", "上海市普陀区", "上海市")
    assert infer(["上海市XX局\n2024年度部门决算"], "t.pdf", {"region_code": "310107"}).region_code == "310107"


def test_missing_agency_or_year_raises_a_clear_error() -> None:
    with pytest.raises(MetadataError, match="年度.*year"):
        infer(["郴州市医疗保障局工作总结"], "scan.pdf")
    with pytest.raises(MetadataError, match="单位名称.*agency"):
        infer(["2023年度部门预算整体绩效自评报告"], "scan.pdf")
    with pytest.raises(MetadataError, match="行政区划.*region"):
        infer(["医疗保障局\n2023年度部门预算"], "scan.pdf")


@pytest.mark.parametrize("cover", ["上海市普陀区司法局二〇二三年度部门预算", "上海市普陀区司法局\n二零二三年度部门预算",
                                   "上海市普陀区司法局\n二○二三 年度部门预算"])
def test_a_cover_with_the_year_in_chinese_numerals(cover: str) -> None:
    meta = infer([cover, "目录"], "附件1.pdf")
    assert (meta.agency, meta.year, meta.doc_kind) == ("上海市普陀区司法局", 2023, "budget")


def test_printed_self_evaluation_forms_outweigh_an_english_word_of_the_file_name() -> None:
    page = ("项目支出绩效自评表\n（2023年度）\n项目名称 道路养护\n主管部门 成都市交通运输局 实施单位 成都市公路中心\n"
            "年度资金总额 100.00 90.00 10 90.00% 9.00")
    meta = infer([page], "chengdu_2023_budget_followup.pdf")
    assert meta.doc_kind == "performance_report" and "doc_kind: table titles" in " ".join(meta.evidence)
    assert infer(["部门：成都市交通运输局\n道路养护情况说明"], "chengdu_2023_budget.pdf").doc_kind == "budget"
