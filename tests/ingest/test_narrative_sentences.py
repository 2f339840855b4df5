"""ingest.narrative `sentence` rows: whole sentences across line wraps, page numbers and page breaks,
headings on their own, table pages left out."""

from __future__ import annotations

from ingest import narrative
from ingest.model import DocMeta
from ingest.prose import sentence_tags, split_sentences


def meta() -> DocMeta:
    return DocMeta("d", "310107", "上海市普陀区", "上海市", None, "czj", "上海市普陀区财政局", 2024, "final_account",
                   "department", "d.pdf")


PAGE_A = """第三部分上海市普陀区财政局2024年度部门决算情况
说明
一、收入支出决算总体情况说明
上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入
支出总计减少56.95万元，下降1.87%。主要原因：基本支出中人员进出及退休变化，
以及项目支出中合同支付进度条款等原因减少支付。本年无经营收入。
二、收入决算情况说明
本年收入合计2946.25万元，其中： 财政拨款收入2940.05万元，占99.79%；其他
收入6.2万元，占0.21%；
三、支出决算情况说明
一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完
- 21 -"""
PAGE_B = """成年初预算的98.20%。决算数小于预算数的主要原因：调减。。
（一）机关运行经费支出情况
机关运行经费支出 XXX 万元，比 2023 年度增加（减少）XXX 万元，增长（下降）XX%。
22"""
TABLE = """收入支出决算总表
部门：上海市普陀区财政局 金额单位：万元
项目 本年收入 2024年度 占比%
一、一般公共预算财政拨款收入 2,940.05 一、一般公共服务支出 2,106.66
本年收入合计 2,946.25 本年支出合计 2,940.05
总计 2,995.39 总计 2,995.39"""


def texts(rows: list[tuple[str, int, bool]]) -> list[str]:
    return [t for t, _, _ in rows]


def test_sentences_stay_whole_across_wraps_page_numbers_and_pages():
    got = split_sentences([PAGE_A, PAGE_B], [1, 2])
    assert "与2023年度相比，收入支出总计减少56.95万元，下降1.87%。" in texts(got)
    spanning = next((t, p) for t, p, _ in got if t.startswith("一般公共预算财政拨款支出年初预算"))
    assert spanning == ("一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。", 1)
    assert not any("- 21 -" in t or t == "22" for t in texts(got))


def test_headings_are_their_own_sentences_and_a_wrapped_heading_is_joined():
    got = split_sentences([PAGE_A, PAGE_B], [1, 2])
    headings = [t for t, _, h in got if h]
    assert "第三部分上海市普陀区财政局2024年度部门决算情况说明" in headings
    assert "一、收入支出决算总体情况说明" in headings and "（一）机关运行经费支出情况" in headings
    assert "本年收入合计2946.25万元，其中： 财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；" in texts(got)


def test_doubled_full_stop_stays_in_its_sentence():
    got = texts(split_sentences([PAGE_B], [1]))
    assert "决算数小于预算数的主要原因：调减。。" in got


def test_tags():
    assert sentence_tags("与2023年度相比，收入支出总计减少56.95万元，下降1.87%。", False) == [
        "year", "percent", "compare", "amount"]
    assert "template" in sentence_tags("机关运行经费支出 XXX 万元，增长（下降）XX%。", False)
    assert sentence_tags("主要职能", True) == ["heading"]
    assert sentence_tags("负责本区会计管理工作。", False) == []


def test_sentence_rows_skip_table_pages_and_keep_order():
    rows = [r for r in narrative.statements(["上海市普陀区财政局\n2024年度部门决算", TABLE, PAGE_A, PAGE_B], meta())]
    assert rows and all(r["key"] == "sentence" for r in rows)
    assert not any(r["page"] == 2 for r in rows)  # the table page (a prose page has at least four 。)
    orders = [int(r["value"].split(":")[0]) for r in rows]
    assert orders == sorted(orders)
    first = next(r for r in rows if "下降1.87%" in r["text"])
    assert first["page"] == 3 and first["value"].endswith("year,percent,compare,amount")


def test_a_stated_change_is_not_read_as_the_total():
    # 江苏 人大 2017 p.23: “…等原因，增加基本支出 844.15 万元。” is the change, not 基本支出
    flat = narrative._document_text(["主要原因是政策性增资等原因，增加基本支出 844.15 万元。基本支出预算数为 5,678.17 万元。"])
    got = {r["key"]: r["amount"] for r in narrative.figures(flat, meta())}
    assert got["basic_total"] == 5678.17


def test_item_figures_carry_their_code_and_names():
    text = ("1、公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元。主要用于：基本支出。"
            "2025年当年预算执行数为1690.69万元，2026年预算安排1672.67万元，比2025年预算执行数减少1.07%。"
            "2、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：公积金。年初预算为 187.75 万元，支出决算为187.19万元。")
    flat = narrative._document_text([text])
    budget = DocMeta("d", "310107", "上海市普陀区", "上海市", None, "sfj", "上海市普陀区司法局", 2026, "budget", "department",
                     "d.pdf")
    got = {(r["key"], r["value"]): r["amount"] for r in narrative.item_rows(flat, budget)}
    assert got[("item_amount", "2040601|公共安全支出|司法|行政运行")] == 1672.67
    assert got[("item_planned", "2040601|公共安全支出|司法|行政运行")] == 1672.67
    final = {(r["key"], r["value"]): r["amount"] for r in narrative.item_rows(flat, meta())}
    assert final[("item_actual", "|住房保障支出|住房改革支出|住房公积金")] == 187.19


def test_a_number_split_or_listed_by_the_text_layer_is_no_figure():
    """Thousands come in groups of three: “461,49” (a split 461.49, or two numbers) and “4125.49,4143.91” (a list)
    are not 46149 or 494143.91 — no figure is read rather than a wrong one; 1,234.56 still is 1234.56."""
    def read(text: str) -> dict[str, float]:
        return {r["key"]: r["amount"] for r in narrative.figures(narrative._document_text([text]), meta())}

    assert read("本年收入合计461,49万元。") == {}
    assert read("本年收入合计4125.49,4143.91万元。") == {}
    assert read("本年收入合计461, 49万元。") == {}
    assert read("本年收入合计1,234.56万元。本年支出合计4125.49万元。") == {"income_total": 1234.56,
                                                                    "expenditure_total": 4125.49}


def test_a_stated_change_split_by_the_text_layer_gives_no_prior_year_figure():
    budget = DocMeta("d", "310107", "上海市普陀区", "上海市", None, "czj", "上海市普陀区财政局", 2024, "budget",
                     "department", "d.pdf")

    def prior(text: str) -> dict[str, float]:
        return {r["key"]: r["amount"] for r in narrative.prior_year(narrative._document_text([text]), budget)}

    assert prior("基本支出预算为1,234.56万元,比上年预算增加461,49万元。") == {}
    assert prior("基本支出预算为1,234.56万元,比上年预算增加34.56万元。") == {"basic_total_prior": 1200.0}


def test_a_letter_spaced_heading_and_a_change_worded_with_le_give_the_prior_year_figure():
    budget = DocMeta("d", "320000", "江苏省", "江苏省", None, "jcy", "江苏省人民检察院", 2019, "budget",
                     "department", "d.pdf")

    def prior(text: str) -> dict[str, float]:
        return {r["key"]: r["amount"] for r in narrative.prior_year(narrative._document_text([text]), budget)}

    assert prior("收 入 、 支 出 预 算 总 计 24,169.74 万元，与上年相比，收、支预算总计各增加 2214.39 万元。") == {
        "grand_total_prior": 21955.35}
    assert prior("项目支出预算数为4335.3万元。与上年相比减少了1237.7 万元。") == {"project_total_prior": 5573.0}


# the 目录 of the 上海 2024 部门决算 template (samples/real/template_final_account.pdf p2)
TOC = """目   录
第一部分 上海市 XX 局概况
一、主要职能
第二部分 上海市 XX 局 2024 年度部门决算表
一、收入支出决算总表
第三部分 上海市 XX 局 2024 年度部门决算情况说明
四、财政拨款收入支出决算总体情况说明"""


def test_the_contents_page_gives_its_template_lines_to_template_residue_only():
    from fiscal.rules import Frames, evaluate

    rows = narrative.statements(["上海市 XX 局\n2024年度部门决算", TOC, PAGE_A], meta())
    toc = [r for r in rows if r["key"] == "toc_line"]
    assert [r["text"] for r in toc] == ["第一部分 上海市 XX 局概况", "第二部分 上海市 XX 局 2024 年度部门决算表",
                                        "第三部分 上海市 XX 局 2024 年度部门决算情况说明"]
    assert {r["page"] for r in toc} == {2}
    assert all(r["page"] != 2 for r in rows if r["key"] == "sentence")  # no year or section rule reads the 目录
    docs = [{**meta().common(1), "doc_kind": "final_account", "scope": "department"}]
    flags = evaluate(Frames.of(documents=docs, narrative=rows), rules=["template_residue"])
    assert flags.filter(flags["page"] == 2)["message"].to_list() == [
        "第2页有 3 处模板残留（占位符），如 “第一部分上海市XX局概况”；“第二部分上海市XX局2024年度部…”；“第三部分上海市XX局2024年度部…”"]


def test_a_figure_broken_over_a_page_stays_one_sentence():
    """A page whose last, short line ends inside a figure (“…占本年支出合计的66.” / “…971.50万”) continues on the next
    page: the sentence is read whole, its percentage with it (the old reader ended a paragraph at the short line and
    kept “15%；项目支出…” as a sentence of its own)."""
    first = ("二、支出决算情况说明\n  本部门严格执行预算，各项支出均按规定用途使用。本部门严格执行预算，各项支出均按规定用途使用。\n"
             "  2022年度本年支出合计1,468.53万元，其中：基本支出971.50万\n元，占本年支出合计的66.\n- 18 -\n")
    second = "15%；项目支出497.02万元，占本年支出合计的33.84%。\n三、一般公共预算财政拨款支出决算具体情况\n- 19 -\n"
    texts = [s for s, _page, _heading in split_sentences([first, second], [1, 2])]
    assert ("2022年度本年支出合计1,468.53万元，其中：基本支出971.50万元，占本年支出合计的66.15%；项目支出497.02万元，"
            "占本年支出合计的33.84%。") in texts
