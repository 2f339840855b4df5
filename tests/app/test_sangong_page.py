"""The 三公 page names the agency-years it leaves out: a total resting on a table read only in part is no figure
to sum or rank (fiscal.read.sangong puts it in `unchecked`), but a reader must know it is there and where."""

from __future__ import annotations

import polars as pl
from streamlit.testing.v1 import AppTest

LEFT_OUT = pl.DataFrame({"agency_id": ["a"], "agency": ["某市教育局"], "region": ["湖南省某市"], "year": [2023],
                         "stage": ["actual"], "amount": [95.48], "doc_id": ["d" * 64], "page": [15]},
                        schema_overrides={"year": pl.Int32, "page": pl.Int32})


def _draw(left: object, names: dict[str, str], lang: str) -> None:
    """The page's list of what it left out, drawn alone (AppTest.from_function: builtins in the signature)."""
    import streamlit as st

    from pages.sangong import unchecked

    st.session_state["lang"] = lang
    unchecked(left, names)


def _run(left: pl.DataFrame, lang: str = "zh") -> AppTest:
    at = AppTest.from_function(_draw, args=(left, {"d" * 64: "某市教育局2023年部门决算.pdf"}, lang), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_totals_read_in_part_are_named_with_their_page() -> None:
    at = _run(LEFT_OUT)
    assert at.expander[0].label.startswith("另有 1 个单位年度的“三公”经费来自未能完整读取的表格")
    row = at.dataframe[0].value.iloc[0]
    assert (row["agency"], row["stage"], row["amount"], row["source_name"], row["page"]) == \
        ("某市教育局", "决算数", 95.48, "某市教育局2023年部门决算.pdf", 15)


def test_totals_read_in_part_in_english() -> None:
    at = _run(LEFT_OUT, "en")
    assert at.expander[0].label.endswith("not counted in the totals, trends and ranking above: 1")
    assert at.dataframe[0].value.iloc[0]["stage"] == "Actual"  # a name in a table, capitalised as every other


def test_nothing_left_out_draws_nothing() -> None:
    at = _run(LEFT_OUT.clear())
    assert not at.expander and not at.dataframe


# two agencies of 2024 printing every 三公 line 0.00 (a blank template's table reads so); in 2023 one spent 12.50
ZERO = pl.DataFrame({"agency_id": ["t", "p", "t", "p"], "year": [2024, 2024, 2023, 2023],
                     "value": [0.0, 0.0, 0.0, 12.5], "stage": ["actual"] * 4, "yoy": [None] * 4,
                     "prev_value": [None] * 4}, schema_overrides={"year": pl.Int32})


def _draw_statements(wide: object, lang: str) -> None:
    import streamlit as st

    from fiscal.read.sangong import _sangong_statements
    from pages.sangong import _statements

    st.session_state["lang"] = lang

    class Trend:
        statements = _sangong_statements(wide)

    _statements(Trend())  # type: ignore[arg-type]


def test_agencies_without_spending_are_not_counted_as_spending_ones() -> None:
    """A document whose 三公 are all 0.00 reads as 无三公经费支出: not one of the agencies whose total is stated."""
    at = AppTest.from_function(_draw_statements, args=(ZERO, "zh"), default_timeout=60)
    at.run()
    text = at.markdown[0].value
    assert "2023年，1 个单位“三公”经费决算数合计 12.50 万元（另有 1 个单位决算数为 0，无“三公”经费支出" in text
    assert "2024年，2 个单位“三公”经费决算数均为 0，无“三公”经费支出" in text
    assert "2 个单位“三公”经费决算数合计 0.00" not in text  # was: 2 agencies, total 0.00


def test_agencies_without_spending_in_english() -> None:
    at = AppTest.from_function(_draw_statements, args=(ZERO, "en"), default_timeout=60)
    at.run()
    text = at.markdown[0].value
    assert "2023: 1 agency, actual total 12.50 10k yuan (plus 1 agency with actual 0" in text
    assert "2024: 2 agencies, actual 0 throughout: no three public expenses" in text
