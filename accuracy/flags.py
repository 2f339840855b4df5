"""Flags against labelled defects: which flags are true, which labels were found, precision/recall.

Matching is strict: a flag is true only when it describes a specific label of its document — the same
rule, the same page, and the label's discriminator in the flag itself: the label's `evidence` pairs in the
flag's evidence when the truth gives them, else the label's quote in the flag's message or evidence
(TRUTH_FORMAT.md, "Which flag is this defect's"). A flag's page text is never enough: a wrong flag sharing a
page with a right one is false. A label is found when a true flag matches it, or when a flag folded into a
true one (`evidence.folded`, fiscal.rules.precedence) does. A true flag that only repeats labels an earlier
flag already matched is counted as a repeat (one defect counted twice). Only error/warning flags count
(and, when the flags carry a `category`, only findings): notes about our own reading are not claims.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from accuracy.truth import Label, fold
from fiscal.rules.precedence import FOLDED  # the evidence key listing the flags folded into a root-cause flag

KEPT_SEVERITIES = ("error", "warning")


@dataclass
class FlagResult:
    """One flag raised on a truth document, and the labels it matched."""

    file: str
    rule: str
    page: int | None
    message: str
    matched: list[int] = field(default_factory=list)  # indexes into the document's labels
    folded: list[int] = field(default_factory=list)  # labels matched by the flags folded into this one
    folded_rules: list[str] = field(default_factory=list)  # the rules of the flags folded into this one
    folded_false: list[str] = field(default_factory=list)  # "rule: message" of folded flags matching no label
    repeat: bool = False  # true, but every label it matched an earlier flag had matched already

    @property
    def true(self) -> bool:
        return bool(self.matched)


@dataclass
class LabelResult:
    """One label, found or missed (and by how many flags)."""

    file: str
    label: Label
    found: bool = False
    by: int = 0  # flags (root or folded) that matched it


@dataclass
class RuleStats:
    """Per rule (or overall): raised, true, false, repeats, labelled, found, missed, precision, recall."""

    raised: int = 0
    true: int = 0
    labelled: int = 0
    found: int = 0
    repeats: int = 0
    folded: int = 0  # flags of the rule folded into another flag of the same figure (fiscal.rules.precedence)

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


def _evidence(flag: dict[str, Any]) -> Any:
    raw = flag.get("evidence")
    if isinstance(raw, (dict, list)):
        return raw
    try:
        return json.loads(raw) if raw else {}
    except (TypeError, ValueError):
        return {"text": str(raw)}


def _leaves(value: Any) -> Iterator[str]:
    """Every string and number of a JSON value (the flags folded in excluded: they are matched on their own)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k != FOLDED:
                yield from _leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    elif value is not None:
        yield str(value)


def _at(evidence: Any, path: str) -> Any:
    """The evidence value at a dotted key path ("figures.上年"), None when absent."""
    for key in path.split("."):
        if not isinstance(evidence, dict):
            return None
        evidence = evidence.get(key)
    return evidence


def _holds(got: Any, want: Any) -> bool:
    """Does an evidence value hold what the label says: the same number, or the label's text in it?"""
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return isinstance(got, (int, float)) and abs(got - want) <= 1e-6 * max(1.0, abs(want))
    return got is not None and fold(str(want)) in fold("".join(_leaves(got)))


def _pages(page: int | None, evidence: Any) -> set[int]:
    """The pages a flag points at: its own and those its evidence cites (table_page, economic_page, …): a flag
    comparing two tables names both, and its defect may be labelled on either."""
    cited = {v for k, v in evidence.items() if k.endswith("page") and isinstance(v, int) and not isinstance(v, bool)} \
        if isinstance(evidence, dict) else set()
    return cited | ({page} if page is not None else set())


def _last_sentence(evidence: Any) -> str:
    """The last sentence a flag quotes (the one that may run onto the next page)."""
    if not isinstance(evidence, dict):
        return ""
    sentences = evidence.get("sentences")
    if isinstance(sentences, list) and sentences:
        return str(sentences[-1])
    return str(evidence.get("text") or "")


def label_matches(label: Label, flag: dict[str, Any]) -> bool:
    """Does this flag describe this label: same rule and page, and the label's evidence (else quote) in it?

    A quoted label on the page after the flag's matches too when the flag's last sentence holds the quote: a
    sentence is stored at the page it starts on, and its words may be printed on the next one."""
    if flag["rule"] != label.rule:
        return False
    page = flag.get("page")
    evidence = _evidence(flag)
    pages = _pages(page, evidence)
    if pages and label.page is not None and label.page not in pages and not (
            not label.evidence and page is not None and label.page == page + 1
            and fold(label.quote) in fold(_last_sentence(evidence))):
        return False
    if label.evidence:
        return all(_holds(_at(evidence, k), v) for k, v in label.evidence)
    quote = fold(label.quote)
    return bool(quote) and quote in fold((flag.get("message") or "") + "".join(_leaves(evidence)))


def _folded(flag: dict[str, Any]) -> list[dict[str, Any]]:
    """The flags folded into this one (as the precedence step lists them in its evidence)."""
    ev = _evidence(flag)
    got = ev.get(FOLDED) if isinstance(ev, dict) else None
    return [f for f in got if isinstance(f, dict) and f.get("rule")] if isinstance(got, list) else []


def match_document(file: str, flags: list[dict[str, Any]],
                   labels: list[Label]) -> tuple[list[FlagResult], list[LabelResult]]:
    """Flags and labels of one document, each marked true/found (and repeats marked)."""
    fr = [FlagResult(file, f["rule"], f.get("page"), f.get("message") or "") for f in flags]
    lr = [LabelResult(file, lab) for lab in labels]
    for res, flag in zip(fr, flags, strict=True):
        res.matched = [i for i, lab in enumerate(labels) if label_matches(lab, flag)]
        res.repeat = bool(res.matched) and all(lr[i].by for i in res.matched)
        for sub in _folded(flag):
            res.folded_rules.append(sub["rule"])
            hit = [i for i, lab in enumerate(labels) if label_matches(lab, {"page": flag.get("page"), **sub})]
            res.folded += hit
            if not hit:
                res.folded_false.append(f"{sub['rule']}: {sub.get('message') or ''}")
        if res.matched:  # a folded flag counts only inside a true one
            for i in dict.fromkeys(res.matched + res.folded):
                lr[i].found = True
                lr[i].by += 1
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
            t.repeats += f.repeat
        for rule in f.folded_rules:
            for t in (per.setdefault(rule, RuleStats()), total):
                t.folded += 1
    for lab in labels:
        s = per.setdefault(lab.label.rule, RuleStats())
        for t in (s, total):
            t.labelled += 1
            t.found += lab.found
    return dict(sorted(per.items())), total
