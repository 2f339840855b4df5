"""Table titles of OCR'd pages read back from a partial match: 收文预算总表 is the 收支预算总表.

OCR misreads a character or two of a title (财政拨秋收文预算总表) or runs the title into the 部门/单位
line beside it ("收支预算总表 六 江 省政协办公打 单位：万元"); the page's table is then not found. A line
at the head of a page over a table — or the words of it that make the title — close to one known
title (families.FAMILIES), and clearly closer to it than to any title of another family that no other
page prints, is read as that title.
A wrong title costs no figure: the table's own sums still decide whether it counts.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz, process

# A line is read as a known title when it matches one at least this well (rapidfuzz ratio, 0–100) …
MIN_SCORE = 75.0
# … and better by this much than any title of another family (收文预算总表: 收支 not 支出).
MIN_MARGIN = 10.0
# Titles stand in the first lines of a page, above the table's rows.
HEAD_LINES = 6
# A title line run into the lines beside it is looked for among its first this many words.
MAX_WORDS = 12
# A page holds a table when it prints at least this many amounts.
MIN_AMOUNTS = 2
# A trailing qualifier, its brackets as OCR reads them: 支出预算表《功能科目 ), 表〈经济科目〉.
_QUALIFIER = re.compile(r"[(（《〈<][^()（）《》〈〉<>]{1,10}[)）》〉>]?\s*$")
_AMOUNT = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})*\.\d{2}(?![\d.])")


def _best(text: str, taken: frozenset[str]) -> tuple[str, str, float] | None:
    """(family, known title, score) of the known title nearest `text` or `text` without its qualifier, when it
    is near and unambiguous; families whose titles other pages print are no candidates."""
    bare = _QUALIFIER.sub("", text)
    hits = [h for h in (_nearest(text, taken), _nearest(bare, taken) if bare != text else None) if h is not None]
    return max(hits, key=lambda h: h[2]) if hits else None


def _nearest(text: str, taken: frozenset[str]) -> tuple[str, str, float] | None:
    """_best of `text` as it is."""
    from ingest.families import _choices, _fold, normalize_title

    norm = _fold(normalize_title(text))
    if not (4 <= len(norm) <= 30) or "表" not in norm[-4:]:
        return None
    names, keys = _choices()
    hits = [h for h in process.extract(norm, names, scorer=fuzz.ratio, limit=24) if keys[h[2]] not in taken]
    if not hits or hits[0][1] < MIN_SCORE:
        return None
    family = keys[hits[0][2]]
    other = max((h[1] for h in hits if keys[h[2]] != family), default=0.0)
    if hits[0][1] - other < MIN_MARGIN:
        return None
    return family, hits[0][0], float(hits[0][1])


def mend_page(text: str, taken: frozenset[str] = frozenset()) -> str:
    """The page text with a misread title line (or a title run into the line beside it) as the known title, on
    its own line."""
    from ingest.families import match_title

    if len(_AMOUNT.findall(text)) < MIN_AMOUNTS:
        return text
    lines = text.split("\n")
    for k, line in enumerate(lines[:HEAD_LINES]):
        plain = unicodedata.normalize("NFKC", line).strip()
        if not plain or _AMOUNT.search(plain):
            break  # the rows begin: no title below them
        if match_title(plain) is not None:
            return text  # the page's title reads as it is
        words = line.split()[:MAX_WORDS]
        best: tuple[int, int, str, float] | None = None
        for i in range(len(words)):  # the whole line, or those of its words that are the title (部门 … 收支预算总表 …)
            for j in range(len(words), i, -1):
                hit = _best(unicodedata.normalize("NFKC", "".join(words[i:j])), taken)
                if hit is not None and (best is None or hit[2] > best[3]):
                    best = (i, j, hit[1], hit[2])
        if best is None:
            continue
        i, j, title, _ = best
        end = "\r" if line.endswith("\r") else ""
        parts = [" ".join(words[:i]), title, " ".join(words[j:])]
        lines[k] = "\n".join(p + end for p in parts if p)
        return "\n".join(lines)
    return text


def printed_families(texts: list[str]) -> frozenset[str]:
    """The families whose titles the pages print as they are (a document prints each table once)."""
    from ingest.families import match_title

    out = set()
    for text in texts:
        for line in text.split("\n")[:HEAD_LINES]:
            if (hit := match_title(unicodedata.normalize("NFKC", line).strip())) is not None:
                out.add(hit[0])
    return frozenset(out)


def mend_titles(texts: list[str], pages: list[int]) -> list[str]:
    """mend_page over the text of each of `pages` (1-based): a title as near to two families' titles (收文 for
    收支 or 收入) is the one whose title no other page prints."""
    taken = printed_families(texts)
    return [mend_page(t, taken) if k in pages else t for k, t in enumerate(texts, start=1)]
