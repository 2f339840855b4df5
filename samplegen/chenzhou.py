"""Seed 000: 郴州市医疗保障局 2022 年度部门决算, with its performance attachments."""

from __future__ import annotations

import re

from .layout import Block, Cover, Grid, Heading, Para, Part, Span, TableBlock, Toc, infer_header_spans
from .perf import basic_data_table, department_forms, department_table, project_forms, project_table, report_tables
from .seeds import prose, seed_lines, seed_tables, squeeze

SEED = "000"
AGENCY = "郴州市医疗保障局"
TITLE = "郴州市医疗保障局2022年度部门决算"

# per table: header rows (repeated on every page), rows whose empty cells mean merges,
# relative column widths, and whether the 栏次 row spans the code and name columns
SPECS: dict[str, dict] = {
    "公开01表": dict(header=3, merge=2, widths=[30, 6, 14, 30, 6, 14], lanci=False),
    "公开02表": dict(header=3, merge=2, widths=[12, 26, 10, 10, 8, 8, 8, 9, 9], lanci=True),
    "公开03表": dict(header=3, merge=2, widths=[12, 27, 11, 10, 10, 9, 9, 11], lanci=True),
    "公开04表": dict(header=3, merge=2, widths=[25, 5, 10, 24, 5, 9, 10, 10, 10], lanci=False),
    "公开05表": dict(header=3, merge=2, widths=[14, 38, 16, 16, 16], lanci=True),
    "公开06表": dict(header=2, merge=2, widths=[6.5, 14, 8, 6.5, 14, 8, 6.5, 14, 8], lanci=False),
    "公开07表": dict(header=3, merge=2, widths=[12, 22, 11, 10, 10, 10, 10, 11], lanci=True),
    "公开08表": dict(header=3, merge=2, widths=[14, 38, 16, 16, 16], lanci=True),
    "公开09表": dict(header=4, merge=3, widths=[1] * 12, lanci=False),
}


def _header_text(text: str) -> str:
    """Header labels without wrap spaces, but keep letter-spaced two-char labels (收 入)."""
    return text if len(text.replace(" ", "")) <= 2 else squeeze(text)


def final_account_tables(lines: list[str]) -> list[TableBlock]:
    """公开01–09表 as table blocks, split where the seed's original split them."""
    blocks = []
    for t in seed_tables(lines, 100, 501, {k: v["header"] for k, v in SPECS.items()}):
        spec = SPECS[t.code]
        rows = [[_header_text(c) for c in r] if i < spec["header"] else r for i, r in enumerate(t.rows)]
        spans = infer_header_spans(rows, spec["merge"])
        if spec["lanci"]:
            spans.append(Span(spec["header"] - 1, 0, 1, 2, "header"))
        grid = Grid(rows, spec["widths"], spec["header"], spans, plain_header_rows=frozenset({spec["header"] - 1}))
        blocks.append(TableBlock(t.title, grid, t.code, t.dept, t.unit, t.notes, t.breaks))
    return blocks


def _toc(lines: list[str]) -> Toc:
    """The seed's table of contents (lines 7–44)."""
    entries = []
    for raw in lines[8:44]:
        line = raw.strip()
        if line:
            entries.append((1, line[2:]) if line.startswith("- ") else (0, line))
    return Toc(entries)


def blocks() -> list[Block]:
    """The whole document, in seed order."""
    lines = seed_lines(SEED)
    out: list[Block] = [Cover(["2022年度", "郴州市医疗保障局部门决算"]), _toc(lines)]
    out += [Part("第一部分", "郴州市医疗保障局部门概况")] + prose(lines, 50, 99)
    out += [Part("第二部分", "部门决算表")] + final_account_tables(lines)
    out += [Part("第三部分", "2022年度部门决算情况说明")] + prose(lines, 507, 687)
    out += [Part("第四部分", "名词解释")] + prose(lines, 692, 727)
    out += [Part("第五部分", "附 件"), Heading(squeeze(lines[731]), 1)]
    out += [Para(re.sub(r"：\s+", "：", lines[733].strip()), False), Para(lines[735].strip(), False)]
    out += prose(lines, 738, 877)
    out.append(basic_data_table(lines, 878, 924))
    out += [department_table(f) for f in department_forms(lines, 925, 978)]
    out += report_tables(lines, 979, 1172)
    out += [project_table(f) for f in project_forms(lines, 1173, len(lines))]
    return out
