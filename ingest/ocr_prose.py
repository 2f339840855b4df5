"""三公 figures an OCR'd narrative states, proven by the other statements the narrative makes about them.

A budget's prose says "因公出国（境）费支出 76 万元，占“三公”经费的 11.24%；公务用车购置及运行维护费支出 156.60
万元，占 23.16%；公务接待费支出 443.50 万元，占 65.60%。具体情况如下：1. 因公出国（境）费预算支出 76 万元 …
（1）公务用车购置费 0 万元 …（2）公务用车运行维护费 156.60 万元". Read by OCR, any figure may be misread
(443.50 read 4435), any label garbled (因公出国境)费, 公务用车和运行维护费). A figure counts as read (`complete`)
only when at least two independent statements fix it and none contradicts it:

- each place the figure is printed (the summary sentence and the 具体情况 list) is one reading;
- a printed sum that closes exactly (三公 total = Σ parts, 公务用车购置及运行费 = 购置 + 运行) is one more
  statement for each figure in it, as a table's closing sum is;
- the printed shares (占“三公”经费的 11.24%): when at least two of them fit the parts read, they fix every part
  to their rounding — one statement for each part no other reading of which (a lost point, one confusable
  digit) fits them as well.

One part that breaks all three shares (公务接待费支出 3975 万元, 占 60.22%) is read as the one other reading of
it that makes them all true, when exactly one does. Anything else stays `partial`, as OCR'd prose is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import product
from typing import Any

# Where a part's printed share stands: right after its amount, before the next amount.
SHARE_WINDOW = 40
# A printed share is its exact value rounded: within half a unit of its last place (0.005 for 11.24%, 0.05 for
# 19.1%), plus this slack for a share computed from unrounded 元.
SHARE_SLACK = 0.006
# The printed shares of the three parts add up to 100% within their rounding.
SHARES_TOTAL_TOLERANCE = 0.03
PARTS = ("overseas", "vehicle_total", "reception")
PAIR = ("vehicle_purchase", "vehicle_operation")
EPS = 0.005
# How far back from an amount its label is looked for (characters of the closed-up text).
LABEL_CHARS = 30
# How far past the last 三公 mention a statement of the section may stand (the 具体情况 list with its reasons).
SECTION_CHARS = 700
# Statements needed to call a figure read.
PROOFS = 2

# An amount in 万元 as OCR prints it: "411..20 万" (a point read twice), "156.60 万" (元 lost at a line end);
# not the tail of a split figure ("397 5 万").
_AMOUNT = re.compile(r"(?<![\d.])(?<!\d )(\d{1,3}(?:,\d{3})+|\d+)(?:\.{1,2}(\d{1,2}))?(?!\d)\s*万")
# A printed share: not the tail of a misread one ("$.31%", "15-70%").
_SHARE = re.compile(r"(?<![\d.\-])(\d{1,3}(?:\.\d{1,2})?)\s*[%％]")
# Labels as OCR leaves them: 因公出国境)费, 因公出国)费用, 因公出 〈境), 公务用车和运行维护费.
_KINDS = {
    "overseas": re.compile(r"出国|因公出|国[(（〈]?境"),
    "reception": re.compile(r"接待"),
    "vehicle": re.compile(r"购置|运行|用车|维护费"),
    "total": re.compile(r"三公"),
}
_TOTAL_WORDS = re.compile(r"预算数|合计|共计|总额|安排|为|支出|预算")
# A label that states a change (比上年预算减少 20 万元), not the figure.
_CHANGE = re.compile(r"上年|增加|减少|增长|下降|持平|相比|压减|调减|调增")
# A 三公 section ends at the next heading (十、…) or at the 会议费/培训费 statements that follow its figures.
_HEADING = re.compile(r"[一二三四五六七八九十]{1,3}、")
_OTHER = re.compile(r"会议费|培训费")
_CUT = re.compile(r"[。；;]")


@dataclass(frozen=True)
class Reading:
    """One place the narrative prints a 三公 figure: its item, value, page, position and the share printed after it."""

    item: str
    value: float
    page: int
    at: int
    share: str | None  # as printed: its places tell its rounding


def _kind(label: str) -> str | None:
    """The 三公 item a statement's label names (the one named last), None for a change or another figure."""
    last = max(((m.end(), kind) for kind, rx in _KINDS.items() for m in rx.finditer(label)), default=None)
    if last is None or _CHANGE.search(label[last[0]:]):
        return None
    end, kind = last
    if kind == "total":
        return "total" if _TOTAL_WORDS.search(label[end:]) else None
    if kind != "vehicle":
        return kind
    seg = label[label.rfind("车") + 1:] if "车" in label else label
    buy, run = "购" in seg, bool(re.search(r"运行|维护", seg))
    if buy and run or "及" in seg:  # 购置及运行: 及 stays when OCR garbles 购置 (购里及运行)
        return "vehicle_total"
    return "vehicle_purchase" if buy else "vehicle_operation" if run else None


def sangong_readings(texts: list[str]) -> list[Reading]:
    """Every statement of a 三公 figure in the pages' narrative, in reading order: the amounts (万元) whose label
    names a 三公 item, in a 三公 section — from a 三公 mention to the next heading (十、…) or the 会议费/培训费
    statements after it."""
    from ingest.prose import _flatten

    flat, pages = "", []
    for number, text in enumerate(texts, start=1):
        pages.append((len(flat), number))
        flat += _flatten(text)
    amounts = list(_AMOUNT.finditer(flat))
    out: list[Reading] = []
    mention, closed, boundary, last = -1, True, 0, -1
    for k, m in enumerate(amounts):
        hits = [h.start() for h in re.finditer("三公", flat[boundary: m.start()])]
        if hits:  # a 三公 mention (re)opens the section
            mention, closed = boundary + hits[-1], False
        closed = closed or _HEADING.search(flat, mention + 2, m.start()) is not None
        nxt = amounts[k + 1].start() if k + 1 < len(amounts) else len(flat)
        share = _SHARE.search(flat, m.end(), min(nxt, m.end() + SHARE_WINDOW))
        start = max([boundary, *(c.end() for c in _CUT.finditer(flat, boundary, m.start()))])
        label = flat[max(start, m.start() - LABEL_CHARS): m.start()]
        boundary = share.end() if share else m.end()
        if mention < 0 or closed or m.start() - mention > SECTION_CHARS:
            continue
        if _OTHER.search(label):  # the 会议费 and 培训费 that follow the 三公 figures close their section
            closed = True
            continue
        kind = _kind(label)
        value = float(m.group(1).replace(",", "") + ("." + m.group(2) if m.group(2) else ""))
        printed = share.group(1) if share else None
        if kind is None and out and last == k - 1 and abs(out[-1].value - value) <= EPS and out[-1].share is None \
                and not _CHANGE.search(label):
            # OCR prints a clause twice (…费支出106万元,占“三费支出 106 万元,占“三公”经费的 16.06%): one statement
            out[-1] = Reading(out[-1].item, out[-1].value, out[-1].page, out[-1].at, printed)
        if kind is None:
            continue
        page = max(n for off, n in pages if off <= m.start())
        out.append(Reading(kind, value, page, m.start(), printed))
        last = k
    return out


def _fits(amounts: dict[str, float], shares: dict[str, str]) -> set[str]:
    """The parts that are their printed share of the parts' sum, to the share's rounding."""
    whole = sum(amounts[p] for p in PARTS)
    if whole <= 0:
        return set()
    return {p for p, s in shares.items()
            if abs(100.0 * amounts[p] / whole - float(s)) <= 0.5 * 10.0 ** -len(s.partition(".")[2]) + SHARE_SLACK}


def _readings(amount: float) -> list[float]:
    """Other readings of an OCR'd prose amount: ocr_proof.candidates, one confusable digit, a lost point."""
    from ingest.ocr_proof import _CONFUSED, candidates

    text = f"{amount:.2f}".rstrip("0").rstrip(".")
    out = [float(c.replace(",", "")) for c in candidates(text)]
    out += [float(text[:k] + alt + text[k + 1:]) for k, ch in enumerate(text) for alt in _CONFUSED.get(ch, "")]
    if "." not in text and len(text) >= 3:
        out += [float(f"{text[:k]}.{text[k:]}") for k in range(len(text) - 2, len(text))]
    return [x for x in dict.fromkeys(out) if abs(x - amount) > EPS]


def _fix(amounts: dict[str, float], shares: dict[str, str]) -> tuple[str, float] | None:
    """The one part and its one other reading that make all three printed shares true, when exactly one does."""
    fits = [(p, x) for p in PARTS for x in _readings(amounts[p])
            if len(_fits({**amounts, p: x}, shares)) == len(shares)]
    return fits[0] if len(fits) == 1 else None


def _explained(value: float, other: float) -> bool:
    """Whether two readings of one figure differ as a misread does (a lost point, one confusable digit)."""
    return any(abs(x - other) <= EPS for x in _readings(value)) or any(abs(x - value) <= EPS for x in _readings(other))


def _proofs(reads: list[Reading], values: dict[str, float]) -> dict[str, int]:
    """The number of statements that fix each item at `values`, less the readings that contradict it; 0 for all
    parts when the printed shares contradict them."""
    proofs = {}
    for item, v in values.items():  # its readings; a reading that no misread explains contradicts it
        mine = [r.value for r in reads if r.item == item]
        proofs[item] = sum(abs(x - v) <= EPS for x in mine) - sum(not _explained(v, x) for x in mine
                                                                   if abs(x - v) > EPS)
    shares = {p: s for p in PARTS if (s := _share_of(reads, p, values.get(p))) is not None}
    if all(p in values for p in PARTS) and len(shares) >= 2:
        fit = _fits(values, shares)
        if len(fit) < 2:
            return {**proofs, **dict.fromkeys(PARTS, 0)}
        for p in PARTS:  # the shares fix a part when no other reading of it fits them too
            if all(len(_fits({**values, p: x}, shares) & fit) < len(fit) for x in _readings(values[p])):
                proofs[p] += 1
    for whole, parts in (("vehicle_total", PAIR), ("total", PARTS)):  # a printed sum that closes
        if all(k in values for k in (whole, *parts)) and abs(sum(values[k] for k in parts) - values[whole]) <= EPS:
            for k in (whole, *parts):
                proofs[k] += 1
    return proofs


def _share_of(reads: list[Reading], part: str, value: float | None) -> str | None:
    """The share printed after a part: after a reading of its value, else after any reading of it."""
    printed = [(value is not None and abs(r.value - value) <= EPS, r.share) for r in reads
               if r.item == part and r.share is not None]
    return max(printed, key=lambda x: x[0])[1] if printed else None


def _choose(reads: list[Reading]) -> tuple[dict[str, float], dict[str, int]]:
    """Each item's value and its proofs: the value printed most often; between values printed equally often, the
    one the sums and shares bear out, when one does; a part that breaks all three shares read as the one other
    reading of it that makes them all true, when exactly one does."""
    options: dict[str, list[float]] = {}
    for item in dict.fromkeys(r.item for r in reads):
        counts = Counter(round(r.value, 2) for r in reads if r.item == item).most_common()
        options[item] = [v for v, n in counts if n == counts[0][1]][:3]
    best: list[tuple[int, dict[str, float], dict[str, int]]] = []
    for combo in product(*options.values()):
        values = dict(zip(options, combo, strict=True))
        proofs = _proofs(reads, values)
        best.append((sum(max(n, 0) for n in proofs.values()), values, proofs))
    top = max(n for n, _, _ in best)
    chosen = [(v, p) for n, v, p in best if n == top]
    if len(chosen) > 1:  # no way to tell the tied readings apart: those items stay unread
        tied = {k for v, _ in chosen for k in v if v[k] != chosen[0][0][k]}
        values, proofs = ({k: x for k, x in chosen[0][0].items() if k not in tied},
                          {k: n for k, n in chosen[0][1].items() if k not in tied})
        return values, _proofs(reads, values) if tied else proofs
    values, proofs = chosen[0]
    shares = {p: s for p in PARTS if (s := _share_of(reads, p, values.get(p))) is not None}
    # only all three shares, adding up to 100%, are statements enough to read a part otherwise than printed
    if all(p in values for p in PARTS) and len(shares) == len(PARTS) and len(_fits(values, shares)) < len(PARTS) \
            and abs(sum(map(float, shares.values())) - 100.0) <= SHARES_TOTAL_TOLERANCE \
            and (fixed := _fix(values, shares)):
        part, value = fixed
        values = {**values, part: value}
        proofs = {**_proofs(reads, values), part: PROOFS}  # the one reading all four statements allow
    return values, proofs


def prove_sangong(rows: list[dict[str, Any]], texts: list[str], doc: Any = None) -> int:
    """Mark `complete` the prose 三公 rows (source prose/prose_sum) of an OCR'd budget whose figures the narrative's
    other statements prove, adding the rows of figures its OCR'd labels hid from the prose reader (partial unless
    proven); the number of rows marked complete. Rows of a 三公 table are left as they are."""
    if any(r.get("source") not in ("prose", "prose_sum") for r in rows):
        return 0
    prose = [r for r in rows if r.get("stage") == "budget"]
    if not prose and getattr(doc, "doc_kind", None) != "budget":
        return 0
    reads = sangong_readings(texts)
    if not reads:
        return 0
    values, proofs = _choose(reads)
    if not values:
        return 0
    by_item = {r["item"]: r for r in prose if r.get("source") == "prose"}
    template = {k: v for k, v in (prose[0] if prose else {}).items()
                if k not in ("item", "amount", "page", "source", "reading", "bbox")}
    for item, value in values.items():
        row = by_item.get(item)
        if row is None:
            page = next(r.page for r in reads if r.item == item)
            base = {**template, "page": page} if prose else doc.common(page)
            row = by_item[item] = {**base, "stage": "budget", "item": item, "amount": value, "source": "prose",
                                   "reading": "partial"}
            rows.append(row)
        if proofs[item] >= PROOFS:
            row["amount"], row["reading"] = value, "complete"
    marked = sum(proofs[item] >= PROOFS for item in values)
    if "total" in by_item:  # the printed total, read now: no total added up from the parts beside it
        rows[:] = [r for r in rows if not (r.get("source") == "prose_sum" and r["item"] == "total")]
        prose = [r for r in prose if r in rows]
    if all(p in by_item for p in PARTS):
        whole = round(sum(float(by_item[p]["amount"]) for p in PARTS), 2)
        total = next((r for r in prose if r.get("source") == "prose_sum" and r["item"] == "total"), None)
        if total is None and "total" not in by_item:
            page = min(int(by_item[p]["page"]) for p in PARTS)
            total = {**({**template, "page": page} if prose else doc.common(page)), "stage": "budget",
                     "item": "total", "amount": whole, "source": "prose_sum", "reading": "partial"}
            rows.append(total)
        if total is not None:
            total["amount"] = whole
            if all(by_item[p].get("reading") == "complete" for p in PARTS):
                total["reading"] = "complete"
                marked += 1
    return marked


# ---------------------------------------------------------------- lines of a 三公 section OCR lost

# A line of print is at least this tall (inches; a speck or a rule is not), and its rows hold this many dark pixels.
LINE_INCHES = 0.06
_DARK_PIXELS = 3
_LINE_DPI = 300
# Lines of one page read again at most (a page OCR read badly is not read line by line).
MAX_LOST_LINES = 4
_ITEM_WORDS = re.compile(r"出国|公务用车|公务接待")


def reread_lost_lines(path: Any, texts: list[str], pages: list[int]) -> list[str]:
    """The OCR'd pages of a 三公 section with the lines of print the page reading lost read again: a band of the
    page image where print stands but no line of the text layer does (156.60 万元，与上年数一致。 under
    …；公务用车运行维护费), read as one line and put in its place — kept only when it states an amount (万元)."""
    todo = [n for n in pages if 0 < n <= len(texts) and texts[n - 1].count("。") >= 3
            and _ITEM_WORDS.search(texts[n - 1]) and _AMOUNT.search(texts[n - 1])
            and ("三公" in texts[n - 1] or n > 1 and "三公" in texts[n - 2])]
    if not todo:
        return texts
    import pypdfium2 as pdfium

    out = list(texts)
    pdf = pdfium.PdfDocument(str(path))
    try:
        for n in todo:
            out[n - 1] = _with_lost_lines(pdf[n - 1], out[n - 1])
    finally:
        pdf.close()
    return out


def _with_lost_lines(page: Any, text: str) -> str:
    """The page text with its lost lines (`reread_lost_lines`) put after the line above them."""
    import numpy as np

    from ingest.ocr_image import clean_for_ocr, ink_runs, read_lines

    k, height = _LINE_DPI / 72, page.get_height()
    tp = page.get_textpage()
    try:
        full = tp.get_text_range()
        boxes, at = [], 0  # each text line's (top, bottom, left, right) in pixels
        for line in full.split("\n"):
            chars = [tp.get_charbox(i) for i in range(at, at + len(line)) if not full[i].isspace()]
            at += len(line) + 1
            boxes.append(((height - max(b[3] for b in chars)) * k, (height - min(b[1] for b in chars)) * k,
                          min(b[0] for b in chars) * k, max(b[2] for b in chars) * k) if chars else None)
    finally:
        tp.close()
    lines = text.split("\n")
    placed = [b for b in boxes if b is not None]
    if len(lines) != len(boxes) or not placed:
        return text  # the text is no longer the text layer's line for line: nothing to place a line by
    image = clean_for_ocr(page.render(scale=k).to_pil().convert("RGB"), _LINE_DPI)
    x0, x1 = int(min(b[2] for b in placed)), int(max(b[3] for b in placed))
    runs = ink_runs((np.asarray(image.convert("L"))[:, x0:x1] < 128).sum(axis=1) >= _DARK_PIXELS, int(_LINE_DPI * 0.02))
    lost = [(a, b) for a, b in runs if b - a >= LINE_INCHES * _LINE_DPI
            and not any(box is not None and box[0] < b and box[1] > a for box in boxes)
            and min(p[0] for p in placed) < a and b < max(p[1] for p in placed)]
    if not lost or len(lost) > MAX_LOST_LINES:
        return text
    pad = int(_LINE_DPI * 0.03)
    read = read_lines([image.crop((0, max(0, a - pad), image.width, b + pad)) for a, b in lost], _LINE_DPI,
                      "chi_sim+eng", 30.0) or []
    inserts: dict[int, list[str]] = {}
    for (a, _), got in zip(lost, read, strict=False):
        got = got.strip()
        over = [(box[1], i) for i, box in enumerate(boxes) if box is not None and box[1] <= a]
        if got and over and _AMOUNT.search(unicodedata.normalize("NFKC", " ".join(got.split()))):
            inserts.setdefault(max(over)[1], []).append(got + "\r")
    if not inserts:
        return text
    return "\n".join(x for i, line in enumerate(lines) for x in [line, *inserts.get(i, [])])
