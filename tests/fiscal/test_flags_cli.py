"""`python -m fiscal flags` end to end on the session lake (bundled samples + real PDFs).

Every error-level flag raised on the real 普陀区财政局 2024 决算 is checked against the
text of the page it names: a reader of the PDF must see the same contradiction.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from lakeview import rows_of

from fiscal import store

ROOT = Path(__file__).resolve().parents[2]
CHENZHOU = "chenzhou_2022_final_a.pdf"
PUTUO = "putuo_caizhengju_2024_final.pdf"
FIELDS = {"rule", "severity", "region", "agency", "year", "project", "message", "doc_id", "page", "evidence",
          "source_name", "source_path"}


def cli(lake: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "fiscal", "flags", "--lake", str(lake), *args], cwd=ROOT,
                          capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def flags(sample_lake: Path) -> pl.DataFrame:
    """The JSON flags of the session lake, with each flag's source file name."""
    out = cli(sample_lake, "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    rows = json.loads(out.stdout.decode("utf-8"))
    assert isinstance(rows, list) and rows
    assert all(FIELDS <= set(r) for r in rows)
    for r in rows:
        r["evidence"] = json.dumps(r["evidence"], ensure_ascii=False)
    return pl.DataFrame(rows, infer_schema_length=None)


def of(flags: pl.DataFrame, source_name: str, rule: str | None = None) -> pl.DataFrame:
    out = flags.filter(pl.col("source_name") == source_name)
    return out if rule is None else out.filter(pl.col("rule") == rule)


def page_text(source: Path, page: int) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(source))
    try:
        return pdf[page - 1].get_textpage().get_text_range()
    finally:
        pdf.close()


def test_csv_has_a_bom_and_the_same_flags(sample_lake: Path, flags: pl.DataFrame):
    out = cli(sample_lake, "--format", "csv")
    assert out.returncode == 0
    text = out.stdout.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == flags.height and FIELDS <= set(rows[0])


def test_min_severity_keeps_the_worse_flags(sample_lake: Path, flags: pl.DataFrame):
    out = cli(sample_lake, "--format", "json", "--min-severity", "error")
    errors = json.loads(out.stdout.decode("utf-8"))
    assert {r["severity"] for r in errors} == {"error"}
    assert len(errors) == flags.filter(pl.col("severity") == "error").height


# ---------------------------------------------------------------- 郴州 2022 (seed 000)


def test_chenzhou_prose_and_sangong_table_agree_so_no_consistency_error(sample_lake: Path, flags: pl.DataFrame):
    nar = rows_of(sample_lake, "narrative", CHENZHOU)
    stated = {r["key"]: r["amount"] for r in nar.filter(pl.col("amount").is_not_null()).iter_rows(named=True)}
    # “三公”经费财政拨款支出预算为 9.00 万元，支出决算为 6.22 万元; 公务接待费支出决算 2.22 万元
    assert (stated["sangong_total_budget"], stated["sangong_total_actual"]) == (9.0, 6.22)
    assert stated["sangong_reception_actual"] == 2.22
    assert (stated["grand_total"], stated["income_total"], stated["expenditure_total"]) == (1468.53, 1467.89, 1468.53)
    sg = rows_of(sample_lake, "sangong", CHENZHOU).filter(pl.col("stage") == "actual", pl.col("item") == "total")
    assert sg["amount"].to_list() == [6.22]
    for rule in ("unit_mismatch", "sangong_sum_mismatch", "sangong_over_budget",
                 "agency_name_inconsistent", "code_name_mismatch"):
        assert of(flags, CHENZHOU, rule).is_empty(), rule
    # the only prose-vs-table findings, all labelled in accuracy/truth/chenzhou_2022_final_a.toml: project
    # self-evaluation reports and the spending listed per 项 (p30) against their 自评表 (pp. 30, 38, 43–46),
    # 基本支出 实际支出数 970.5 against the tables (p29), a 上年决算数 used as the 年初预算 (p24)
    prose = of(flags, CHENZHOU, "narrative_table_mismatch")
    assert set(prose["page"]) <= {24, 29, 30, 38, 43, 44, 45, 46}
    assert prose.filter(pl.col("page") >= 30)["message"].str.contains("自评表").all()
    # the seed's tables differ from their sums only within 尾数误差 (e.g. 1,468.53 vs 971.50 + 497.02), but for three
    # 自评表 whose 年度资金总额 年初预算数 is off its 当年财政拨款 line (p64 16 vs 16.4, p65 500 vs 443, p67 4069 vs 4052.66;
    # labelled in accuracy/truth/chenzhou_2022_final_a.toml)
    totals = of(flags, CHENZHOU, "totals_mismatch")
    errors = totals.filter(pl.col("severity") != "info")
    assert totals.height > errors.height and set(errors["page"]) == {64, 65, 67}


def test_chenzhou_reception_in_basic_expenditure_is_within_the_sangong_reception(flags: pl.DataFrame):
    # 30217 公务接待费 0.78 (基本支出) ≤ 三公 公务接待费 2.22: no cross-table flag
    assert of(flags, CHENZHOU, "cross_table_mismatch").is_empty()


def projects_read(sample_lake: Path) -> bool:
    return rows_of(sample_lake, "projects", CHENZHOU).height > 0


def test_chenzhou_full_score_at_low_execution(sample_lake: Path, flags: pl.DataFrame):
    if not projects_read(sample_lake):
        pytest.xfail("projects parser pending")
    hits = of(flags, CHENZHOU, "full_score_low_execution")
    by_name = {r["project"]: r for r in hits.iter_rows(named=True)}

    def find(name: str) -> dict:
        return next(v for k, v in by_name.items() if k.startswith(name))

    fraud = find("打击欺诈骗保投诉举报奖励经费")
    assert fraud["severity"] == "error" and fraud["page"] == 56
    assert json.loads(fraud["evidence"])["exec_rate"] == 0 and json.loads(fraud["evidence"])["exec_score"] == 10
    assert json.loads(find("省厅下达基本医疗保险市级统筹奖补资金")["evidence"])["exec_rate"] == pytest.approx(0.3828)
    assert find("市级统筹工作经费")["severity"] == "error"
    for name in ("建国初期参加革命工作退休人员", "城乡居民医保配套"):
        assert not any(k.startswith(name) for k in by_name), name


def test_chenzhou_misreported_rates_and_scores_that_do_not_add_up(sample_lake: Path, flags: pl.DataFrame):
    if not projects_read(sample_lake):
        pytest.xfail("projects parser pending")
    misreported = set(of(flags, CHENZHOU, "exec_rate_misreported")["project"])
    assert {"市级统筹工作经费", "基金管理重点工作经费"} <= misreported
    # 附件 4-12: the last two indicators carry no score, so 10 + 60 ≠ 总分 100
    mismatch = of(flags, CHENZHOU, "total_score_mismatch")
    assert "2022年医疗服务与保障能力提升资金" in set(mismatch["project"])
    assert all(p is not None for p in mismatch["page"])


def test_provincial_layout_zero_executed_zero_scored_is_not_flagged(flags: pl.DataFrame):
    source = "sichuan_2023_selfeval_provincial.pdf"
    if of(flags, source).is_empty() and source not in set(flags["source_name"]):
        pytest.skip(f"{source} not among the samples")
    assert not any("政务云平台安全运维保障" in (p or "") for p in of(flags, source, "full_score_low_execution")["project"])
    assert "数字政府网络安全运营服务" in set(of(flags, source, "exec_exceeds_budget")["project"])


# ---------------------------------------------------------------- 普陀区财政局 2024 (real PDF)


def test_putuo_errors_are_what_the_pages_say(sample_lake: Path, real_dir: Path, flags: pl.DataFrame):
    errors = of(flags, PUTUO).filter(pl.col("severity") == "error")
    pdf = real_dir / PUTUO
    checked = 0
    for f in errors.iter_rows(named=True):
        evidence = json.loads(f["evidence"])
        text = page_text(pdf, f["page"]).replace("\r", "")
        if f["rule"] == "narrative_table_mismatch" and evidence["key"] == "fiscal_grand_total":
            # p.21: “上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。” — p.13 总计 2,961.68
            assert "财政拨款收入支出总计0.3万元" in text
            assert "2,961.68" in page_text(pdf, evidence["table_page"])
            checked += 1
        elif f["rule"] == "percentage_misstated":
            # p.21: “一般公共服务支出（类）2106.66万元，占71.73%” of 2940.05 — 2106.66 ÷ 2940.05 = 71.65 %
            assert "71.73%" in text and "2106.66" in text and "2940.05" in text
            assert (evidence["printed"], evidence["computed"]) == (71.73, 71.65)
            checked += 1
        elif f["rule"] == "comparison_wording_wrong":
            # p.21: “与2023年度相比，财政拨款收入支出总计持平。主要原因：…等原因减少支付。”
            assert "财政拨款收入支出总计持平。主要原因" in text and "减少支" in text and evidence["word"] == "持平"
            checked += 1
        else:
            pytest.fail(f"unverified error flag on {PUTUO}: {f['rule']} p.{f['page']}: {f['message']}")
    assert checked == errors.height == 3


def test_putuo_rounding_differences_are_never_errors(flags: pl.DataFrame):
    # 总表 社会保障和就业支出 326.71 vs 支出决算表 208 类 326.72 (p.6 vs p.10): a 尾数误差
    cross = of(flags, PUTUO, "cross_table_mismatch")
    assert set(cross["severity"]) <= {"info"}
    assert any("326.71" in m and "326.72" in m for m in cross["message"])
    assert set(of(flags, PUTUO, "totals_mismatch")["severity"]) <= {"info"}


def test_putuo_names_sangong_and_tables_raise_no_warning(flags: pl.DataFrame):
    # the 三公 table holds 0.95 预算 / blank 决算, which the prose repeats (年初预算为0.95万元，支出决算为0.00万元)
    warnings = of(flags, PUTUO).filter(pl.col("severity") == "warning")
    assert warnings.is_empty(), warnings["message"].to_list()


def test_every_flag_points_to_a_document_of_the_lake(sample_lake: Path, flags: pl.DataFrame):
    docs = set(store.read(sample_lake, "documents")["doc_id"])
    assert set(flags["doc_id"]) <= docs
    assert flags.filter(pl.col("page").is_null())["rule"].unique().to_list() in ([], ["missing_tables"])


def test_every_flag_names_its_stored_pdf(sample_lake: Path, flags: pl.DataFrame):
    """source_path: the PDF kept in the lake (`_sources/<doc_id>.pdf`, relative to the lake), as the downloads say."""
    from fiscal.export import source_paths

    with_doc = flags.filter(pl.col("doc_id").is_not_null())
    assert with_doc.height
    for doc_id, path in with_doc.select("doc_id", "source_path").unique().iter_rows():
        assert path == f"_sources/{doc_id}.pdf" and (sample_lake / path).is_file()
    assert dict(with_doc.select("doc_id", "source_path").unique().iter_rows()) == source_paths(
        sample_lake, with_doc["doc_id"].to_list())
    csv_rows = list(csv.DictReader(io.StringIO(cli(sample_lake, "--format", "csv").stdout.decode("utf-8")[1:])))
    assert {r["source_path"] for r in csv_rows if r["doc_id"]} == set(with_doc["source_path"])


def test_source_path_is_empty_when_the_pdf_is_not_in_the_lake(sample_lake: Path, tmp_path: Path):
    """A lake whose stored PDF is gone (hard-linked copy of the session lake, one source removed)."""
    import os
    import shutil

    from fiscal.flags import flags as lake_flags

    lake = tmp_path / "lake"
    shutil.copytree(sample_lake, lake, copy_function=os.link)
    before = lake_flags(lake)
    gone = before.filter(pl.col("source_name") == CHENZHOU)["doc_id"][0]
    (lake / "_sources" / f"{gone}.pdf").unlink()
    after = lake_flags(lake)
    assert after.height == before.height
    assert set(after.filter(pl.col("doc_id") == gone)["source_path"]) == {""}
    kept = after.filter(pl.col("doc_id") != gone, pl.col("doc_id").is_not_null())
    assert kept.height and kept["source_path"].str.starts_with("_sources/").all()


def test_one_misprint_is_one_finding_in_the_export(flags: pl.DataFrame):
    """Flags resting on one printed figure come out as one (fiscal.rules.precedence): the root cause's, the others in
    its evidence; nothing left to fold."""
    from fiscal.rules.precedence import FOLDED, fold

    folded = flags.filter(pl.col("evidence").str.contains(f'"{FOLDED}"'))
    assert folded.height >= 1
    for row in folded.iter_rows(named=True):
        assert "已并入本条" in row["message"]
        assert all(f["rule"] for f in json.loads(row["evidence"])[FOLDED])
    assert fold(flags).height == flags.height
