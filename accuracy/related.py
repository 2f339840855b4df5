"""Cross-document cases: the rules that compare documents (`CROSS_RULES`) measured on related copies of the
real 郴州 决算 and 达州 预算 samples, each case a set of documents read together with the truth PDFs.

The copies and cases themselves are data (accuracy/related_cases.py); here they are rendered by samplegen (as
`accuracy.planted` does), located, and scored: each case's cross-document flags against its labels.
Copies are cached in build/related/ and rebuilt when samplegen, the seeds or the cases change.
"""

from __future__ import annotations

import copy as copying
import dataclasses
import hashlib
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from accuracy.flags import FlagResult, LabelResult, keep
from accuracy.planted import BASES, Edit, apply, locate, page_texts
from accuracy.related_cases import CASES, COPIES, CROSS_RULES, Case, Copy, CrossLabel
from accuracy.truth import ROOT, Label

if TYPE_CHECKING:
    from fiscal.rules.engine import Frames

# what accuracy/__main__ and the tests read from here, the cases' data among it
__all__ = ["CACHE", "CASES", "COPIES", "CROSS_RULES", "Case", "CaseDocs", "Copy", "CrossLabel", "build", "cache_key",
           "cases", "render", "score", "texts_of"]

CACHE = ROOT / "build" / "related"


def _remap(value: Any, fn: Callable[[str], str]) -> Any:
    """Every string inside blocks (dataclasses, lists, tuples) passed through fn; other values kept."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, list):
        return [_remap(v, fn) for v in value]
    if isinstance(value, tuple):
        return tuple(_remap(v, fn) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            setattr(value, f.name, _remap(getattr(value, f.name), fn))
    return value


_YEAR = re.compile(r"(?<![\d.])(20[0-3]\d)(?![\d.]?\d)")


def texts_of(c: Copy) -> Callable[[str], str]:
    """The copy's renames, then its year shift, as one function over a text."""
    def fn(text: str) -> str:
        for old, new in c.rename:
            text = text.replace(old, new)
        if c.years:
            text = _YEAR.sub(lambda m: str(int(m[1]) + c.years), text)
        return text
    return fn


def render(c: Copy, out: Path) -> None:
    """The base sample (style a) from the edited seed, renamed and year-shifted, written to out."""
    from samplegen import seeds
    from samplegen.__main__ import DOCS
    from samplegen.layout import Renderer
    from samplegen.styles import STYLES

    seed_no, stem, _ = BASES[c.base]
    module, make = DOCS[stem]
    make_blocks: Callable[[str], list[Any]] = make  # samplegen's builders are untyped lambdas
    saved = seeds.SEED_DIR
    with tempfile.TemporaryDirectory(prefix="accuracy-related-") as tmp:
        for src in saved.glob("*.txt"):
            text = src.read_text(encoding="utf-8")
            if src.name.startswith(f"{seed_no}_"):
                for find, replace, after in c.edits:
                    text = apply(text, Edit(c.base, "related", find, replace, after=after, tag=c.name))
            (Path(tmp) / src.name).write_text(text, encoding="utf-8")
        seeds.SEED_DIR = Path(tmp)
        try:
            blocks = make_blocks("a")
        finally:
            seeds.SEED_DIR = saved
    fn = texts_of(c)
    Renderer.write(out, STYLES["a"], fn(module.TITLE), _remap(copying.deepcopy(blocks), fn), fn(module.AGENCY))


def cache_key() -> str:
    """Hash of what the copies depend on: samplegen's code, the seeds, the copies."""
    h = hashlib.sha256(repr(COPIES).encode())
    for p in sorted((ROOT / "samplegen").glob("*.py")) + sorted((ROOT / "samples" / "seeds").glob("*.txt")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def build(cache: Path = CACHE, log: Callable[[str], None] = print) -> dict[str, Path]:
    """Render the copies into `cache` unless they are up to date: copy name → path."""
    manifest = cache / "manifest.json"
    key = cache_key()
    paths = {c.name: cache / c.name for c in COPIES}
    if manifest.exists() and json.loads(manifest.read_text(encoding="utf-8")).get("key") == key and all(
            p.exists() for p in paths.values()):
        return paths
    if cache.exists():
        shutil.rmtree(cache)
    cache.mkdir(parents=True)
    for c in COPIES:
        render(c, paths[c.name])
        log(f"related: {c.name}")
    manifest.write_text(json.dumps({"key": key}), encoding="utf-8")
    return paths


@dataclass
class CaseDocs:
    """A case ready to measure: its copies' PDFs, the truth files they stand for, its labels per document."""

    case: Case
    copies: dict[str, Path]  # copy name → PDF
    stands_for: dict[str, str]  # copy name → the truth file (`file`) left out where it is read
    labels: dict[str, list[Label]]  # document (copy name or truth file name) → labels
    expect: dict[str, tuple[str, int]]  # copy name → (agency, year) it must read as


def cases(truth_files: dict[str, Path], cache: Path = CACHE,
          log: Callable[[str], None] = print) -> tuple[list[CaseDocs], list[str]]:
    """(the cases whose originals have a truth file, notes on the ones left out); truth_files: `file` → PDF."""
    stand_ins = {c.name: c.stands_for for c in COPIES if c.stands_for}
    usable = [c for c in CASES if all(n in truth_files for n in (*c.needs, *(stand_ins.get(x) for x in c.copies))
                                      if n)]
    notes = [f"cross-document case {c.id} left out: a truth file it needs is absent" for c in CASES if c not in usable]
    if not usable:
        return [], notes
    paths = build(cache, log)
    by_name = {c.name: c for c in COPIES}
    texts: dict[str, list[str]] = {}
    out = []
    for case in usable:
        labels: dict[str, list[Label]] = {}
        for lab in case.labels:
            pdf = paths.get(lab.on) or truth_files[lab.on]
            texts.setdefault(lab.on, page_texts(pdf))
            page = locate(texts[lab.on], lab.locate)
            labels.setdefault(Path(lab.on).name, []).append(
                Label(lab.rule, page, lab.quote, f"cross-document ({case.id}): {lab.note}", other=lab.other))
        out.append(CaseDocs(case, {n: paths[n] for n in case.copies},
                            {n: by_name[n].stands_for for n in case.copies if by_name[n].stands_for}, labels,
                            {n: (by_name[n].agency, by_name[n].year) for n in case.copies}))
    return out, notes


def _restrict(frames: Frames, doc_ids: set[str]) -> Frames:
    """Frames holding only the given documents' rows."""
    from fiscal.rules.engine import Frames

    return Frames(**{f.name: getattr(frames, f.name).filter(pl.col("doc_id").is_in(list(doc_ids)))
                     for f in dataclasses.fields(frames)})


def _cross_flags(frames: Frames, doc_ids: set[str]) -> list[dict[str, Any]]:
    """The kept flags of the cross-document rules over these documents."""
    from fiscal.rules import evaluate
    from fiscal.rules.precedence import fold

    return list(keep(fold(evaluate(_restrict(frames, doc_ids), rules=list(CROSS_RULES)))).iter_rows(named=True))


def score(frames: Frames, originals: dict[str, tuple[str, Path]], found: list[CaseDocs],
          copy_ids: dict[str, str]) -> tuple[list[FlagResult], list[LabelResult], dict[str, str], list[str]]:
    """Each case read with the truth PDFs (originals: truth file name → (doc_id, PDF)): the cross-document flags
    it adds to those the truth PDFs raise alone, against its labels. Returns (flags, labels, result file → case,
    notes); a result's file is "case/document"."""
    from accuracy.flags import match_document

    base_ids = {doc_id for doc_id, _ in originals.values()}
    name_of = {doc_id: name for name, (doc_id, _) in originals.items()} | {v: k for k, v in copy_ids.items()}
    rows = {r["doc_id"]: r for r in frames.documents.iter_rows(named=True)}
    before = {(f["doc_id"], f["rule"], f["page"], f["message"]) for f in _cross_flags(frames, base_ids)}
    flags_out: list[FlagResult] = []
    labels_out: list[LabelResult] = []
    files: dict[str, str] = {}
    notes: list[str] = []
    for cd in found:
        ids = {copy_ids[n] for n in cd.copies}
        for name, (agency, year) in cd.expect.items():
            row = rows.get(copy_ids[name])
            got = (row["agency"], row["year"]) if row else None
            if got != (agency, year):
                notes.append(f"cross-document case {cd.case.id}: {name} read as {got}, not {(agency, year)}")
        stands_for = {copy_ids[n]: originals[Path(f).name][0] for n, f in cd.stands_for.items()}
        left_out = set(stands_for.values())
        new = [f for f in _cross_flags(frames, (base_ids - left_out) | ids)
               if (stands_for.get(f["doc_id"], f["doc_id"]), f["rule"], f["page"], f["message"]) not in before]
        docs = sorted({name_of[f["doc_id"]] for f in new} | set(cd.labels))
        for doc in docs:
            key = f"{cd.case.id}/{doc}"
            files[key] = cd.case.id
            fr, lr = match_document(key, [f for f in new if name_of[f["doc_id"]] == doc], cd.labels.get(doc, []))
            flags_out += fr
            labels_out += lr
        files.setdefault(f"{cd.case.id}/", cd.case.id)  # a clean case is listed even when it raised nothing
    return flags_out, labels_out, files, notes
