"""fiscal.rules.prose: year_inconsistent, percentage_misstated, comparison_wording_wrong, template_residue.

Two generated 部门预算 PDFs (samplegen layout, one table set): the same prose with the defects and
without them, parsed once per session; plus fast checks on hand-made sentence rows."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from fiscal.rules import Frames, evaluate, national_codes
from fiscal.rules.prose import residues, year_problems
from fiscal.rules.prose_figures import percentage_checks
from fiscal.rules.prose_wording import wording_checks

PROSE_RULES = ["year_inconsistent", "percentage_misstated", "comparison_wording_wrong", "template_residue",
               "narrative_table_mismatch", "agency_name_inconsistent"]


def _paragraphs(agency: str, total: float, basic: float, project: float, defects: bool,
                item: tuple[str, float]) -> list[str]:
    share_b, share_p = f"{basic / total * 100:.2f}", f"{project / total * 100:.2f}"
    path, amount = item
    return [
        f"{path}{amount + 12.5 if defects else amount:.2f}万元，主要用于学校运转。",
        f"2024年，{agency}收入预算{total:,.2f}万元，其中：财政拨款收入{total:,.2f}万元，"
        + ("比2024年预算增加10.00万元。" if defects else "比2023年预算增加10.00万元。"),
        f"本年支出合计{total:.2f}万元，其中：基本支出{basic:.2f}万元，占{share_b}%；项目支出{project:.2f}万元，占{share_p}%。",
        "某专项经费：2023年当年预算执行数为100.00万元，2024年预算安排117.31万元，比2023年预算执行数增加"
        + ("317.31%。" if defects else "17.31%。") + "主要原因是人员增加。",
        "机关运行经费支出50.00万元，比2023年度增加5.00万元，增长11.11%。",
        "上年一般行政管理事务年初预算为1,560.05万元，支出决算为1,511.89万元。"
        + ("决算数大于预算数的主要原因是人员减少。" if defects else "决算数小于预算数的主要原因是人员减少。"),
        "截至2023年8月31日，本部门共有车辆3辆。根据“十四五”规划和2035年远景目标纲要，做好2024年预算编制。"
        + ("主要原因：XXXXXXXX。。收入支出总计增长（下降）XX%。" if defects else ""),
        "株洲市XX局概况" if defects else "株洲市教育局概况",
    ]


def _write(out: Path, defects: bool) -> Path:
    from samplegen import multiyear
    from samplegen.layout import Para, Renderer
    from samplegen.styles import STYLE_A

    spec = next(s for s in multiyear.plan() if s.key == "education" and s.year == multiyear.BUDGET_YEAR)
    lines = multiyear._budget_lines(spec)
    basic = round(sum(b for _, _, b, _ in lines), 2)
    project = round(sum(p for _, _, _, p in lines), 2)
    blocks = multiyear.budget_blocks(spec)
    at = next(i for i, b in enumerate(blocks) if isinstance(b, Para))
    names = national_codes()
    code, name, b, p = next(line for line in lines if line[0][:5] in names)  # a 款 the classification names
    item = (f"{names[code[:3]][0]}（类）{names[code[:5]][0]}（款）{name}（项）", round(b + p, 2))
    blocks[at:at + 1] = [Para(t) for t in _paragraphs(spec.agency, round(basic + project, 2), basic, project, defects,
                                                      item)]
    path = out / f"prose_{'defects' if defects else 'clean'}_budget.pdf"
    r = Renderer(path, STYLE_A, f"{multiyear.MARK}：{spec.agency}2024年部门预算", spec.agency)
    r.render(blocks)
    r.save()
    return path


def _frames(path: Path) -> Frames:
    from datetime import UTC, datetime

    from ingest.batch import documents_row
    from ingest.document import ingest_file

    outcome = ingest_file(path, {"synthetic": True})
    assert outcome.rejected is None, outcome.rejected
    datasets = {k: v for k, v in outcome.frames.items() if k in Frames.__dataclass_fields__ and v}
    return Frames.of(documents=[documents_row(outcome, datetime.now(UTC))], **datasets)


@pytest.fixture(scope="session")
def prose_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Frames]:
    out = tmp_path_factory.mktemp("prose_pdfs")
    return {kind: _frames(_write(out, kind == "defects")) for kind in ("defects", "clean")}


def _flags(frames: Frames, rule_id: str) -> pl.DataFrame:
    return evaluate(frames, rules=[rule_id])


@pytest.mark.parametrize("rule_id", PROSE_RULES)
def test_the_clean_pdf_raises_nothing(prose_pdfs, rule_id):
    flags = _flags(prose_pdfs["clean"], rule_id)
    assert flags.is_empty(), flags["message"].to_list()


def test_year_inconsistent_on_the_pdf(prose_pdfs):
    flags = _flags(prose_pdfs["defects"], "year_inconsistent")
    assert flags.height == 1
    flag = flags.row(0, named=True)
    assert "比2024年预算增加" in flag["message"] and flag["page"] == 2
    assert json.loads(flag["evidence"])["year_printed"] == 2024


def test_percentage_misstated_on_the_pdf(prose_pdfs):
    flags = _flags(prose_pdfs["defects"], "percentage_misstated")
    assert flags.height == 1 and flags["severity"][0] == "error"
    ev = json.loads(flags["evidence"][0])
    assert (ev["printed"], ev["computed"]) == (317.31, 17.31)
    assert "317.31%" in flags["message"][0] and "17.31%" in flags["message"][0]


def test_comparison_wording_wrong_on_the_pdf(prose_pdfs):
    flags = _flags(prose_pdfs["defects"], "comparison_wording_wrong")
    assert flags.height == 1
    msg = flags["message"][0]
    assert "决算数大于预算数" in msg and "1,560.05" in msg and "1,511.89" in msg and "实为减少" in msg


def test_template_residue_on_the_pdf(prose_pdfs):
    flags = _flags(prose_pdfs["defects"], "template_residue")
    assert flags.height == 1
    kinds = {r["kind"] for r in json.loads(flags["evidence"][0])["residues"]}
    assert kinds == {"占位符", "未选定的选项", "重复标点"}


def test_narrative_table_mismatch_on_a_stated_item(prose_pdfs):
    flags = _flags(prose_pdfs["defects"], "narrative_table_mismatch")
    assert flags.height == 1, flags["message"].to_list()
    ev = json.loads(flags["evidence"][0])
    assert ev["key"] == "item_amount" and ev["difference"] == 12.5 and len(ev["code"]) == 7


def test_a_placeholder_agency_name_is_flagged(prose_pdfs):
    flags = _flags(prose_pdfs["defects"], "agency_name_inconsistent")
    assert flags.height == 1 and "XX" in flags["message"][0]


# ---------------------------------------------------------------- fast checks on hand-made rows


def _sentence_frames(year: int, kind: str, *texts: str) -> Frames:
    docs = [{"doc_id": "d", "region_code": "310107", "agency": "上海市普陀区财政局", "agency_id": "a", "year": year,
             "doc_kind": kind, "source_name": "d.pdf"}]
    rows = [{"doc_id": "d", "region_code": "310107", "agency": "上海市普陀区财政局", "agency_id": "a", "year": year,
             "page": 3, "key": "sentence", "text": t, "value": f"{i:04d}:x"} for i, t in enumerate(texts)]
    return Frames.of(documents=docs, narrative=rows)


def test_years_legitimate_in_a_final_account_are_not_flagged():
    ok = ["与2023年度相比，收入支出总计减少56.95万元。", "截至2024年12月31日，本局共有车辆0辆。",
          "上海市普陀区财政局2024年度部门决算情况说明", "决算数与2024年年初预算相比减少。", "根据“十四五”规划和2035年远景目标。",
          "决算数较2024年初预算增加10万元。", "会同2024年新设单位，经费增加。",
          "截至2024年12月31日共有车辆5辆，比截至2023年12月31日增加1辆。"]
    for text in ok:
        assert not year_problems(text, True, 2024, "final_account"), text
    assert year_problems("第三部分上海市普陀区财政局2023年度部门决算情况说明", True, 2024, "final_account")
    assert year_problems("截至2023年12月31日，本局共有车辆2辆。", False, 2024, "final_account")
    assert year_problems("与2024年度相比，收入支出总计减少56.95万元。", False, 2024, "final_account")


def test_years_of_a_budget():
    assert not year_problems("截至2025年8月31日，本局共有车辆3辆。", False, 2026, "budget")
    assert not year_problems("比2025年预算执行数增加17.62%", False, 2026, "budget")
    assert year_problems("财政拨款收入9628.22万元，比2026年预算增加793.14万元", False, 2026, "budget")
    frames = _sentence_frames(2026, "budget", "政府性基金拨款支出预算0万元，与2026年预算持平；国有资本经营预算0万元，与2026年预算持平。")
    assert evaluate(frames, rules=["year_inconsistent"]).height == 1  # one flag per sentence and phrase


def test_percentages_within_their_printed_rounding_pass():
    assert not percentage_checks("本年收入合计2946.25万元,其中:财政拨款收入2940.05万元,占99.79%;其他收入6.2万元,占0.21%", None)
    assert not percentage_checks("2025年当年预算执行数为59.11万元,2026年预算安排57.8万元,比2025年预算执行数减少2.21%。", None)
    assert not percentage_checks("2022年当年预算执行数为0万元,2023年预算安排60.13万元,比2022年预算执行数增加100.00%。", None)
    assert not percentage_checks("年初预算为2993.92万元,支出决算为2940.05万元,完成年初预算的98.20%。", None)
    # the figure stated is last year's: 498.72 ÷ 8,648.07 = 5.77 %
    assert not percentage_checks("2017年度部门支出预算安排与2016年度相比(2016年度部门支出预算安排为8,648.07万元),"
                                 "增加498.72万元,增长5.77%。", None, 2017)
    # the figure in the sentence before: 2995.39 now, 56.95 less than last year → 1.87 %
    assert not percentage_checks("与2023年度相比,收入支出总计减少56.95万元,下降1.87%。", "收入支出总计2995.39万元。")


def test_percentages_beyond_rounding_are_flagged():
    got = percentage_checks("一般公共预算财政拨款支出2940.05万元,主要用于以下方面:一般公共服务支出(类)2106.66万元,占71.73%;"
                            "社会保障和就业支出(类)326.72万元,占11.11%", None)
    assert [(c["kind"], c["printed"], c["computed"]) for c in got] == [("占比", 71.73, 71.65)]
    got = percentage_checks("年初预算为100.00万元,支出决算为71.65万元,完成年初预算的71.73%。", None)
    assert got and got[0]["kind"] == "完成率"
    frames = _sentence_frames(2024, "final_account", "收入支出总计2995.39万元。",
                              "与2023年度相比，收入支出总计减少56.95万元，下降2.87%。")
    flags = evaluate(frames, rules=["percentage_misstated"])
    assert flags.height == 1 and "1.87%" in flags["message"][0]


def test_a_growth_rate_its_items_heading_figure_gives_blames_the_other_figure_not_the_rate():
    # 普陀区司法局 2026 预算 p9: the heading says 208.8 (the tables: 208.80), the sentence 201.50, and 198.34 → 208.8
    # is +5.27 %: the 201.50 is the slip (narrative_table_mismatch), not the 5.27 %
    heading = "12、住房保障支出（221类）住房改革支出（02款）住房公积金（01项）208.8万元。"
    said = "2025年当年预算执行数为198.34万元，2026年预算安排201.50万元，比2025年预算执行数增加5.27%。"
    frames = _sentence_frames(2026, "budget", heading, "主要用于：行政事业单位为职工缴纳的住房公积金。", said)
    assert evaluate(frames, rules=["percentage_misstated"]).is_empty()
    # 普陀万里 2023 预算 p7: the heading's 220.63 gives +66.40 % over 132.59, not the 60.54 % copied from the item above
    frames = _sentence_frames(2023, "budget", "16.“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”"
                              "220.63万元，主要用于机关事业单位职业年金缴费支出。",
                              "2022年当年预算执行数为132.59万元，2023年预算安排441.25万元，比2022年预算执行数增加60.54%。")
    assert evaluate(frames, rules=["percentage_misstated"]).height == 1


def test_a_misstated_rate_says_what_it_does_fit():
    # 普陀区司法局 2026 预算 p9: 17.62 % is 3,269.30 → 3,845.49; the 上年 figure carries a stray 4
    frames = _sentence_frames(2026, "budget", "2025年当年预算执行数为43269.3万元，2026年预算安排3845.49万元，"
                              "比2025年预算执行数增加17.62%。")
    rate = evaluate(frames, rules=["percentage_misstated"]).row(0, named=True)
    assert "应为 -91.11%（若上年数为 3,269.30 万元则恰为 17.62%：疑为上年数多印一位数字）" in rate["message"]
    wording = evaluate(frames, rules=["comparison_wording_wrong"]).row(0, named=True)
    assert "实为减少（若上年数为 3,269.30 万元则恰为 17.62%：疑为上年数多印一位数字）" in wording["message"]
    # the English reading says the same, from the same data (the evidence's hint)
    for flag in (rate, wording):
        evidence = json.loads(flag["evidence"])
        assert evidence["hint"] == {"kind": "stray_digit", "which": "上年", "figure": 3269.3, "printed": 17.62}
        assert evidence["hint_en"] == ("(it is exactly 17.62% were last year's figure 3,269.30: a stray digit in "
                                       "last year's figure)")
    # 江苏省人大办公厅 2017 预算 p28: 427.5 “占“三公”经费的 16.81%” is a share of 2,543 (三公 + 会议费 + 培训费)
    from fiscal.rules.prose_hints import hint, hint_data, render

    share = {"kind": "占“三公”经费比重", "printed": 16.81, "computed": 51.28, "figures": {"部分": 427.5, "合计": 833.6}}
    assert hint(share) == "（所印比重相当于以约 2,543.13 万元为分母，而非“三公”经费合计）"
    assert render(hint_data(share), "en") == ("(the printed share is one of about 2,543.13 (10k yuan), not of the three "
                                              "public expenses' total)")
    # 江苏省人民检察院 2018 预算 p26: 21.8 more on 3,644.2 is 0.60 %, printed 0.06 %
    frames = _sentence_frames(2018, "budget", "2．一般行政管理事务（项）支出3,666万元，与上年相比增加21.8万元，增长0.06%。")
    flag = evaluate(frames, rules=["percentage_misstated"]).row(0, named=True)
    assert "应为 0.60%（所印数恰为应有值的十分之一：疑为小数点错位）" in flag["message"]
    assert json.loads(flag["evidence"])["hint_en"] == ("(the printed figure is exactly one tenth of the right one: a "
                                                        "moved decimal point)")


def test_comparison_words():
    assert not wording_checks("年初预算为10.00万元,支出决算为10.00万元。决算数与预算数基本持平。", None)
    assert not wording_checks("决算数小于预算数的主要原因:人员减少。", "年初预算为1560.05万元,支出决算为1511.89万元。")
    assert wording_checks("决算数大于预算数的主要原因:人员减少。", "年初预算为1560.05万元,支出决算为1511.89万元。")
    assert wording_checks("年初预算为10.00万元,支出决算为12.00万元。决算数等于预算数。", None)
    assert wording_checks("2025年当年预算执行数为43269.3万元,2026年预算安排3845.49万元,比2025年预算执行数增加17.62%。", None)
    # a printed 0 is exact: 0 → 0.31 is an increase
    assert not wording_checks("2022年当年预算执行数为0万元,2023年预算安排0.31万元,比2022年预算执行数增加100.00%。", None)
    # 0 this year cannot be 1,421.25 more than last year
    assert wording_checks("政府性基金拨款支出预算0万元,比2022年预算增加1421.25万元;", None)


def test_template_residue_kinds():
    kinds = {k for k, _ in residues("上海市XX局2024年度收入支出总计XXX万元,增长(下降)XX%。(如持平作持平表述)", 2024)}
    assert kinds == {"占位符", "未选定的选项", "填写说明"}
    assert residues("主要用于:信息化建设等方面的支出。。", 2026)
    assert residues("无政府性基金预算财政拨款收入支出的部门,作下述说明:", 2024)
    assert residues("由主管部门根据三定方案等相关规定中有关主要职能填写。", 2024)
    assert residues("11、医疗卫生与计划生育支出(210类)行政事业单位医疗(11款)", 2026)
    assert not residues("11、医疗卫生与计划生育支出(210类)行政事业单位医疗(11款)", 2018)
    assert not residues("政府采购金额(以合同签订为准)为251.25万元;单价100万元(含)以上设备(不含车辆)。", 2024)
    # an instruction to the kind of department it applies to (上海 template p4), not a note naming a unit
    assert residues("二、部门决算单位构成(仅有一个单位的部门,本部分内容为“机构设置”)", 2024)
    assert not residues("本部门(含下属单位,不含无预算的单位)共有车辆3辆。", 2024)


def test_code_name_mismatch_ignores_a_name_read_as_the_code_itself():
    rows = [{"doc_id": "d", "year": 2024, "page": 5, "table": "expenditure", "code": "2210201", "name": n, "level": 3,
             "measure": "total", "amount": 1.0} for n in ("2210201", "221 02 01", "住房公积金")]
    assert evaluate(Frames.of(line_items=rows), rules=["code_name_mismatch"]).is_empty()
    rows[2]["name"] = "行政运行"
    assert evaluate(Frames.of(line_items=rows), rules=["code_name_mismatch"]).height == 1


def test_a_share_continues_the_total_of_the_sentence_before():
    texts = ["省委办公厅本年支出预算合计20849.45万元，其中：基本支出9964.07万元，占47.79%。",
             "项目支出10688.66万元，占51.27%。", "单位预留机动经费196.72万元，占9.94%。"]
    flags = evaluate(_sentence_frames(2017, "budget", *texts), rules=["percentage_misstated"])
    assert flags.height == 1 and "9.94%" in flags["message"][0] and "0.94%" in flags["message"][0]
    texts[2] = "单位预留机动经费196.72万元，占0.94%。"
    assert evaluate(_sentence_frames(2017, "budget", *texts), rules=["percentage_misstated"]).is_empty()
