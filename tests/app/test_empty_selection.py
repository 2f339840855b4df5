"""Pages over a selection that holds only a self-evaluation: what has no figure says so, instead of
"支出合计（—年）" over "无上年可比数据", "预算 —（尚无决算数）" (总览) or "合计 0.00 万元" over an empty grid (支出结构)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from drive import goto, open_app
from streamlit.testing.v1 import AppTest

from fiscal import store
from pages import _zh


def _self_evaluation_only(lake: Path) -> str:
    """An agency of the lake whose only documents are self-evaluations (no expenditure, no 三公)."""
    docs = store.read(lake, "documents")
    kinds = docs.group_by("agency_id").agg(pl.col("doc_kind").unique())
    only = kinds.filter(pl.col("doc_kind").list.eval(pl.element() == "performance_report").list.all())
    if only.is_empty():
        pytest.skip("no agency with self-evaluations only in the lake")
    return str(only.get_column("agency_id").sort()[0])


def _captions(at: AppTest) -> str:
    return "\n".join(str(c.value) for c in at.caption)


def test_empty_tiles_say_there_is_nothing(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(sample_lake, monkeypatch, agency=_self_evaluation_only(sample_lake))
    labels = [m.label for m in at.metric]
    assert _zh.STRINGS["ov_expenditure_none"] in labels and _zh.STRINGS["ov_sangong_none"] in labels
    assert not [m for m in labels if "—" in m]  # no year to name
    captions = _captions(at)
    assert _zh.STRINGS["ov_no_expenditure"] in captions
    assert _zh.STRINGS["sg_empty"] in captions
    assert "尚无决算数" not in captions and _zh.STRINGS["ov_no_change"] not in captions


def test_composition_says_there_is_no_expenditure(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(sample_lake, monkeypatch, agency=_self_evaluation_only(sample_lake))
    goto(at, "pages/composition.py")
    captions = _captions(at)
    assert "0.00 万元" not in captions
    assert _zh.STRINGS["ov_no_expenditure"] in captions
    assert not at.dataframe  # no empty table, no download of nothing
