"""The harness's printed report: per file, per section, per rule, every miss, then one JSON line."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from accuracy.compare import Result, TableCheck, tally
from accuracy.flags import FlagResult, LabelResult, RuleStats, stats

SECTIONS = ("meta", "sangong", "summary", "line_items", "projects")
# Scanned copies (#17): the dataset families judged, as the disclosure names them; `projects` is shown
# beside them but is not judged (self-evaluation forms have no sums to prove an OCR'd figure by).
FAMILIES = {"meta": "meta 元数据", "sangong": "三公", "summary": "总表", "line_items": "支出表"}
MIN_EXACT = 0.98  # of a judged family's figures read exactly; every other one `partial`, none wrong or missing


@dataclass
class Outcome:
    """Everything measured in one run."""

    figures: list[Result] = field(default_factory=list)
    tables: list[TableCheck] = field(default_factory=list)
    flags: list[FlagResult] = field(default_factory=list)
    labels: list[LabelResult] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # in report order
    notes: list[str] = field(default_factory=list)  # truth-file problems, skipped copies, quarantined files
    base_of: dict[str, str] = field(default_factory=dict)  # planted copy's file name → its original's
    scanned: bool = False  # the truths' PDFs were scanned copies read by OCR: the #17 criterion is printed
    cases: dict[str, str] = field(default_factory=dict)  # cross-document result file ("case/document") → case


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _ljust(text: str, width: int) -> str:
    while _width(text) > width - 1:
        text = text[:-1]
    return text + " " * (width - _width(text))


def _rjust(text: str, width: int) -> str:
    return " " * max(1, width - _width(text)) + text


def _ratio(matched: int, total: int) -> str:
    return f"{matched}/{total}" if total else "-"


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.0%}"


def _cell(results: list[Result]) -> str:
    t = tally(results)
    marks = "".join(f" ({t[s]}{s[0]})" for s in ("partial", "wrong") if t[s])
    return _ratio(t["matched"], t["total"]) + marks


def figures_table(out: Outcome, emit: Callable[[str], None]) -> None:
    """Matched/total per file and section (partial and wrong counts in parentheses)."""
    emit("== Figures: matched/total per file and section ((Np) = N partial, (Nw) = N wrong; the rest missing)")
    emit(_ljust("file", 56) + "".join(_rjust(s, 17) for s in (*SECTIONS, "all")))
    for f in out.files:
        rows = [r for r in out.figures if r.file == f]
        cells = [_cell([r for r in rows if r.section == s]) for s in SECTIONS] + [_cell(rows)]
        emit(_ljust(f, 56) + "".join(_rjust(c, 17) for c in cells))
    cells = [_cell([r for r in out.figures if r.section == s]) for s in SECTIONS] + [_cell(out.figures)]
    emit(_ljust("ALL", 56) + "".join(_rjust(c, 17) for c in cells))
    t = tally(out.figures)
    emit(f"   matched {t['matched']}, partial {t['partial']}, wrong {t['wrong']}, missing {t['missing']} "
         f"of {t['total']}")


def family_counts(figures: list[Result]) -> dict[str, dict[str, int]]:
    """Per judged family (and `all` of them): exact (= matched), partial, wrong, missing and total."""
    out = {f: tally([r for r in figures if r.section == f]) for f in FAMILIES}
    out["all"] = tally([r for r in figures if r.section in FAMILIES])
    return out


def meets(t: dict[str, int]) -> bool:
    """The #17 criterion on one family's counts: every figure exact or partial, none wrong, ≥ MIN_EXACT exact."""
    return (t["wrong"] == 0 and t["missing"] == 0 and t["total"] > 0
            and t["matched"] >= MIN_EXACT * t["total"] - 1e-9)


def scanned_criterion(out: Outcome, emit: Callable[[str], None]) -> None:
    """Per dataset family: exact / partial / wrong / missing, and whether the criterion holds."""
    emit(f"== Scanned copies per dataset family (criterion: 100 % exact or partial, ≥ {MIN_EXACT:.0%} exact, "
         "0 wrong — a wrong figure is one the ingest accepted as complete)")
    emit(_ljust("family", 14) + "".join(_rjust(h, 9) for h in ("exact", "partial", "wrong", "missing", "total",
                                                                "exact%", "ex+part%")) + "  verdict")
    counts = family_counts(out.figures)
    rest = tally([r for r in out.figures if r.section not in FAMILIES])
    rows = [(FAMILIES.get(k, "ALL"), t, meets(t)) for k, t in counts.items()] + [("others 项目", rest, None)]
    for name, t, ok in rows:
        n = max(t["total"], 1)
        verdict = "-" if ok is None or not t["total"] else ("ok" if ok else "FAILS")
        emit(_ljust(name, 14) + "".join(_rjust(str(t[k]), 9) for k in ("matched", "partial", "wrong", "missing",
                                                                         "total"))
             + _rjust(f"{100 * t['matched'] / n:.1f}", 9) + _rjust(f"{100 * (t['matched'] + t['partial']) / n:.1f}", 9)
             + f"  {verdict}")
    for f in out.files:  # the files that keep a family from the criterion
        rows_f = [r for r in out.figures if r.file == f and r.section in FAMILIES]
        t = tally(rows_f)
        if t["total"] and not meets(t):
            emit(f"  {f}: exact {t['matched']}, partial {t['partial']}, wrong {t['wrong']}, missing {t['missing']} "
                 f"of {t['total']}")


def unmatched(out: Outcome, emit: Callable[[str], None]) -> None:
    """Every figure not matched: file, page, keys, truth vs lake."""
    bad = [r for r in out.figures if r.status != "matched"]
    emit(f"== Unmatched figures ({len(bad)})")
    for r in bad:
        page = f"p{r.page}" if r.page else "-"
        emit(f"  {r.file} {page} [{r.section}] {r.key}: truth {r.truth} vs lake {r.lake} ({r.status})")


def tables(out: Outcome, emit: Callable[[str], None]) -> None:
    """Listed tables found / not found, and their reading status when recorded."""
    found = sum(t.found for t in out.tables)
    emit(f"== Tables: {found}/{len(out.tables)} listed tables found in documents.tables")
    for f in out.files:
        ts = [t for t in out.tables if t.file == f]
        if not ts:
            continue
        missing = [f"{t.family} (p{t.page})" for t in ts if not t.found]
        read = [f"{t.family}={t.reading}" for t in ts if t.reading and t.reading != "complete"]
        line = f"  {f}: {sum(t.found for t in ts)}/{len(ts)}"
        if missing:
            line += "; not found: " + ", ".join(missing)
        if read:
            line += "; read: " + ", ".join(read)
        emit(line)


def flag_tables(out: Outcome, emit: Callable[[str], None]) -> tuple[dict[str, RuleStats], RuleStats]:
    """Per rule and overall precision/recall, then every false flag and every missed label.

    Each defect and each flag counts once: a planted copy differs from its original by one edit, so
    its flags and labels that repeat the original's are the original's, counted there (counting them
    again would weigh the two planted bases ten times over every other document)."""
    all_flags = {(f.file, f.rule, f.page, f.message) for f in out.flags}
    all_labels = {(lab.file, lab.label.rule, lab.label.quote) for lab in out.labels}
    distinct_flags = [f for f in out.flags
                      if (out.base_of.get(f.file), f.rule, f.page, f.message) not in all_flags]
    distinct_labels = [lab for lab in out.labels
                       if (out.base_of.get(lab.file), lab.label.rule, lab.label.quote) not in all_labels]
    per, total = stats(distinct_flags, distinct_labels)
    _, with_copies = stats(out.flags, out.labels)
    emit("== Flags per rule (error/warning findings on the truth documents; each flag and defect counted once; "
         "a flag is true only when it describes a specific label; repeat = a true flag whose labels an earlier "
         "flag had found already; folded = flags of the rule folded into another flag of the same figure)")
    emit(f"{'rule':<28}{'raised':>7}{'true':>6}{'false':>6}{'repeat':>7}{'folded':>7}{'labels':>7}{'found':>6}"
         f"{'missed':>7}{'precision':>10}{'recall':>8}")
    for rule, s in [*per.items(), ("OVERALL", total)]:
        emit(f"{rule:<28}{s.raised:>7}{s.true:>6}{s.false:>6}{s.repeats:>7}{s.folded:>7}{s.labelled:>7}{s.found:>6}"
             f"{s.missed:>7}{_pct(s.precision):>10}{_pct(s.recall):>8}")
    emit(f"   (every copy's repeats counted too: precision {_pct(with_copies.precision)} "
         f"({with_copies.true}/{with_copies.raised}), recall {_pct(with_copies.recall)} "
         f"({with_copies.found}/{with_copies.labelled}))")
    false = [f for f in out.flags if not f.true]
    seen = {(f.file, f.rule, f.page, f.message) for f in false}
    repeats = [f for f in false if (out.base_of.get(f.file), f.rule, f.page, f.message) in seen]
    emit(f"== False flags ({len(false)}; {len(repeats)} on planted copies repeat their original's and are not listed)")
    for f in false:
        if f not in repeats:
            emit(f"  {f.file} p{f.page} {f.rule}: {f.message[:160]}")
    for f in out.flags:  # a flag folded into a true one that describes no label is a false claim all the same
        for sub in f.folded_false if f.true and f.file not in out.base_of else ():
            emit(f"  {f.file} p{f.page} (folded into {f.rule}) {sub[:160]}")
    missed = [lab for lab in out.labels if not lab.found]
    seen_l = {(lab.file, lab.label.rule, lab.label.quote) for lab in missed}
    repeats_l = [lab for lab in missed if (out.base_of.get(lab.file), lab.label.rule, lab.label.quote) in seen_l]
    emit(f"== Missed labels ({len(missed)}; {len(repeats_l)} on planted copies repeat their original's "
         "and are not listed)")
    for lab in missed:
        if lab not in repeats_l:
            note = f" — {lab.label.note}" if lab.label.note else ""
            emit(f"  {lab.file} p{lab.label.page} {lab.label.rule}: {lab.label.quote}{note}")
    originals = stats([f for f in out.flags if f.file not in out.base_of and f.file not in out.cases],
                      [lab for lab in out.labels if lab.file not in out.base_of and lab.file not in out.cases])[1]
    planted = [lab for lab in out.labels if lab.label.note.startswith("planted:")]
    emit(f"== Originals only: precision {_pct(originals.precision)} ({originals.true}/{originals.raised}), "
         f"recall {_pct(originals.recall)} ({originals.found}/{originals.labelled}); "
         f"planted defects found: {sum(lab.found for lab in planted)}/{len(planted)}")
    for lab in planted:
        emit(f"  {'found ' if lab.found else 'MISSED'} {lab.label.rule:<26} {lab.file}")
    cross_cases(out, emit)
    return per, total


def cross_cases(out: Outcome, emit: Callable[[str], None]) -> None:
    """Per cross-document case (accuracy/related.py): its labels found, its flags and how many are false."""
    if not out.cases:
        return
    flags = [f for f in out.flags if f.file in out.cases]
    labels = [lab for lab in out.labels if lab.file in out.cases]
    _, s = stats(flags, labels)
    emit(f"== Cross-document cases: precision {_pct(s.precision)} ({s.true}/{s.raised}), "
         f"recall {_pct(s.recall)} ({s.found}/{s.labelled})")
    width = max(len(c) for c in out.cases.values()) + 2
    for case in dict.fromkeys(out.cases.values()):
        fs = [f for f in flags if out.cases[f.file] == case]
        ls = [lab for lab in labels if out.cases[lab.file] == case]
        emit(f"  {case:<{width}}labels {sum(lab.found for lab in ls)}/{len(ls)} found; flags {len(fs)} raised, "
             f"{sum(not f.true for f in fs)} false" + ("" if ls else " (clean: must raise nothing)"))


def _r4(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def summary(out: Outcome, total: RuleStats) -> dict[str, object]:
    """The last line's numbers."""
    t = tally(out.figures)
    scanned: dict[str, object] = {}
    if out.scanned:
        counts = family_counts(out.figures)
        scanned = {"scanned_families": counts, "scanned_criterion_met": all(meets(c) for c in counts.values())}
    return {
        "figures_matched": t["matched"], "figures_total": t["total"],
        "precision": _r4(total.precision), "recall": _r4(total.recall),
        "figures_partial": t["partial"], "figures_wrong": t["wrong"], "figures_missing": t["missing"],
        "flags_raised": total.raised, "flags_true": total.true, "flags_repeat": total.repeats,
        "flags_folded": total.folded, "labels": total.labelled,
        "labels_found": total.found, "tables_found": sum(x.found for x in out.tables),
        "tables_total": len(out.tables), "files": len(out.files),
        "planted_found": sum(lab.found for lab in out.labels if lab.label.note.startswith("planted:")),
        "planted_total": sum(lab.label.note.startswith("planted:") for lab in out.labels),
        "cross_labels": sum(lab.file in out.cases for lab in out.labels),
        "cross_found": sum(lab.found for lab in out.labels if lab.file in out.cases),
        "cross_flags": sum(f.file in out.cases for f in out.flags),
        "cross_true": sum(f.true for f in out.flags if f.file in out.cases),
        **scanned,
    }


def render(out: Outcome, emit: Callable[[str], None] = print) -> dict[str, object]:
    """Print the whole report; the last line is the JSON summary (also returned)."""
    for n in out.notes:
        emit(f"note: {n}")
    figures_table(out, emit)
    if out.scanned:
        scanned_criterion(out, emit)
    unmatched(out, emit)
    tables(out, emit)
    _, total = flag_tables(out, emit)
    result = summary(out, total)
    emit(json.dumps(result, ensure_ascii=False))
    return result
