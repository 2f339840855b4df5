"""Every page in both languages (issue #18), in headless Chromium: English mode shows no Chinese UI text
(only what the documents themselves print: names, titles, quoted prose, rule messages), Chinese mode no
Latin words beyond an allow-list, and no table wider than the page (names and messages wrap; the columns behind a
summary are in the download); the uploader speaks Chinese; the flags, peers and 三公 downloads hold the
rows of their on-screen tables; a bad link shows its notice. Screenshots: artifacts/screenshots/lang_<page>_<lang>.png."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from browsing import WAIT_MS, wide_tables

from fiscal import export, read, store
from fiscal.filters import Filters
from pages import _en, _zh, _zh_labels

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser

PAGES = ["", "composition", "sangong", "projects", "flags", "peers", "inflation", "quality", "data", "documents",
         "agency", "upload"]
# the visible text nodes of an area, one by one (chart labels and table cells are not run together), without
# Material icon ligatures (their names are not shown as words) and without what CSS hides
TEXT_JS = """(sel) => { const root = document.querySelector(sel); const out = [];
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) { const e = walk.currentNode.parentElement; const text = walk.currentNode.textContent.trim();
    if (!text || !e || !e.checkVisibility()) continue;
    if (e.closest('[data-testid="stIconMaterial"], [data-testid="stAlertDynamicIcon"], .material-symbols-rounded')) continue;
    out.push(text); }
  return out.join("\\n"); }"""
MAIN = '[data-testid="stMain"]'
ALLOWED_LATIN = {"PDF", "CSV", "Excel", "XLSX", "ID", "data", "csv", "pdf", "xlsx", "zip", "UTF", "BOM", "GB", "T",
                 "MB", "English"}
# Chinese UI words that are never a document's own text when they stand alone in English mode
UI_WORDS = {"三公", "万元", "亿元", "数据字典", "本级", "示例数据", "决算", "预算", "未应用", "上传", "其他", "个", "分", "页"}
HAN = r"[\u4e00-\u9fff]"
FULLWIDTH = r"[\u3000-\u303f\uff00-\uffef]+"


@pytest.fixture(scope="module")
def server(sample_server: str) -> str:
    return sample_server


def _open(page: Any, url: str) -> str:
    """Load a page, wait for its script run, return the main area's text."""
    page.set_viewport_size({"width": 1440, "height": 3000})
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    page.wait_for_timeout(1500)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    # a rerun (deep link through the navigation) redraws from placeholders: wait until none is left
    page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)
    page.wait_for_timeout(1000)  # plotly draws after the elements arrive
    assert page.locator('[data-testid="stException"]').count() == 0
    return str(page.evaluate(TEXT_JS, MAIN))


def _agency_url(lake: Path) -> str:
    """The agency page of 郴州市医疗保障局 (its documents, 三公, projects and findings)."""
    docs = store.read(lake, "documents").filter(pl.col("agency").str.contains("郴州"))
    return f"agency?id={docs.get_column('agency_id')[0]}"


@pytest.fixture(scope="module")
def printed(sample_lake: Path) -> str:
    """Every text the documents print or the rules quote: names, titles, prose, project names, rule messages."""
    parts: list[str] = []
    for dataset, cols in (("documents", ("agency", "region", "province", "city", "source_name")),
                          ("line_items", ("name",)), ("economic_items", ("name",)), ("readings", ("title",)),
                          ("projects", ("project", "agency", "implementing_unit")), ("narrative", ("text", "value")),
                          ("summary", ("label",)), ("indicators", ("name", "target", "actual"))):
        frame = store.read(sample_lake, dataset)
        for c in cols:
            if c in frame.columns:
                parts += [v for v in frame.get_column(c).cast(pl.String).drop_nulls().unique().to_list()]
    # the national classification's names, which the composition page shows for the codes printed
    parts += pl.read_csv(ROOT / "fiscal" / "data" / "function_codes.csv", infer_schema_length=0).get_column(
        "name").to_list()
    fl = read.flags.all_flags(sample_lake)
    parts += fl.get_column("message").drop_nulls().to_list()
    for text in fl.get_column("evidence").drop_nulls().to_list():  # the quoted prose and labels compared
        parts += _strings(json.loads(text)) if text.startswith(("{", "[")) else [text]
    return "\n".join(parts)


def _strings(value: Any) -> list[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _beside_latin(text: str, start: int, end: int) -> bool:
    """True when the nearest non-blank character before or after text[start:end] is an ASCII letter."""
    before, after = text[:start].rstrip()[-1:], text[end:].lstrip()[:1]
    return bool(re.match("[A-Za-z]", before) or re.match("[A-Za-z]", after))


def stray_chinese(text: str, printed: str) -> list[str]:
    """Chinese in English-mode text that the documents do not print (UI words, full-width punctuation in UI)."""
    text = re.sub(r"X{2,}", " ", text)
    out = []
    for m in re.finditer(f"{HAN}+", text):
        run = m.group()
        if (run in UI_WORDS and _beside_latin(text, m.start(), m.end())) or run not in printed:
            out.append(text[max(0, m.start() - 20):m.end() + 20])
    for m in re.finditer(FULLWIDTH, text):  # （error）： beside English words is UI punctuation
        before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
        if re.match("[A-Za-z]", before) or re.match("[A-Za-z]", after):
            out.append(text[max(0, m.start() - 20):m.end() + 20])
    return out


@pytest.mark.parametrize("name", PAGES)
def test_english_mode_is_english(server: str, chromium: Any, sample_lake: Path, printed: str, shot: Any,
                                 name: str) -> None:
    path = _agency_url(sample_lake) if name == "agency" else name
    page = chromium.new_page()
    try:
        text = _open(page, f"{server}/{path}{'&' if '?' in path else '?'}lang=en")
        shot(page, f"lang_{name or 'overview'}_en")
        wide = wide_tables(page, (_en.STRINGS["flags_pending"],), skip=int(name == "data"))
    finally:
        page.close()
    stray = stray_chinese(text, printed)
    assert not stray, f"{name}: Chinese UI text in English mode: {stray[:12]}"
    assert not wide, f"{name}: tables wider than the page (content, visible px): {wide}"


@pytest.mark.parametrize("name", PAGES)
def test_chinese_mode_is_chinese(server: str, chromium: Any, sample_lake: Path, shot: Any, name: str) -> None:
    path = _agency_url(sample_lake) if name == "agency" else name
    page = chromium.new_page()
    try:
        text = _open(page, f"{server}/{path}")
        shot(page, f"lang_{name or 'overview'}_zh")
        wide = wide_tables(page, (_zh.STRINGS["flags_pending"],), skip=int(name == "data"))
    finally:
        page.close()
    assert not wide, f"{name}: tables wider than the page (content, visible px): {wide}"
    text = re.sub(r"[0-9a-f]{12,}…?|X{2,}", " ", text)
    docs = store.read(sample_lake, "documents")
    names = set(re.findall(r"[A-Za-z]+", " ".join(docs.get_column("source_name").to_list()
                                                  + docs.get_column("agency").to_list())))
    stray = set(re.findall(r"[A-Za-z]{2,}", text)) - ALLOWED_LATIN - names
    assert not stray, f"{name}: Latin words in Chinese mode: {sorted(stray)}"


def test_uploader_speaks_chinese(server: str, chromium: Any) -> None:
    page = chromium.new_page()
    try:
        _open(page, f"{server}/upload")
        zone = page.locator('[data-testid="stFileUploaderDropzone"]')
        visible = page.evaluate(TEXT_JS, '[data-testid="stFileUploaderDropzone"]')
        drawn = zone.evaluate("""z => [...z.querySelectorAll('*')].map(e => getComputedStyle(e, '::after').content)
                                   .filter(c => c && c !== 'none').join(' ')""")
    finally:
        page.close()
    assert not re.search(r"[A-Za-z]{3,}", visible.replace("PDF", "")), visible
    assert "选择文件" in drawn and "MB" in drawn


def _download(page: Any) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """The first table download of the page (zip: data.csv, 数据字典.csv) and the row count its caption states."""
    caption = page.get_by_text(re.compile(r"下载表中这 [\d,]+ 行")).first.inner_text()
    with page.expect_download(timeout=WAIT_MS) as info:
        page.get_by_role("button", name="下载 CSV").first.click()
    with zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes())) as zf:
        data = export.read_csv(zf.read("data.csv"))
        dictionary = export.read_csv(zf.read("数据字典.csv"))
    return data, dictionary, int(re.sub(r"\D", "", caption))


def test_flags_download_is_the_table_on_screen(server: str, chromium: Any, sample_lake: Path) -> None:
    fl = read.flags.select_flags(sample_lake, Filters(), read.flags.all_flags(sample_lake))
    fl = fl.filter(pl.col("category").fill_null("finding") != "reading") if "category" in fl.columns else fl
    expected = read.findings.findings(fl, read.lake.selected_documents(sample_lake, Filters()))
    page = chromium.new_page(accept_downloads=True)
    try:
        _open(page, f"{server}/flags")
        data, dictionary, shown = _download(page)
    finally:
        page.close()
    assert data.height == shown == expected.height
    assert data.get_column("说明").to_list() == expected.get_column("message").to_list()
    assert set(data.get_column("严重程度").to_list()) <= set(_zh_labels.LABELS["severity"].values())
    assert dictionary.get_column("列名").to_list() == data.columns
    assert "文档ID" in data.columns and "来源文件" in data.columns


def test_peers_download_is_the_table_on_screen(server: str, chromium: Any, sample_lake: Path) -> None:
    page = chromium.new_page(accept_downloads=True)
    try:
        _open(page, f"{server}/peers")
        data, dictionary, shown = _download(page)
    finally:
        page.close()
    assert data.height == shown > 0
    metric_names = {v: k for k, v in _zh_labels.LABELS["metric"].items()}
    metric = metric_names[data.get_column("指标")[0]]
    year = int(data.get_column("年度")[0])
    comp = read.across.peers(sample_lake, Filters()).comparison
    expected = comp.filter(pl.col("metric") == metric, pl.col("year") == year)
    value = next(c for c in data.columns if c.startswith("数值"))
    scale = 100 if value.endswith("（%）") else 1
    assert data.height == expected.height
    assert data.get_column(value).sum() == pytest.approx(expected.get_column("value").sum() * scale, abs=0.05)
    assert dictionary.get_column("列名").to_list() == data.columns


def test_english_downloads_are_english(server: str, chromium: Any, sample_lake: Path) -> None:
    page = chromium.new_page(accept_downloads=True)
    try:
        _open(page, f"{server}/sangong?lang=en")
        with page.expect_download(timeout=WAIT_MS) as info:
            page.get_by_role("button", name="Download CSV").first.click()
        with zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes())) as zf:
            data = export.read_csv(zf.read("data.csv"))
            dictionary = export.read_csv(zf.read("data_dictionary.csv"))
    finally:
        page.close()
    assert not [c for c in data.columns if re.search(HAN, c)], data.columns
    assert "Budget (10k yuan)" in data.columns and "Execution (%)" in data.columns
    assert dictionary.columns == ["Column", "Type", "Unit", "Description"]
    assert dictionary.get_column("Column").to_list() == data.columns
    assert not re.search(HAN, " ".join(str(v) for v in dictionary.get_column("Type").to_list()))
    assert data.height == read.sangong.sangong_trend(sample_lake, Filters()).by_agency.height


def test_sangong_download_is_the_table_on_screen(server: str, chromium: Any, sample_lake: Path) -> None:
    expected = read.sangong.sangong_trend(sample_lake, Filters()).by_agency
    page = chromium.new_page(accept_downloads=True)
    try:
        _open(page, f"{server}/sangong")
        data, dictionary, shown = _download(page)
    finally:
        page.close()
    assert data.height == shown == expected.height
    assert data.get_column("决算数（万元）").sum() == pytest.approx(expected.get_column("actual").sum())
    assert dictionary.get_column("列名").to_list() == data.columns
    assert "final_account" not in " ".join(str(v) for v in data.row(0))


def test_bad_link_shows_a_notice(server: str, chromium: Any) -> None:
    page = chromium.new_page()
    try:
        text = _open(page, f"{server}/?years=abc&year=abc")
        text += page.locator('[data-testid="stSidebar"]').inner_text()
    finally:
        page.close()
    assert "未应用" in text and "abc" in text
