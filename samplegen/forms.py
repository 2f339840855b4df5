"""Performance self-evaluation forms (绩效自评表): the grid every office prints, in its own column order.

A form is a project row, a 主管部门 | 实施单位 row, a funds block, a 年度总体目标 block and the
indicator block with its 一级/二级 labels printed once per run, merged down. Offices differ in
the width of the form, the column where its right half starts and the order of the fund and
indicator columns; those are the builder's arguments.
"""

from __future__ import annotations

from collections.abc import Sequence

from .layout import Grid, Span


def merge_down(rows: list[list[str]], first: int, cols: Sequence[int], spans: list[Span], kind: str = "block") -> None:
    """Print equal consecutive labels in `cols` (rows `first` on) once per run, merged down.

    A run of a column ends where its label or a label of an earlier column of `cols` changes
    (a 二级 label never spans two 一级 blocks).
    """
    keys = [list(row) for row in rows]  # before any label is blanked
    lead = cols[0]
    for col in cols:
        r = first
        while r < len(rows):
            e = r
            while e + 1 < len(rows) and keys[e + 1][lead : col + 1] == keys[r][lead : col + 1]:
                e += 1
            if e > r:
                spans.append(Span(r, col, e - r + 1, 1, kind))
                for k in range(r + 1, e + 1):
                    rows[k][col] = ""
            r = e + 1


def indicator_block(rows: list[list[str]], spans: list[Span], head: Sequence[str], indicators: Sequence[Sequence[str]],
                    total: Sequence[str], total_cols: int, *, label_column: bool, kind: str = "block") -> int:
    """Append the indicator block: its header row, the indicator rows (一级/二级 labels merged down) and the
    总分 row, its label merged over `total_cols` columns; returns the first indicator row.

    `label_column`: each row starts with a 绩效指标 column merged down the header and indicator rows
    (then the 一级/二级 labels are columns 1 and 2, else 0 and 1); `kind`: the kind of the label merges.
    """
    rows.append(list(head))
    start = len(rows)
    rows += [list(ind) for ind in indicators]
    if label_column:
        spans.append(Span(start - 1, 0, len(indicators) + 1, 1, kind))
    merge_down(rows, start, (1, 2) if label_column else (0, 1), spans, kind)
    rows.append(list(total))
    spans.append(Span(len(rows) - 1, 0, 1, total_cols))
    return start


def _pad(cells: Sequence[str], n: int) -> list[str]:
    return [*cells, *[""] * (n - len(cells))]


def selfeval_grid(project: str, agency: str, funds_head: Sequence[str], funds: Sequence[Sequence[str]],
                  goals: Sequence[tuple[str, str]], indicator_head: Sequence[str],
                  indicators: Sequence[Sequence[str]], total: Sequence[str], widths: list[float], *,
                  split: int, total_cols: int, label_column: bool = False) -> Grid:
    """A 项目支出绩效自评表 grid as wide as `widths`.

    `split`: the column of 实施单位 and 实际完成情况 (the right half of the agency and goal rows);
    `funds_head`: the fund columns after the two label columns, the last one merged to the right
    edge when the form is wider; `funds`: (label, *figures) rows; `total`: the 总分 row, its label
    merged over `total_cols` columns; `label_column`: as for `indicator_block`.
    """
    n = len(widths)
    rows = [_pad(["项目名称", project], n),
            _pad(["主管部门", agency, *[""] * (split - 2), "实施单位", agency], n),
            _pad(["项目资金（万元）", "", *funds_head], n)]
    spans = [Span(0, 1, 1, n - 1), Span(1, 1, 1, split - 1), Span(1, split + 1, 1, n - split - 1),
             Span(2, 0, 1 + len(funds), 2)]
    rows += [_pad(["", *fund], n) for fund in funds]
    last = 1 + len(funds_head)
    if last < n - 1:
        spans += [Span(r, last, 1, n - last) for r in range(2, 3 + len(funds))]
    g = len(rows)
    rows += [_pad([left, right, *[""] * (split - 2), achieved], n)
             for left, right, achieved in [("年度总体目标", "预期目标", "实际完成情况")]
             + [("", goal, done) for goal, done in goals]]
    spans.append(Span(g, 0, 1 + len(goals), 1))
    spans += [s for r in range(g, g + 1 + len(goals)) for s in (Span(r, 1, 1, split - 1), Span(r, split, 1, n - split))]
    indicator_block(rows, spans, indicator_head, indicators, total, total_cols, label_column=label_column)
    return Grid(rows, widths, 0, spans)
