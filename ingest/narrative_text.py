"""A document's prose as the narrative readers see it: pages normalised (NFKC) and flattened into one text that
remembers each character's page, the sentence around a figure, a printed figure in 万元, the 部门：/单位：
header lines and the 目录 page (ingest/narrative.py, ingest/narrative_names.py)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

HEADER_LINE = re.compile(
    r"^\s*(?:预算主管部门|主管部门|编制部门|编制单位|预算单位|单位名称|部\s*门|单\s*位)\s*:\s*(?P<name>.*?)"
    r"(?:\s*(?:金额)?单\s*位\s*:.*)?\s*$"
)
PAGE_NUMBER = re.compile(r"^\s*[-—–]?\s*\d{1,3}\s*[-—–]?\s*$")


@dataclass
class Text:
    """A document's flattened text with the page each character came from."""

    text: str
    starts: list[int]  # offset where each page (1-based index + 1) starts

    def page_at(self, offset: int) -> int:
        page = 1
        for i, start in enumerate(self.starts, start=1):
            if start <= offset:
                page = i
            else:
                break
        return page


def normalise(text: str) -> str:
    """NFKC (full-width punctuation → ASCII), straight quotes → “”."""
    text = unicodedata.normalize("NFKC", text).replace("\r", "")
    return text.replace('"', "“")


def flatten_page(text: str) -> str:
    """One page as one line: no page numbers, no line breaks (sentences wrap across lines)."""
    lines = [ln.strip() for ln in normalise(text).split("\n")]
    return "".join(ln for ln in lines if ln and not PAGE_NUMBER.match(ln))


def document_text(page_texts: list[str]) -> Text:
    """The pages flattened into one text, with where each page starts."""
    parts, starts, offset = [], [], 0
    for text in page_texts:
        flat = flatten_page(text)
        starts.append(offset)
        parts.append(flat)
        offset += len(flat)
    return Text("".join(parts), starts)


def amount_wan(num: str, unit: str) -> float:
    """A printed figure in 万元."""
    value = float(num.replace(",", ""))
    return {"元": value / 10_000, "亿元": value * 10_000}.get(unit, value)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence around [start, end) as printed (at most ~160 characters)."""
    left = max(text.rfind(c, 0, start) for c in "。;") + 1
    left = max(left, start - 60)
    right = min((i for i in (text.find(c, end) for c in "。;") if i >= 0), default=len(text))
    return text[left:min(right + 1, end + 100)].strip()


def is_toc(text: str) -> bool:
    """A table-of-contents page: a line reading 目录."""
    return any(re.sub(r"\s+", "", ln) == "目录" for ln in text.split("\n"))
