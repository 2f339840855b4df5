"""The cheap text pass: which pages hold which tables."""

from ingest.triage import triage

TOC = "目 录\n一、收入支出决算总表\n二、收入决算表\n三、支出决算表\n四、财政拨款收入支出决算总表"
SANGONG = "财政拨款“三公”经费支出决算表\n公开09表\n部门：郴州市医疗保障局 金额单位：万元\n预算数 决算数\n9.00 4.00 6.22"
EXPENDITURE = "支出决算表\n公开03表\n金额单位：万元\n科目编码 科目名称 本年支出合计 基本支出 项目支出\n2101501 行政运行 752.29"
CONTINUATION = "2101599 其他医疗保障管理事务支出 133.20 133.20\n221 住房保障支出 32.87 32.87"
PROSE = "一、收入支出决算总体情况说明。" + "本年度收入增加。" * 5


def test_titles_codes_units_and_continuations():
    pages = triage([TOC, EXPENDITURE, CONTINUATION, SANGONG, PROSE], "final_account")
    assert [p.family for p in pages] == [None, "expenditure", "expenditure", "sangong", None]
    assert pages[2].continuation and not pages[1].continuation
    assert pages[1].unit == "万元" and pages[3].code == "公开09表"
    assert pages[3].agency_hint == "郴州市医疗保障局"


def test_a_page_after_prose_is_not_a_continuation():
    pages = triage([EXPENDITURE, PROSE, CONTINUATION], "final_account")
    assert [p.family for p in pages] == ["expenditure", None, None]


def test_a_table_without_a_title_in_the_text_layer_is_known_by_its_header():
    untitled = "单位：万元\n合计 因公出国（境）费 公务用车购置及运行费 公务接待费\n9.00 4.00 5.00"
    pages = triage([PROSE, untitled], "budget")
    assert pages[1].family == "sangong" and not pages[1].continuation


def test_a_contents_page_without_its_heading_is_known_by_page_numbers_and_leaders():
    toc_page_two = ("五、一般公共预算财政拨款支出决算表 ........ 12\n六、一般公共预算财政拨款基本支出决算表 ...... 13\n"
                    "七、财政拨款“三公”经费支出决算表\n14\n八、政府性基金预算财政拨款收入支出决算表 …… 15")
    (page,) = triage([toc_page_two], "final_account")
    assert page.family is None and not page.segments


def test_titles_each_over_one_sentence_are_tables_not_a_contents_page():
    text = ("政府性基金预算支出表\n本部门2024年无政府性基金预算拨款安排的支出，故本表为空表。\n"
            "国有资本经营预算支出表\n本部门2024年无国有资本经营预算拨款安排的支出，故本表为空表。\n"
            "一般公共预算“三公”经费支出表\n公开09表\n合计 因公出国（境）费 公务接待费\n12.60 0.00 8.00 0.00 8.00 4.60")
    (page,) = triage([text], "budget")
    assert [s.family for s in page.segments] == ["gov_fund", "soe_capital", "sangong"]


def test_two_titles_on_one_line_are_two_tables_side_by_side():
    """An Excel sheet holding two tables side by side writes its text line by line across both: both titles on one
    line, then both tables' rows; each table gets the text, the note naming the other's subject left to it."""
    page = ("财政拨款“三公”经费支出决算表 政府性基金预算财政拨款收入支出决算表\n公开09表 公开07表\n"
            "项目 预算数 决算数 科目编码 科目名称 合计 基本支出 项目支出\n合计 26.00 21.39 合计 248.55 0.00 248.55\n"
            "注：本部门无政府性基金预算财政拨款支出，故本表无数据。")
    (info,) = triage([page], "final_account")
    assert [(s.family, s.title) for s in info.segments] == [
        ("sangong", "财政拨款“三公”经费支出决算表"), ("gov_fund", "政府性基金预算财政拨款收入支出决算表")]
    assert "合计 26.00 21.39" in info.segments[0].text and "合计 26.00 21.39" in info.segments[1].text
    assert "注：" not in info.segments[0].text and "注：" in info.segments[1].text


def test_two_titles_run_together_without_a_space():
    """A text layer may write the second title right after the first: the line is cut after a 表 where both halves
    are known titles; a title beside its code (收入支出决算总表 公开01表) stays one."""
    (info,) = triage(["政府性基金预算支出表国有资本经营预算支出表\n科目编码 科目名称 合计\n合计 0.00 合计 0.00"], "budget")
    assert [s.family for s in info.segments] == ["gov_fund", "soe_capital"]
    (coded,) = triage(["收入支出决算总表 公开01表\n项目 金额\n本年收入合计 10.00"], "final_account")
    assert [s.family for s in coded.segments] == ["summary"]
