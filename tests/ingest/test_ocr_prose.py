"""三公 figures of OCR'd prose proven by the shares printed beside them (ingest/ocr_prose.py)."""

from __future__ import annotations

from ingest.ocr_prose import prove_sangong
from ingest.prose import sangong_from_prose

# The 三公 section of a scanned 江苏 政协 2019 budget as Tesseract read it: 公务接待费 397.50 read "3975", one
# 元 lost (156.6 万15.), one ( read 〈, the shares intact.
PAGES = [
    "九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明\n本表反映部门年度一般公共预算资金安排的“三公”经费情况。"
    "江苏省政协办公打 2019 年度一般公共预算拨款安排的“三公”经费预算支出中,因公出国〈境)费支出106万元,占“三公”"
    "经费的 16.06% 公务用车购置及运行维护费支出 156.6 万15. JU» 三公”经费的 23.72% 公务接待费支出 3975 万元,",
    "“三公”经费的 60.22% 具体情况如下\n1. 因公出国(境)费预算支出 106 万元,与上年数一致。\n"
    "2. 公务用车购置及运行维护费预算支出 156.6 万元,其中\n(1)公务用车购置费 0 万元,与上年数一致\n"
    "(2)公务用车运行维护费 156.6 万元,与上年数一致\n3 公务接待费预算支出 397 5 万元,比上年预算减少 15 万元。",
]


def _rows(pages: list[str]) -> list[dict]:
    """The prose rows as the ingest keeps them for an OCR'd page: partial."""
    found = sangong_from_prose(pages)
    rows = [{"stage": "budget", "item": k, "amount": a, "page": p, "source": "prose", "reading": "partial"}
            for k, (a, p) in found.items()]
    parts = [found[k][0] for k in ("overseas", "vehicle_total", "reception") if k in found]
    rows.append({"stage": "budget", "item": "total", "amount": round(sum(parts), 2), "page": 1,
                 "source": "prose_sum", "reading": "partial"})
    return rows


def test_the_shares_prove_the_parts_and_fix_the_one_that_lost_its_point():
    rows = _rows(PAGES)
    assert {r["item"]: r["amount"] for r in rows}["reception"] == 3975.0  # as OCR read it
    assert prove_sangong(rows, PAGES) == 6
    got = {r["item"]: (r["amount"], r["reading"]) for r in rows}
    assert got == {"overseas": (106.0, "complete"), "vehicle_total": (156.6, "complete"),
                   "vehicle_purchase": (0.0, "complete"), "vehicle_operation": (156.6, "complete"),
                   "reception": (397.5, "complete"), "total": (660.1, "complete")}


def test_without_the_shares_nothing_is_proven():
    pages = [p.replace("%", "") for p in PAGES]
    rows = _rows(pages)
    assert prove_sangong(rows, pages) == 0
    assert {r["reading"] for r in rows} == {"partial"}


def test_a_share_that_no_single_reading_explains_proves_nothing():
    pages = [PAGES[0].replace("16.06%", "26.06%"), PAGES[1].replace("60.22%", "50.22%")]
    rows = _rows(pages)
    assert prove_sangong(rows, pages) == 0
    assert {r["reading"] for r in rows} == {"partial"}
