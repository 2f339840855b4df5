"""The agency of an OCR'd document counts only when a second place on its pages names it too.

Meta has no sums to prove it: a title read once (上海市普陀区司法局 read 上海市人局 by a re-read of the
title band) would name the wrong office. The agency read from the title is kept when its name
stands on at least two places of the OCR text (another page's title, a 单位名称/编制部门 header,
running text); else the agency named most often (at least twice) among the names the pages read;
else the name pieced together from the 部门 lines of the table pages, each read with a character or two
lost (中国共产党江苏省委员会办 on one page, 中国共 党江苏省委员会办公厅 on two others: 中国共产党江苏省委员会办公厅);
else it is kept with a warning that it is unconfirmed.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
# A table page's 部门 line as OCR reads it; its value ends at the 单位 label beside it.
_DEPT_LINE = re.compile(r"(?:预算主管部门|主管部门|部门名称|编制部门|编制单位|单位名称|部\s*门)\s*[:：;；,，.]?\s*(.*)")
_UNIT_LABEL = re.compile(r"(?:金额)?单\s*位|单人")
_PIECE = re.compile(r"[\u4e00-\u9fff（）()]{3,}")  # a run of characters OCR kept together (a space: one was lost)
HEAD_LINES = 4  # the 部门 line stands in the first lines of a table page
MIN_OVERLAP = 3  # characters two pieces share to be joined
MIN_SIMILAR = 80.0  # rapidfuzz partial_ratio of the joined name to the agency first read


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
    if (joined := pieced_together(texts, agency)) is not None:
        return joined, None
    return agency, (f"扫描件：单位名称“{agency}”经OCR识别，文中未见第二处印证，请核对"
                    f" / OCR'd agency not confirmed by a second occurrence")


def _pieces(texts: list[str]) -> list[str]:
    """The runs of characters of each page's 部门 line (one per page and run, repeats kept: they are votes)."""
    out = []
    for text in texts:
        for line in text.splitlines()[:HEAD_LINES]:
            if m := _DEPT_LINE.search(line):
                out.extend(_PIECE.findall(_UNIT_LABEL.split(m.group(1))[0]))
    return out


def _join(a: str, b: str) -> str | None:
    """a and b joined where the end of a is the start of b (at least MIN_OVERLAP characters), or None."""
    for k in range(min(len(a), len(b)) - 1, MIN_OVERLAP - 1, -1):
        if a.endswith(b[:k]):
            return a + b[k:]
    return None


def pieced_together(texts: list[str], agency: str) -> str | None:
    """The agency name the 部门 lines' pieces make when joined (an agency name, near the one first read, backed
    by pieces of at least two lines and longer than any one of them); None when they make none."""
    from rapidfuzz import fuzz

    from fiscal.naming import canonical_agency
    from ingest.metadata import _clean_agency

    pieces = _pieces(texts)
    distinct = set(pieces)
    joined = {j for a in distinct for b in distinct if a != b and (j := _join(a, b)) is not None}
    names = {n for j in joined if (n := _clean_agency(j)) is not None and n == j}
    if not names:
        return None

    def support(name: str) -> int:
        return sum(len(p) for p in pieces if p in name)

    best = max(names, key=lambda n: (support(n), len(n)))
    backing = [p for p in pieces if p in best]
    if len(backing) < 2 or max(len(p) for p in backing) >= len(best):
        return None
    read, canonical = _SPACE.sub("", agency), canonical_agency(best)
    if max(fuzz.partial_ratio(read, best), fuzz.partial_ratio(canonical_agency(read), canonical)) < MIN_SIMILAR:
        return None  # the pieces name another body than the title did
    return best
