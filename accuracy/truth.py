"""Truth files (accuracy/truth/**/*.toml, format in TRUTH_FORMAT.md): load and validate.

A truth file is written by hand from the PDF, never from our lake; the harness compares
the lake against it. Validation is strict on keys (a typo would silently never match).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Doc = dict[str, Any]  # a parsed TOML document or one of its tables
ROOT = Path(__file__).resolve().parent.parent
TRUTH_DIR = Path(__file__).resolve().parent / "truth"
SAMPLES = ROOT / "samples"
DESIGN = ROOT / "docs" / "DESIGN.md"

META_FIELDS = ("agency", "region_code", "year", "doc_kind", "scope")
DOC_KINDS = ("final_account", "budget", "performance_report")
SCOPES = ("department", "unit")
STAGES = ("budget", "actual")
SANGONG_ITEMS = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
SANGONG_SOURCES = ("table", "prose", "prose_sum")
SUMMARY_TABLES = ("summary", "fiscal_summary")
# TRUTH_FORMAT.md's keys plus the ones docs/CONTRACT.md adds (a truth writer may use either)
SUMMARY_ITEMS = (
    "income_total", "expenditure_total", "opening_balance", "closing_balance", "grand_total",
    "grand_total_expenditure", "fiscal_appropriation", "gov_fund_appropriation", "soe_appropriation",
    "superior_subsidy", "business_income", "operating_income", "affiliated_income", "other_income",
    "fiscal_total", "non_fiscal_balance_used", "balance_distribution", "opening_balance_fiscal",
    "opening_balance_gov_fund", "opening_balance_soe", "function_class", "other",
)
# items that repeat within one table: their label is part of the key
LABELLED_ITEMS = ("function_class", "other")
LINE_TABLES = ("income", "expenditure", "fiscal_expenditure", "gpb_expenditure", "gov_fund", "soe_capital")
MEASURES = (
    "total", "basic", "project", "remit_superior", "operating", "affiliated_subsidy", "fiscal", "superior_subsidy",
    "business", "affiliated", "other", "gpb", "gov_fund", "soe_capital", "carried_over", "special_account",
    "current_year", "opening", "income", "closing",
    "reserve",  # 单位预留机动经费 (江苏 支出预算总表): no contract measure yet, so missing until the ingest reads it
)
PROJECT_FIELDS = ("budget_initial", "budget_full_year", "executed", "exec_rate_reported", "exec_weight",
                  "exec_score", "total_score")
TOP_KEYS = {"file", "read_by", "notes", "companion", "meta", "tables", "sangong", "summary", "line_items", "projects",
            "defects"}
ALLOWED = {
    "tables": ({"family", "title", "page"}, {"empty", "note", "notes"}),
    # source: table (default) | prose | prose_sum, as the lake's sangong.source; 会议费/培训费 may be noted
    "sangong": ({"stage", "item", "amount", "page"},
                {"note", "label", "source", "meeting", "training", "printed_total_incl_meeting_training"}),
    "summary": ({"table", "item", "amount", "page"}, {"label", "note"}),
    "line_items": ({"table", "measure", "amount", "page"}, {"code", "name", "note", "level"}),
    "projects": ({"project", "page"}, set(PROJECT_FIELDS) | {"note", "implementing_unit", "project_code"}),
    # other: the other document(s) of a defect between documents (a cross-document rule's label)
    # evidence: what tells this defect's flag from another flag of its rule on the page (TRUTH_FORMAT.md)
    "defects": ({"rule", "page", "quote"}, {"note", "other", "evidence"}),
}


class TruthError(ValueError):
    """A truth file that does not follow the format."""


@dataclass(frozen=True)
class Figure:
    """One figure to find in the lake: its section, its key (hashable), the amount and page."""

    section: str  # sangong | summary | line_items | projects
    key: tuple[Any, ...]
    amount: float
    page: int | None

    def describe(self) -> str:
        """The key as a reader sees it."""
        return " ".join(str(k) for k in self.key if k is not None and k != "")


@dataclass(frozen=True)
class Label:
    """A defect a reviewer marked: rule id, page, quote."""

    rule: str
    page: int | None
    quote: str
    note: str = ""
    other: str = ""  # the other document(s) of a defect between documents (TRUTH_FORMAT.md)
    # (key, value) pairs a matching flag's evidence must hold, when the quote alone does not tell this
    # defect's flag from another one of its rule on the page (TRUTH_FORMAT.md, "Which flag is this defect's")
    evidence: tuple[tuple[str, Any], ...] = ()


@dataclass
class Truth:
    """One truth file, loaded."""

    path: Path
    file: str  # relative to samples/
    meta: Doc
    tables: list[Doc] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    planted: str | None = None  # the planted defect's id, for generated copies

    @property
    def pdf(self) -> Path:
        return SAMPLES / self.file

    @property
    def name(self) -> str:
        return Path(self.file).name


def fold(text: str) -> str:
    """Text for comparison: NFKC, no whitespace, unified quotes/parentheses."""
    text = unicodedata.normalize("NFKC", text or "")
    quotes: dict[str, str | int | None] = {"“": '"', "”": '"', "‘": "'", "’": "'"}
    text = text.translate(str.maketrans(quotes))
    return re.sub(r"\s+", "", text)


def fold_label(text: str) -> str:
    """A 总表 line's label for matching: folded, without its ordinal (一、 / （二） / 3.)."""
    return re.sub(r"^([一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|\d+[.、])", "", fold(text))


def design_rule_ids(design: Path = DESIGN) -> tuple[str, ...]:
    """Rule ids of the table under '## Anomaly rules' in docs/DESIGN.md."""
    text = design.read_text(encoding="utf-8")
    section = text.split("## Anomaly rules", 1)[1].split("\n## ", 1)[0]
    return tuple(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M))


def family_keys() -> tuple[str, ...]:
    """Table family keys of ingest/families.py."""
    from ingest.families import FAMILIES

    return tuple(f.key for f in FAMILIES)


ANNOTATIONS = {"note", "notes", "quote", "printed", "label"}  # free text a writer may add anywhere


def _one_of(kind: str, i: int, entry: Doc, key: str, allowed: tuple[str, ...], errors: list[str]) -> None:
    if key in entry and entry[key] not in allowed:
        errors.append(f"[[{kind}]] #{i + 1}: {key} = {entry[key]!r} is not one of {', '.join(allowed)}")


def entry_errors(kind: str, i: int, e: Doc, families: tuple[str, ...], rules: tuple[str, ...]) -> list[str]:
    """Problems of one [[kind]] entry."""
    errors: list[str] = []
    need, optional = ALLOWED[kind]
    missing = need - set(e)
    unknown = set(e) - need - optional - ANNOTATIONS
    if missing:
        errors.append(f"[[{kind}]] #{i + 1}: missing {sorted(missing)}")
    if unknown:
        errors.append(f"[[{kind}]] #{i + 1}: unknown keys {sorted(unknown)}")
    page = e.get("page")
    if page is not None and not (isinstance(page, int) and page >= 1):
        errors.append(f"[[{kind}]] #{i + 1}: page must be an integer ≥ 1, got {page!r}")
    for k, v in e.items():
        if (k == "amount" or k in PROJECT_FIELDS) and not isinstance(v, (int, float)):
            errors.append(f"[[{kind}]] #{i + 1}: {k} must be a number, got {v!r}")
    if kind == "tables":
        _one_of(kind, i, e, "family", families, errors)
    elif kind == "sangong":
        _one_of(kind, i, e, "stage", STAGES, errors)
        _one_of(kind, i, e, "item", SANGONG_ITEMS, errors)
        _one_of(kind, i, e, "source", SANGONG_SOURCES, errors)
    elif kind == "summary":
        _one_of(kind, i, e, "table", SUMMARY_TABLES, errors)
        _one_of(kind, i, e, "item", SUMMARY_ITEMS, errors)
    elif kind == "line_items":
        _one_of(kind, i, e, "table", LINE_TABLES, errors)
        _one_of(kind, i, e, "measure", MEASURES, errors)
        if e.get("code") not in (None, "") and not re.fullmatch(r"\d{3}(\d{2}){0,2}", str(e["code"])):
            errors.append(f"[[{kind}]] #{i + 1}: code {e['code']!r} is not a 3/5/7-digit function code")
    elif kind == "defects":
        _one_of(kind, i, e, "rule", rules, errors)
        ev = e.get("evidence", {})
        if not isinstance(ev, dict) or not all(isinstance(v, (str, int, float)) for v in ev.values()):
            errors.append(f"[[{kind}]] #{i + 1}: evidence must be a table of strings and numbers")
    return errors


def file_errors(data: Doc) -> list[str]:
    """Problems of the file as a whole (file, [meta], top-level keys)."""
    errors: list[str] = []
    unknown = set(data) - TOP_KEYS
    if unknown:
        errors.append(f"unknown top-level keys {sorted(unknown)}")
    if not isinstance(data.get("file"), str):
        errors.append("file (path relative to samples/) is required")
    meta = data.get("meta")
    if not isinstance(meta, dict):
        return errors + ["[meta] is required"]
    extra = set(meta) - set(META_FIELDS)
    if extra:
        errors.append(f"[meta]: unknown keys {sorted(extra)}")
    if "year" in meta and not isinstance(meta["year"], int):
        errors.append("[meta]: year must be an integer")
    if "region_code" in meta and not re.fullmatch(r"\d{6}", str(meta["region_code"])):
        errors.append(f"[meta]: region_code {meta['region_code']!r} is not 6 digits")
    if meta.get("doc_kind") not in (None, *DOC_KINDS):
        errors.append(f"[meta]: doc_kind {meta['doc_kind']!r} unknown")
    if meta.get("scope") not in (None, *SCOPES):
        errors.append(f"[meta]: scope {meta['scope']!r} unknown")
    for kind in ALLOWED:
        if not isinstance(data.get(kind, []), list):
            errors.append(f"{kind} must be an array of tables ([[{kind}]])")
    return errors


def validate(data: Doc, families: tuple[str, ...] | None = None, rules: tuple[str, ...] | None = None) -> list[str]:
    """Every problem of a parsed truth file (empty when it follows the format)."""
    families = families if families is not None else family_keys()
    rules = rules if rules is not None else design_rule_ids()
    errors = file_errors(data)
    for kind in ALLOWED:
        entries = data.get(kind, [])
        if isinstance(entries, list):
            for i, e in enumerate(entries):
                errors += entry_errors(kind, i, e, families, rules)
    return errors


def drop_invalid(data: Doc, families: tuple[str, ...], rules: tuple[str, ...]) -> tuple[Doc, list[str]]:
    """The document without its invalid entries, and their problems (the harness measures the rest)."""
    out, errors = dict(data), []
    for kind in ALLOWED:
        entries = data.get(kind, [])
        if isinstance(entries, list):
            kept = []
            for i, e in enumerate(entries):
                problems = entry_errors(kind, i, e, families, rules)
                errors += problems
                if not problems:
                    kept.append(e)
            out[kind] = kept
    return out, errors


def figures_of(data: Doc) -> list[Figure]:
    """The figures of a parsed truth file, keyed as the comparison looks them up."""
    out: list[Figure] = []
    for e in data.get("sangong", []):
        source = e.get("source", "table")
        key = (e["stage"], e["item"]) if source == "table" else (e["stage"], e["item"], source)
        out.append(Figure("sangong", key, float(e["amount"]), e.get("page")))
    for e in data.get("summary", []):
        label = fold_label(e.get("label", "")) if e["item"] in LABELLED_ITEMS else ""
        out.append(Figure("summary", (e["table"], e["item"], label), float(e["amount"]), e.get("page")))
    for e in data.get("line_items", []):
        code = str(e["code"]) if e.get("code") not in (None, "") else None
        out.append(Figure("line_items", (e["table"], code, e["measure"]), float(e["amount"]), e.get("page")))
    for e in data.get("projects", []):
        for f in PROJECT_FIELDS:
            if f in e:
                out.append(Figure("projects", (e["project"], f), float(e[f]), e.get("page")))
    return out


def parse(data: Doc, path: Path) -> Truth:
    """A Truth from a validated, parsed TOML document."""
    labels = [Label(d["rule"], d.get("page"), d.get("quote", ""), d.get("note", ""), d.get("other", ""),
                    tuple(sorted((d.get("evidence") or {}).items())))
              for d in data.get("defects", [])]
    return Truth(path, data["file"], dict(data["meta"]), list(data.get("tables", [])), figures_of(data), labels)


def read(path: Path) -> Doc:
    """The parsed TOML of a truth file (TruthError when it is not TOML)."""
    with open(path, "rb") as fh:
        try:
            return tomllib.load(fh)
        except tomllib.TOMLDecodeError as e:
            raise TruthError(f"{path}: not valid TOML: {e}") from e


def load(path: Path, families: tuple[str, ...] | None = None, rules: tuple[str, ...] | None = None) -> Truth:
    """Load and validate one truth file strictly; TruthError lists every problem."""
    data = read(path)
    errors = validate(data, families, rules)
    if errors:
        raise TruthError(f"{path}:\n  " + "\n  ".join(errors))
    return parse(data, path)


def truth_files(folder: Path = TRUTH_DIR) -> list[Path]:
    """Every truth file under the folder, in a stable order."""
    return sorted(folder.rglob("*.toml"))


def load_all(folder: Path = TRUTH_DIR) -> tuple[list[Truth], list[str]]:
    """(the usable truth files, problems found): an invalid entry is dropped and reported, a file
    without a usable file/[meta] or whose PDF is absent is skipped."""
    families, rules = family_keys(), design_rule_ids()
    truths, notes = [], []
    for path in truth_files(folder):
        rel = path.relative_to(folder)
        try:
            data = read(path)
        except TruthError as e:
            notes.append(str(e))
            continue
        fatal = file_errors(data)
        if fatal:
            notes.append(f"truth {rel} skipped: " + "; ".join(fatal))
            continue
        data, dropped = drop_invalid(data, families, rules)
        if dropped:
            notes.append(f"truth {rel}: {len(dropped)} entries left out: " + "; ".join(dropped[:6])
                         + (" …" if len(dropped) > 6 else ""))
        t = parse(data, path)
        if not t.pdf.exists():
            notes.append(f"truth {rel} skipped: file {t.file!r} not found under samples/")
            continue
        truths.append(t)
    return truths, notes
