"""A download's file says what it holds: the sidebar's selection and what the page narrowed the table to (its year,
metric, search text, rules) are in its name, so two downloads of one table under different filters never share
a name (pages/_downloads.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from drive import goto, open_app

from fiscal.filters import Filters
from pages._downloads import download_stem


def test_a_download_is_named_after_the_selection_and_the_pages_narrowing() -> None:
    st.session_state["filters"] = Filters(province="430000", years=(2021, 2023))
    try:
        assert download_stem("inflation", {"year": 2023}) == "inflation_province-430000_years-2021-2023_year-2023"
        # a search text as typed (Chinese kept), several rules joined, nothing chosen left out
        assert download_stem("flags", {"q": "教育 经费", "rule": ["totals_mismatch", "unit_mismatch"], "severity": []}) \
            == "flags_province-430000_years-2021-2023_q-教育_经费_rule-totals_mismatch_unit_mismatch"
        st.session_state["filters"] = Filters()
        assert download_stem("projects", {"q": ""}) == "projects_all"
    finally:
        del st.session_state["filters"]


def test_the_projects_download_carries_its_search(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names: list[str] = []

    def button(label: str, data: Any, file_name: str | None = None, **kw: Any) -> bool:
        names.append(file_name or "")
        return False

    monkeypatch.setattr(st, "download_button", button)
    at = open_app(sample_lake, monkeypatch, province="430000")
    at.query_params["q"] = "经费"
    goto(at, "pages/projects.py")
    assert "projects_province-430000_q-经费.zip" in names and "projects_province-430000_q-经费.xlsx" in names, names


def test_the_data_pages_dataset_is_not_named_as_a_pages_table(sample_lake: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """数据 → 三公 (every row of the dataset) and the 三公 page's table (one row per agency-year) differ: so do their
    names."""
    names: list[str] = []
    monkeypatch.setattr(st, "download_button", lambda label, data, file_name=None, **kw: names.append(file_name))
    at = open_app(sample_lake, monkeypatch, dataset="sangong")
    goto(at, "pages/data.py")
    goto(at, "pages/sangong.py")
    assert "data_sangong_all.zip" in names and "sangong_all.zip" in names, names
