"""Roles in a real browser: the dashboard served with a secrets.toml of three built-in users.

An unauthenticated session gets no data from any page; a viewer cannot download; an
analyst cannot upload; the admin's upload of a sample PDF is ingested and listed on the
文档 page. Screenshots in artifacts/screenshots/roles_*.png.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import VIEWPORT, WAIT_MS, no_exception, settle

from fiscal import auth, export, read
from fiscal.filters import Filters

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "app"))
from tiny_lake import SOURCE_A, build_tiny_lake  # noqa: E402

pytestmark = pytest.mark.browser

USERS = {"vera": ("viewer", "viewer-pass-1"), "anna": ("analyst", "analyst-pass-1"), "adam": ("admin", "admin-pass-1")}
PAGES = {"": "总览", "composition": "支出结构", "sangong": "三公经费", "projects": "项目绩效", "flags": "异常标记",
         "data": "数据", "documents": "文档", "upload": "上传 PDF"}
SAMPLE = ROOT / "samples" / "ab_layout_selfeval.pdf"  # small: ingested in a few seconds


def _secrets() -> str:
    return "".join(auth.secrets_entry(name, password, role) + "\n" for name, (role, password) in USERS.items())


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_lake(tmp_path_factory.mktemp("roles") / "lake")


@pytest.fixture(scope="module")
def server(lake: Path, tmp_path_factory: pytest.TempPathFactory, serve_dashboard: Any) -> Iterator[str]:
    with serve_dashboard(lake, tmp_path_factory.mktemp("roles-server"), secrets=_secrets()) as url:
        yield url


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A fresh browser context per test: its own cookies, its own session."""
    context = chromium.new_context(viewport=VIEWPORT, locale="zh-CN", accept_downloads=True)
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()



def _heading(page: Any, title: str) -> None:
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", name=title, exact=True).first).to_be_visible(timeout=WAIT_MS)
    settle(page)


def _login(page: Any, url: str, name: str) -> None:
    """Open `url`, sign in with the built-in form."""
    page.goto(url, wait_until="domcontentloaded")
    _heading(page, "登录")
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(USERS[name][1])
    page.get_by_role("button", name="登录").click()
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", name="登录", exact=True)).to_have_count(0, timeout=WAIT_MS)
    settle(page)


def _nav(page: Any, title: str) -> None:
    """Go to a page through the sidebar navigation (same session)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title, exact=True).click()
    _heading(page, title)



def test_unauthenticated_session_gets_no_data(server: str, page: Any, shot: Any) -> None:
    from playwright.sync_api import expect

    # every page at once, each in its own tab (its own session), then check each
    tabs = {path: page.context.new_page() for path in PAGES}
    for path, tab in tabs.items():
        tab.goto(f"{server}/{path}", wait_until="commit")
    for path, tab in tabs.items():
        _heading(tab, "登录")
        no_exception(tab)
        main = tab.locator('[data-testid="stMain"]')
        for testid in ("stDataFrame", "stPlotlyChart", "stMetric", "stDownloadButton", "stFileUploader"):
            expect(tab.locator(f'[data-testid="{testid}"]')).to_have_count(0)
        # (the first session of a fresh server may still list the tab names: names only, no data)
        expect(tab.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')).to_have_count(0)
        html = tab.content()
        for secret in ("郴州市医疗保障局", SOURCE_A, "湖南省"):
            assert secret not in html, (path, secret)
        assert "用户名" in (main.text_content() or "")
        if path == "data":
            shot(tab, "roles_login")
    page = tabs["data"]
    # a wrong password does not get in either
    page.get_by_label("用户名").fill("anna")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_text("用户名或密码不正确")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(0)


def test_viewer_cannot_download(server: str, page: Any, shot: Any) -> None:
    from playwright.sync_api import expect

    _login(page, f"{server}/", "vera")
    _heading(page, "总览")
    expect(page.get_by_text("已登录：vera（查看）")).to_be_visible()
    _nav(page, "数据")
    expect(page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first).to_be_visible(timeout=WAIT_MS)
    expect(page.locator('[data-testid="stDownloadButton"]')).to_have_count(0)
    expect(page.get_by_text("下载 CSV/Excel 需要分析员或管理员权限")).to_be_visible()
    expect(page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="上传")).to_have_count(0)
    no_exception(page)
    shot(page, "roles_viewer_data")


def test_analyst_downloads_but_cannot_upload(server: str, page: Any, lake: Path, shot: Any) -> None:
    from playwright.sync_api import expect

    _login(page, f"{server}/", "anna")
    expect(page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="上传")).to_have_count(0)
    _nav(page, "数据")
    # the dataset picker: 收支总表 has rows in the tiny lake
    page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="收支总表").click()
    expected = export.export_rows(lake, Filters(), "summary")  # the rows with their provenance (source_path)
    expect(page.get_by_text(f"{expected.height:,} 行（筛选后）")).to_be_visible(timeout=WAIT_MS)
    settle(page)
    with page.expect_download(timeout=WAIT_MS) as info:
        page.get_by_role("button", name="下载 CSV").click()
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes())) as zf:  # data.csv + 数据字典.csv
        got = export.read_csv(zf.read("data.csv"))
    assert got.height == expected.height  # an analyst gets the rows on screen
    # the upload page by its address: not served to an analyst (the default page instead)
    _login(page, f"{server}/upload", "anna")
    _heading(page, "总览")
    expect(page.locator('[data-testid="stFileUploader"]')).to_have_count(0)
    expect(page.get_by_role("heading", name="上传 PDF")).to_have_count(0)
    no_exception(page)
    shot(page, "roles_analyst_upload_refused")


def test_admin_upload_ingests_a_pdf(server: str, page: Any, lake: Path, tmp_path: Path, shot: Any) -> None:
    from playwright.sync_api import expect

    fake = tmp_path / "伪装成PDF.pdf"
    fake.write_bytes(b"MZ\x90\x00 this is not a pdf")
    pdf = tmp_path / SAMPLE.name
    shutil.copy(SAMPLE, pdf)
    _login(page, f"{server}/", "adam")
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="上传", exact=True).click()
    _heading(page, "上传 PDF")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(pdf), str(fake)])
    expect(page.get_by_text(fake.name).first).to_be_visible(timeout=WAIT_MS)  # (long names are shortened)
    page.get_by_role("button", name="导入").click()
    expect(page.get_by_role("heading", name="导入结果")).to_be_visible(timeout=60_000)
    settle(page)
    table = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first
    for text in (pdf.name, "已入库", fake.name, "已拒绝"):
        expect(table.get_by_text(text).first).to_be_attached(timeout=WAIT_MS)
    page.wait_for_timeout(500)
    shot(page, "roles_admin_upload")
    no_exception(page)
    # stored content-addressed, and in the lake
    import hashlib

    digest = hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    assert (lake / "_uploads" / f"{digest}.pdf").read_bytes() == SAMPLE.read_bytes()
    assert not [p for p in (lake / "_uploads").iterdir() if p.name != f"{digest}.pdf"]
    assert digest in set(read.documents.documents(lake).get_column("doc_id").to_list())
    # the 文档 page lists it
    _nav(page, "文档")
    grid = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first
    expect(grid.get_by_text(pdf.name, exact=True).first).to_be_attached(timeout=WAIT_MS)
    no_exception(page)
    page.wait_for_timeout(500)
    shot(page, "roles_admin_documents")
