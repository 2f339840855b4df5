"""A self-evaluation form's 年度资金总额 against its 其中 lines (当年财政拨款 / 上年结转 / 其他资金), column by column
(年初预算数, 全年预算数, 全年执行数): checks of totals_mismatch (fiscal/rules/tables.py).

The lake keeps each kind's lines summed (projects `<column>_<kind>`, fiscal.schema.PROJECT_FUND_SUMS) only where the
ingest read every line with confidence (ingest/parsers/selfeval_funds.py), and a form whose total is off its lines
reaches the rules only when a second reader read the same figures (its reading `complete`). Not judged: a total
printed 0 or blank (such a form reads `partial`), lines printing nothing or only zeros (a template left unfilled).
"""

from __future__ import annotations

import polars as pl

from fiscal.rules.engine import Frames, frame_of
from fiscal.schema import FUND_KIND_LABELS, PROJECT_FUND_LABELS, PROJECT_FUND_SUMS

_KINDS = "、".join(FUND_KIND_LABELS.values())


def fund_line_checks(frames: Frames) -> pl.DataFrame:
    """One check per project and column whose nonzero total has lines carrying money: (what, total, parts, n)."""
    p = frames.projects
    lines = [c for parts in PROJECT_FUND_SUMS.values() for c in parts if c in p.columns]
    if p.is_empty() or not lines:
        return frame_of([])
    rows = []
    for r in p.filter(pl.any_horizontal(pl.col(lines).is_not_null())).iter_rows(named=True):
        for column, parts in PROJECT_FUND_SUMS.items():
            printed = [r[c] for c in parts if r.get(c) is not None]
            if not r.get(column) or not any(printed):
                continue
            rows.append({**r, "what": f"绩效自评表“{r['project']}”{PROJECT_FUND_LABELS[column]}列 "
                                      f"年度资金总额与其中各项（{_KINDS}）之和",
                         "total": r[column], "parts": sum(printed), "n": len(printed)})
    return frame_of(rows)
