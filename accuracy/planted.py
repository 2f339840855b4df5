"""Planted defects: copies of the 郴州 and 达州 samples re-rendered by samplegen from the seed text with ONE
string edit each (`EDITS`), and of the 四川 and 威海 self-evaluation files samplegen builds from code with one row
edited or one table added (`FORM_EDITS`), so every rule about one document has a known, labelled case.

Each copy's truth is its original's (figures, tables, labels, pages re-located) plus the planted label, with the
edited figures changed when the edit touches table cells (and a table the edit removes gone from its tables);
cached in build/planted/, rebuilt when samplegen, the seeds or the edit list change."""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from accuracy.truth import ROOT, Figure, Label, Truth, fold

CACHE = ROOT / "build" / "planted"
# base name → (seed number, the sample it re-renders (style a), its truth file's `file`)
BASES = {
    "chenzhou": ("000", "chenzhou_2022_final", "chenzhou_2022_final_a.pdf"),
    "dazhou": ("001", "dazhou_2023_budget", "dazhou_2023_budget_a.pdf"),
    # self-evaluation forms in the layouts no seed shows (samplegen/provincial.py builds them from code, no seed
    # text): an edit applies to the blocks' text, a table row as its cells joined by tabs (`apply_blocks`)
    "sichuan": ("", "sichuan_2023_selfeval_provincial", "sichuan_2023_selfeval_provincial.pdf"),
    "ab": ("", "ab_layout_selfeval", "ab_layout_selfeval.pdf"),
}


@dataclass(frozen=True)
class Edit:
    """One planted defect: replace `find` (its first occurrence after `after`) by `replace`."""

    base: str
    rule: str
    find: str
    replace: str
    after: str = ""
    locate: tuple[str, ...] = ()  # strings on the defect's page (default: the replacement)
    figure: tuple | None = None  # (section, key, amount): the truth figure the edit changes
    figures: tuple[tuple[Any, ...], ...] = ()  # further (section, key, amount) the edit changes
    also: tuple[tuple[str, str], ...] = ()  # (rule, quote): further defects the edit causes (quote nearest the edit)
    tag: str = ""  # distinguishes two edits of one rule on one base
    quote_as: str = ""  # the label's quote when the replacement is not what a reader quotes (a dropped table)
    drops: str = ""  # the family of the table the edit removes (gone from the copy's truth tables too)
    # a table the edit adds after the last block of a file built from code (its rows, the header first), titled
    # `replace` (`find` empty); its family in the copy's truth tables
    adds: tuple[tuple[str, ...], ...] = ()
    adds_family: str = ""
    evidence: tuple[tuple[str, Any], ...] = ()  # what its flag's evidence holds, when no message quotes the edit

    @property
    def id(self) -> str:
        return f"{self.base}_{self.rule}{'_' + self.tag if self.tag else ''}"

    @property
    def quote(self) -> str:
        return (self.quote_as or self.replace).strip().replace("\t", " ")

    @property
    def changed(self) -> tuple[tuple[Any, ...], ...]:
        """Every truth figure the edit changes: (section, key, amount)."""
        return ((self.figure,) if self.figure else ()) + self.figures


# 郴州's 公开08表 as the seed prints it (dropped whole by a planted edit)
SOE_TABLE = ("国有资本经营预算财政拨款支出决算表\n\n公开08表\n\n部门：郴州市医疗保障局\n\n金额单位：万元\n\n"
             "项目\t\t本年支出\t\t\n功能分类科目 编码\t科目名称\t合计\t基本支出\t项目支出\n栏次\t\t1\t2\t3\n"
             "合计\t\t\t\t\n\n注：1. 本表反映部门本年度国有资本经营预算财政拨款支出情况。\n\n"
             "2. 表格中单元格空白表示数据为零。\n\n3. 本单位2022年度无国有资本经营预算财政拨款收支。\n\n")

# 郴州's 公开06表 from 30217 公务接待费 to 30228 工会经费 (one planted edit moves 1.70 from the one to the other)
ECON_RECEPTION = ("公务接待费\t0.78\t31019\t其他交通工具购置\t\n30303\t退职（役）费\t\t30218\t专用材料费\t\t31021\t"
                  "文物和陈列品购置\t\n30304\t抚恤金\t\t30224\t被装购置费\t\t31022\t无形资产购置\t\n30305\t生活补助\t\t"
                  "30225\t专用燃料费\t\t31099\t其他资本性支出\t\n30306\t救济费\t\t30226\t劳务费\t1.00\t399\t其他支出\t\n"
                  "30307\t医疗费补助\t\t30227\t委托业务费\t\t39907\t国家赔偿费用支出\t\n30308\t助学金\t\t30228\t工会经费\t9.77")

EDITS: tuple[Edit, ...] = (
    # 郴州市医疗保障局 2022 决算 (seed 000)
    Edit("chenzhou", "year_inconsistent", "十三、关于 2022 年度预算绩效情况的说明",
         "十三、关于 2021 年度预算绩效情况的说明"),
    Edit("chenzhou", "percentage_misstated", "基本支出 971.50 万元，占 66.15%", "基本支出 971.50 万元，占 61.15%"),
    Edit("chenzhou", "comparison_wording_wrong", "决算数大于预算数主要原因是：统一预算调整",
         "决算数小于预算数主要原因是：统一预算调整"),
    # an XX局 placeholder in a heading is also an agency named wrongly (issue #14: agency_name_inconsistent)
    Edit("chenzhou", "template_residue", "十一、关于政府采购支出说明", "十一、关于XX局政府采购支出说明",
         after="未举办节庆、晚会、论坛、赛事活动",
         also=(("agency_name_inconsistent", "十一、关于XX局政府采购支出说明"),)),
    Edit("chenzhou", "narrative_table_mismatch", "支出决算为 173.09 万元，年初预算为 0 万元",
         "支出决算为 137.09 万元，年初预算为 0 万元", evidence=(("narrative", 137.09),)),
    Edit("chenzhou", "unit_mismatch", "2、公务接待费支出决算为 2.22 万元，全年",
         "2、公务接待费支出决算为 2.22 元，全年"),
    Edit("chenzhou", "sangong_sum_mismatch", "\t4.00\t2.22", "\t4.00\t2.52", after="公开09表",
         locate=("公开09表", "2.52"), figure=("sangong", ("actual", "reception"), 2.52),
         evidence=(("stage", "actual"), ("parts.reception", 2.52)),
         also=(("narrative_table_mismatch", "公务接待费支出预算为 5.00 万元，支出决算为 2.22 万元"),)),
    Edit("chenzhou", "totals_mismatch", "2101506\t医疗保障经办事务\t155.65\t155.65",
         "2101506\t医疗保障经办事务\t155.65\t165.65", after="公开03表", locate=("公开03表", "165.65"),
         evidence=(("sum_of_parts", 165.65),),
         figure=("line_items", ("expenditure", "2101506", "basic"), 165.65)),
    Edit("chenzhou", "agency_name_inconsistent", "部门：郴州市医疗保障局", "部门：郴州市卫生健康委员会",
         after="公开06表", locate=("郴州市卫生健康委员会",)),
    Edit("chenzhou", "exec_rate_misreported", "28.75\t28.75\t10\t100%\t10", "28.75\t28.75\t10\t90%\t10",
         after="医疗待遇保障工作经费", locate=("医疗待遇保障工作经费", "90%"),
         figure=("projects", ("医疗待遇保障工作经费", "exec_rate_reported"), 0.9),
         evidence=(("exec_rate_reported", 0.9),)),
    # 公务用车运行维护费 (30231) in the 基本支出 table above the 三公 table's 公务用车运行费 (基本 + 项目), the
    # 302 class still adding up (福利费 lowered by as much): only the two tables side by side show it
    Edit("chenzhou", "cross_table_mismatch",
         "福利费\t11.85\t39909\t经常性赠与\t\n30310\t个人农业生产补贴\t\t30231\t公务用车运行维护费\t4.00",
         "福利费\t9.85\t39909\t经常性赠与\t\n30310\t个人农业生产补贴\t\t30231\t公务用车运行维护费\t6.00",
         locate=("公开06表", "公务用车运行维护费", "6.00"), quote_as="公务用车运行维护费", tag="economic",
         evidence=(("economic_amount", 6.0),)),
    # 30217 公务接待费 (基本支出 only) 2.48 above the 三公 table's 公务接待费 2.22 (基本 + 项目); 302 still adds up
    Edit("chenzhou", "cross_table_mismatch", ECON_RECEPTION,
         ECON_RECEPTION.replace("公务接待费\t0.78", "公务接待费\t2.48").replace("工会经费\t9.77", "工会经费\t8.07"),
         locate=("公开06表", "公务接待费", "2.48"), quote_as="公务接待费", tag="reception",
         evidence=(("economic_code", "30217"), ("economic_amount", 2.48))),
    # 支出决算表 合计 1,468.53 printed 1,486.53: the 总表's 本年支出合计 disagrees, and so do the table's own sums
    Edit("chenzhou", "cross_table_mismatch", "\t合计\t1,468.53\t971.50\t497.02", "\t合计\t1,486.53\t971.50\t497.02",
         after="公开03表", locate=("公开03表", "1,486.53"),
         figure=("line_items", ("expenditure", None, "total"), 1486.53),
         quote_as="1,486.53", also=(("totals_mismatch", "1,486.53"),), tag="total"),
    # the 国有资本经营 table (listed in the 目录, empty) left out of the document; blank lines keep the seed's lines
    Edit("chenzhou", "missing_tables", SOE_TABLE, "\n" * SOE_TABLE.count("\n"),
         locate=("八、国有资本经营预算财政拨款支出决算表",), quote_as="国有资本经营预算财政拨款", drops="soe_capital",
         tag="dropped"),
    # an empty table whose 注 no longer says why it is empty (the 无…收支 line dropped)
    Edit("chenzhou", "missing_tables", "3. 本单位2022年度无国有资本经营预算财政拨款收支。", "",
         locate=("公开08表", "国有资本经营预算财政拨款支出决算表"), quote_as="国有资本经营预算财政拨款支出决算表",
         tag="empty"),
    # 满意度 92% against a target of ≥95%, scored its full 10 points
    Edit("chenzhou", "indicator_unmet_full_score", "社会公众满意度\t≥95%\t100%\t10\t10",
         "社会公众满意度\t≥95%\t92%\t10\t10",
         after="项目支出名称\t医保基金监督管理工作经费", locate=("医保基金监督管理工作经费", "92%"),
         evidence=(("actual_value", 92.0),)),
    # a cost ceiling (≤35万元) overrun, scored its full 20 points
    Edit("chenzhou", "indicator_unmet_full_score", "预算成本控制情况\t≤35万元\t35万元\t20\t20",
         "预算成本控制情况\t≤35万元\t38万元\t20\t20", after="项目支出名称\t医保基金监督管理工作经费",
         locate=("医保基金监督管理工作经费", "38万元"), tag="cost", evidence=(("actual_value", 38.0),)),
    # 年初预算 20 raised to a 全年预算 of 35 (+75%); its 其中：当年财政拨款 line still prints 35
    Edit("chenzhou", "budget_adjusted_heavily", "年度资金总额\t35\t35\t35\t10\t100%\t10",
         "年度资金总额\t20\t35\t35\t10\t100%\t10",
         after="项目支出名称\t医保基金监督管理工作经费", locate=("医保基金监督管理工作经费", "年度资金总额"),
         figure=("projects", ("医保基金监督管理工作经费", "budget_initial"), 20.0),
         evidence=(("budget_initial", 20.0), ("budget_full_year", 35.0)),
         also=(("totals_mismatch", "医保基金监督管理工作经费"),)),
    # the 三公 table's 预算数 lowered below its 决算数 (合计 6.00 < 6.22, 公务接待费 2.00 < 2.22); prose 9.00 / 5.00
    Edit("chenzhou", "sangong_over_budget", "9.00\t\t4.00\t\t4.00\t5.00\t6.22", "6.00\t\t4.00\t\t4.00\t2.00\t6.22",
         after="公开09表", locate=("公开09表", "6.00"), figure=("sangong", ("budget", "total"), 6.0),
         figures=(("sangong", ("budget", "reception"), 2.0),),
         evidence=(("item", "reception"), ("budget", 2.0)),  # the 合计's overrun is this one (folded into it)
         also=(("narrative_table_mismatch", "“三公”经费财政拨款支出预算为 9.00 万元"),
               ("narrative_table_mismatch", "公务接待费支出预算为 5.00 万元"))),
    # 达州市医疗保障事务中心 2023 预算 (seed 001)
    Edit("dazhou", "year_inconsistent", "(二) 2023 年重点工作。", "(二) 2022 年重点工作。"),
    Edit("dazhou", "percentage_misstated", "基本支出 410.89 万元, 占 89.04", "基本支出 410.89 万元, 占 98.04"),
    Edit("dazhou", "comparison_wording_wrong", "比 2022 年预算增加 13.46 万元,增长 80.74%",
         "比 2022 年预算减少 13.46 万元,增长 80.74%"),
    Edit("dazhou", "template_residue", "增加 13.46 万元,增长 80.74%", "增加 13.46 万元,增长（下降）80.74%"),
    Edit("dazhou", "narrative_table_mismatch", "卫生健康支出 17.8 万元", "卫生健康支出 18.7 万元"),
    Edit("dazhou", "unit_mismatch", "公用经费 30.13 万元,主要包括", "公用经费 30.13 元,主要包括"),
    # the 合计 misprinted: the prose's 0.5 is its parts' sum (a table whose sums do not close is not `complete`)
    Edit("dazhou", "sangong_sum_mismatch", "合 计\t0.50", "合 计\t0.60", locate=("三公", "0.60"),
         figure=("sangong", ("budget", "total"), 0.6), evidence=(("stage", "budget"), ("total", 0.6))),
    Edit("dazhou", "totals_mismatch", "机关事业单位基本养老保险缴费支出\t41. 96\t41.96",
         "机关事业单位基本养老保险缴费支出\t41. 96\t42.96", locate=("部门支出总表", "42.96"),
         figure=("line_items", ("expenditure", "2080505", "basic"), 42.96), evidence=(("sum_of_parts", 42.96),)),
    # 部门支出总表 合计 461.49 printed 416.49: the 部门收支总表's 本年支出合计 disagrees, and so do the table's own sums
    Edit("dazhou", "cross_table_mismatch", "合 计\t461.49\t410.89\t5 0.6 0", "合 计\t416.49\t410.89\t5 0.6 0",
         locate=("部门支出总表", "416.49"), figure=("line_items", ("expenditure", None, "total"), 416.49),
         quote_as="416.49", also=(("totals_mismatch", "416.49"),), tag="total"),
    Edit("dazhou", "code_name_mismatch", "335001\t住房公积金\t34. 70", "335001\t提租补贴\t34. 70",
         locate=("部门支出总表", "提租补贴"), evidence=(("code", "2210201"), ("printed", "提租补贴"))),
)

# Edits of the self-evaluation files rendered from code (bases sichuan, ab): same kinds of defects, other layouts
# (指标性质 | 指标值 | 度量单位 columns; (A)/(B) columns and 年初预期目标).
FORM_EDITS: tuple[Edit, ...] = (
    # 威海: a 自评结果汇总表 after the two forms, one a line; 特种设备安全监察经费's line prints 90.87 where its form's
    # 总分 is 96.87 (its other figures, and the other project's line, agree with the forms)
    Edit("ab", "cross_table_mismatch", "", "2023年度项目支出绩效自评结果汇总表",
         adds=(("序号", "项目名称", "全年预算数", "全年执行数", "执行率", "自评得分"),
               ("1", "食品安全抽检监测经费", "172.50", "159.30", "92.35%", "98.24"),
               ("2", "特种设备安全监察经费", "60.00", "41.20", "68.67%", "90.87")),
         adds_family="selfeval_list", locate=("自评结果汇总表", "90.87"), quote_as="90.87", tag="list"),
    # 四川 provincial form: a 巡检次数 of 10 against ≥ 12, scored its full 5 points
    Edit("sichuan", "indicator_unmet_full_score", "系统巡检次数\t≥\t12\t次\t12\t5\t5",
         "系统巡检次数\t≥\t12\t次\t10\t5\t5",
         locate=("全省视频会议系统", "系统巡检次数"), evidence=(("indicator", "系统巡检次数"), ("actual_value", 10.0))),
    # 年初预算 150 raised to an 调整后预算数 of 245.50 (+63.7%)
    Edit("sichuan", "budget_adjusted_heavily", "总额\t\t260.00\t245.50", "总额\t\t150.00\t245.50",
         locate=("省级政务数据共享交换平台运维", "150.00"),
         figure=("projects", ("省级政务数据共享交换平台运维", "budget_initial"), 150.0),
         evidence=(("budget_initial", 150.0), ("budget_full_year", 245.5)),
         also=(("totals_mismatch", "省级政务数据共享交换平台运维"),)),  # its lines still print 200 + 60
    # 威海 (A)/(B) form: 单批次检验成本 402.5元 over its ≤380元 ceiling, scored its full 10 points
    Edit("ab", "indicator_unmet_full_score", "单批次检验成本\t≤380元\t327.6元\t10\t10",
         "单批次检验成本\t≤380元\t402.5元\t10\t10",
         locate=("食品安全抽检监测经费", "402.5"), evidence=(("indicator", "单批次检验成本"), ("actual_value", 402.5))),
    # 年初预算数 100 raised to a 全年预算数（A） of 172.5 (+72.5%)
    Edit("ab", "budget_adjusted_heavily", "年度资金总额\t180\t172.5\t159.3", "年度资金总额\t100\t172.5\t159.3",
         locate=("食品安全抽检监测经费", "年度资金总额"),
         figure=("projects", ("食品安全抽检监测经费", "budget_initial"), 100.0),
         evidence=(("budget_initial", 100.0), ("budget_full_year", 172.5)),
         also=(("totals_mismatch", "食品安全抽检监测经费"),)),  # its 当年财政拨款 line still prints 180
)
ALL_EDITS: tuple[Edit, ...] = EDITS + FORM_EDITS


def apply(text: str, edit: Edit) -> str:
    """The seed text with the edit applied; ValueError when its anchor or text is not there."""
    start = 0
    if edit.after:
        start = text.find(edit.after)
        if start < 0:
            raise ValueError(f"{edit.id}: anchor {edit.after!r} not in the seed")
    at = text.find(edit.find, start)
    if at < 0:
        raise ValueError(f"{edit.id}: {edit.find!r} not in the seed after {edit.after!r}")
    return text[:at] + edit.replace + text[at + len(edit.find):]


def apply_blocks(blocks: list[Any], edit: Edit) -> list[Any]:
    """Copies of the blocks with the edit applied to the first text (a paragraph, a title, a table row as its
    cells joined by tabs) holding `find` at or after the one holding `after`, or with the table it adds appended;
    ValueError when no text holds `find`."""
    from samplegen.blocks import Grid, Heading, Para, TableBlock

    out = copy.deepcopy(blocks)
    if edit.adds:
        rows = [list(r) for r in edit.adds]
        widths = [0.6, 3.0] + [1.2] * (len(rows[0]) - 2)
        out.append(TableBlock(edit.replace, Grid(rows, widths, header_rows=1), subtitle="（2023年度）"))
        return out
    started = not edit.after
    for block in out:
        if isinstance(block, TableBlock):
            texts = [block.title] + ["\t".join(row) for row in block.grid.rows]
        elif isinstance(block, (Para, Heading)):
            texts = [block.text]
        else:
            continue
        for k, text in enumerate(texts):
            started = started or edit.after in text
            if not started or edit.find not in text:
                continue
            new = text.replace(edit.find, edit.replace, 1)
            if isinstance(block, TableBlock) and k > 0:
                cells = new.split("\t")
                if len(cells) != len(block.grid.rows[k - 1]):
                    raise ValueError(f"{edit.id}: the edit changes the row's number of cells")
                block.grid.rows[k - 1] = cells
            elif isinstance(block, TableBlock):
                block.title = new
            else:
                block.text = new
            return out
    raise ValueError(f"{edit.id}: {edit.find!r} not in the blocks after {edit.after!r}")


def cache_key() -> str:
    """Hash of what the copies depend on: samplegen's code, the seeds, the edit list."""
    h = hashlib.sha256(repr(ALL_EDITS).encode())
    for p in sorted((ROOT / "samplegen").glob("*.py")) + sorted((ROOT / "samples" / "seeds").glob("*.txt")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def page_texts(pdf: Path) -> list[str]:
    """Folded text of every page (index 0 = page 1)."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [fold(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    finally:
        doc.close()


def locate(texts: list[str], needles: tuple[str, ...], near: int | None = None) -> int | None:
    """1-based page holding every needle (the one nearest `near` when several do)."""
    want = [fold(n) for n in needles if fold(n)]
    hits = [i + 1 for i, t in enumerate(texts) if want and all(w in t for w in want)]
    if not hits:
        return None
    return min(hits, key=lambda p: abs(p - near)) if near else hits[0]


def _render(edit: Edit, out: Path) -> None:
    """Render the base sample (style a) from the edited seed, as `python -m samplegen` does."""
    from samplegen import seeds
    from samplegen.__main__ import DOCS
    from samplegen.layout import Renderer
    from samplegen.styles import STYLES

    seed_no, stem, file = BASES[edit.base]
    if not seed_no:  # a file samplegen builds from code (samplegen/provincial.py), not from a seed
        from samplegen.provincial import DOCUMENTS

        doc = DOCUMENTS[file]
        Renderer.write(out, doc.style, doc.title, apply_blocks(doc.blocks(), edit), doc.agency)
        return
    module, make_blocks = DOCS[stem]
    saved = seeds.SEED_DIR
    with tempfile.TemporaryDirectory(prefix="accuracy-seeds-") as tmp:
        for src in saved.glob("*.txt"):
            text = src.read_text(encoding="utf-8")
            if src.name.startswith(f"{seed_no}_"):
                text = apply(text, edit)
            (Path(tmp) / src.name).write_text(text, encoding="utf-8")
        seeds.SEED_DIR = Path(tmp)
        try:
            Renderer.write(out, STYLES["a"], module.TITLE, make_blocks("a"), module.AGENCY)
        finally:
            seeds.SEED_DIR = saved


def build(cache: Path = CACHE, log=print) -> dict[str, dict]:
    """Render the copies into `cache` unless they are up to date; returns the manifest's docs."""
    manifest = cache / "manifest.json"
    key = cache_key()
    if manifest.exists():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        if data.get("key") == key and all((cache / name).exists() for name in data["docs"]):
            return data["docs"]
    if cache.exists():
        shutil.rmtree(cache)
    cache.mkdir(parents=True)
    docs: dict[str, dict] = {}
    for edit in ALL_EDITS:
        seed_no, stem, _ = BASES[edit.base]
        name = f"{stem}{'_a' if seed_no else ''}__{edit.rule}{'_' + edit.tag if edit.tag else ''}.pdf"
        _render(edit, cache / name)
        texts = page_texts(cache / name)
        page = locate(texts, edit.locate or (edit.replace,))
        also = [(rule, quote, locate(texts, (quote,), near=page)) for rule, quote in edit.also]
        docs[name] = {"edit": edit.id, "page": page, "also": also}
        log(f"planted: {name} (defect on page {page})")
    manifest.write_text(json.dumps({"key": key, "docs": docs}, ensure_ascii=False, indent=1), encoding="utf-8")
    return docs


def _same_key(section: str, key: tuple, want: tuple) -> bool:
    """A truth figure's key is the edited one (a project's name may carry a code around it)."""
    if section != "projects":
        return key[: len(want)] == tuple(want) and all(k in ("", None) for k in key[len(want):])
    return len(key) == 2 and key[1] == want[1] and fold(want[0]) in fold(key[0])


def planted_truth(base: Truth, edit: Edit, pdf: Path, page: int | None, also: list,
                  texts: list[str] | None = None) -> Truth:
    """The copy's truth: the base's figures (the edited one changed), tables and labels, plus the planted label."""
    texts = page_texts(pdf) if texts is None else texts
    figures: list[Figure] = []
    for f in base.figures:
        for section, key, amount in edit.changed:
            if f.section == section and _same_key(f.section, f.key, key):
                f = replace(f, amount=float(amount))
        figures.append(f)
    labels = []
    for lab in base.labels:  # an edit may reflow text onto another page: find the quote again
        moved = locate(texts, (lab.quote,), near=lab.page) if lab.quote else None
        labels.append(replace(lab, page=moved or lab.page))
    labels.append(Label(edit.rule, page, edit.quote, f"planted: {edit.find!r} → {edit.replace!r}", "", edit.evidence))
    labels += [Label(rule, p, quote, f"caused by the planted {edit.rule}") for rule, quote, p in also]
    tables = [t for t in copy.deepcopy(base.tables) if not edit.drops or t["family"] != edit.drops]
    if edit.adds_family:
        tables.append({"family": edit.adds_family, "title": edit.replace, "page": page, "empty": False})
    return Truth(base.path, str(pdf), copy.deepcopy(base.meta), tables, figures, labels, planted=edit.id)


def base_file(edit_id: str) -> str:
    """The `file` of the sample a planted edit copies."""
    return BASES[next(e.base for e in ALL_EDITS if e.id == edit_id)][2]


def truths(bases: list[Truth], cache: Path = CACHE, log=print) -> tuple[list[Truth], list[str]]:
    """(truths of the planted copies whose original has a truth file, notes on the ones skipped)."""
    by_file = {t.file: t for t in bases}
    usable = [e for e in ALL_EDITS if BASES[e.base][2] in by_file]
    notes = [f"planted copies of {BASES[b][2]} skipped: no truth file for it"
             for b in BASES if BASES[b][2] not in by_file]
    if not usable:
        return [], notes
    docs = build(cache, log)
    by_id = {e.id: e for e in ALL_EDITS}
    out = []
    for name, info in docs.items():
        edit = by_id.get(info["edit"])
        if edit is None or edit not in usable:
            continue
        out.append(planted_truth(by_file[BASES[edit.base][2]], edit, cache / name, info["page"], info["also"]))
    return out, notes
