"""Figures and agency names stated in the prose and page furniture → `narrative` rows.

The consistency rules (fiscal/rules.py) compare them with the tables:

- key figures of the 情况说明: 收支总计 (grand_total), 本年收入合计 (income_total),
  本年支出合计 (expenditure_total), 财政拨款收支总计 (fiscal_grand_total), 财政拨款收入
  (fiscal_income_total), 基本支出 /
  项目支出 (basic_total / project_total), 一般公共预算财政拨款基本支出 (fiscal_basic_total,
  决算 only), 人员经费 / 公用经费 (personnel_total / public_total), the 三公 figures
  (sangong_<item>_<stage>: “三公”经费财政拨款支出预算为 9.00 万元，支出决算为 6.22 万元),
  and the 年初预算 a 决算 quotes (fiscal_expenditure_initial; initial_budget_item per 项,
  value = the 项 name);
- agency names: the cover (agency_name_cover), each distinct 部门：/单位：/编制部门： line
  above the tables (agency_name_table) and the agency as the prose names it before a year
  (agency_name_prose: “上海市普陀区财政局2024年度收入支出总计…”);
- staff counts (amount = persons, unit 人): staff_authorized (核定编制 / 编制数 / 现有编制人数) and
  staff_actual (实有人数 / 在职人数 / 在编人数 / 在职职工 / 在职 N 名人员), each the sum of the
  distinct statements in the document (a department report states its units one by one; a
  count after 其中 is a breakdown and is skipped);
- a budget's “上年” figures, implied by “…预算总计 X 万元，与上年相比…增加 Y 万元” (amount = X − Y,
  X + Y for 减少, X for 与上年一致/无变化; value = the change as printed, e.g. "+2043.58"):
  grand_total_prior (收支预算总计), basic_total_prior (基本支出), project_total_prior (项目支出).

- figures stated per 功能分类 项 (ingest/prose_items.py item_statements): item_amount / item_planned / item_actual,
  value "code|类|款|项";
- `sentence` rows: the prose pages' sentences holding a year, a percentage, a comparison word, an amount, a
  count (辆) or template text, and heading lines (value "<order>:<tags>"), for the document rules of
  fiscal/rules/prose.py; the notes a table page prints under its grid (ingest/prose.py table_notes) count as prose.

- `toc_line` rows: the 目录's lines holding template text, for template_residue only.

The first statement of each figure counts (later ones usually repeat it), with the figure its sentence gives
this year (“上年决算数为 3.28 万元，本年决算数为 2.22 万元” stores 2.22; fiscal/rules/prose_years.py). Amounts are
converted to 万元 (元 ÷ 10⁴, 亿元 × 10⁴); `unit` keeps the unit as printed.
"""

from __future__ import annotations

import re
from typing import Any

from fiscal.rules.prose_years import this_year
from ingest.model import DocMeta, PageInfo, ParseResult
from ingest.narrative_names import cover_name, prose_name, table_names
from ingest.narrative_text import Text as _Text
from ingest.narrative_text import amount_wan as _amount
from ingest.narrative_text import document_text as _document_text
from ingest.narrative_text import is_toc as _is_toc
from ingest.narrative_text import sentence_around as _sentence
from ingest.prose import sentence_tags, split_sentences, with_notes
from ingest.prose_items import item_statements
from ingest.triage import prose_text, triage

# a printed number: thousands only in groups of three, never the tail of a split one (“461, 49” is text-layer
# noise, not 49; “4125.49,4143.91” a list, not 494143.91)
_NUMBER = r"(?<![\d.,，．])(?<![\d][.,，．]\s)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_AMOUNT = rf"(?P<num>{_NUMBER})\s*(?P<unit>亿元|万元|元)"
_IS = r"(?:均为|各为|为|是|:)?\s*"  # 收入、支出总计均为 1,468.53 万元
_NOT_SUBITEM = r"(?<![拨款算他业营缴助金])"  # not 财政拨款收入, 一般公共预算收入, 其他收入 …
_NOT_SUBSPEND = r"(?<![拨款算本目营助级])"  # not 财政拨款支出, 基本支出, 项目支出 …
_NOT_CHANGE = r"(?<!增加)(?<!减少)(?<!增长)(?<!下降)"  # 增加基本支出844.15万元 states a change, not the total
_NOT_FUND = r"(?<!预算)(?<!基金)(?<!公共)(?<!经营)"  # 财政拨款收入 itself, not one fund's (政府性基金预算财政拨款收入)

# key → patterns, the earliest match in the document wins; (doc kinds it applies to or None for all).
FIGURES: tuple[tuple[str, re.Pattern[str], tuple[str, ...] | None], ...] = (
    ("fiscal_grand_total",
     re.compile(r"财政拨款收(?:入)?[、,]?\s*支(?:出)?(?:预算|决算)?(?:总计|总数)" + _IS + _AMOUNT), None),
    ("grand_total",
     re.compile(r"(?<!拨款)收(?:入)?[、,]?\s*支(?:出)?(?:预算|决算)?(?:总计|总数)" + _IS + _AMOUNT), None),
    ("grand_total", re.compile(r"(?<![拨款金])收入(?:预算|决算)?总计" + _IS + _AMOUNT), None),
    # 财政拨款收入 (all three funds), not one fund's 一般公共预算/政府性基金预算/国有资本经营预算财政拨款收入, not 总计;
    # a 决算's 财政拨款收入预算 is its budget, not the table's figure
    ("fiscal_income_total",
     re.compile(_NOT_FUND + r"财政拨款收入(?:决算)?(?:数)?(?:合计)?" + _IS + _AMOUNT), None),
    ("fiscal_income_total", re.compile(_NOT_FUND + r"财政拨款收入预算(?:数)?(?:合计)?" + _IS + _AMOUNT), ("budget",)),
    ("income_total", re.compile(_NOT_SUBITEM + r"收入(?:预算|决算)?合计" + _IS + _AMOUNT), None),
    ("income_total", re.compile(_NOT_SUBITEM + r"收入预算" + _IS + _AMOUNT), ("budget",)),
    ("expenditure_total", re.compile(_NOT_SUBSPEND + r"支出(?:预算|决算)?合计" + _IS + _AMOUNT), None),
    ("expenditure_total", re.compile(_NOT_SUBSPEND + r"支出预算" + _IS + _AMOUNT), ("budget",)),
    ("basic_total", re.compile(_NOT_CHANGE + r"(?<![拨款算])基本支出(?:预算|决算)?(?:数)?" + _IS + _AMOUNT), None),
    ("project_total", re.compile(_NOT_CHANGE + r"(?<![拨款算])项目支出(?:预算|决算)?(?:数)?" + _IS + _AMOUNT), None),
    ("fiscal_basic_total", re.compile(r"财政拨款基本支出(?:决算)?(?:数)?" + _IS + _AMOUNT), ("final_account",)),
    ("personnel_total", re.compile(_NOT_CHANGE + r"人员经费(?:支出)?(?:预算|决算)?(?:数)?" + _IS + _AMOUNT), None),
    ("public_total",
     re.compile(_NOT_CHANGE + r"(?<!日常)公用经费(?:支出)?(?:预算|决算)?(?:数)?" + _IS + _AMOUNT), None),
    ("fiscal_expenditure_initial", re.compile(r"财政拨款支出年初预算(?:数)?" + _IS + _AMOUNT), ("final_account",)),
)
INITIAL_ITEM = re.compile(
    r"\(款\)(?P<name>[^()。;]{1,40}?)\(项\)(?:(?!\(项\)).){0,200}?年初预算(?:数)?" + _IS + _AMOUNT)

# Staff counts: (key, patterns); every statement not introduced by 其中 counts, summed per document.
_PERSONS = r"(?P<n>\d{1,6})\s*(?:人|名)"
STAFF: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...] = (
    ("staff_authorized", (re.compile(
        r"(?:核定|现有|批复|核批)?(?:行政|事业|人员|机关)?编制(?:人数|数|总数|共)?(?:为|是|:)?\s*" + _PERSONS),)),
    ("staff_actual", (
        re.compile(r"(?:实有|现有|在职|在编)(?:在职|在编)?(?:人员|人数|职工|干部职工|干部)(?:总数|数)?(?:为|是|:)?\s*"
                   + _PERSONS),
        re.compile(r"(?<!其中)在职\s*" + _PERSONS + r"(?:人员|职工)"),
        re.compile(r"(?P<n>\d{1,6})\s*名在职(?:人员|职工)"),
    )),
)
_BREAKDOWN = re.compile(r"其中[^。;]{0,8}$")

# A budget's change over 上年: the figure, then within its sentence the change (or 一致 / 无变化).
_CHANGE = (r"[^。;]{0,40}?(?:。\s*)?(?:与|比|较)上年(?:预算|预算数|数)?(?:相比)?[^。;\d]{0,16}?"
           rf"(?:(?P<dir>增加|减少|增长|下降|减)了?\s*(?P<chg>{_NUMBER})\s*万元|(?P<same>一致|持平|无变化|相同))")
PRIOR: tuple[tuple[str, re.Pattern[str]], ...] = (
    # the heading may be letter-spaced by the text layer (收 入 、 支 出 预 算 总 计)
    ("grand_total_prior", re.compile(r"(?<!拨款)收\s*(?:入\s*)?[、,]?\s*支\s*(?:出\s*)?预\s*算\s*总\s*计\s*" + _AMOUNT
                                     + _CHANGE)),
    ("basic_total_prior", re.compile(r"(?<![拨款])基本支出预算(?:数)?" + _IS + _AMOUNT + _CHANGE)),
    ("project_total_prior", re.compile(r"(?<![拨款])项目支出预算(?:数)?" + _IS + _AMOUNT + _CHANGE)),
)

# 三公 items as the prose names them; vehicle_total before vehicle_purchase (same start).
SANGONG_ITEM = re.compile(
    r"(?P<total>“?三公”?经费)|(?P<overseas>因公出国\(境\)费(?:用)?)|"
    r"(?P<vehicle_total>公务用车购置(?:费)?及运行(?:维护)?费)|(?P<vehicle_purchase>公务用车购置(?:费)?)|"
    r"(?P<vehicle_operation>公务用车运行(?:维护)?费)|(?P<reception>公务接待费)"
)
_NOT_LAST_YEAR = r"(?<!上年)(?<!上年度)(?<!去年)"
SANGONG_STAGE: dict[str, re.Pattern[str]] = {
    "budget": re.compile(_NOT_LAST_YEAR + r"(?:年初)?预算(?:支出)?(?:数|安排)?" + _IS + _AMOUNT),
    "actual": re.compile(_NOT_LAST_YEAR + r"决算(?:数)?" + _IS + _AMOUNT),
}
_BARE = re.compile(r"^\s*(?:财政拨款)?(?:支出|费用)?(?:数)?" + _IS + _AMOUNT)
# A sentence about another spending total whose economic lines the 三公 items share a name with ("公用经费97.99万元，
# 主要包括办公费7.66万元、…公务接待费0.78万元" / "机关运行经费…主要用于…公务用车运行维护费3.50万元"): those figures are
# that total's lines (basic expenditure only), not the 三公 table's — unless the sentence turned to the 三公 since.
_SUBJECTS = re.compile(r"公用经费|机关运行经费|运行经费|商品和服务支出|三公")



def _figure_row(doc: DocMeta, flat: _Text, key: str, m: re.Match[str], value: str | None = None) -> dict[str, Any]:
    return {
        **doc.common(flat.page_at(m.start())), "key": key, "text": _sentence(flat.text, m.start(), m.end()),
        "amount": _amount(m["num"], m["unit"]), "unit": m["unit"], "value": value,
    }


def _of_this_year(row: dict[str, Any], year: int) -> dict[str, Any] | None:
    """The row with the figure its sentence gives this year (“上年决算数为 3.28 万元，本年决算数为 2.22 万元” stores
    2.22), None when the sentence gives this year none (fiscal.rules.prose_years, the one home of that reading)."""
    amount = this_year(row["text"], row["amount"], year)
    return None if amount is None else {**row, "amount": amount}


def figures(flat: _Text, doc: DocMeta) -> list[dict[str, Any]]:
    """The key totals stated in the prose, first statement of this year's figure of each."""
    earliest: dict[str, tuple[int, dict[str, Any]]] = {}
    for key, pattern, kinds in FIGURES:
        if kinds and doc.doc_kind not in kinds:
            continue
        found = next(((m.start(), r) for m in pattern.finditer(flat.text)
                      if (r := _of_this_year(_figure_row(doc, flat, key, m), doc.year)) is not None), None)
        if found and (key not in earliest or found[0] < earliest[key][0]):
            earliest[key] = found
    return [r for _, r in earliest.values()]


def initial_budgets(flat: _Text, doc: DocMeta) -> list[dict[str, Any]]:
    """决算: the 年初预算 stated per 功能分类 项 (“…(款)行政运行(项)。…年初预算为 1560.05 万元”)."""
    if doc.doc_kind != "final_account":
        return []
    rows, seen = [], set()
    for m in INITIAL_ITEM.finditer(flat.text):
        name = m["name"].strip()
        if name not in seen:
            seen.add(name)
            rows.append(_figure_row(doc, flat, "initial_budget_item", m, value=name))
    return rows


def staff(flat: _Text, doc: DocMeta) -> list[dict[str, Any]]:
    """Staff counts stated in the prose (编制 / 实有), summed over the document's distinct statements."""
    rows = []
    for key, patterns in STAFF:
        hits = sorted((m for pattern in patterns for m in pattern.finditer(flat.text)
                       if not _BREAKDOWN.search(flat.text[max(0, m.start() - 12):m.start()])), key=lambda m: m.start())
        hits = [m for i, m in enumerate(hits) if i == 0 or m.start() >= hits[i - 1].end()]  # overlapping: first wins
        if not hits:
            continue
        counts = [int(m["n"]) for m in hits]
        # a total stated first, then its units one by one (编制 57 人 … 局机关编制 16 人 … 中心编制 41 人)
        total = counts[0] if len(counts) > 2 and counts[0] == sum(counts[1:]) else sum(counts)
        first = hits[0]
        texts = list(dict.fromkeys(_sentence(flat.text, m.start(), m.end()) for m in hits))
        rows.append({**doc.common(flat.page_at(first.start())), "key": key, "text": "；".join(texts)[:400],
                     "amount": float(total), "unit": "人", "value": None})
    return rows


def prior_year(flat: _Text, doc: DocMeta) -> list[dict[str, Any]]:
    """A budget's 上年 figures implied by its stated change (first statement of each)."""
    if doc.doc_kind != "budget":
        return []
    rows = []
    for key, pattern in PRIOR:
        m = pattern.search(flat.text)
        if not m:
            continue
        now = _amount(m["num"], m["unit"])
        if m["same"]:
            change = 0.0
        else:
            change = float(m["chg"].replace(",", "")) * (-1 if m["dir"] in ("减少", "下降", "减") else 1)
        rows.append({**doc.common(flat.page_at(m.start())), "key": key,
                     "text": _sentence(flat.text, m.start(), m.end()), "amount": round(now - change, 2),
                     "unit": m["unit"], "value": f"{change:+.2f}"})
    return rows


def sangong(flat: _Text, doc: DocMeta) -> list[dict[str, Any]]:
    """三公 figures: per item mention, the 预算/决算 amounts stated before the next item or sentence end."""
    mentions = list(SANGONG_ITEM.finditer(flat.text))
    found: dict[tuple[str, str], dict[str, Any]] = {}
    bare_stage = "actual" if doc.doc_kind == "final_account" else "budget"
    for i, m in enumerate(mentions):
        item = str(m.lastgroup)  # every alternative of SANGONG_ITEM is a named group
        subjects = _SUBJECTS.findall(flat.text, flat.text.rfind("。", 0, m.start()) + 1, m.start())
        if item != "total" and subjects and subjects[-1] != "三公":
            continue  # an economic line of another total, not the 三公 figure
        stop = mentions[i + 1].start() if i + 1 < len(mentions) else len(flat.text)
        ends = [j for j in (flat.text.find(c, m.end(), stop) for c in "。;") if j >= 0]
        segment_end = min(ends, default=stop)
        segment = flat.text[m.end():segment_end]
        stated = {stage: p.search(segment) for stage, p in SANGONG_STAGE.items()}
        if not any(stated.values()):
            stated = {bare_stage: _BARE.search(segment)}
        for stage, hit in stated.items():
            if hit and (item, stage) not in found:
                row = _of_this_year({
                    **doc.common(flat.page_at(m.start())), "key": f"sangong_{item}_{stage}",
                    "text": _sentence(flat.text, m.start(), m.end() + hit.end()),
                    "amount": _amount(hit["num"], hit["unit"]), "unit": hit["unit"], "value": None,
                }, doc.year)
                if row is not None:  # last year's figure only: a later mention may state this year's
                    found[(item, stage)] = row
    return list(found.values())


def item_rows(flat: _Text, doc: DocMeta) -> list[dict[str, Any]]:
    """Figures the prose states per 功能分类 项 (item_amount / item_planned / item_actual; value "code|类|款|项")."""
    rows, seen = [], set()
    for key, value, start, end, num, unit in item_statements(flat.text, doc.doc_kind, doc.year):
        if (key, value) in seen:
            continue
        row = _of_this_year({**doc.common(flat.page_at(start)), "key": key, "text": flat.text[start:end][:300],
                             "amount": _amount(num, unit), "unit": unit, "value": value}, doc.year)
        if row is not None:
            seen.add((key, value))
            rows.append(row)
    return rows


def statements(page_texts: list[str], doc: DocMeta, pages: list[PageInfo] | None = None,
               notes: dict[int, list[int]] | None = None) -> list[dict[str, Any]]:
    """`sentence` rows: the prose sentences the document rules read; value = "<order>:<why kept>", e.g.
    "0042:year,percent" (order: the sentence's rank in the document, so a rule can read the sentence before).

    Prose only: the tables (triage; a Word export runs prose and tables on one page) and the table
    of contents are left out, so no table cell is taken for a sentence. `pages`: the document's
    triage when the caller has it (the same texts triage the same). `notes`: page → indices of the
    lines a table page prints outside its grid (ingest.prose.table_notes), kept with its prose."""
    pages = pages if pages is not None else triage(page_texts, doc.doc_kind)
    notes = notes or {}
    texts = [with_notes(p.text, prose_text(p), notes.get(p.number, [])) if p.family else prose_text(p)
             for p in pages]
    prose = [p.number for p in pages if texts[p.number - 1].strip() and not _is_toc(p.text)]
    rows = []
    for order, (text, page, heading) in enumerate(split_sentences(texts, prose)):
        tags = sentence_tags(text, heading)
        if tags:
            rows.append({**doc.common(page), "key": "sentence", "text": text[:1000], "amount": None, "unit": None,
                         "value": f"{order:04d}:" + ",".join(tags)})
    return rows + toc_lines(pages, doc)


def toc_lines(pages: list[PageInfo], doc: DocMeta) -> list[dict[str, Any]]:
    """`toc_line` rows: the 目录's lines holding template text (第一部分 上海市 XX 局概况), for template_residue
    only — a 目录 names every section and prints page numbers, so no other prose rule reads it."""
    return [{**doc.common(p.number), "key": "toc_line", "text": line.strip()[:1000], "amount": None, "unit": None,
             "value": "template"}
            for p in pages if _is_toc(p.text) for line in p.text.split("\n")
            if "template" in sentence_tags(line, False)]


def parse(page_texts: list[str], doc: DocMeta, result: ParseResult, pages: list[PageInfo] | None = None,
          notes: dict[int, list[int]] | None = None) -> None:
    """Append the document's narrative rows (figures and agency names) to `result`.

    Nothing is added to a document nothing else was read from: such a file is quarantined
    as no_tables, and names alone must not make it look readable. `notes`: see statements.
    """
    if not any(result.frames.values()):
        return
    try:
        rows = _rows(page_texts, doc, pages, notes)
    except Exception as exc:  # the tables are read already: a prose quirk must not quarantine the document
        result.warnings.append(f"情况说明未能解析 / narrative not read: {type(exc).__name__}: {exc}")
        return
    result.add("narrative", rows)


def _rows(page_texts: list[str], doc: DocMeta, pages: list[PageInfo] | None = None,
          notes: dict[int, list[int]] | None = None) -> list[dict[str, Any]]:
    """Every narrative row of a document: figures, 年初预算 per 项, 三公, agency names."""
    flat = _document_text(page_texts)
    rows = figures(flat, doc) + initial_budgets(flat, doc) + sangong(flat, doc) + staff(flat, doc)
    rows += prior_year(flat, doc)
    cover = cover_name(page_texts)
    if cover:
        rows.append({**doc.common(1), "key": "agency_name_cover", "text": cover, "amount": None, "unit": None,
                     "value": cover})
    rows += table_names(page_texts, doc)
    prose = prose_name(page_texts, doc)
    if prose:
        rows.append(prose)
    rows += item_rows(flat, doc) + statements(page_texts, doc, pages, notes)
    for row in rows:
        if row["amount"] is not None:
            row["amount"] = round(row["amount"], 6)
    return rows
