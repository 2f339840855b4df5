"""One misprint, one finding: flags of one page that rest on the same printed figure are folded into the flag of
the rule that names the root cause, the others kept in its evidence.

A misprinted figure contradicts several things at once: a 上年数 43269.3 with a stray digit makes its growth rate
wrong (percentage_misstated) and the word 增加 wrong (comparison_wording_wrong); a 项's 预算安排 printed as twice
its table figure contradicts the table (narrative_table_mismatch) and the growth rate printed after it; three
shares taken of the wrong total are three wrong shares; a table cell breaks its row's sum and its column's; a 三公
item over its budget puts the 合计 over by as much. A reviewer wants one finding with the root cause; the others
are evidence of it. `fold` is applied to a complete set of flags (after every rule ran: a rule rerun alone would
not meet the flags it folds with), so it is no part of `evaluate`; the readers apply it to what they show (the
dashboard's flag cache through `fold_pages`, a batch of freshly evaluated agencies at a time).

The data: `PRECEDENCE` (root cause first), `PROSE_FIGURES` and `GAP_KEYS` (what makes two flags one figure's).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import polars as pl

from fiscal.rules.engine import EPS, ROUNDING, SEVERITY_RANK
from fiscal.rules.engine import evidence_of as _evidence

# Rules that fold, root cause first: a unit slip explains every mismatch of its figure; a prose figure against
# its table proves which figure is misprinted; a table's sums name the cell; a rate, with its hint (a stray
# digit, a moved point, another total), names the misprint; a comparison word is wrong because a figure is.
PRECEDENCE: tuple[str, ...] = (
    "unit_mismatch", "narrative_table_mismatch", "cross_table_mismatch", "totals_mismatch", "sangong_sum_mismatch",
    "sangong_over_budget", "percentage_misstated", "comparison_wording_wrong",
)
# Evidence keys holding figures the prose prints (not the table's, not a computed one): two flags of a page
# sharing one of them rest on the same printed figure. `figures` and `parts` hold several.
PROSE_FIGURES: tuple[str, ...] = ("narrative", "first", "second", "figures")
# Evidence keys of a table check's gap (the difference it found), or the pair whose difference it is: two checks of
# one rule on a page finding the same gap found one misprinted cell (its row and its column; an item and its 合计).
GAP_KEYS: tuple[tuple[str, ...], ...] = (("difference",), ("actual", "budget"))
FOLDED = "folded"  # the evidence key listing the folded flags: [{rule, message, evidence}]
KEPT_SEVERITIES: tuple[str, ...] = ("error", "warning")


def _numbers(value: Any) -> Iterator[float]:
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        yield float(value)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _numbers(v)
    elif isinstance(value, list):
        for v in value:
            yield from _numbers(v)


def prose_figures(evidence: dict[str, Any]) -> set[float]:
    """The figures (万元, rounded to the cent) a flag read from the prose; nothing of 0 (a blank is no misprint)."""
    return {round(x, 2) for k in PROSE_FIGURES for x in _numbers(evidence.get(k)) if abs(x) >= EPS}


def gap(evidence: dict[str, Any]) -> float | None:
    """The difference a table check found (None when the flag is not a check of a difference)."""
    for keys in GAP_KEYS:
        values = [v for k in keys if isinstance(v := evidence.get(k), (int, float)) and not isinstance(v, bool)]
        if len(values) == len(keys):
            return abs(values[0] - values[1]) if len(values) == 2 else abs(values[0])
    return None


def one_figure(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Do two flags of one page rest on the same printed figure? (Rows as `fold` sees them: rule, evidence.)"""
    if prose_figures(a["_ev"]) & prose_figures(b["_ev"]):
        return True
    if a["rule"] != b["rule"]:
        return False
    ga, gb = gap(a["_ev"]), gap(b["_ev"])
    slack = max(float(a["_ev"].get("tolerance") or 0), float(b["_ev"].get("tolerance") or 0), ROUNDING)
    return ga is not None and gb is not None and ga >= EPS and abs(ga - gb) <= slack + 1e-9


def _parts(evidence: dict[str, Any]) -> int:
    """How many figures a check added up (fewer: it names the cell more closely)."""
    parts = evidence.get("parts")
    return parts if isinstance(parts, int) and not isinstance(parts, bool) else len(parts or ()) \
        if isinstance(parts, (list, dict)) else 0


def _is_total(evidence: dict[str, Any]) -> bool:
    """Does the flag compare a total (a 三公 合计), whose gap its item's gap explains?"""
    return evidence.get("item") == "total" or str(evidence.get("key") or "").startswith("sangong_total_")


def _root_order(r: dict[str, Any]) -> tuple[int, int, int, int]:
    """Root cause first: the rule's precedence, then a part before its total, then the narrower check."""
    return (PRECEDENCE.index(r["rule"]), int(_is_total(r["_ev"])), _parts(r["_ev"]), r["_i"])


def _groups(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The page's flags in groups resting on one figure (connected: A~B and B~C make one group)."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            if one_figure(rows[i], rows[j]):
                parent[find(i)] = find(j)
    out: dict[int, list[dict[str, Any]]] = {}
    for i, r in enumerate(rows):
        out.setdefault(find(i), []).append(r)
    return list(out.values())


def folded_note(n: int) -> str:
    """What the root flag's message adds: how many flags of the same figure it stands for."""
    return f"（同一数字另引出 {n} 条，已并入本条）"


FOLDED_NOTE = re.compile(r"（同一数字另引出 \d+ 条，已并入本条）")  # `folded_note` in a message


def with_note(message: str, n: int) -> str:
    """The root's message with `folded_note`, before the text it quotes at its end (：“…”), which stays last."""
    at = message.rfind("：“")
    if message.endswith("”") and at >= 0:
        return message[:at] + folded_note(n) + message[at:]
    return message + folded_note(n)


def fold(flags: pl.DataFrame) -> pl.DataFrame:
    """The flags with each group of findings resting on one printed figure folded into its root-cause flag
    (evidence `folded` lists the others; severity the worst of the group); other flags unchanged, order kept."""
    if flags.is_empty() or "evidence" not in flags.columns:
        return flags
    indexed = flags.with_row_index("_i")
    cands = indexed.filter(may_fold(flags.columns))
    cands = cands.filter(pl.len().over("doc_id", "page") >= 2)  # a page of one candidate folds nothing
    if cands.height < 2:
        return flags
    dropped: set[int] = set()
    changed: dict[int, dict[str, Any]] = {}
    for _, page_rows in cands.group_by(["doc_id", "page"], maintain_order=True):
        if page_rows.height < 2:
            continue
        rows = [{**r, "_ev": _evidence(r["evidence"])} for r in page_rows.iter_rows(named=True)]
        for group in _groups(rows):
            if len(group) < 2:
                continue
            root, *rest = sorted(group, key=_root_order)
            worst = max((r["severity"] for r in group), key=lambda s: SEVERITY_RANK.get(s, 0))
            ev = {**root["_ev"], FOLDED: [{"rule": r["rule"], "message": r["message"], "evidence": r["_ev"]}
                                          for r in rest]}
            changed[root["_i"]] = {"severity": worst, "message": with_note(root["message"] or "", len(rest)),
                                   "evidence": json.dumps(ev, ensure_ascii=False)}
            dropped.update(r["_i"] for r in rest)
    if not changed:
        return flags
    roots = pl.DataFrame([{"_i": i, **c} for i, c in changed.items()],
                         schema={"_i": indexed.schema["_i"], "severity": pl.String, "message": pl.String,
                                 "evidence": pl.String})
    out = indexed.filter(~pl.col("_i").is_in(list(dropped))).update(roots, on="_i")
    return out.drop("_i").select(flags.columns)


# The order `fold_pages` gives a page's flags before folding: their content, so the root among equals (the first of
# them, `_root_order`) does not depend on the order the flags came in (a reader assembles them batch by batch).
_CONTENT_ORDER: tuple[str, ...] = ("doc_id", "page", "rule", "severity", "project", "message", "evidence")


def may_fold(columns: list[str]) -> pl.Expr:
    """True for a flag `fold` may fold: an error or warning finding of a rule in PRECEDENCE, on a page."""
    out = pl.col("rule").is_in(list(PRECEDENCE)) & pl.col("severity").is_in(list(KEPT_SEVERITIES)) & pl.col(
        "page").is_not_null()
    return out & (pl.col("category").fill_null("finding") == "finding") if "category" in columns else out


def folding(flags: pl.DataFrame) -> pl.Series:
    """True for the flags on a page holding two or more that `fold` may fold (the only ones it can change)."""
    if flags.is_empty() or not {"rule", "severity", "page", "doc_id"} <= set(flags.columns):
        return pl.Series("folding", [False] * flags.height, dtype=pl.Boolean)
    cand = may_fold(flags.columns)
    return flags.select((cand & (cand.sum().over("doc_id", "page") >= 2)).fill_null(False).alias("folding")
                        ).to_series()


def fold_pages(flags: pl.DataFrame) -> pl.DataFrame:
    """`fold` of the pages where something may fold, their flags taken in content order (the same root whatever
    order they came in), the other flags untouched, order kept: a lake's flags are folded as they come, a batch of
    agencies at a time, and most pages hold one finding. `flags` itself when nothing folds."""
    if flags.is_empty() or "evidence" not in flags.columns:
        return flags
    mask = folding(flags)
    if not mask.any():
        return flags
    indexed = flags.with_row_index(_AT)
    pages = indexed.filter(mask).sort(list(_CONTENT_ORDER), nulls_last=True, maintain_order=True)
    folded = fold(pages)
    if folded is pages:
        return flags
    return pl.concat([indexed.filter(~mask), folded], how="vertical").sort(_AT).drop(_AT)


_AT = "_fold_at"  # a flag's place in the frame `fold_pages` was given
