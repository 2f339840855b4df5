"""A column of wrapping text is wide enough for its longest word (pages/_common.words_width): English kinds and scopes
wrap as "Final / account", never "Final accoun / t" or "Depart / ment"."""

from __future__ import annotations

from pages._common import header_width, words_width


def test_a_wrapping_column_fits_its_longest_word() -> None:
    assert words_width(["Final account", "Budget"]) == words_width(["account"]) > words_width(["Final"])
    assert words_width(["Department", "Unit"]) >= 100 > header_width("Scope", 55)
    assert words_width(["决算", "预算"], 75) == 75  # a short Chinese label keeps the column's least width
    assert words_width([None, ""], 60) == 60
