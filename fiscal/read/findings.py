"""Findings: the flags of category "finding" folded into one line per project or document defect.

A project caught by three rules is one finding with three rules (severity = the worst); the
same project in two copies of one disclosure (same agency, year and document kind) is counted
once. Findings are ordered for a reader who acts on them: real documents before 示例数据,
error before warning before info, then by the size of the contradiction (relative gap of the
two figures compared, then their absolute difference).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterable
from typing import Any

import polars as pl

from fiscal import rowsort
from fiscal.rules.engine import evidence_of as evidence_of  # re-exported: the pages read evidence through here
from fiscal.rules.precedence import FOLDED_NOTE

SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
# Rules whose contradiction is "full marks although little was spent": the gap is what was not spent.
EXECUTION_RULES: frozenset[str] = frozenset({"full_score_low_execution", "high_total_low_execution"})
# Pairs of evidence keys holding the two figures a rule compared, first present pair wins.
FIGURE_PAIRS: tuple[tuple[str, str], ...] = (
    ("printed", "computed"), ("narrative", "table"), ("first", "second"), ("total", "sum_of_parts"),
    ("total_score", "sum"), ("exec_rate_reported", "exec_rate"), ("executed", "budget_full_year"),
    ("budget_initial", "budget_full_year"),
)
# Evidence keys holding text quoted from the page, most precise first.
QUOTE_KEYS: tuple[str, ...] = ("clause", "text", "sentences", "cover", "name")
# Row labels of a self-evaluation form that carry the budget, execution and score figures.
PROJECT_ROW_LABELS: tuple[str, ...] = ("年度资金总额",)
FINDING_SCHEMA: dict[str, Any] = {
    "finding_id": pl.String, "severity": pl.String, "rules": pl.List(pl.String), "rule": pl.String,
    "agency_id": pl.String, "agency": pl.String, "region": pl.String, "year": pl.Int32, "project": pl.String,
    "message": pl.String, "doc_id": pl.String, "page": pl.Int32, "synthetic": pl.Boolean, "copies": pl.Int64,
    "gap": pl.Float64, "difference": pl.Float64,
}
_PAGE_REF = re.compile(r"[（(]?第\s*\d+\s*页[)）]?")


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def contradiction(rule: str, evidence: str | None) -> tuple[float | None, float | None]:
    """(relative gap 0..1, absolute difference) of the two figures a flag compared; None when it compared none."""
    ev = evidence_of(evidence)
    if rule in EXECUTION_RULES and _num(ev.get("exec_rate")) is not None:
        rate = _num(ev.get("exec_rate")) or 0.0
        budget, executed = _num(ev.get("budget_full_year")), _num(ev.get("executed"))
        diff = budget - executed if budget is not None and executed is not None else None
        return min(max(1.0 - rate, 0.0), 1.0), diff
    checks = ev.get("checks")
    if isinstance(checks, list) and checks:  # several sums on one page: the worst one
        best: tuple[float | None, float | None] = (None, None)
        for check in checks:
            got = _pair_gap(check) if isinstance(check, dict) else (None, None)
            if got[0] is not None and (best[0] is None or got[0] > best[0]):
                best = got
        return best
    return _pair_gap(ev)


def _pair_gap(ev: dict[str, Any]) -> tuple[float | None, float | None]:
    for a_key, b_key in FIGURE_PAIRS:
        a, b = _num(ev.get(a_key)), _num(ev.get(b_key))
        if a is None or b is None:
            continue
        diff = abs(a - b)
        scale = max(abs(a), abs(b))
        return (min(diff / scale, 1.0) if scale else 0.0), diff
    return None, None


def _norm_message(message: str | None) -> str:
    """A message without its page references (two copies of a document differ in page numbers only) nor the note
    of the flags folded into it (fiscal.rules.precedence: a finding keeps its id whatever folds into it)."""
    return FOLDED_NOTE.sub("", _PAGE_REF.sub("", message or "")).strip()


def finding_key(row: dict[str, Any]) -> str:
    """What makes two flags the same finding: the project of an agency-year and document kind, else the defect."""
    base = f"{row.get('agency_id') or row.get('agency') or ''}|{row.get('year')}|{row.get('doc_kind') or ''}"
    if row.get("project"):
        return f"{base}|project|{row['project']}"
    sentence = evidence_of(row.get("evidence")).get("text")
    if isinstance(sentence, str) and sentence.strip():  # one printed sentence caught by several rules
        return f"{base}|text|{''.join(unicodedata.normalize('NFKC', sentence).split())}"
    return f"{base}|{row.get('rule')}|{_norm_message(row.get('message'))}"


def finding_id(key: str) -> str:
    """A stable id for a URL: hash of the finding's key (not of its rules, so a changed threshold that
    adds or drops one of them keeps the id)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


_TAGS: dict[int, tuple[str, float | None, float | None]] = {}  # hash of the flag's fields → its tags
_TAGS_MAX = 400_000
TAG_COLUMNS: dict[str, Any] = {"finding_id": pl.String, "synthetic": pl.Boolean, "doc_kind": pl.String,
                               "gap": pl.Float64, "difference": pl.Float64}
_TAG_INPUT = ("rule", "agency_id", "agency", "year", "doc_kind", "project", "message", "evidence")


def _tag(row: tuple[Any, ...]) -> tuple[str, float | None, float | None]:
    """(finding id, gap, difference) of one flag, remembered: a lake's flags are tagged again after every
    commit and threshold change, and most are the same flags."""
    key = hash(row)  # the hash, not the row: the memo must not keep every flag's texts alive
    got = _TAGS.get(key)
    if got is None:
        if len(_TAGS) >= _TAGS_MAX:
            _TAGS.clear()
        named = dict(zip(_TAG_INPUT, row, strict=True))
        gap, diff = contradiction(named["rule"], named["evidence"])
        got = _TAGS[key] = (finding_id(finding_key(named)), gap, diff)
    return got


def annotate(flags: pl.DataFrame, documents: pl.DataFrame, known: pl.DataFrame | None = None) -> pl.DataFrame:
    """Every flag with finding_id, synthetic, doc_kind, gap and difference (`TAG_COLUMNS`) added; each flag's
    tags depend on that flag alone, so flags can be tagged apart and concatenated. `known`: tagged flags whose
    tags a flag equal to one of them takes (a rule rerun under changed thresholds gives mostly the same flags)."""
    base = flags.drop([c for c in TAG_COLUMNS if c in flags.columns])
    if flags.is_empty():
        return base.with_columns(*(pl.lit(None, dtype=t).alias(c) for c, t in TAG_COLUMNS.items()))
    # only the flags' documents: a changed threshold tags a few thousand flags, and a lookup table of the lake's
    # 100,000 documents cost more than the tagging (twice, one per column)
    ids = flags.get_column("doc_id").drop_nulls().unique().implode()
    docs = documents.filter(pl.col("doc_id").is_in(ids)).select(
        "doc_id", pl.col("synthetic").fill_null(False), "doc_kind").unique("doc_id")
    # looked up, not joined: a join would copy every column of the (large) flags frame
    fl = base.with_columns(
        pl.col("doc_id").replace_strict(docs["doc_id"], docs["synthetic"], default=False,
                                        return_dtype=pl.Boolean).fill_null(False).alias("synthetic"),
        pl.col("doc_id").replace_strict(docs["doc_id"], docs["doc_kind"], default=None,
                                        return_dtype=pl.String).alias("doc_kind"))
    if known is None or known.is_empty() or "finding_id" not in known.columns:
        tags = [_tag(r) for r in fl.select(_TAG_INPUT).iter_rows()]
        return fl.with_columns(
            pl.Series("finding_id", [k for k, _, _ in tags], dtype=pl.String),
            pl.Series("gap", [g for _, g, _ in tags], dtype=pl.Float64),
            pl.Series("difference", [d for _, _, d in tags], dtype=pl.Float64),
        ).select(*base.columns, *TAG_COLUMNS)
    ref = known.select(*_TAG_INPUT, "finding_id", "gap", "difference").unique(subset=list(_TAG_INPUT), keep="first")
    found = fl.select(_TAG_INPUT).with_row_index("_r").join(
        ref, on=list(_TAG_INPUT), how="left", nulls_equal=True).sort("_r")
    fid, gap, diff = found["finding_id"].to_list(), found["gap"].to_list(), found["difference"].to_list()
    for i, *row in found.filter(pl.col("finding_id").is_null()).select("_r", *_TAG_INPUT).iter_rows():
        fid[i], gap[i], diff[i] = _tag(tuple(row))
    return fl.with_columns(pl.Series("finding_id", fid, dtype=pl.String), pl.Series("gap", gap, dtype=pl.Float64),
                           pl.Series("difference", diff, dtype=pl.Float64)).select(*base.columns, *TAG_COLUMNS)


def tag_flags(flags: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """The finding flags (category "finding") with finding_id, synthetic, doc_kind, gap and difference added
    (kept when `annotate` already added them: fiscal.read.flags.all_flags does)."""
    tagged = flags if "finding_id" in flags.columns else annotate(flags, documents)
    if "category" in tagged.columns:
        tagged = tagged.filter(pl.col("category").fill_null("finding") == "finding")
    return tagged


# The findings of the last few flag frames, by identity: a lake's flags (per version and thresholds) are one
# immutable frame every page run passes again; holding it keeps its id from being reused.
# Tagged flags (fiscal.read.flags.all_flags) need not the documents, so only the flags' identity counts.
_FOUND: dict[int, tuple[pl.DataFrame, pl.DataFrame]] = {}
_FOUND_MAX = 3
# Below this many flags the findings are computed again (cheaper than remembering them).
_FOUND_MIN_FLAGS = 5000


# Who keeps the findings of the lake's own flag frames and of their selections (fiscal.read.lakefindings registers
# itself here: it imports this module, so this one cannot import it): frame → (findings, whether it keeps them
# itself), or None for a frame it does not know.
KEPT: list[Callable[[pl.DataFrame], tuple[pl.DataFrame, bool] | None]] = []


def findings(flags: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """One row per finding (FINDING_SCHEMA), most serious first; `flags` as fiscal.read.flags gives them."""
    if flags.height < _FOUND_MIN_FLAGS or "finding_id" not in flags.columns:
        return _findings(flags, documents)
    got = _FOUND.get(id(flags))
    if got is not None and got[0] is flags:
        return got[1]
    for kept in KEPT:
        known = kept(flags)
        if known is not None and known[1]:
            return known[0]
        if known is not None:
            out = known[0]
            break
    else:
        out = _findings(flags, documents)
    if len(_FOUND) >= _FOUND_MAX:
        del _FOUND[next(iter(_FOUND))]
    _FOUND[id(flags)] = (flags, out)
    return out


def _findings(flags: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    tagged = tag_flags(flags, documents)
    if tagged.is_empty():
        return pl.DataFrame(schema=FINDING_SCHEMA)
    return _order(_fold(tagged))


def _fold(tagged: pl.DataFrame) -> pl.DataFrame:
    """The tagged flags folded into one row per finding (with its region_code when the flags have one)."""
    sev = pl.col("severity").replace_strict(SEVERITY_RANK, default=3, return_dtype=pl.Int8)
    # the row that speaks for a finding: its worst flag, from a real document, the largest gap
    # rule and message last: the same row speaks whatever order the flags came in (a cache folds them by agency)
    ranked = rowsort.sort(
        tagged.with_columns(sev.alias("_sev")), ["synthetic", "_sev", "gap", "difference", "doc_id", "page", "rule",
                                                 "message"],
        descending=[False, False, True, True, False, False, False, False], nulls_last=True, maintain_order=True)
    # with region_code: the finding's and how many (region, agency, year) its flags lie in (fiscal.read.lakefindings)
    region = [pl.col("region_code").first(), pl.struct("region_code", "agency_id", "year").n_unique().alias(
        "_places")] if "region_code" in tagged.columns else []
    return ranked.group_by("finding_id", maintain_order=True).agg(
        pl.col("_sev").min(), pl.col("rule").unique(maintain_order=True).alias("rules"),
        pl.col("rule").first(), pl.col("agency_id").first(), pl.col("agency").first(), pl.col("region").first(),
        pl.col("year").first(), pl.col("project").first(), pl.col("message").first(), pl.col("doc_id").first(),
        pl.col("page").first(), pl.col("synthetic").all(), pl.col("doc_id").n_unique().cast(pl.Int64).alias("copies"),
        pl.col("gap").max(), pl.col("difference").max(), *region)


ORDER: list[str] = ["synthetic", "_sev", "gap", "difference", "agency", "year", "project", "finding_id"]
_ORDER_DESCENDING: list[bool] = [False, False, True, True, False, False, False, False]


def _order(out: pl.DataFrame, keep: tuple[str, ...] = (), ordered: int = 0) -> pl.DataFrame:
    """Folded findings most serious first (finding_id breaks ties: the same order however they were folded);
    FINDING_SCHEMA's columns and those in `keep`. `ordered`: how many first rows are in that order already (the
    lake's findings kept from the last version; the rest, refolded, are put in their places)."""
    return order_keyed(out, keep, ordered)[0]


def order_keyed(out: pl.DataFrame, keep: tuple[str, ...] = (), ordered: int = 0
                ) -> tuple[pl.DataFrame, pl.Series | None]:
    """`_order`, and the ORDER key of its rows when one was made on the way (what `remember_key` keeps)."""
    key: pl.Series | None = None
    if ordered and ordered == out.height:  # in order already (the lake's findings unchanged): its key, if made
        key = _known_key(out)
    elif ordered:
        out, key = _spliced(out.slice(0, ordered), None, out.slice(ordered), keyed=True)
    elif out.height >= rowsort.MIN_ROWS:  # sorted by the key (as fiscal.rowsort), which is then at hand
        key = _order_key(out)
        perm = key.arg_sort()
        out, key = out.gather(perm), key.gather(perm)
    else:
        out = out.sort(ORDER, descending=_ORDER_DESCENDING, nulls_last=True)
    out = out.with_columns(pl.col("_sev").replace_strict({v: k for k, v in SEVERITY_RANK.items()},
                                                         return_dtype=pl.String).alias("severity"))
    done = out.select(*[pl.col(c).cast(t) for c, t in FINDING_SCHEMA.items()], *[c for c in keep if c in out.columns])
    same = all(c in done.columns and done.schema[c] == out.schema[c] for c in ORDER)  # the key encodes these types
    return done, key if same else None


def _order_key(df: pl.DataFrame) -> pl.Series:
    """One binary key per row whose byte order is ORDER (polars' row encoding, as fiscal.rowsort)."""
    return df.select(ORDER)._row_encode(descending=_ORDER_DESCENDING, nulls_last=[True] * len(ORDER)).cast(pl.Binary)


# The key of the last few frames kept in ORDER (the lake's findings: every changed threshold splices into them).
_KEYS: dict[int, tuple[weakref.ref[pl.DataFrame], pl.Series]] = {}


def remember_key(rows: pl.DataFrame, key: pl.Series) -> None:
    """Keep `key` as the ORDER key of `rows` (made with them: a changed threshold then splices without one)."""
    for old in [k for k, (ref, _) in _KEYS.items() if ref() is None]:
        del _KEYS[old]
    if len(_KEYS) >= 4:
        del _KEYS[next(iter(_KEYS))]
    _KEYS[id(rows)] = (weakref.ref(rows), key)


def _known_key(rows: pl.DataFrame) -> pl.Series | None:
    got = _KEYS.get(id(rows))
    return got[1] if got is not None and got[0]() is rows else None


def _kept_key(head: pl.DataFrame) -> pl.Series:
    known = _known_key(head)
    if known is not None:
        return known
    key = _order_key(head)
    remember_key(head, key)
    return key


def spliced(head: pl.DataFrame, drop: pl.Series | None, tail: pl.DataFrame) -> pl.DataFrame:
    """`head` (in ORDER) without the rows `drop` marks and with `tail` (any order, same columns), in ORDER: the
    tail sorted and put in its places by a binary search, every row then gathered once (a sort of the lake's
    370,000 findings compares them all: ~0.2 s; this ~0.04 s, a changed threshold refolding thousands of them)."""
    return _spliced(head, drop, tail)[0]


def _spliced(head: pl.DataFrame, drop: pl.Series | None, tail: pl.DataFrame, keyed: bool = False
             ) -> tuple[pl.DataFrame, pl.Series | None]:
    """`spliced`, and (`keyed`) the ORDER key of its rows."""
    if not tail.height:
        out = head if drop is None or not drop.any() else head.filter(~drop)
        return out, _known_key(head) if keyed and out is head else None
    tail = rowsort.sort(tail, ORDER, descending=_ORDER_DESCENDING, nulls_last=True)
    try:
        head_key, tail_key = _kept_key(head), _order_key(tail)
        places = head_key.search_sorted(tail_key, side="left").cast(pl.Int64)
    except (AttributeError, TypeError, pl.exceptions.PolarsError):  # an internal of polars: gone in another version
        kept = head if drop is None else head.filter(~drop)
        return rowsort.sort(pl.concat([kept, tail]), ORDER, descending=_ORDER_DESCENDING, nulls_last=True), None
    # a kept row j sorts at 2j + 1, a tail row before the kept row it was found before at 2·place (finding_id is in
    # the key: no two rows are equal; tail rows of one place keep their sorted order); dropped rows are left out
    own = pl.int_range(0, head.height, dtype=pl.Int64, eager=True) * 2 + 1
    at = pl.DataFrame({"at": pl.concat([own, places * 2])}).with_row_index("_r")
    if drop is not None and drop.any():
        at = at.filter(pl.concat([~drop, pl.Series([True] * tail.height)]))
    perm = at.sort("at", maintain_order=True).get_column("_r")
    # one piece first: a gather over two (head and tail) looks up each row's piece, ~25× slower at 370,000 rows
    out = pl.concat([head, tail], how="vertical", rechunk=True).gather(perm)
    return out, pl.concat([head_key, tail_key], rechunk=True).gather(perm) if keyed else None


def finding_flags(flags: pl.DataFrame, documents: pl.DataFrame, fid: str) -> pl.DataFrame:
    """Every flag of one finding (all its rules, all copies), worst first, the speaking document first."""
    tagged = tag_flags(flags, documents).filter(pl.col("finding_id") == fid)
    if tagged.is_empty():
        return tagged
    sev = pl.col("severity").replace_strict(SEVERITY_RANK, default=3, return_dtype=pl.Int8)
    return tagged.with_columns(sev.alias("_sev")).sort(
        ["synthetic", "_sev", "gap", "doc_id", "page"], descending=[False, False, True, False, False],
        nulls_last=True).drop("_sev")


def search(found: pl.DataFrame, text: str) -> pl.DataFrame:
    """The findings whose agency, project, region or message contains `text` (case-insensitive)."""
    text = text.strip()
    if not text or found.is_empty():
        return found
    hit = pl.lit(False)
    for col in ("agency", "project", "message", "region"):
        hit = hit | pl.col(col).fill_null("").str.to_lowercase().str.contains(text.lower(), literal=True)
    return found.filter(hit)


def quotes(flag_rows: Iterable[dict[str, Any]]) -> list[str]:
    """Text to find on the source page for a finding's flags: quoted sentences, the project's figures row and name."""
    out: list[str] = []
    for row in flag_rows:
        ev = evidence_of(row.get("evidence"))
        for key in QUOTE_KEYS:
            value = ev.get(key)
            values = value if isinstance(value, list) else [value]
            out += [v for v in values if isinstance(v, str) and len(v.strip()) >= 2]
        if isinstance(ev.get("table"), str):  # a table's title (an empty or missing table)
            out.append(ev["table"])
        if row.get("project"):
            out += [row["project"], *PROJECT_ROW_LABELS]
        checks = [c for c in ev.get("checks") or [] if isinstance(c, dict)][:3]
        for figures in (ev, *checks):  # a table figure compared, as printed (with or without separators)
            value = _num(figures.get("first")) if "first" in figures else _num(figures.get("total"))
            if value is not None and not row.get("project"):
                out += [f"{value:,.2f}", f"{value:.2f}"]
    return list(dict.fromkeys(out))


def reading_status(readings: pl.DataFrame) -> pl.DataFrame:
    """Per document, how its tables were read: doc_id, complete, partial, unread (counts)."""
    schema = {"doc_id": pl.String, "complete": pl.Int64, "partial": pl.Int64, "unread": pl.Int64}
    if readings.is_empty() or "status" not in readings.columns:
        return pl.DataFrame(schema=schema)
    return readings.group_by("doc_id").agg(
        *((pl.col("status") == s).sum().cast(pl.Int64).alias(s) for s in ("complete", "partial", "unread"))
    ).select(list(schema))
