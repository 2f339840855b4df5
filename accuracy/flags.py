"""Flags against labelled defects: which flags are true, which labels were found, precision/recall.

A flag is true when a label of the same document has the same rule and the same page, or
the label's quote occurs on the flag's page or in the flag's evidence/message. A label is
found when a true flag matches it. Only error/warning flags count (and, when the flags carry
a `category`, only findings): notes about our own reading are not claims about the document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from accuracy.truth import Label, fold

KEPT_SEVERITIES = ("error", "warning")


@dataclass
class FlagResult:
    """One flag raised on a truth document, and the labels it matched."""

    file: str
    rule: str
    page: int | None
    message: str
    matched: list[int] = field(default_factory=list)  # indexes into the document's labels

    @property
    def true(self) -> bool:
        return bool(self.matched)


@dataclass
class LabelResult:
    """One label, found or missed."""

    file: str
    label: Label
    found: bool = False


@dataclass
class RuleStats:
    """Per rule (or overall): raised, true, false, labelled, found, missed, precision, recall."""

    raised: int = 0
    true: int = 0
    labelled: int = 0
    found: int = 0

    @property
    def false(self) -> int:
        return self.raised - self.true

    @property
    def missed(self) -> int:
        return self.labelled - self.found

    @property
    def precision(self) -> float | None:
        return self.true / self.raised if self.raised else None

    @property
    def recall(self) -> float | None:
        return self.found / self.labelled if self.labelled else None


def keep(flags: pl.DataFrame) -> pl.DataFrame:
    """The flags that claim something about a document: error/warning (findings, when categorised)."""
    out = flags.filter(pl.col("severity").is_in(KEPT_SEVERITIES))
    if "category" in out.columns:
        out = out.filter(pl.col("category") == "finding")
    return out


def label_matches(label: Label, flag: dict, page_text: Callable[[int], str]) -> bool:
    """Does this flag (rule, page, message, evidence) point at this label?"""
    if flag["rule"] != label.rule:
        return False
    page = flag.get("page")
    if page is not None and label.page is not None and page == label.page:
        return True
    quote = fold(label.quote)
    if not quote:
        return False
    if quote in fold(f"{flag.get('message') or ''}{flag.get('evidence') or ''}"):
        return True
    return page is not None and quote in page_text(page)


def match_document(file: str, flags: list[dict], labels: list[Label],
                   page_text: Callable[[int], str]) -> tuple[list[FlagResult], list[LabelResult]]:
    """Flags and labels of one document, each marked true/found."""
    fr = [FlagResult(file, f["rule"], f.get("page"), f.get("message") or "") for f in flags]
    lr = [LabelResult(file, lab) for lab in labels]
    for res, flag in zip(fr, flags, strict=True):
        for i, lab in enumerate(labels):
            if label_matches(lab, flag, page_text):
                res.matched.append(i)
                lr[i].found = True
    return fr, lr


def stats(flags: list[FlagResult], labels: list[LabelResult]) -> tuple[dict[str, RuleStats], RuleStats]:
    """(per rule, overall) counts."""
    per: dict[str, RuleStats] = {}
    total = RuleStats()
    for f in flags:
        s = per.setdefault(f.rule, RuleStats())
        for t in (s, total):
            t.raised += 1
            t.true += f.true
    for lab in labels:
        s = per.setdefault(lab.label.rule, RuleStats())
        for t in (s, total):
            t.labelled += 1
            t.found += lab.found
    return dict(sorted(per.items())), total
