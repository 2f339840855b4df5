"""The agency of an OCR'd document counts only when a second place on its pages names it too.

Meta has no sums to prove it: a title read once (上海市普陀区司法局 read 上海市人局 by a re-read of the
title band) would name the wrong office. The agency read from the title is kept when its name
stands on at least two places of the OCR text (another page's title, a 单位名称/编制部门 header,
running text); else the agency named most often (at least twice) among the names the pages read;
else the name pieced together from the 部门 lines of the table pages, each read with a character or two
lost (中国共产党江苏省委员会办 on one page, 中国共 党江苏省委员会办公厅 on two others: 中国共产党江苏省委员会办公厅);
else it is kept with a warning that it is unconfirmed.
A title misread alike twice (上海市XX局 read 上海市人局 on the cover and once in the prose) gives way to a variant
of it — same beginning and ending, a character or two apart — that the pages name far more often. An agency read
without its place (省委办公厅: the cover's 江苏 lost, the part titles print none) takes the place of the file
name's agency when that name ends with it.
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
VARIANT_EDITS = 2  # characters a variant of the agency read may differ by (人 for XX: one replaced, one lost)
VARIANT_RATIO = 3  # … and how many times as often the pages must name it to replace the agency read
# An agency name that opens with its level but no place (省委办公厅, 市财政局): a place was lost or never printed.
_PLACELESS = re.compile(r"^(?:中共)?[省市区县州旗盟]")


def _count(flat: list[str], name: str) -> int:
    return sum(page.count(name) for page in flat)


def confirm_agency(texts: list[str], agency: str, source_name: str = "") -> tuple[str, str | None]:
    """(the agency to use, a warning when no second place confirms it); `source_name`: the uploaded file's name."""
    agency, warning = _confirmed(texts, agency)
    return with_place(agency, source_name), warning


def with_place(agency: str, source_name: str) -> str:
    """The agency with the place the file name's agency gives it, when the agency read names no place and the
    file name's agency ends with it (省委办公厅, 江苏省委办公厅2017年部门预算.pdf: 江苏省委办公厅)."""
    from fiscal.gazetteer import mentions
    from ingest.metadata import _from_file_name

    if not source_name or not _PLACELESS.match(agency) or mentions(agency):
        return agency
    named, _, _ = _from_file_name(source_name)
    if named and len(named) > len(agency) and named.endswith(agency) and mentions(named[: -len(agency)]):
        return named
    return agency


def _variant(flat: list[str], agency: str) -> str | None:
    """The agency name the pages print that is a variant of `agency` (same first two and last character, at most
    VARIANT_EDITS apart) and that they name at least VARIANT_RATIO times as often; None if none."""
    from rapidfuzz.distance import Levenshtein

    from ingest.metadata import _clean_agency

    middle = max(0, len(agency) - 3)
    shape = re.compile(f"(?={re.escape(agency[:2])}(.{{{max(0, middle - VARIANT_EDITS)},{middle + VARIANT_EDITS}}}?)"
                       f"{re.escape(agency[-1])})")
    seen = {agency[:2] + m.group(1) + agency[-1] for page in flat for m in shape.finditer(page)}
    near = {n for n in seen if n != agency and Levenshtein.distance(n, agency) <= VARIANT_EDITS
            and _clean_agency(n) == n}
    counted = sorted(((_count(flat, n), n) for n in near), reverse=True)
    if counted and counted[0][0] >= VARIANT_RATIO * _count(flat, agency):
        return counted[0][1]
    return None


def _confirmed(texts: list[str], agency: str) -> tuple[str, str | None]:
    """confirm_agency of an agency whose place is settled."""
    from ingest.metadata import _clean_agency, _labels, _titles

    flat = [_SPACE.sub("", t) for t in texts]
    if _count(flat, agency) >= 2:
        return _variant(flat, agency) or agency, None
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
