"""A fifth round of layouts: negative amounts (-3.20, (3.20), －3.20), zeros printed as - or —, codes printed
"201 04 01" or as each line's own part (201, 04, 01), header words broken over two lines inside their cells, the
table code or number above the title or at its head (公开05表, 表3-1, 表5), a 续表 page, a landscape table drawn
turned on a portrait page without /Rotate, 元 tables beside 万元 tables in one document, the budget's 财政拨款收支
总表 with a column per fund and its 一般公共预算基本支出表 as 人员经费 | 公用经费 blocks side by side — each
drawn whole and `broken` (one printed figure changed so a sum breaks). `python -m samplegen.variants_fifth DIR`
writes them."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from . import sheets
from .layout import Block, Cover, Grid, Span, TableBlock
from .sheets import Sheet, SheetRenderer, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .styles import STYLE_A, STYLE_B

STYLE = replace(STYLE_A, name="variant-fifth", repeat_title=False, seed_breaks=True)
STYLE_OTHER = replace(STYLE_B, name="variant-fifth-b", seed_breaks=True)

Fmt = Callable[[float], str]


def _wan(x: float) -> str:
    return f"{x:,.2f}"


# ---------------------------------------------------------------- 一般公共预算财政拨款支出决算表, its 项 lines given
AGENCY = "雅安市发展和改革委员会"
NAMES = {"201": "一般公共服务支出", "20104": "发展与改革事务", "20106": "财政事务", "208": "社会保障和就业支出",
         "20805": "行政事业单位养老支出", "221": "住房保障支出", "22102": "住房改革支出"}
# 项 lines: code, name, 基本支出, 项目支出 (万元); 2010499 a 冲减 (收回以前年度支出) where `negative`
ITEMS: tuple[tuple[str, str, float, float], ...] = (
    ("2010401", "行政运行", 1350.5, 0.0),
    ("2010402", "一般行政管理事务", 0.0, 63.0),
    ("2010499", "其他发展与改革事务支出", 0.0, 3.2),
    ("2010601", "行政运行", 42.8, 0.0),
    ("2080505", "机关事业单位基本养老保险缴费支出", 35.12, 0.0),
    ("2080506", "机关事业单位职业年金缴费支出", 17.56, 0.0),
    ("2210201", "住房公积金", 26.34, 0.0),
)
NEGATIVE_ITEM = "2010499"
BROKEN_ITEM = "2080506"  # the line whose 合计 a broken copy prints 1.00 higher
MEASURES = ("total", "basic", "project")
Line = tuple[str | None, str, float, float, float]  # code (None: 合计), name, 合计, 基本支出, 项目支出


def lines(negative: bool = False) -> list[Line]:
    """The 合计 line, then every 类, 款 and 项 line with its sums (the 冲减 line negative when `negative`)."""
    items = [(c, n, b, -p if negative and c == NEGATIVE_ITEM else p) for c, n, b, p in ITEMS]

    def line(code: str | None, name: str) -> Line:
        basic = round(sum(b for c, _n, b, _p in items if code is None or c.startswith(code)), 2)
        project = round(sum(p for c, _n, _b, p in items if code is None or c.startswith(code)), 2)
        return code, name, round(basic + project, 2), basic, project

    out = [line(None, "合计")]
    for code, name, _b, _p in items:
        for parent in (code[:3], code[:5]):
            if not any(x[0] == parent for x in out):
                out.append(line(parent, NAMES[parent]))
        out.append(line(code, name))
    return out


def _zero_blank(x: float) -> str:
    return _wan(x) if x else ""


def _minus(x: float) -> str:
    return _zero_blank(x)


def _paren(x: float) -> str:  # accounting negative, full-width parentheses as Chinese word processors type them
    return f"（{_wan(-x)}）" if x < 0 else _zero_blank(x)


def _wide_minus(x: float) -> str:  # the full-width minus of a Chinese input method
    return f"－{_wan(-x)}" if x < 0 else _zero_blank(x)


def _dash(x: float) -> str:
    return _wan(x) if x else "-"


def _emdash(x: float) -> str:
    return _wan(x) if x else "—"


def _bumped(row: list[str], col: int) -> None:
    row[col] = _wan(float(row[col].replace(",", "")) + 1.0)


def gpb_rows(fmt: Fmt, broken: bool, negative: bool = False, code: Callable[[str], str] = str) -> list[list[str]]:
    """科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 body rows, the 合计 line first."""
    rows = []
    for c, name, total, basic, project in lines(negative):
        row = [code(c) if c else "", name, _wan(total) if c is None or total else fmt(total), fmt(basic), fmt(project)]
        if broken and c == BROKEN_ITEM:
            _bumped(row, 2)
        rows.append(row)
    return rows


HEADER = [["科目编码", "科目名称", "本年支出", "", ""], ["", "", "合计", "基本支出", "项目支出"]]
HEADER_SPANS = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 1, 3, "header")]


def gpb_grid(body: list[list[str]], header: list[list[str]] | None = None) -> Grid:
    return Grid([*(header or HEADER), *body], [1.2, 3.4, 1.3, 1.3, 1.3], header_rows=2, spans=list(HEADER_SPANS),
                align=["l", "l", "r", "r", "r"])


def gpb_sheet(grid: Grid, **kw: Any) -> Sheet:
    """The 公开05表 of the variants, with `kw` print habits changed."""
    return replace(Sheet("一般公共预算财政拨款支出决算表", grid, code="公开05表", dept=AGENCY, unit="万元"), **kw)


def gpb_signed(fmt: Fmt, broken: bool = False) -> list[Block]:
    """A 冲减 line printed negative (-3.20, (3.20) or −3.20); its 款 and 类 lines net of it."""
    return [Cover([AGENCY, "2023年度部门决算"]), gpb_sheet(gpb_grid(gpb_rows(fmt, broken, negative=True)))]


def gpb_zero_marks(fmt: Fmt, broken: bool = False) -> list[Block]:
    """Every zero printed as a mark (- or —) rather than left blank."""
    return [Cover([AGENCY, "2023年度部门决算"]), gpb_sheet(gpb_grid(gpb_rows(fmt, broken)))]


def _spaced(code: str) -> str:
    return " ".join(x for x in (code[:3], code[3:5], code[5:7]) if x)


def gpb_spaced_codes(broken: bool = False) -> list[Block]:
    """Codes printed with their 类/款/项 parts spaced out in one cell: 201 04 01."""
    return [Cover([AGENCY, "2023年度部门决算"]), gpb_sheet(gpb_grid(gpb_rows(_zero_blank, broken, code=_spaced)))]


def _segment(code: str) -> str:
    return code[-2:] if len(code) > 3 else code


def gpb_segment_codes(broken: bool = False) -> list[Block]:
    """Each line prints only its own part of the code: 201, then 04 (款), then 01 (项)."""
    return [Cover([AGENCY, "2023年度部门决算"]), gpb_sheet(gpb_grid(gpb_rows(_zero_blank, broken, code=_segment)))]


def gpb_header_words_broken(broken: bool = False) -> list[Block]:
    """Narrow header cells whose words the office broke by hand: 科目\\n编码, 基本\\n支出, 项目\\n支出."""
    header = [["科目\n编码", "科目名称", "本年\n支出", "", ""], ["", "", "合\n计", "基本\n支出", "项目\n支出"]]
    return [Cover([AGENCY, "2023年度部门决算"]), gpb_sheet(gpb_grid(gpb_rows(_zero_blank, broken), header))]


def gpb_code_above_title(caption: str, broken: bool = False) -> list[Block]:
    """The table's code or number on a line of its own above the title, none under it."""
    return [Cover([AGENCY, "2023年度部门决算"]),
            gpb_sheet(gpb_grid(gpb_rows(_zero_blank, broken)), code=None, caption=caption)]


def gpb_title_numbered(broken: bool = False) -> list[Block]:
    """The table's number at the head of its title line: 表5 一般公共预算财政拨款支出决算表."""
    sheet = gpb_sheet(gpb_grid(gpb_rows(_zero_blank, broken)), code=None)
    return [Cover([AGENCY, "2023年度部门决算"]), replace(sheet, title="表5 " + sheet.title)]


def gpb_continued(broken: bool = False) -> list[Block]:
    """Over two pages: the second headed 一般公共预算财政拨款支出决算表（续表） with the header repeated; a negative."""
    body = gpb_rows(_paren, broken, negative=True)
    return [Cover([AGENCY, "2023年度部门决算"]),
            gpb_sheet(gpb_grid(body), continued="一般公共预算财政拨款支出决算表（续表）", page_rows=[5, len(body) - 5])]


# ---------------------------------------------------------------- 元 and 万元 tables in one document
MU_AGENCY = "雅安市统计局"
MU_SANGONG = (8.6536, 0.0, 5.2, 0.0, 5.2, 3.4536)  # 合计, 出国, 车辆小计, 购置, 运行, 接待 (万元; printed in 元)
SANGONG_ITEMS = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")


def mixed_units(broken: bool = False) -> list[Block]:
    """The 支出 table in 万元, the 三公 table after it in 元 (each with its own 单位 line)."""
    figures = [f"{x * 10000:,.2f}" if x else "0.00" for x in MU_SANGONG]
    if broken:
        figures[5] = f"{(MU_SANGONG[5] + 0.05) * 10000:,.2f}"
    rows = [["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "小计", "公务用车购置费", "公务用车运行费", ""], figures]
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 1, 3, "header"),
             Span(0, 5, 2, 1, "header")]
    sangong = Grid(rows, [1.2, 1.4, 1.2, 1.4, 1.4, 1.2], header_rows=2, spans=spans, align=["r"] * 6)
    return [Cover([MU_AGENCY, "2023年度部门决算"]),
            gpb_sheet(gpb_grid(gpb_rows(_zero_blank, False)), dept=MU_AGENCY),
            Sheet("财政拨款“三公”经费支出决算表", sangong, code="公开09表", dept=MU_AGENCY, unit="元")]


# ---------------------------------------------------------------- 一般公共预算基本支出表: 人员经费 | 公用经费 side by side
BB_AGENCY = "雅安市审计局"
BB_PERSONNEL = (("301", "工资福利支出", 268.4), ("30101", "基本工资", 96.0), ("30102", "津贴补贴", 110.2),
                ("30108", "机关事业单位基本养老保险缴费", 32.6), ("30113", "住房公积金", 29.6),
                ("303", "对个人和家庭的补助", 4.8), ("30305", "生活补助", 4.8))
BB_PUBLIC = (("302", "商品和服务支出", 38.9), ("30201", "办公费", 8.5), ("30211", "差旅费", 6.4),
             ("30217", "公务接待费", 2.0), ("30228", "工会经费", 4.2), ("30229", "福利费", 3.8),
             ("30231", "公务用车运行维护费", 14.0), ("310", "资本性支出", 2.6), ("31002", "办公设备购置", 2.6))
BB_TOTALS = {"personnel": 273.2, "public": 41.5}
BB_BROKEN = "30211"


def basic_two_blocks(broken: bool = False) -> list[Block]:
    """人员经费 and 公用经费 blocks of 经济分类科目编码 | 科目名称 | 预算数, their 合计 lines at the top."""
    def cells(line: tuple[str, str, float] | None) -> list[str]:
        if line is None:
            return ["", "", ""]
        code, name, x = line
        return [code, name, _wan(x + 1.0 if broken and code == BB_BROKEN else x)]

    rows = [["人员经费", "", "", "公用经费", "", ""],
            ["经济分类科目编码", "科目名称", "预算数", "经济分类科目编码", "科目名称", "预算数"],
            ["", "人员经费合计", _wan(BB_TOTALS["personnel"]), "", "公用经费合计", _wan(BB_TOTALS["public"])]]
    for k in range(max(len(BB_PERSONNEL), len(BB_PUBLIC))):
        rows.append(cells(BB_PERSONNEL[k] if k < len(BB_PERSONNEL) else None)
                    + cells(BB_PUBLIC[k] if k < len(BB_PUBLIC) else None))
    grid = Grid(rows, [1.2, 2.6, 1.1, 1.2, 2.6, 1.1], header_rows=2,
                spans=[Span(0, 0, 1, 3, "header"), Span(0, 3, 1, 3, "header")], align=["l", "l", "r", "l", "l", "r"])
    return [Cover([BB_AGENCY, "2024年部门预算"]),
            Sheet("一般公共预算基本支出表", grid, code="预算06表", dept=BB_AGENCY, unit="万元", landscape=True)]


# ---------------------------------------------------------------- 财政拨款收支总表 (budget): a column per fund under 支出
FS_AGENCY = "雅安市水利局"
FS_INCOME = (("一、本年收入", 620.0), ("（一）一般公共预算拨款", 540.0), ("（二）政府性基金预算拨款", 80.0),
             ("（三）国有资本经营预算拨款", 0.0), ("二、上年结转", 20.0), ("（一）一般公共预算拨款", 20.0),
             ("（二）政府性基金预算拨款", 0.0))
# 支出 lines: label, 一般公共预算, 政府性基金预算, 国有资本经营预算 (合计 their sum)
FS_CLASSES = (("（一）一般公共服务支出", 400.0, 0.0), ("（二）社会保障和就业支出", 60.0, 0.0),
              ("（三）城乡社区支出", 70.0, 80.0), ("（四）住房保障支出", 30.0, 0.0))
FS_TOTALS = {"income_total": 620.0, "opening_balance": 20.0, "grand_total": 640.0, "expenditure_total": 640.0,
             "closing_balance": 0.0, "grand_total_expenditure": 640.0, "fiscal_appropriation": 540.0,
             "gov_fund_appropriation": 80.0}


def fiscal_summary_funds(broken: bool = False) -> list[Block]:
    """收入 项目 | 预算数 beside 支出 项目 | 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算, 本年 lines first."""
    def spent(label: str, gpb: float, fund: float, bump: float = 0.0) -> list[str]:
        return [label, _wan(gpb + fund + bump), _zero_blank(gpb), _zero_blank(fund), ""]

    right = [spent("一、本年支出", 560.0, 80.0),
             *(spent(label, g, f, 1.0 if broken and "住房" in label else 0.0) for label, g, f in FS_CLASSES),
             ["二、年终结转结余", "", "", "", ""], ["", "", "", "", ""]]
    rows = [["收入", "", "支出", "", "", "", ""],
            ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]]
    rows += [[a, _zero_blank(x), *b] for (a, x), b in zip(FS_INCOME, right, strict=True)]
    rows.append(["收入总计", _wan(640.0), *spent("支出总计", 560.0, 80.0)])
    grid = Grid(rows, [2.4, 1.0, 2.4, 1.0, 1.1, 1.1, 1.2], header_rows=2,
                spans=[Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 5, "header")], align=["l", "r", "l", "r", "r", "r", "r"])
    return [Cover([FS_AGENCY, "2024年部门预算"]),
            Sheet("财政拨款收支预算总表", grid, code="预算05表", dept=FS_AGENCY, unit="万元", landscape=True)]


class TurnedRenderer(SheetRenderer):
    """A landscape table drawn turned on a portrait page that carries no /Rotate: a viewer shows it sideways."""

    def new_page(self, size: tuple[float, float] | None = None, label: str = "") -> None:
        super().new_page(size, label)
        if self.rotate:
            w, h = self.size
            self.c.setPageRotation(0)
            self.c.setPageSize((min(w, h), max(w, h)))


def gpb_turned(broken: bool = False) -> list[Block]:
    """The table drawn as for /Rotate 90 (see TurnedRenderer), its page stored portrait and unrotated."""
    table = TableBlock("一般公共预算财政拨款支出决算表", gpb_grid(gpb_rows(_zero_blank, broken)), code="公开05表",
                       dept=AGENCY, unit="万元", landscape=True, rotate=90)
    return [Cover([AGENCY, "2023年度部门决算"]), table]


FINAL = "2023年度部门决算"
VARIANTS: dict[str, Variant] = {
    "gpb_minus_negative.pdf": Variant(partial(gpb_signed, _minus), FINAL),
    "gpb_paren_negative.pdf": Variant(partial(gpb_signed, _paren), FINAL),
    "gpb_wide_minus.pdf": Variant(partial(gpb_signed, _wide_minus), FINAL),
    "gpb_negative_three_line.pdf": Variant(partial(gpb_signed, _minus), FINAL, three_line=True),
    "gpb_dash_zeros.pdf": Variant(partial(gpb_zero_marks, _dash), FINAL),
    "gpb_emdash_zeros.pdf": Variant(partial(gpb_zero_marks, _emdash), FINAL, STYLE_OTHER),
    "gpb_dash_zeros_three_line.pdf": Variant(partial(gpb_zero_marks, _dash), FINAL, three_line=True),
    "gpb_spaced_codes.pdf": Variant(gpb_spaced_codes, FINAL),
    "gpb_spaced_codes_three_line.pdf": Variant(gpb_spaced_codes, FINAL, three_line=True),
    "gpb_header_words_broken.pdf": Variant(gpb_header_words_broken, FINAL),
    "gpb_header_words_three_line.pdf": Variant(gpb_header_words_broken, FINAL, three_line=True),
    "gpb_segment_codes.pdf": Variant(gpb_segment_codes, FINAL),
    "gpb_code_above_title.pdf": Variant(partial(gpb_code_above_title, "公开05表"), FINAL),
    "gpb_number_above_title.pdf": Variant(partial(gpb_code_above_title, "表3-1"), FINAL),
    "gpb_continued.pdf": Variant(gpb_continued, FINAL),
    "gpb_title_numbered.pdf": Variant(gpb_title_numbered, FINAL),
    "gpb_turned.pdf": Variant(gpb_turned, FINAL, renderer=TurnedRenderer),
    "mixed_units.pdf": Variant(mixed_units, FINAL),
    "fiscal_summary_funds.pdf": Variant(fiscal_summary_funds, "2024年部门预算"),
    "basic_two_blocks.pdf": Variant(basic_two_blocks, "2024年部门预算"),
    "basic_two_blocks_three_line.pdf": Variant(basic_two_blocks, "2024年部门预算", three_line=True),
    "basic_two_blocks_b_three_line.pdf": Variant(basic_two_blocks, "2024年部门预算", STYLE_OTHER, three_line=True),
    "fiscal_summary_funds_three_line.pdf": Variant(fiscal_summary_funds, "2024年部门预算", three_line=True),
    "gpb_spaced_codes_b_three_line.pdf": Variant(gpb_spaced_codes, FINAL, STYLE_OTHER, three_line=True),
}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_fifth"), broken=True).values():
        print(path)
