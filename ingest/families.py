"""The table families we understand, as data: titles as printed, header signals, rules.

A family is one kind of disclosure table (e.g. the 三公 table), whatever its exact
title in a given province or year. Titles are matched fuzzily (rapidfuzz) after
normalisation; the header words are a second signal when the title is garbled or
missing from the text layer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from ingest.numbers import arabic_years


@dataclass(frozen=True)
class Family:
    key: str
    label: str  # Chinese name shown to users
    titles: tuple[str, ...]  # known printed titles (决算 and 预算 variants)
    header_words: tuple[str, ...] = ()  # words the header of this table contains
    final_code: str | None = None  # 公开0X表 code in the national 决算 layout
    required_in: tuple[str, ...] = ()  # doc kinds whose disclosure rules require it
    form: bool = False  # a per-project form with free-text cells: its pages may read like prose


FAMILIES: tuple[Family, ...] = (
    Family(
        "summary", "收入支出总表",
        ("收入支出决算总表", "部门收支总表", "部门财务收支预算总表", "收支预算总表", "部门收支预算总表",
         "财务收支预算总表", "收入支出预算总表", "部门财务收支总表", "部门综合预算收支总表"),
        ("本年收入合计", "本年支出合计"), "公开01表", ("final_account", "budget"),
    ),
    Family(
        "income", "收入表",
        ("收入决算表", "部门收入总表", "部门收入预算总表", "收入预算总表", "收入总表", "部门综合预算收入总表"),
        ("本年收入合计", "财政拨款收入", "上级补助收入"), "公开02表", ("final_account", "budget"),
    ),
    Family(
        "expenditure", "支出表",
        ("支出决算表", "部门支出总表", "部门支出预算总表", "支出预算总表", "支出总表", "部门综合预算支出总表"),
        ("基本支出", "项目支出", "上缴上级支出"), "公开03表", ("final_account", "budget"),
    ),
    Family(
        "fiscal_summary", "财政拨款收支总表",
        ("财政拨款收入支出决算总表", "财政拨款收支预算总表", "部门财政拨款收支预算总表", "财政拨款收支总表",
         "部门综合预算财政拨款收支总表"),
        ("一般公共预算财政拨款", "政府性基金预算财政拨款"), "公开04表", ("final_account", "budget"),
    ),
    Family(
        "gpb_expenditure", "一般公共预算支出表",
        ("一般公共预算财政拨款支出决算表", "一般公共预算支出预算表", "一般公共预算支出表",
         "一般公共预算支出功能分类预算表", "部门一般公共预算支出功能分类预算表", "一般公共预算支出预算表功能科目",
         # 陕西's 部门综合预算 books: 明细表（按支出功能分类科目）
         "部门综合预算一般公共预算支出明细表", "部门综合预算一般公共预算支出明细表按支出功能分类科目"),
        ("基本支出", "项目支出"), "公开05表", ("final_account", "budget"),
    ),
    Family(
        "gpb_basic", "一般公共预算基本支出表",
        ("一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款基本支出决算明细表",
         "一般公共预算基本支出预算表", "一般公共预算基本支出表", "一般公共预算基本支出部门预算经济分类预算表",
         "部门一般公共预算基本支出部门预算经济分类预算表", "一般公共预算基本支出经济分类预算表",
         "一般公共预算基本支出预算表经济科目", "部门综合预算一般公共预算基本支出明细表",
         "部门综合预算一般公共预算基本支出明细表按支出经济分类科目"),
        ("人员经费", "公用经费"), "公开06表", ("final_account", "budget"),
    ),
    Family(
        "gov_fund", "政府性基金预算表",
        ("政府性基金预算财政拨款收入支出决算表", "政府性基金预算支出预算表", "政府性基金预算支出表",
         "政府性基金预算支出功能分类预算表", "部门政府性基金预算支出功能分类预算表", "财政拨款政府性基金支出预算表",
         "政府性基金预算财政拨款支出表", "部门综合预算政府性基金收支表"),
        (), "公开07表", ("final_account", "budget"),
    ),
    Family(
        "soe_capital", "国有资本经营预算表",
        ("国有资本经营预算财政拨款支出决算表", "国有资本经营预算财政拨款收入支出决算表",
         "国有资本经营预算支出预算表", "国有资本经营预算支出表", "国有资本经营预算支出功能分类预算表",
         "部门国有资本经营预算支出功能分类预算表", "部门综合预算国有资本经营收支表"),
        (), "公开08表", ("final_account", "budget"),
    ),
    Family(
        "sangong", "“三公”经费表",
        ("财政拨款三公经费支出决算表", "一般公共预算三公经费支出预算表", "三公经费支出预算表", "三公经费支出表",
         "三公经费和机关运行经费预算表", "部门三公经费和机关运行经费预算表", "财政拨款三公经费支出预算表",
         "一般公共预算三公经费支出表", "三公经费预算表", "三公经费、会议费、培训费支出预算表",
         "一般公共预算财政拨款三公经费支出决算表",
         "一般公共预算三公经费、会议费、培训费支出预算表", "部门综合预算一般公共预算三公经费支出情况表",
         "一般公共预算三公经费支出情况表", "部门综合预算三公经费支出预算表", "部门综合预算三公经费支出表"),
        ("因公出国", "公务接待费", "公务用车"), "公开09表", ("final_account", "budget"),
    ),
    Family(
        "gov_fund_sangong", "政府性基金“三公”经费表",
        ("政府性基金预算三公经费支出预算表", "政府性基金预算财政拨款三公经费支出决算表"), ("因公出国", "公务接待费"),
    ),
    Family(
        "fiscal_economic", "财政拨款支出表(经济分类)",
        ("财政拨款支出预算表部门经济分类科目", "一般公共预算支出预算表部门经济分类科目",
         "部门综合预算一般公共预算支出明细表按支出经济分类科目"),
    ),
    Family("gpb_project", "一般公共预算项目支出表",
           ("一般公共预算项目支出预算表", "一般公共预算财政拨款项目支出决算表")),
    # Printed by some provinces beside the 一般公共预算 tables; same layout, wider scope.
    Family("fiscal_expenditure", "财政拨款支出表", ("财政拨款支出预算表", "财政拨款支出决算表"),
           ("基本支出", "项目支出")),
    # 四川's 支出决算明细表: the 功能分类 lines crossed with the 经济分类 classes as columns (工资福利支出 |
    # 商品和服务支出 …): recognised, not parsed — neither the 基本支出 table its title is close to nor 基本 | 项目 lines
    Family("fiscal_detail", "财政拨款支出明细表", ("财政拨款支出决算明细表", "一般公共预算财政拨款支出决算明细表")),
    # … and the 部门综合预算's 基本支出 by function class (its economic twin is the gpb_basic table)
    Family("fiscal_basic", "财政拨款基本支出表", ("财政拨款基本支出预算表", "财政拨款基本支出决算表",
                                                 "部门综合预算一般公共预算基本支出明细表按支出功能分类科目")),
    # Recognised so that their pages are not taken for continuations of the table before.
    Family("operating_costs", "机关运行经费表", ("一般公共预算机关运行经费支出预算表", "机关运行经费支出预算表")),
    Family("procurement", "政府采购预算表",
           ("政府采购支出预算表", "政府采购预算表", "政府采购预算明细表", "政府采购支出表",
            "部门综合预算政府采购预算表", "部门综合预算政府采购资产配置购买服务预算表")),
    Family("purchased_services", "政府购买服务预算表", ("政府购买服务预算表", "政府购买服务支出表")),
    # 北京's 项目支出表 (every fund's projects, not the 一般公共预算 table): recognised, not parsed
    Family("project_expenditure", "项目支出表", ("项目支出表", "项目支出预算表", "部门项目支出预算表",
                                                 "部门综合预算专项业务经费支出表")),
    Family(
        "project_targets", "项目支出绩效目标表",
        ("部门预算项目绩效目标表", "项目支出绩效目标表", "部门预算项目支出绩效目标表", "项目绩效目标表",
         "项目支出绩效目标填报表", "财政项目支出绩效目标填报表", "项目支出绩效目标申报表"), form=True,
    ),
    # 部门预算绩效目标表: the department's own goals in some provinces, its projects' in others — recognised only
    Family("overall_targets", "整体支出绩效目标表",
           ("整体支出绩效目标表", "部门整体支出绩效目标表", "整体绩效目标表", "部门预算绩效目标表"), form=True),
    # Self-evaluations: city (分值), (A)/(B) and provincial (权重, 指标性质) layouts share these titles.
    Family(
        "project_selfeval", "项目支出绩效自评表",
        ("项目支出绩效自评表", "项目绩效自评表", "部门预算项目支出绩效自评表", "省级部门项目支出绩效自评表",
         "项目支出绩效自评结果表", "转移支付区域绩效自评表", "中央对地方转移支付区域绩效自评表"),
        ("项目资金", "年度总体目标", "得分"), form=True,  # in the first text lines of a form page
    ),
    Family(
        "overall_selfeval", "部门整体支出绩效自评表",
        ("部门整体支出绩效自评表", "整体支出绩效自评表", "部门整体绩效自评表", "部门整体支出绩效自评结果表"),
        ("年度预算申请", "年度总体目标", "得分"), form=True,
    ),
    # Many projects' self-evaluations, one line each (预算数 | 执行数 | 执行率 | 自评得分): projects, no indicators.
    Family(
        "selfeval_list", "项目支出绩效自评结果汇总表",
        ("项目支出绩效自评结果汇总表", "项目支出绩效自评汇总表", "项目绩效自评结果汇总表", "绩效自评结果汇总表",
         "项目支出绩效自评情况汇总表", "项目支出绩效自评结果一览表"),
        ("项目名称", "执行率", "得分"),
    ),
    # The 附件 1 data sheet of a 部门整体 evaluation: recognised, not parsed (no scores).
    Family("overall_basic_data", "部门整体支出绩效评价基础数据表", ("部门整体支出绩效评价基础数据表",)),
)

# A title two kinds of table share, told apart by the header under it: family → (the other family, words its header
# prints, words it never prints). 财政拨款支出预算明细表 is 四川's 功能 × 经济 cross table (工资福利支出 |
# 商品和服务支出 … as columns: not parsed) in one book, a plain 功能分类 table of 合计 | 基本支出 | 项目支出 in another.
HEADER_TWINS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "fiscal_detail": ("fiscal_expenditure", ("基本支出", "项目支出"),
                      ("工资福利", "商品和服务", "对个人和家庭", "资本性支出")),
}
_HEADER_LINES = 12  # a table's header stands in the first lines under its title


def by_header(family: str, body: str) -> str:
    """The family of a table titled as `family`, by the header words in the first lines of its text `body`."""
    if family not in HEADER_TWINS:
        return family
    other, printed, never = HEADER_TWINS[family]
    top = re.sub(r"\s+", "", "".join(unicodedata.normalize("NFKC", body).split("\n")[:_HEADER_LINES]))
    return other if all(w in top for w in printed) and not any(w in top for w in never) else family


BY_KEY: dict[str, Family] = {f.key: f for f in FAMILIES}
BY_FINAL_CODE: dict[str, Family] = {f.final_code: f for f in FAMILIES if f.final_code}

# Table codes printed before a title: 公开01表：, 公开表一, 表1-1, 附表3, 一、, (一)
_NUM = r"[\d一二三四五六七八九十]+"
# 预算01表, 决算03表, 2024年部门预算表3, 部门决算公开表2: a budget or final-account table number
_BOOK_CODE = (rf"(?:\d{{4}}\s*年度?)?(?:本?部门|单位)?(?:预算|决算)(?:公开)?\s*"
              rf"(?:表\s*{_NUM}(?:\s*-\s*\d+)?|{_NUM}(?:\s*-\s*\d+)?\s*表)")
# the 部门决算 software's and other books' own codes: 财决05表, 财预01表, 部门公开表05, 部门公开05表, 单位公开表3
_SOFT_CODE = rf"(?:财\s*[决预]|(?:本?部门|单位)\s*(?:预算|决算)?\s*公开)\s*(?:表\s*{_NUM}|{_NUM}\s*表)(?:\s*-\s*\d+)?"
# the 部门决算 software's sheet codes: Z01 收入支出决算总表, Z05表, F03 (a letter, then the sheet's number)
_SHEET_CODE = r"[A-Z]\d{2}(?:\s*-\s*\d+)?\s*表?"
_CODE_PREFIX = re.compile(
    rf"^(?:{_SHEET_CODE}(?=[\s:：、.．\u4e00-\u9fff])|(?:附表|附件)\s*{_NUM}(?:\s*-\s*\d+)?|公开\s*(?:表\s*)?{_NUM}(?:\s*-\s*\d+)?\s*号?\s*表?"
    rf"|{_SOFT_CODE}|{_BOOK_CODE}|表\s*{_NUM}(?:\s*-\s*\d+)?|{_NUM}\s*[、.．]|[(（]{_NUM}[)）])\s*[:：、.．]?\s*"
)
_CODE_ANYWHERE = re.compile(  # 公开05表, and the books' own codes after a title: 支出决算表 财决04表, … 部门公开表03
    r"(?:(?:本?部门|单位)?(?:预算|决算)?公开|财\s*[决预])\s*(?:\d{1,2}\s*表|表\s*\d{1,2}(?!\d))")
# a table number printed behind the title on its line: 收入支出决算总表 表1-1, …支出决算表（表五）, …【表1】
_CODE_BEHIND = re.compile(
    rf"(?<=表)\s*[(（【\[]?\s*(?:表\s*{_NUM}(?:\s*-\s*\d+)?|{_SHEET_CODE})\s*[)）】\]]?\s*$")
_YEARS = re.compile(r"[(（]?\d{4}\s*年度?[)）]?")
# a bracketed qualifier after the title, of any length: 表(经济科目), 表（按功能分类）, 部门项目支出预算表（其他运转类、
# 特定目标类项目）, …预算表（按部门预算支出经济分类科目）
_QUALIFIER = re.compile(r"(?<=表)\s*[(（][^()（）]{1,30}[)）]$")
# the 经济分类 tables a qualifier makes of a 功能分类 title: 财政拨款支出预算表（部门预算支出经济分类科目）
_ECONOMIC_QUALIFIER = "部门经济分类科目"
# a qualifier naming the fund the table is paid from: part of its title (“三公”经费支出决算表（政府性基金预算财政拨款）
# is the 政府性基金 三公 table, not the 三公 table with a remark)
_FUND_QUALIFIER = re.compile(r"[(（]((?:一般公共预算|政府性基金|国有资本经营)[^()（）]{0,12})[)）]$")
# costs a 三公 table may print beside its items: “三公”经费及机关运行经费支出决算表, …及会议费、培训费…
_BESIDE_SANGONG = re.compile(r"(?<=三公经费)(?:[及和]?(?:机关运行经费|会议费|培训费))+")  # on the folded title (no 、)
# quotes, brackets and spaces; 《》? are how OCR reads the quotes of “三公” (the titles hold none of them)
_DROP = re.compile(r"[\s“”\"'‘’「」()（）\[\]【】:：·、《》?？]")
# 河北's and 湖南's titles say 情况表 where others say 表: 部门收支总体情况表 = 部门收支总表, 三公经费预算情况表
_SITUATION = re.compile(r"(总)?体?情况表$")
# … with the book's kind after it: 部门预算收支总表 = 部门收支总表, 部门决算收入总表 = 部门收入总表 (but a book's
# heading run into the title under it, 部门决算表 | 收入支出决算总表, is no title)
_SCOPE = re.compile(r"^(?:本?部门|单位|本级)(?:(?:预算|决算)(?!表))?")
# what may precede a known title: an agency or region name (ends like one), or 部门/单位
_AGENCY_PREFIX = re.compile(r"(?:[局厅委办心院会部室所站队馆社处司校园组团台场联府省市区县旗州]|部门|单位|本级)$")
_MIN_TAIL = 4
# words that set a table apart from its wider sibling (一般公共预算财政拨款项目支出决算表 is no 支出决算表): a line
# naming one matches only a known title naming it too, however close the rest of the line comes
_DISTINCT_WORDS = ("基本支出", "项目支出")


def normalize_title(text: str) -> str:
    """Fold a printed title to compare it with known ones: no year (in digits or Chinese numerals), numbering, quotes
    or spaces."""
    text = arabic_years(unicodedata.normalize("NFKC", text).strip())  # 二〇二四年度… as 2024年度…
    text = _CODE_BEHIND.sub("", _CODE_ANYWHERE.sub("", text))
    for _ in range(2):
        text = _CODE_PREFIX.sub("", text.strip())
    text = _YEARS.sub("", text)
    return _DROP.sub("", text)


def _fold(name: str) -> str:
    """A normalised title without its scope word (部门/单位): 单位收支总表 ≈ 部门收支总表."""
    return _SCOPE.sub("", name)


def _variants(title: str) -> set[str]:
    """A known title and its 预算/决算 twin (…决算表 ↔ …预算表)."""
    norm = normalize_title(title)
    out = {norm, norm.replace("决算", "预算")}
    out.add(re.sub(r"预算(总|明细)?表", r"决算\1表", norm))
    return {_fold(v) for v in out}


@cache
def _choices() -> tuple[list[str], list[str]]:
    names, keys = [], []
    for fam in FAMILIES:
        for title in fam.titles:
            for variant in sorted(_variants(title)):
                if variant not in names:
                    names.append(variant)
                    keys.append(fam.key)
    return names, keys


def _forms(line: str) -> list[str]:
    """The line normalised, and without a trailing qualifier (支出预算表(功能科目)); a qualifier naming the 经济分类
    alone stays said (财政拨款支出预算表部门经济分类科目) unless the title is a 基本支出 table's (by economic class
    anyway)."""
    plain = unicodedata.normalize("NFKC", line).strip()
    out = [normalize_title(plain)]
    if fund := _FUND_QUALIFIER.search(plain):
        out.append(normalize_title(fund.group(1) + plain[:fund.start()]))
    elif (m := _QUALIFIER.search(plain)) is not None:
        bare = normalize_title(plain[:m.start()])
        economic = "经济" in m.group(0) and "功能" not in m.group(0) and "基本支出" not in bare
        out.append(bare + _ECONOMIC_QUALIFIER if economic else bare)
    if (bare := _BESIDE_SANGONG.sub("", out[0])) != out[0]:
        out.append(bare)
    out += [plain for f in out if (plain := _SITUATION.sub(r"\1表", f)) != f]
    return [f for f in out if f]


def _tails(norm: str) -> list[str]:
    """norm, then what follows an agency or region name in it, longest first."""
    out = [norm]
    for i in range(2, len(norm) - _MIN_TAIL + 1):
        if _AGENCY_PREFIX.search(norm[:i]):
            out.append(norm[i:])
    return out


def match_title(line: str, min_score: float = 90) -> tuple[str, float] | None:
    """The family whose known title best matches `line`, with its score (0–100), or None."""
    names, keys = _choices()
    best: tuple[str, float] | None = None
    for form in _forms(line):
        if not (3 <= len(form) <= 60) or "表" not in form[-12:]:
            continue
        for tail in _tails(form):
            folded = _fold(tail)
            if len(folded) < _MIN_TAIL or len(folded) > 40:
                continue
            if folded in names:
                return keys[names.index(folded)], 100.0
            words = [w for w in _DISTINCT_WORDS if w in folded]
            hits = process.extract(folded, names, scorer=fuzz.ratio, score_cutoff=min_score, limit=None)
            hit = next((h for h in hits if all(w in h[0] for w in words)), None)  # best first
            if hit is not None and (best is None or hit[1] > best[1]):
                best = (keys[hit[2]], float(hit[1]))
    return best


_CODE_LINE = re.compile(
    rf"^(?:公开\s*(?:表\s*)?{_NUM}(?:\s*-\s*\d+)?\s*号?\s*表?|(?:附表|表)\s*{_NUM}(?:\s*-\s*\d+)?|{_SOFT_CODE}"
    rf"|{_BOOK_CODE}|{_SHEET_CODE})$"
)


def is_code_line(line: str) -> bool:
    """A line holding only a table code (公开05表, 公开表五, 表1-1): a table starts here."""
    return bool(_CODE_LINE.match(_DROP.sub("", unicodedata.normalize("NFKC", line))))


def expected(doc_kind: str) -> list[str]:
    """Families a document of this kind must disclose."""
    return [f.key for f in FAMILIES if doc_kind in f.required_in]
