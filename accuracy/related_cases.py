"""The cross-document cases as data: related copies of the real 郴州 决算 and 达州 预算 samples (`COPIES`) and the
cases read from them (`CASES`), each with the defects between its documents (rendered, read and scored by
accuracy/related.py).

A copy is its sample re-rendered from the seed with string edits (`Copy.edits`, each document's own sums kept
closing), then every text of the rendered blocks renamed (`Copy.rename`: another agency of the same kind, or the
same agency as another name) and its years shifted (`Copy.years`: the agency's next or previous year's document).
A case names its copies, the original a copy stands in for (one agency-year is read once), and its labels: the
defects between the documents, each on the document the flag belongs to, with the other document named
(`Label.other`). A case without labels is a clean one: its documents must raise nothing across documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CROSS_RULES: tuple[str, ...] = ("sangong_yoy_increase", "budget_final_mismatch", "peer_outlier")


@dataclass(frozen=True)
class Copy:
    """A related document: base sample (planted.BASES key), seed edits (find, replace, after), then renames
    over every rendered text and a shift of every year printed."""

    name: str  # file name in the cache
    base: str
    edits: tuple[tuple[str, str, str], ...] = ()
    rename: tuple[tuple[str, str], ...] = ()
    years: int = 0
    agency: str = ""  # the agency the copy must read as (checked: a misread copy measures nothing)
    year: int = 0
    stands_for: str = ""  # the truth file (`file`) of the same agency-year, left out where the copy is read


@dataclass(frozen=True)
class CrossLabel:
    """A defect between documents: on document `on` (a copy's name or a truth file's `file`), located by
    strings on its page, quoted; `other` = the other document(s)."""

    rule: str
    on: str
    locate: tuple[str, ...]
    quote: str
    other: str
    note: str = ""


@dataclass(frozen=True)
class Case:
    """Documents read together with the truth PDFs (minus those the copies stand in for) and their labels."""

    id: str
    copies: tuple[str, ...]
    needs: tuple[str, ...]  # truth files (`file`) the case is about: without them it measures nothing
    labels: tuple[CrossLabel, ...] = ()
    note: str = ""


# --- 达州市医疗保障事务中心 2024 预算: the 2023 sample one year on ------------------------------------------------
# The 2023 prose compares with 2022 (+189.48, 运行经费 +13.46); a 2024 copy with the same totals says 持平 (the
# 收支预算总计 sentence worded as budgets word it when they state the 上年 change, so the rule reads it).
_DZ_TOTAL = ("收支预算总数 461.49 万元,比 2022 年收支预算总数增加 189.48 万元,主要原因:一是人员的增加;"
             "二是养老保险缴费口径的变化;三是工伤保险险种的增加。。")
_DZ_FLAT: tuple[tuple[str, str, str], ...] = (
    ("财政拨款收支预算总数 461.49 万元,比 2022 年财政拨款收支预算总数增加 189.48 万元,主要原因:一是人员的增加;"
     "二是养老保险缴费口径的变化;三是工伤保险险种的增加。", "财政拨款收支预算总数 461.49 万元,与上年持平。", ""),
    ("一般公共预算当年拨款 461.49 万元,比 2022 年预算数增加 189.48 万元,主要原因:一是人员的增加;"
     "二是养老保险缴费口径的变化;三是工伤保险险种的增加。", "一般公共预算当年拨款 461.49 万元,与上年持平。", ""),
    ("运行经费财政拨款预算为 30.13 万元,比 2022 年预算增加 13.46 万元,增长 80.74%。主要原因:一是人员的增加;"
     "二是单位晋级公用经费标准的增加。", "运行经费财政拨款预算为 30.13 万元,与上年持平。", ""),
)


def _dz_sangong(amount: str, change: str) -> tuple[tuple[str, str, str], ...]:
    """The 三公 table (three rows) and prose of the 达州 budget set to `amount` (公务接待费 only), the prose's
    comparison with the year before worded `change`."""
    table = '一般公共预算"三公"经费支出预算表'
    short = amount.rstrip("0").rstrip(".")
    return (
        *((("0.50\t\t\t\t\t0.50", f"{amount}\t\t\t\t\t{amount}", table),) * 3),
        ('"三公"经费财政拨款预算数 0.5 万元, 其中: 公务接待费 0.5 万元。',
         f'"三公"经费财政拨款预算数 {short} 万元, 其中: 公务接待费 {short} 万元。', ""),
        ("(一)公务接待费较 2022 年预算下降 50%。主要原因是按照相关政策, 厉行节约, 压减三公经费。",
         f"(一)公务接待费较 2022 年预算{change}。主要原因是异地就医结算业务交流接待增加。", ""),
    )


_DAZHOU_2024: dict[str, Any] = {"base": "dazhou", "years": 1, "agency": "达州市医疗保障事务中心", "year": 2024}

# --- 郴州市医疗保障局: its 2022 预算 (the 达州 budget's tables, renamed) beside the 2022 决算 sample ----------------
_TO_CHENZHOU = (("隶属于达州市医疗保障局", "隶属于郴州市人民政府"), ("达州市医疗保障事务中心", "郴州市医疗保障局"),
                ("达州", "郴州"))
# a 单位预算 of the same agency-year (its 本级 alone): here the 预算 with 行政单位医疗 and 公务员医疗补助 swapped (the
# 款 and every total unchanged), so a 决算 quoting the 部门预算 right differs from it on one 项
_UNIT_SWAP: tuple[tuple[str, str, str], ...] = (
    ("行政单位医疗\t12. 46\t12.46", "行政单位医疗\t5.34\t5.34", ""),
    ("公务员医疗补助\t5. 34\t5. 34", "公务员医疗补助\t12.46\t12.46", ""),
    ("行政单位医疗\t12.46\t12.46", "行政单位医疗\t5.34\t5.34", ""),
    ("公务员医疗补助\t5. 34\t5. 34", "公务员医疗补助\t12.46\t12.46", ""),
    ("医疗(项)2023年预算数为12.46万元", "医疗(项)2023年预算数为5.34万元", ""),
    ("医疗补助(项)2023年预算数为5.34万元", "医疗补助(项)2023年预算数为12.46万元", ""),
)
# the 决算's 年初预算 statements set to the 预算's figures (completion rates recomputed: 决算 ÷ 年初预算)
_CZ_AGREE: tuple[tuple[str, str, str], ...] = (
    ("财政拨款支出年初预算数为1093.7万元,支出决算数为1467.16万元,完成年初预算的134.15%",
     "财政拨款支出年初预算数为461.49万元,支出决算数为1467.16万元,完成年初预算的317.92%", ""),
    ("年初预算为43.84万元,支出决算为43.84万元,完成年初预算的100%",
     "年初预算为41.96万元,支出决算为43.84万元,完成年初预算的104.48%", ""),
    ("年初预算为 10.18 万元，支出决算为 10.18 万元，完成年初预算的 100%",
     "年初预算为 12.46 万元，支出决算为 10.18 万元，完成年初预算的 81.70%", ""),
    ("年初预算为 32.87 万元，支出决算为 32.87 万元，完成年初预算的 100%",
     "年初预算为 34.70 万元，支出决算为 32.87 万元，完成年初预算的 94.73%", ""),
)

# --- 郴州市医疗保障局 2023 决算: the 2022 sample one year on, its 三公 公务接待费 决算 raised (table and prose)
def _cz_sangong(reception: str, total: str, shares: tuple[str, str, str, str]) -> tuple[tuple[str, str, str], ...]:
    """The 决算's 三公 actual (公务接待费 and 合计) and the prose's rates: (合计 of 9.00, 接待 of 5.00, 接待's share,
    车辆's share)."""
    of_budget, reception_rate, reception_share, vehicle_share = shares
    return (
        ("5.00\t6.22\t\t4.00\t\t4.00\t2.22", f"5.00\t{total}\t\t4.00\t\t4.00\t{reception}", "公开09表"),
        ("支出预算为 9.00 万元，支出决算为 6.22 万元，完成预算的 69.11%",
         f"支出预算为 9.00 万元，支出决算为 {total} 万元，完成预算的 {of_budget}", ""),
        ("公务接待费支出预算为 5.00 万元，支出决算为 2.22 万元，完成预算的 44.40%",
         f"公务接待费支出预算为 5.00 万元，支出决算为 {reception} 万元，完成预算的 {reception_rate}", ""),
        ("公务接待费支出决算 2.22 万元，占 35.69%", f"公务接待费支出决算 {reception} 万元，占 {reception_share}", ""),
        ("公务用车购置费及运行维护费支出决算 4.00 万元，占 64.31%",
         f"公务用车购置费及运行维护费支出决算 4.00 万元，占 {vehicle_share}", ""),
        ("2、公务接待费支出决算为 2.22 万元", f"2、公务接待费支出决算为 {reception} 万元", ""),
    )


_CHENZHOU_2023: dict[str, Any] = {"base": "chenzhou", "years": 1, "agency": "郴州市医疗保障局", "year": 2023}

# --- 湖南 医疗保障局 2022 决算: the 郴州 sample as five other cities' (a peer group of six) -------------------------
# staff (核定编制 16 / 在编 15 and 核定编制 41 / 在职 49): 三公 per staff member 6.22 万元 / 64 人 in 郴州
_STAFF = ("现有在编人数 15 人", "现有在职人数 49 人,其中在编在职 30 人,借调 3 人,聘用人员 23 人")


def _peer(city: str, kept: int, serving: int, of_which: str) -> Copy:
    name = f"{city}市医疗保障局"
    return Copy(f"hunan_peer_{city}_2022_final.pdf", "chenzhou",
                edits=((_STAFF[0], f"现有在编人数 {kept} 人", ""),
                       (_STAFF[1], f"现有在职人数 {serving} 人,{of_which}", "")),
                rename=(("郴州", city),), agency=name, year=2022)


COPIES: tuple[Copy, ...] = (
    Copy("dazhou_2024_budget__sangong_up.pdf", edits=(
        (_DZ_TOTAL, "收支预算总计 461.49 万元,与上年持平。", ""), *_DZ_FLAT, *_dz_sangong("0.80", "增长 60%")),
        **_DAZHOU_2024),
    Copy("dazhou_2024_budget__clean.pdf", edits=(
        (_DZ_TOTAL, "收支预算总计 461.49 万元,与上年持平。", ""), *_DZ_FLAT, *_dz_sangong("0.55", "增长 10%")),
        **_DAZHOU_2024),
    Copy("dazhou_2024_budget__prior_total.pdf", edits=(
        (_DZ_TOTAL, "收支预算总计 461.49 万元,比上年增加 189.48 万元,主要原因:一是人员的增加;"
                    "二是养老保险缴费口径的变化;三是工伤保险险种的增加。", ""), *_DZ_FLAT),
        **_DAZHOU_2024),
    Copy("chenzhou_2022_budget.pdf", "dazhou", rename=_TO_CHENZHOU, years=-1, agency="郴州市医疗保障局", year=2022),
    Copy("chenzhou_2022_unit_budget.pdf", "dazhou", edits=_UNIT_SWAP, rename=(*_TO_CHENZHOU, ("部门预算", "单位预算")),
         years=-1, agency="郴州市医疗保障局", year=2022),
    Copy("chenzhou_2023_final__sangong_up.pdf",
         edits=_cz_sangong("4.22", "8.22", ("91.33%", "84.40%", "51.34%", "48.66%")), **_CHENZHOU_2023),
    Copy("chenzhou_2023_final__clean.pdf",
         edits=_cz_sangong("3.22", "7.22", ("80.22%", "64.40%", "44.60%", "55.40%")), **_CHENZHOU_2023),
    Copy("chenzhou_2022_final__initial_budget_agrees.pdf", "chenzhou", edits=_CZ_AGREE, agency="郴州市医疗保障局",
         year=2022, stands_for="chenzhou_2022_final_a.pdf"),
    _peer("岳阳", 14, 52, "其中在编在职 33 人,借调 3 人,聘用人员 16 人"),
    _peer("常德", 16, 44, "其中在编在职 28 人,借调 2 人,聘用人员 14 人"),
    _peer("衡阳", 15, 57, "其中在编在职 34 人,借调 3 人,聘用人员 20 人"),
    _peer("湘潭", 14, 43, "其中在编在职 27 人,借调 2 人,聘用人员 14 人"),
    _peer("邵阳", 15, 46, "其中在编在职 29 人,借调 3 人,聘用人员 14 人"),
    # the outlier: 6.22 万元 of 三公 for 10 people (0.62 万元 each; the others 0.08–0.11)
    _peer("株洲", 4, 6, "其中在编在职 4 人,借调 1 人,聘用人员 1 人"),
)

_DZ23 = "dazhou_2023_budget_a.pdf"
_CZ22 = "chenzhou_2022_final_a.pdf"
_PEERS = ("hunan_peer_岳阳_2022_final.pdf", "hunan_peer_常德_2022_final.pdf", "hunan_peer_衡阳_2022_final.pdf",
          "hunan_peer_湘潭_2022_final.pdf")
CASES: tuple[Case, ...] = (
    Case("sangong_up", ("dazhou_2024_budget__sangong_up.pdf",), (_DZ23,), labels=(
        CrossLabel("sangong_yoy_increase", "dazhou_2024_budget__sangong_up.pdf",
                   ("一般公共预算“三公”经费支出预算表", "0.80"), "0.80", _DZ23,
                   "三公 预算 0.50 (2023) → 0.80 (2024), +60%"),),
         note="达州 2024 预算: 三公 (公务接待费) 0.50 → 0.80"),
    Case("next_year_clean", ("dazhou_2024_budget__clean.pdf",), (_DZ23,),
         note="达州 2024 预算: 三公 0.50 → 0.55 (+10%), 收支预算总计 与上年持平 (= 2023's 461.49): nothing"),
    Case("prior_total", ("dazhou_2024_budget__prior_total.pdf",), (_DZ23,), labels=(
        CrossLabel("budget_final_mismatch", "dazhou_2024_budget__prior_total.pdf", ("比上年增加 189.48 万元",),
                   "收支预算总计 461.49 万元,比上年增加 189.48 万元", _DZ23,
                   "2024 says +189.48 on the year before, i.e. 272.01; the 2023 预算 prints 461.49"),),
         note="达州 2024 预算 whose 上年 收支预算总计 is not the 2023 预算's"),
    Case("initial_budget_differs", ("chenzhou_2022_budget.pdf",), (_CZ22,), labels=tuple(
        # located by the quote itself: 32.87 is also 住房保障支出's share on the page before its 年初预算
        CrossLabel("budget_final_mismatch", _CZ22, (quote,), quote, "chenzhou_2022_budget.pdf", note)
        for quote, note in (
            ("财政拨款支出年初预算数为1093.7万元", "预算: 一般公共预算支出 461.49"),
            ("年初预算为43.84万元", "机关事业单位基本养老保险缴费支出: 预算 41.96"),
            ("年初预算为 10.18 万元", "行政单位医疗: 预算 12.46"),
            ("年初预算为 32.87 万元", "住房公积金: 预算 34.70"))),
         note="郴州 2022 决算 (the sample) beside a 郴州 2022 预算 whose figures are not the 年初预算 it quotes"),
    Case("initial_budget_agrees", ("chenzhou_2022_final__initial_budget_agrees.pdf", "chenzhou_2022_budget.pdf"),
         (_CZ22,),
         note="郴州 2022 决算 quoting the 预算's own 年初预算 (合计 and three 项): nothing"),
    Case("initial_budget_beside_unit_budget", ("chenzhou_2022_final__initial_budget_agrees.pdf",
                                               "chenzhou_2022_budget.pdf", "chenzhou_2022_unit_budget.pdf"), (_CZ22,),
         note="the same, with the agency's 单位预算 (本级 only, two 项 differing) in the lake too: the 部门决算 is "
              "held to the 部门预算: nothing"),
    Case("final_sangong_up", ("chenzhou_2023_final__sangong_up.pdf",), (_CZ22,), labels=(
        CrossLabel("sangong_yoy_increase", "chenzhou_2023_final__sangong_up.pdf", ("公开09表", "8.22"), "8.22", _CZ22,
                   "三公 决算 6.22 (2022) → 8.22 (2023), +32.2%"),),
         note="郴州 2023 决算: 三公 决算 (公务接待费) 6.22 → 8.22"),
    Case("final_next_year_clean", ("chenzhou_2023_final__clean.pdf",), (_CZ22,),
         note="郴州 2023 决算: 三公 决算 6.22 → 7.22 (+16%): nothing"),
    Case("peer_outlier", (*_PEERS, "hunan_peer_株洲_2022_final.pdf"), (_CZ22,), labels=(
        CrossLabel("peer_outlier", "hunan_peer_株洲_2022_final.pdf", ("公开09表", "6.22"), "人均“三公”经费",
                   "湖南·医疗保障 2022: 郴州 岳阳 常德 衡阳 湘潭", "6.22 万元 / 10 人 against 0.08–0.11"),),
         note="six 湖南 医疗保障局 2022 决算, 株洲's 三公 per staff member six times the others'"),
    Case("peers_clean", (*_PEERS, "hunan_peer_邵阳_2022_final.pdf"), (_CZ22,),
         note="six 湖南 医疗保障局 2022 决算 without an outlier: nothing"),
)
