"""One `Thresholds` value moves every figure that depends on a rule threshold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fiscal import scores
from fiscal.thresholds import DEFAULT, ThresholdError, Thresholds, defaults
from tests.fiscal.test_scores import inflation_case

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_come_from_the_rule_declarations() -> None:
    assert DEFAULT.low_execution == defaults()["full_score_low_execution"]["low_rate"]
    assert DEFAULT.high_total_score == defaults()["high_total_low_execution"]["min_total"]
    assert DEFAULT.changed() == {}


def test_overrides_are_validated_and_hashable() -> None:
    t = Thresholds.of({"full_score_low_execution": {"low_rate": 0.3}})
    assert t.low_execution == 0.3 and hash(t) == hash(Thresholds.of([("full_score_low_execution", [("low_rate", 0.3)])]))
    assert Thresholds.of({"full_score_low_execution": {"low_rate": DEFAULT.low_execution}}) == DEFAULT
    with pytest.raises(ThresholdError):
        Thresholds.of({"no_such_rule": {"x": 1}})
    with pytest.raises(ThresholdError):
        Thresholds.of({"full_score_low_execution": {"nope": 1}})
    with pytest.raises(ThresholdError):
        Thresholds.of({"full_score_low_execution": {"low_rate": -1}})


def test_the_inflation_index_follows_the_low_execution_threshold() -> None:
    frames = inflation_case()
    base = scores.inflation_index(frames).row(0, named=True)
    stricter = scores.inflation_index(frames, Thresholds.of({"full_score_low_execution": {"low_rate": 0.05}}))
    assert base["low_exec_full_score"] == 2
    assert stricter.row(0, named=True)["low_exec_full_score"] == 0
    assert stricter.row(0, named=True)["index"] < base["index"]


def test_each_threshold_default_is_written_once() -> None:
    """No module outside the rule declarations repeats a threshold's default as a constant."""
    offenders = []
    for path in [*ROOT.glob("fiscal/**/*.py"), *ROOT.glob("pages/*.py")]:
        if "rules" in path.parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"\s*(LOW_EXEC\w*|HIGH_TOTAL\w*)\s*=", line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders


def test_thresholds_read_and_write_as_text() -> None:
    t = Thresholds.parse(["full_score_low_execution.low_rate=0.3"])
    assert t.low_execution == 0.3 and Thresholds.parse(t.as_strings()) == t
    assert Thresholds.parse([]) == DEFAULT
    for bad in ("low_rate=0.3", "full_score_low_execution.low_rate=abc", "nope.x=1"):
        with pytest.raises(ThresholdError):
            Thresholds.parse([bad])
