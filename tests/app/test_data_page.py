"""The 数据 page (pages/data.py) over the sample lake: a dataset's table as a reader sees it, headers and values by
name in the reader's language, as the download names them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from drive import goto, open_app

from pages._downloads import VALUE_GROUPS


def _headers(frame: Any) -> dict[str, str]:
    """Column → header of a table on the page (its column config)."""
    return {k: v.get("label") for k, v in json.loads(frame.proto.columns).items() if k != "_index"}


def test_a_dataset_reads_by_name_with_one_unit(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(sample_lake, monkeypatch, dataset="sangong")
    goto(at, "pages/data.py")
    table = at.dataframe[0]
    heads = _headers(table)
    assert heads["amount"] == "金额（万元）"  # was 金额(万元)（万元）: the unit twice
    assert heads["reading"] == "读取状态"  # was the code "reading"
    assert "bbox" not in heads  # coordinates on the page are for the download and the flag page, not the screen
    rows = table.value
    assert set(rows["source"]) <= {"表格", "正文", "正文分项相加"}  # were table / prose / prose_sum
    assert set(rows["reading"]) <= {"完整", "部分"}  # were complete / partial


def test_the_same_in_english(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(sample_lake, monkeypatch, dataset="sangong", lang="en")
    goto(at, "pages/data.py")
    table = at.dataframe[0]
    heads = _headers(table)
    assert heads["amount"] == "Amount (10k yuan)"
    assert heads["reading"] == "Reading"
    assert set(table.value["source"]) <= {"Table", "Text", "Sum of text items"}
    # values are names, capitalised like every other name in a table (were budget / actual / complete)
    assert set(table.value["stage"]) <= {"Budget", "Actual"} and set(table.value["reading"]) <= {"Complete", "Partial"}


def test_the_download_names_the_same_columns_by_name() -> None:
    """The screen and the download take their code names from one list (pages/_downloads.VALUE_GROUPS)."""
    assert {"source", "reading", "comparator", "measure"} <= set(VALUE_GROUPS)


def test_a_long_table_shows_its_first_rows_and_says_so(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every row shown is sent to the browser: a national lake's 三公 rows (~800,000) ran past Streamlit's message
    limit. The table shows its first rows with a note; the download holds them all."""
    from pages import _common

    monkeypatch.setattr(_common, "MAX_TABLE_ROWS", 10)
    at = open_app(sample_lake, monkeypatch, dataset="sangong")
    goto(at, "pages/data.py")
    total = int(next(c.value for c in at.caption if c.value.endswith("行（筛选后）")).split(" ")[0].replace(",", ""))
    assert total > 10 and len(at.dataframe[0].value) == 10
    assert f"表中显示前 10 行，共 {total:,} 行；下载的文件包含全部行。" in [c.value for c in at.caption]
