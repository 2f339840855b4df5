"""The agency of an OCR'd document counts only when a second place on its pages names it too.

Meta has no sums to prove it: a title read once (上海市普陀区司法局 read 上海市人局 by a re-read of the
title band) would name the wrong office. The agency read from the title is kept when its name
stands on at least two places of the OCR text (another page's title, a 单位名称/编制部门 header,
running text); else the agency named most often (at least twice) among the names the pages read;
else it is kept with a warning that it is unconfirmed.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")


def _count(flat: list[str], name: str) -> int:
    return sum(page.count(name) for page in flat)


def confirm_agency(texts: list[str], agency: str) -> tuple[str, str | None]:
    """(the agency to use, a warning when no second place confirms it)."""
    from ingest.metadata import _clean_agency, _labels, _titles

    flat = [_SPACE.sub("", t) for t in texts]
    if _count(flat, agency) >= 2:
        return agency, None
    names = {t.agency for t in _titles(texts) if t.agency}
    for group in _labels(texts):
        names.update(v for _, v in group)
    labelled = r"(?:单位名称|编制部门|编制单位|部门名称|单位)[:：,，]?([\u4e00-\u9fff（）()]{4,40})"
    for m in re.finditer(labelled, "\n".join(flat)):
        if (name := _clean_agency(m.group(1))) is not None:
            names.add(name)
    counted = sorted(((_count(flat, n), n) for n in names if n != agency), reverse=True)
    if counted and counted[0][0] >= 2 and (len(counted) == 1 or counted[1][0] < counted[0][0]):
        return counted[0][1], None
    return agency, (f"扫描件：单位名称“{agency}”经OCR识别，文中未见第二处印证，请核对"
                    f" / OCR'd agency not confirmed by a second occurrence")
