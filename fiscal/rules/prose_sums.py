"""Totals the prose states with their parts in one sentence, where no table prints them: the 政府采购 amount and its
货物 / 工程 / 服务 parts (“政府采购金额为251.25万元，其中：货物采购金额4.79万元、工程采购金额0万元、服务采购金额
246.47万元”), the vehicles a department holds or buys, by use (“共有车辆8辆，其中：…执法执勤用车0辆、…其他用车8辆”), and
the projects under 绩效 management, their number and funds by 人员类 / 运转类 / 特定目标类.
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
# 开展绩效目标管理的项目28个，涉及预算461.49万元。其中：人员类项目14个，涉及预算380.76万元；运转类项目3个，…
_FUNDS = (r"[,]?(?:共)?(?:涉及|涉及的)?(?:预算|资金|金额)(?:金额|资金)?(?:为|共)?(?P<num>" + NUMBER
          + r")(?P<unit>万元|元)")
_PERFORMANCE = re.compile(r"绩效(?:目标管理|自评|评价|运行监控)[^。;]{0,12}?项目(?:共)?(?P<n>\d{1,4})个" + _FUNDS
                          + r"[,;:。]?其中[:,]?(?P<parts>[^。]{0,300})")
_PROJECT_KIND = re.compile(r"(?P<kind>人员类|运转类|特定目标类)项目(?P<n>\d{1,4})个" + _FUNDS)


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


def _performance(text: str) -> list[tuple[str, str, float, float, int]]:
    """The projects under 绩效 management and their funds against their 人员类 / 运转类 / 特定目标类 parts (the
    three kinds of the national project classification: only all three are the whole)."""
    out = []
    for m in _PERFORMANCE.finditer(text):
        parts = list(_PROJECT_KIND.finditer(m["parts"]))
        if sorted(p["kind"] for p in parts) != ["人员类", "特定目标类", "运转类"]:
            continue
        said = m[0][:m.start("parts") - m.start() + parts[-1].end()]
        out.append(("绩效管理项目个数与按类别分列的项目个数之和", said, float(m["n"]),
                    float(sum(int(p["n"]) for p in parts)), len(parts)))
        out.append(("绩效管理项目涉及金额与按类别分列的金额之和", said, to_wan(m["num"], m["unit"]),
                    sum(to_wan(p["num"], p["unit"]) for p in parts), len(parts)))
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
        flat.str.contains(r"政府采购|\d辆|绩效")
        | (flat.str.starts_with("其中") & flat.shift(1).over("doc_id").str.contains("政府采购|绩效").fill_null(False)))
    for r, prev in with_previous(candidates):
        # “…总金额为 4641.62 万元。其中拟购买货物…”: the parts in the next sentence; the total's row speaks
        if prev is not None and r["_flat"].startswith("其中"):
            r = {**prev, "_flat": prev["_flat"] + r["_flat"]}
        pages = scanned.get(r["doc_id"], frozenset())
        if pages is None or r["page"] in pages:
            continue
        for what, said, total, parts, n in _procurement(r["_flat"]) + _vehicles(r["_flat"]) + _performance(r["_flat"]):
            rows.append({**{k: v for k, v in r.items() if not k.startswith("_")}, "what": f"文中{what}（“{said}”）",
                         "total": total, "parts": round(parts, 6), "n": n})
    return frame_of(rows)
