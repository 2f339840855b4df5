"""Totals the prose states with their parts in one sentence, where no table prints them: the 政府采购 amount and its
货物 / 工程 / 服务 parts (“政府采购金额为251.25万元，其中：货物采购金额4.79万元、工程采购金额0万元、服务采购金额
246.47万元”), and the vehicles a department holds or buys, by use (“共有车辆8辆，其中：…执法执勤用车0辆、…其他用车8辆”).
Checks of totals_mismatch (fiscal/rules/tables.py): only a list that is whole — all three 采购 kinds, a vehicle list
that ends with its catch-all 其他用车 — is a total's parts; a sentence on a page read by OCR proves nothing."""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from fiscal.rules.engine import Frames, frame_of, ocr_pages
from fiscal.rules.prose import sentences, with_previous
from fiscal.rules.prose_figures import NUMBER, to_wan

_PROCUREMENT = re.compile(r"政府采购(?:支出)?(?:预算)?(?:总金额|总额|金额)?(?:\([^()]{0,12}\))?(?:为|是|:)?"
                          r"(?P<num>" + NUMBER + r")(?P<unit>万元|元)[,;:。]?其中[:,]?(?P<parts>[^。]{0,200})")
_KIND = re.compile(r"(?:政府采购|拟采购|拟购买|采购)?(?P<kind>货物|工程|服务)类?(?:采购)?(?:预算|支出|金额)*"
                   r"(?:为|是|:)?(?P<num>" + NUMBER + r")(?P<unit>万元|元)")
_ANY_AMOUNT = re.compile(NUMBER + r"(?:万元|元)")
_VEHICLES = re.compile(r"(?:车辆|公务用车)(?:共|总数)?(?:为|是|:)?(?P<n>\d{1,5})辆[,;:]?其中[:,]?"
                       r"(?P<parts>[^。;]{0,300})")
_USE = re.compile(r"(?P<use>[\u4e00-\u9fff]{2,12}?(?:用车|车辆))(?:为|:)?(?P<n>\d{1,5})辆")
_ASIDE = re.compile(r"\([^()]*\)")  # 其他用车8辆(含…2辆): a breakdown of a part, not a part


def _procurement(text: str) -> list[tuple[str, str, float, float, int]]:
    out = []
    for m in _PROCUREMENT.finditer(text):
        parts = list(_KIND.finditer(m["parts"]))
        kinds = [p["kind"] for p in parts]
        # the three kinds once each, and no other amount among them (面向中小企业预留… is not a part)
        if sorted(kinds) != ["工程", "服务", "货物"] or len(_ANY_AMOUNT.findall(m["parts"][:parts[-1].end()])) != 3:
            continue
        total = to_wan(m["num"], m["unit"])
        out.append(("政府采购金额与货物、工程、服务之和", m[0][:m.start("parts") - m.start() + parts[-1].end()], total,
                    sum(to_wan(p["num"], p["unit"]) for p in parts), len(parts)))
    return out


def _vehicles(text: str) -> list[tuple[str, str, float, float, int]]:
    out = []
    for m in _VEHICLES.finditer(text):
        parts = list(_USE.finditer(_ASIDE.sub("", m["parts"])))
        if len(parts) < 2 or not parts[-1]["use"].startswith("其他"):
            continue  # not the whole list by use (其中执法执勤用车3辆 names one kind only)
        out.append(("车辆数（辆）与按用途分列的车辆数之和", m[0], float(m["n"]), float(sum(int(p["n"]) for p in parts)),
                    len(parts)))
    return out


def prose_sum_checks(frames: Frames) -> pl.DataFrame:
    """(doc, page, what, total, parts, n) per total the prose states with its whole list of parts; `what` quotes
    the statement (the reader finds it by its words)."""
    scanned = ocr_pages(frames.documents)
    rows: list[dict[str, Any]] = []
    flat = pl.col("_flat")
    # only the sentences that can hold such a total, or the 其中… right after a 政府采购 one (a lake's worth of
    # sentences is not walked in Python)
    candidates = sentences(frames).filter(
        flat.str.contains(r"政府采购|\d辆")
        | (flat.str.starts_with("其中") & flat.shift(1).over("doc_id").str.contains("政府采购").fill_null(False)))
    for r, prev in with_previous(candidates):
        # “…总金额为 4641.62 万元。其中拟购买货物…”: the parts in the next sentence; the total's row speaks
        if prev is not None and r["_flat"].startswith("其中"):
            r = {**prev, "_flat": prev["_flat"] + r["_flat"]}
        pages = scanned.get(r["doc_id"], frozenset())
        if pages is None or r["page"] in pages:
            continue
        for what, said, total, parts, n in _procurement(r["_flat"]) + _vehicles(r["_flat"]):
            rows.append({**{k: v for k, v in r.items() if not k.startswith("_")}, "what": f"文中{what}（“{said}”）",
                         "total": total, "parts": round(parts, 6), "n": n})
    return frame_of(rows)
