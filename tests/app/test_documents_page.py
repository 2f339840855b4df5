"""The 文档 page rendered headless with Streamlit's AppTest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from drive import APP, TIMEOUT
from streamlit.testing.v1 import AppTest
from tiny_lake import DOC_B, QUARANTINED, SOURCE_A, SOURCE_B


def _run(lake: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """Render the 文档 page over `lake` and fail on any exception shown on the page."""
    monkeypatch.setenv("LAKE_DIR", str(lake))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, [e.message for e in at.exception]
    at.switch_page("pages/documents.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    """All markdown-ish text on the page, joined."""
    parts = [e.value for e in (*at.title, *at.subheader, *at.caption, *at.markdown, *at.info, *at.warning,
                               *at.success)]
    return "\n".join(str(p) for p in parts)


def test_renders_documents(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _run(tiny_lake, monkeypatch)
    assert at.title[0].value == "文档"
    assert str(tiny_lake.resolve()) not in _texts(at)  # no server paths on screen (issue #18)
    table = at.dataframe[0].value
    assert set(table["来源文件"]) == {SOURCE_A, SOURCE_B}
    assert set(table["类型"]) == {"决算"}
    assert set(table["口径"]) == {"部门", "单位"}
    row_b = table[table["来源文件"] == SOURCE_B].iloc[0]
    assert row_b["识别表格"] == "7 / 9"
    assert (row_b["校验通过"], row_b["校验失败"]) == (5, 2)
    assert not at.info  # no empty-lake message


def test_document_report(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _run(tiny_lake, monkeypatch)
    at.selectbox[0].select(DOC_B).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["收支总表"] == "2"
    assert metrics["绩效项目"] == "0"
    assert any("本年支出合计与支出决算表不一致" in w.value for w in at.warning)  # (the other is the 示例数据 banner)
    assert "收入表" in _texts(at)  # the table family by name, not its key


def test_empty_lake_message(empty_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _run(empty_lake, monkeypatch)
    assert len(at.info) == 1
    assert "make lake" in at.info[0].value
    assert "python -m ingest samples/" in at.info[0].value
    assert not at.dataframe  # no documents table, and the quarantine is empty
    assert "隔离区为空" in _texts(at)


def test_quarantine_section(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _run(tiny_lake, monkeypatch)
    assert "隔离区" in [s.value for s in at.subheader]
    q = at.dataframe[-1].value
    assert list(q["文件"]) == [QUARANTINED]
    assert list(q["阶段"]) == ["triage"]
    assert list(q["原因"]) == ["no_text_layer"]


def test_dashboard_runs_without_camelot(tiny_lake: Path) -> None:
    """The dashboard side never imports the ingest-only extraction stack."""
    code = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"at = AppTest.from_file({APP!r}, default_timeout={TIMEOUT}).run()\n"
        "assert not at.exception, at.exception\n"
        "heavy = sorted(m for m in ('camelot', 'cv2', 'pypdfium2', 'ingest') if m in sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    env = {**os.environ, "LAKE_DIR": str(tiny_lake)}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=2 * TIMEOUT)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_links_across_years_are_listed_with_their_basis(multi_year_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _run(multi_year_lake, monkeypatch)
    expander = next(e for e in at.expander if e.label.startswith("跨年度关联"))
    agencies, projects = (d.value for d in expander.dataframe)
    renamed = agencies[agencies["单位/部门"] == "株洲市卫生局"].iloc[0]
    assert renamed["显示为"] == "株洲市卫生健康委员会" and renamed["依据"] == "对照表"
    road = projects[projects["项目编码"].fillna("").str.startswith("43020022T")]
    assert sorted(road["年度"]) == [2022, 2023, 2024] and set(road["依据"]) == {"项目编码"}


def test_the_original_pdf_is_one_click_away(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The document report and a finding's source page offer the stored PDF itself (the page in its context)."""
    from drive import goto, open_app

    at = open_app(sample_lake, monkeypatch)
    goto(at, "pages/documents.py")
    assert "下载原始 PDF" in [b.proto.label for b in at.get("download_button")]
    goto(at, "pages/flags.py")  # the first finding is shown with its source page
    assert not at.exception, [e.message for e in at.exception]
    assert "下载原始 PDF" in [b.proto.label for b in at.get("download_button")]
