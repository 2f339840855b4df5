"""The score pages say how their scores are weighted from the weights the scores use (fiscal/scores.py,
fiscal/quality.py): one home, so a changed weight cannot leave an old one in a sentence."""

from __future__ import annotations

import pytest

from fiscal import scores
from pages import _en, _i18n, _zh, inflation, quality


def test_the_inflation_caption_takes_its_weights_from_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    assert inflation.terms_text() == ("指标得满分的比例（40%）、项目总分过于集中（20%）、总分与执行率脱节（20%）、"
                                      "执行率低于 60% 却拿满执行分的项目占比（20%）")
    monkeypatch.setattr(scores, "INFLATION_WEIGHTS", {"full_weight_share": 0.55, "tight_spread": 0.15,
                                                      "decoupled": 0.15, "low_exec_full": 0.15})
    text = inflation.terms_text()
    assert "指标得满分的比例（55%）" in text and "总分与执行率脱节（15%）" in text and "40%" not in text


def test_the_inflation_terms_read_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_i18n, "lang", lambda: "en")
    assert inflation.terms_text() == ("share of indicators at full marks (40%), tight spread of total scores (20%), "
                                      "scores not following execution (20%), projects under 60% execution with full "
                                      "execution points (20%)")


def test_every_weighted_term_has_a_name_in_both_languages() -> None:
    for table in (_zh.STRINGS, _en.STRINGS):
        assert all(f"in_term_{term}" in table for term in scores.INFLATION_WEIGHTS)
    assert quality.COMPONENTS == tuple(scores.QUALITY_WEIGHTS)
    # the sentences name no count of terms nor a weight of their own
    for key in ("in_caption", "qu_caption"):
        assert not any(w in _zh.STRINGS[key] for w in ("四项", "七项", "%")), _zh.STRINGS[key]
        assert "%" not in _en.STRINGS[key], _en.STRINGS[key]
