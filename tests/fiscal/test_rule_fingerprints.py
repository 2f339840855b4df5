"""The rules' fingerprints follow the code's meaning, rule by rule: a comment changes none, a rule's own function
its own, a shared helper every rule that reaches it (fiscal.rules.rulecode)."""

import shutil
from pathlib import Path

import pytest

from fiscal.rules import RULES
from fiscal.rules.rulecode import ROOT, Code, prints, stale_rules


@pytest.fixture(scope="module")
def before() -> dict[str, str]:
    return prints(RULES)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the project's package whose files a test edits."""
    shutil.copytree(ROOT / "fiscal", tmp_path / "fiscal", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def edit(tree: Path, path: str, old: str, new: str, then: bool = True) -> dict[str, str]:
    """The fingerprints after replacing `old` (once in the file) by `new` (none unless `then`)."""
    f = tree / path
    text = f.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    f.write_text(text.replace(old, new), encoding="utf-8")
    return prints(RULES, Code(tree)) if then else {}


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {r for r in before if before[r] != after[r]}


def test_a_copy_of_the_code_has_the_same_fingerprints(tree, before):
    assert prints(RULES, Code(tree)) == before
    assert len(set(before.values())) == len(before)  # one per rule


def test_comments_docstrings_and_type_hints_change_no_fingerprint(tree, before):
    edit(tree, "fiscal/rules/projects.py", 'def exec_exceeds_budget(frames: Frames, p: dict[str, float]) -> pl.DataFrame:'
         '\n    """executed > budget_full_year (beyond rounding)."""',
         '# why this rule exists, said again\ndef exec_exceeds_budget(frames: Frames, p: dict[str, Any]) -> pl.DataFrame:'
         '\n    """Reworded: what was spent beyond its budget."""  # and a comment', then=False)
    after = edit(tree, "fiscal/rules/engine.py", '"""Run the rules (all by default)', '"""Runs the rules (all by default)')
    assert after == before


def test_a_change_of_one_rule_changes_its_fingerprint_only(tree, before):
    after = edit(tree, "fiscal/rules/projects.py",
                 'df = one_per_project(frames.projects).filter(pl.col("executed") - pl.col("budget_full_year") > EPS)',
                 'df = one_per_project(frames.projects).filter(pl.col("executed") - pl.col("budget_full_year") > 2 * EPS)')
    assert changed(before, after) == {"exec_exceeds_budget"}


def test_a_threshold_default_changes_its_rule_only(tree, before):
    after = edit(tree, "fiscal/rules/projects.py", "max_change=0.5", "max_change=0.6")
    assert changed(before, after) == {"budget_adjusted_heavily"}


def test_a_shared_helper_changes_every_rule_reaching_it(tree, before):
    after = edit(tree, "fiscal/rules/projects.py", 'return df.with_columns(exec_rate().alias("_rate"))',
                 'return df.with_columns(exec_rate().alias("_rate")).clone()')
    moved = changed(before, after)
    assert {"full_score_low_execution", "exec_rate_misreported", "high_total_low_execution"} <= moved
    assert not moved & {"exec_exceeds_budget", "budget_adjusted_heavily", "total_score_mismatch",
                        "sangong_sum_mismatch", "peer_outlier"}


def test_a_label_table_changes_the_rules_reading_it(tree, before):
    after = edit(tree, "fiscal/rules/labels.py", '"reception": "公务接待费"', '"reception": "公务接待"')
    moved = changed(before, after)
    assert {"sangong_sum_mismatch", "sangong_over_budget", "budget_final_mismatch"} <= moved
    assert "exec_exceeds_budget" not in moved


def test_a_data_file_read_by_a_rule_changes_it(tree, before):
    f = tree / "fiscal" / "data" / "agency_types.csv"
    f.write_text(f.read_text(encoding="utf-8") + "新类型,新类型,\n", encoding="utf-8")
    assert "peer_outlier" in changed(before, prints(RULES, Code(tree)))


def test_what_every_flag_goes_through_changes_every_rule(tree, before):
    after = edit(tree, "fiscal/rules/precedence.py", 'KEPT_SEVERITIES: tuple[str, ...] = ("error", "warning")',
                 'KEPT_SEVERITIES: tuple[str, ...] = ("error",)')
    assert changed(before, after) == set(before)


def test_a_pinned_library_changes_every_rule(tree, before):
    after = edit(tree, "pyproject.toml", '"rapidfuzz==', '"rapidfuzz>=')
    assert changed(before, after) == set(before)


def test_a_folding_rule_takes_every_folding_rule_with_it(before):
    from fiscal.rules.precedence import PRECEDENCE

    written = {**before, "percentage_misstated": "other"}
    assert stale_rules(written, before) == set(PRECEDENCE)
    written = {r: p for r, p in before.items() if r != "exec_exceeds_budget"}  # a rule the file does not know
    assert stale_rules(written, before) == {"exec_exceeds_budget"}
