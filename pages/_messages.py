"""Findings' messages in the reader's language.

The rules (fiscal/rules) write their messages in Chinese. In English mode a finding reads as an English
sentence per rule id (pages/_en.py, label group "rule_says"), filled from the flag's evidence (the figures the
rule compared), with the Chinese text the document prints kept as it is, in quotes: a quotation is evidence
and is not translated. Where the evidence lacks what the sentence needs, the rule's English explanation
stands, followed by the Chinese message as the original.
"""

from __future__ import annotations

import re
import string
from typing import Any

import polars as pl

from fiscal.read.findings import evidence_of as _evidence
from pages._i18n import amount, label, lang, pct, t
from pages._i18n import labels as label_names
from pages._peer_evidence import PEER_FIGURES, fmt
from pages._peer_evidence import RULE as PEER_RULE

# evidence values that are fractions (shown as percentages); the rest are amounts or counts as printed
FRACTIONS = frozenset({"exec_rate", "exec_rate_reported", "change", "growth", "sangong_growth", "share"})
# evidence values that are years or points: no thousands separator, no fixed decimals
_PLAIN = frozenset({"year", "document_year", "previous_year", "year_printed", "total_score", "exec_score",
                    "exec_weight", "indicator_scores", "sum", "expected_score", "score", "weight", "indicators",
                    "peers", "printed", "computed", "page", "table_page", "second_page", "cover_page"})
# evidence values naming a code: shown by their English label group
_CODES = {"item": "sangong", "metric": "metric", "series": "stage"}
# the document's own words at the end of a message: ：“…”, 如 “…”, or several: 如 “…”；“…”等
_QUOTE = re.compile(r"[：:如]\s*“(.+)$")


def quote(message: str | None) -> str | None:
    """The text of the document a message quotes at its end, as printed (None when it quotes none); several
    quotations keep their marks between them (A”；“B)."""
    found = _QUOTE.search(message or "")
    if not found:
        return None
    body = found.group(1).strip().rstrip("。．.").removesuffix("等").removesuffix("”").strip()
    return body or None


def _value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return t("msg_yes") if value else t("msg_no")
    if isinstance(value, (int, float)):
        if key in _PLAIN:
            return f"{value:g}"
        if key in FRACTIONS:
            return pct(float(value))
        return f"{value:,}" if isinstance(value, int) else amount(float(value), with_unit=False)
    if key in _CODES and isinstance(value, str):
        return label(_CODES[key], value)
    return str(value)




def _fill(template: str, values: dict[str, str]) -> str | None:
    """The template filled, None when it names a value the evidence does not hold."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    if not names <= values.keys():
        return None
    return template.format(**values)


def _said(rule: str | None, project: str | None, evidence: str | None) -> str | None:
    """The rule's English sentence filled from the flag's evidence; None when the evidence lacks what it needs."""
    values = {k: _value(k, v) for k, v in _evidence(evidence).items() if v is not None}
    if rule == PEER_RULE:  # in the metric's own unit and precision, as the Chinese message (0.783, not 0.78)
        ev = _evidence(evidence)
        values |= {k: fmt(ev.get("metric"), v, with_unit=False) for k, v in ev.items() if k in PEER_FIGURES}
    if project:
        values["project"] = project
    return _fill(label("rule_says", rule), values) if rule and label("rule_says", rule) != rule else None


def _sentence(text: str, evidence: str | None) -> str:
    """A rule's sentence capitalised, with the hint of what a misstated rate fits (fiscal.rules.prose_hints)."""
    text = text[:1].upper() + text[1:]
    if hint := _evidence(evidence).get("hint_en"):
        text = f"{text} {hint}"
    return text


def english(rule: str | None, message: str | None, page: int | None = None, project: str | None = None,
            evidence: str | None = None) -> str:
    """A finding's message in English: the rule's sentence from the evidence, the page, the quoted text."""
    said = _said(rule, project, evidence)
    quoted = quote(message)
    text = _sentence(said or label("rule_explain", rule), evidence)
    where = t("msg_page", page=page) if page else ""
    if quoted:
        return f"{where}{text}{t('msg_quote', quote=quoted)}"
    if said or not message:
        return f"{where}{text}"
    return f"{where}{text}{t('msg_original', message=message)}"


def shown(rule: str | None, message: str | None, page: int | None = None, project: str | None = None,
          evidence: str | None = None) -> str:
    """A finding's message as the reader sees it: the rule's own Chinese message, or its English reading."""
    if lang() == "zh":
        return message or ""
    return english(rule, message, page, project, evidence)


def with_messages(found: pl.DataFrame, flags: pl.DataFrame | None) -> pl.DataFrame:
    """Findings (or flags) with `message` in the reader's language; the evidence is looked up in `flags` by
    rule and message when the frame does not carry it."""
    if lang() == "zh" or found.is_empty() or "message" not in found.columns:
        return found
    evidence: dict[tuple[Any, Any], Any] = {}
    if "evidence" not in found.columns and flags is not None and "evidence" in flags.columns:
        wanted = flags.join(found.select("rule", "message").unique(), on=["rule", "message"], how="semi")
        evidence = {(r, m): e for r, m, e in wanted.select("rule", "message", "evidence").iter_rows()}
    rows = found.select([c for c in ("rule", "message", "page", "project", "evidence") if c in found.columns])
    texts = [english(r.get("rule"), r.get("message"), r.get("page"), r.get("project"),
                     r.get("evidence", evidence.get((r.get("rule"), r.get("message")))))
             for r in rows.iter_rows(named=True)]
    return found.with_columns(pl.Series("message", texts, dtype=pl.String))


# A problem of the quality score in English (fiscal/quality.py): "<rule name> (p. N): <the rule's Chinese message>"
_PROBLEM = re.compile(r"^(?P<name>[^:：]+?)(?P<page> \(p\. (?P<n>\d+)\))?: (?P<message>.*[\u4e00-\u9fff].*)$")


def problem_shown(problem: str, flags: pl.DataFrame | None = None) -> str:
    """A quality problem in English mode: after the rule's English name and page, the rule's sentence filled from
    the evidence of the flag it counts (found in `flags` by rule and message) and the document's quoted words;
    without that flag, the quotation alone (the name says what was found: its explanation would say it again),
    else the message as written, for its figures."""
    found = _PROBLEM.match(problem)
    rules = {name: rule for rule, name in label_names("rule").items()}
    # the reading and table problems quality.py words itself (titles as printed) share these rules' names
    if not found or rules.get(found["name"], "reading_incomplete") in ("reading_incomplete", "missing_tables"):
        return problem
    rule, message = rules[found["name"]], found["message"]
    head = f"{found['name']}{found['page'] or ''}"
    flag = _flag_of(flags, rule, message)
    said = _said(rule, flag.get("project"), flag.get("evidence")) if flag else None
    quoted = t("msg_quote", quote=quote(message)) if quote(message) else ""
    if flag and said:
        return f"{head}: {_sentence(said, flag.get('evidence'))}{quoted}"
    return f"{head}{quoted}" if quoted else f"{head}: {message}"


def _flag_of(flags: pl.DataFrame | None, rule: str, message: str) -> dict[str, Any] | None:
    """The project and evidence of the flag of `rule` that says `message`; None when no such flag is at hand."""
    if flags is None or not {"rule", "message", "evidence"} <= set(flags.columns):
        return None
    hit = flags.filter((pl.col("rule") == rule) & (pl.col("message") == message))
    if hit.is_empty():
        return None
    return hit.select([c for c in ("project", "evidence") if c in hit.columns]).row(0, named=True)


# The ingest's commonest verdicts on a table (ingest/reading.py writes them in Chinese after the title): in English
# mode they are said in English; any other reason (the numbers of a sum that did not close …) stays as written.
_VERDICTS = ((re.compile(r"：(\d+) ?项勾稽校验通过$"), "doc_note_checks"), (re.compile(r"：已读取$"), "doc_note_read"),
             (re.compile(r"：空表$"), "doc_note_empty"))


def reason_shown(reason: str | None) -> str | None:
    """A table reading's reason in the reader's language where it is one of the common verdicts."""
    if lang() == "zh" or not reason:
        return reason
    for pattern, key in _VERDICTS:
        found = pattern.search(reason)
        if found:
            return t(key, n=found[1]) if found.groups() else t(key)
    return reason
