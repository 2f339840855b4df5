"""Findings in headless Chromium over the sample lake: 总览 opens with the top findings (the 郴州 project
executed at 0% yet scored 10/10 among them), one click leads to its evidence, a finding's URL reopens it
with the source page cropped to the quoted row; the agency page. Screenshots in artifacts/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from browsing import WAIT_MS, full_shot, no_exception, open_page, settle

from fiscal import read, store
from fiscal.filters import Filters

pytestmark = pytest.mark.browser
PROJECT = "打击欺诈骗保投诉举报奖励经费"


@pytest.fixture(scope="module")
def server(sample_server: str) -> str:
    return sample_server


@pytest.fixture(scope="module")
def chenzhou(sample_lake: Path) -> dict:
    """The finding of the 郴州 project executed at 0% with full execution marks."""
    try:
        flags = read.flags.select_flags(sample_lake, Filters(), read.flags.all_flags(sample_lake))
    except read.flags.RulesUnavailable:
        pytest.skip("the rule engine (fiscal.rules) is not installed")
    found = read.findings.findings(flags, store.read(sample_lake, "documents"))
    hit = found.filter(pl.col("project").str.contains(PROJECT))
    if hit.is_empty():
        pytest.skip("the 郴州 samples are not in the lake")
    return hit.row(0, named=True)






def test_overview_top_findings_lead_to_the_evidence(server: str, page: Any, chenzhou: dict, shot: Any) -> None:
    from playwright.sync_api import expect

    open_page(page, f"{server}/", "总览")
    expect(page.get_by_role("heading", name="最需关注的发现")).to_be_visible()
    items = page.locator('[data-testid="stMarkdownContainer"] li').filter(has_text="查看依据")
    assert items.count() == 5
    line = items.filter(has_text=PROJECT).first
    expect(line).to_be_visible()
    assert "执行率 0.00%" in line.inner_text() and "10/10" in line.inner_text()
    expect(line.get_by_role("link", name="郴州市医疗保障局")).to_be_visible()
    no_exception(page)
    full_shot(page, shot, "findings_overview")
    with page.expect_popup() as opened:  # one click from the line to its evidence (Streamlit opens a new tab)
        line.get_by_role("link", name="查看依据").click()
    evidence = opened.value
    expect(evidence.get_by_role("heading", name="所选发现").first).to_be_visible(timeout=WAIT_MS)
    settle(evidence)
    expect(evidence.get_by_text("发现它的规则（2 条）")).to_be_visible()
    assert f"finding={chenzhou['finding_id']}" in evidence.url
    evidence.close()


def test_a_finding_url_reopens_it_with_the_cropped_page(server: str, page: Any, chenzhou: dict, shot: Any) -> None:
    from playwright.sync_api import expect

    open_page(page, f"{server}/flags?finding={chenzhou['finding_id']}", "异常标记")
    expect(page.get_by_role("heading", name="所选发现").first).to_be_visible()
    expect(page.get_by_text("发现它的规则（2 条）")).to_be_visible()
    image = page.locator('[data-testid="stImage"] img').first
    expect(image).to_be_visible(timeout=WAIT_MS)
    page.wait_for_function("img => img.complete && img.naturalWidth > 200", arg=image.element_handle(), timeout=WAIT_MS)
    size = image.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert size[1] < size[0] * 0.6, size  # cropped to a strip around the quoted row, not the whole A4 page
    # cropped to the compared figures' boxes (located at ingest), or else to the quoted line
    expect(page.get_by_text(re.compile("^已裁剪到所(比较的数字|引原文)"))).to_be_visible()
    assert f"finding={chenzhou['finding_id']}" in page.url
    no_exception(page)
    full_shot(page, shot, "findings_flag_evidence")
    # the older ?flag= link opens the same finding
    open_page(page, f"{server}/flags?flag={chenzhou['finding_id']}", "异常标记")
    expect(page.get_by_text("发现它的规则（2 条）")).to_be_visible()


def test_agency_page(server: str, page: Any, chenzhou: dict, shot: Any) -> None:
    from playwright.sync_api import expect

    open_page(page, f"{server}/agency?id={chenzhou['agency_id']}", "单位")
    expect(page.get_by_role("heading", name="郴州市医疗保障局").first).to_be_visible()
    expect(page.get_by_role("heading", name="项目绩效").first).to_be_visible()
    no_exception(page)
    full_shot(page, shot, "findings_agency")
