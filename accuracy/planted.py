"""Planted defects: copies of the 郴州 and 达州 samples re-rendered by samplegen from the seed
text with ONE string edit each, so every rule kind has a known, labelled case.

Each copy's truth is its original's (figures, tables, labels, pages re-located) plus the
planted label, with the edited figure changed when the edit touches a table cell. Copies
are cached in build/planted/ and rebuilt when samplegen, the seeds or the edit list change.
"""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import pypdfium2 as pdfium

from accuracy.truth import ROOT, Figure, Label, Truth, fold

CACHE = ROOT / "build" / "planted"
# base name → (seed number, the sample it re-renders (style a), its truth file's `file`)
BASES = {
    "chenzhou": ("000", "chenzhou_2022_final", "chenzhou_2022_final_a.pdf"),
    "dazhou": ("001", "dazhou_2023_budget", "dazhou_2023_budget_a.pdf"),
}


@dataclass(frozen=True)
class Edit:
    """One planted defect: replace `find` (its first occurrence after `after`) by `replace`."""

    base: str
    rule: str
    find: str
    replace: str
    after: str = ""
    locate: tuple[str, ...] = ()  # strings on the defect's page (default: the replacement)
    figure: tuple | None = None  # (section, key, amount): the truth figure the edit changes
    also: tuple[tuple[str, str], ...] = ()  # (rule, quote): further defects the edit causes
    tag: str = ""  # distinguishes two edits of one rule on one base

    @property
    def id(self) -> str:
        return f"{self.base}_{self.rule}{'_' + self.tag if self.tag else ''}"

    @property
    def quote(self) -> str:
        return self.replace.strip().replace("\t", " ")


EDITS: tuple[Edit, ...] = (
    # 郴州市医疗保障局 2022 决算 (seed 000)
    Edit("chenzhou", "year_inconsistent", "十三、关于 2022 年度预算绩效情况的说明",
         "十三、关于 2021 年度预算绩效情况的说明"),
    Edit("chenzhou", "percentage_misstated", "基本支出 971.50 万元，占 66.15%", "基本支出 971.50 万元，占 61.15%"),
    Edit("chenzhou", "comparison_wording_wrong", "决算数大于预算数主要原因是：统一预算调整",
         "决算数小于预算数主要原因是：统一预算调整"),
    # an XX局 placeholder in a heading is also an agency named wrongly (issue #14: agency_name_inconsistent)
    Edit("chenzhou", "template_residue", "十一、关于政府采购支出说明", "十一、关于XX局政府采购支出说明",
         after="未举办节庆、晚会、论坛、赛事活动",
         also=(("agency_name_inconsistent", "十一、关于XX局政府采购支出说明"),)),
    Edit("chenzhou", "narrative_table_mismatch", "支出决算为 173.09 万元，年初预算为 0 万元",
         "支出决算为 137.09 万元，年初预算为 0 万元"),
    Edit("chenzhou", "unit_mismatch", "2、公务接待费支出决算为 2.22 万元，全年",
         "2、公务接待费支出决算为 2.22 元，全年"),
    Edit("chenzhou", "sangong_sum_mismatch", "\t4.00\t2.22", "\t4.00\t2.52", after="公开09表",
         locate=("公开09表", "2.52"), figure=("sangong", ("actual", "reception"), 2.52),
         also=(("narrative_table_mismatch", "公务接待费支出预算为 5.00 万元，支出决算为 2.22 万元"),)),
    Edit("chenzhou", "totals_mismatch", "2101506\t医疗保障经办事务\t155.65\t155.65",
         "2101506\t医疗保障经办事务\t155.65\t165.65", after="公开03表", locate=("公开03表", "165.65"),
         figure=("line_items", ("expenditure", "2101506", "basic"), 165.65)),
    Edit("chenzhou", "agency_name_inconsistent", "部门：郴州市医疗保障局", "部门：郴州市卫生健康委员会",
         after="公开06表",
         locate=("郴州市卫生健康委员会",)),
    Edit("chenzhou", "exec_rate_misreported", "28.75\t28.75\t10\t100%\t10", "28.75\t28.75\t10\t90%\t10",
         after="医疗待遇保障工作经费", locate=("医疗待遇保障工作经费", "90%"),
         figure=("projects", ("医疗待遇保障工作经费", "exec_rate_reported"), 0.9)),
    # 达州市医疗保障事务中心 2023 预算 (seed 001)
    Edit("dazhou", "year_inconsistent", "(二) 2023 年重点工作。", "(二) 2022 年重点工作。"),
    Edit("dazhou", "percentage_misstated", "基本支出 410.89 万元, 占 89.04", "基本支出 410.89 万元, 占 98.04"),
    Edit("dazhou", "comparison_wording_wrong", "比 2022 年预算增加 13.46 万元,增长 80.74%",
         "比 2022 年预算减少 13.46 万元,增长 80.74%"),
    Edit("dazhou", "template_residue", "增加 13.46 万元,增长 80.74%", "增加 13.46 万元,增长（下降）80.74%"),
    Edit("dazhou", "narrative_table_mismatch", "卫生健康支出 17.8 万元", "卫生健康支出 18.7 万元"),
    Edit("dazhou", "unit_mismatch", "公用经费 30.13 万元,主要包括", "公用经费 30.13 元,主要包括"),
    Edit("dazhou", "sangong_sum_mismatch", "合 计\t0.50", "合 计\t0.60", locate=("三公", "0.60"),
         figure=("sangong", ("budget", "total"), 0.6),
         also=(("narrative_table_mismatch", "“三公”经费财政拨款预算数 0.5 万元"),)),
    Edit("dazhou", "totals_mismatch", "机关事业单位基本养老保险缴费支出\t41. 96\t41.96",
         "机关事业单位基本养老保险缴费支出\t41. 96\t42.96", locate=("部门支出总表", "42.96"),
         figure=("line_items", ("expenditure", "2080505", "basic"), 42.96)),
    Edit("dazhou", "code_name_mismatch", "335001\t住房公积金\t34. 70", "335001\t提租补贴\t34. 70",
         locate=("部门支出总表", "提租补贴")),
)


def apply(text: str, edit: Edit) -> str:
    """The seed text with the edit applied; ValueError when its anchor or text is not there."""
    start = 0
    if edit.after:
        start = text.find(edit.after)
        if start < 0:
            raise ValueError(f"{edit.id}: anchor {edit.after!r} not in the seed")
    at = text.find(edit.find, start)
    if at < 0:
        raise ValueError(f"{edit.id}: {edit.find!r} not in the seed after {edit.after!r}")
    return text[:at] + edit.replace + text[at + len(edit.find):]


def cache_key() -> str:
    """Hash of what the copies depend on: samplegen's code, the seeds, the edit list."""
    h = hashlib.sha256(repr(EDITS).encode())
    for p in sorted((ROOT / "samplegen").glob("*.py")) + sorted((ROOT / "samples" / "seeds").glob("*.txt")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def page_texts(pdf: Path) -> list[str]:
    """Folded text of every page (index 0 = page 1)."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [fold(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    finally:
        doc.close()


def locate(texts: list[str], needles: tuple[str, ...], near: int | None = None) -> int | None:
    """1-based page holding every needle (the one nearest `near` when several do)."""
    want = [fold(n) for n in needles if fold(n)]
    hits = [i + 1 for i, t in enumerate(texts) if want and all(w in t for w in want)]
    if not hits:
        return None
    return min(hits, key=lambda p: abs(p - near)) if near else hits[0]


def _render(edit: Edit, out: Path) -> None:
    """Render the base sample (style a) from the edited seed, as `python -m samplegen` does."""
    from samplegen import seeds
    from samplegen.__main__ import DOCS
    from samplegen.layout import Renderer
    from samplegen.styles import STYLES

    seed_no, stem, _ = BASES[edit.base]
    module, make_blocks = DOCS[stem]
    saved = seeds.SEED_DIR
    with tempfile.TemporaryDirectory(prefix="accuracy-seeds-") as tmp:
        for src in saved.glob("*.txt"):
            text = src.read_text(encoding="utf-8")
            if src.name.startswith(f"{seed_no}_"):
                text = apply(text, edit)
            (Path(tmp) / src.name).write_text(text, encoding="utf-8")
        seeds.SEED_DIR = Path(tmp)
        try:
            Renderer.write(out, STYLES["a"], module.TITLE, make_blocks("a"), module.AGENCY)
        finally:
            seeds.SEED_DIR = saved


def build(cache: Path = CACHE, log=print) -> dict[str, dict]:
    """Render the copies into `cache` unless they are up to date; returns the manifest's docs."""
    manifest = cache / "manifest.json"
    key = cache_key()
    if manifest.exists():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        if data.get("key") == key and all((cache / name).exists() for name in data["docs"]):
            return data["docs"]
    if cache.exists():
        shutil.rmtree(cache)
    cache.mkdir(parents=True)
    docs: dict[str, dict] = {}
    for edit in EDITS:
        name = f"{BASES[edit.base][1]}_a__{edit.rule}{'_' + edit.tag if edit.tag else ''}.pdf"
        _render(edit, cache / name)
        texts = page_texts(cache / name)
        page = locate(texts, edit.locate or (edit.replace,))
        also = [(rule, quote, locate(texts, (quote,))) for rule, quote in edit.also]
        docs[name] = {"edit": edit.id, "page": page, "also": also}
        log(f"planted: {name} (defect on page {page})")
    manifest.write_text(json.dumps({"key": key, "docs": docs}, ensure_ascii=False, indent=1), encoding="utf-8")
    return docs


def _same_key(section: str, key: tuple, want: tuple) -> bool:
    """A truth figure's key is the edited one (a project's name may carry a code around it)."""
    if section != "projects":
        return key[: len(want)] == tuple(want) and all(k in ("", None) for k in key[len(want):])
    return len(key) == 2 and key[1] == want[1] and fold(want[0]) in fold(key[0])


def planted_truth(base: Truth, edit: Edit, pdf: Path, page: int | None, also: list,
                  texts: list[str] | None = None) -> Truth:
    """The copy's truth: the base's figures (the edited one changed), tables and labels, plus the planted label."""
    texts = page_texts(pdf) if texts is None else texts
    figures: list[Figure] = []
    for f in base.figures:
        if edit.figure and f.section == edit.figure[0] and _same_key(f.section, f.key, edit.figure[1]):
            f = replace(f, amount=float(edit.figure[2]))
        figures.append(f)
    labels = []
    for lab in base.labels:  # an edit may reflow text onto another page: find the quote again
        moved = locate(texts, (lab.quote,), near=lab.page) if lab.quote else None
        labels.append(replace(lab, page=moved or lab.page))
    labels.append(Label(edit.rule, page, edit.quote, f"planted: {edit.find!r} → {edit.replace!r}"))
    labels += [Label(rule, p, quote, f"caused by the planted {edit.rule}") for rule, quote, p in also]
    return Truth(base.path, str(pdf), copy.deepcopy(base.meta), copy.deepcopy(base.tables), figures, labels,
                 planted=edit.id)


def base_file(edit_id: str) -> str:
    """The `file` of the sample a planted edit copies."""
    return BASES[next(e.base for e in EDITS if e.id == edit_id)][2]


def truths(bases: list[Truth], cache: Path = CACHE, log=print) -> tuple[list[Truth], list[str]]:
    """(truths of the planted copies whose original has a truth file, notes on the ones skipped)."""
    by_file = {t.file: t for t in bases}
    usable = [e for e in EDITS if BASES[e.base][2] in by_file]
    notes = [f"planted copies of {BASES[b][2]} skipped: no truth file for it"
             for b in BASES if BASES[b][2] not in by_file]
    if not usable:
        return [], notes
    docs = build(cache, log)
    by_id = {e.id: e for e in EDITS}
    out = []
    for name, info in docs.items():
        edit = by_id.get(info["edit"])
        if edit is None or edit not in usable:
            continue
        out.append(planted_truth(by_file[BASES[edit.base][2]], edit, cache / name, info["page"], info["also"]))
    return out, notes
