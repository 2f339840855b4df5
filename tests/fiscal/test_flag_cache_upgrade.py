"""A flag cache written by other code: the flags of every rule whose code did not change are kept, only the changed
rules are evaluated again, and the result equals a full evaluation. The writer saves the lake rules' flags, so a
new reader of the same documents evaluates nothing."""

from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from fiscal.rules import RULES, Frames, evaluate, incremental, lakerules
from fiscal.rules.incremental import FlagCache, restrict
from fiscal.rules.precedence import PRECEDENCE, fold_pages

CHANGED = "full_score_low_execution"  # fires in the sample lake


@pytest.fixture
def full(sample_lake: Path) -> Frames:
    return Frames.from_lake(sample_lake)


@pytest.fixture
def saved(full: Frames, tmp_path: Path) -> Path:
    """The flags file of the current code."""
    cache = FlagCache()
    cache.update(full)
    cache.save(tmp_path / "flags.parquet")
    return tmp_path / "flags.parquet"


def upgrade(monkeypatch: pytest.MonkeyPatch, changed: dict[str, str]) -> None:
    """New sources whose rules' fingerprints differ from the file's for `changed` (rule → new fingerprint)."""
    prints = {**incremental.rule_prints(), **changed}
    monkeypatch.setattr(incremental, "rules_fingerprint", lambda: "new sources")
    monkeypatch.setattr(incremental, "rule_prints", lambda: prints)


def spy(monkeypatch: pytest.MonkeyPatch, module: object) -> list[list[str] | None]:
    """The `rules` of every evaluate call `module` makes."""
    calls: list[list[str] | None] = []
    real = evaluate

    def counting(frames: Frames, *args: object, **kwargs: object) -> pl.DataFrame:
        calls.append(kwargs.get("rules"))  # type: ignore[arg-type]
        return real(frames, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "evaluate", counting)
    return calls


def test_new_sources_of_the_same_meaning_keep_every_flag(full, saved, monkeypatch):
    upgrade(monkeypatch, {})  # a comment edit: the sources differ, no rule's fingerprint does
    calls = spy(monkeypatch, incremental)
    again = FlagCache.load(saved)
    assert not again.stale and again.local.height
    assert_frame_equal(again.update(full), evaluate(full))
    assert again.recomputed == 0 and calls == []


def test_only_the_rule_whose_code_changed_is_evaluated_again(full, saved, monkeypatch):
    old = RULES[CHANGED].check
    monkeypatch.setitem(RULES, CHANGED, replace(RULES[CHANGED], check=lambda frames, p: old(frames, p).with_columns(
        message=pl.col("message") + "（新）")))
    upgrade(monkeypatch, {CHANGED: "changed"})
    calls = spy(monkeypatch, incremental)
    again = FlagCache.load(saved)
    assert again.stale == {CHANGED}
    got = again.update(full)
    assert calls and all(c == [CHANGED] for c in calls)
    assert_frame_equal(got, evaluate(full))  # the new rule's flags, the others' kept
    assert got.filter(pl.col("rule") == CHANGED)["message"].str.ends_with("（新）").all()
    again.save(saved)  # complete again: a new reader trusts it whole
    assert not FlagCache.load(saved).stale


def test_the_flags_of_a_rule_no_longer_registered_are_dropped(full, saved, monkeypatch):
    monkeypatch.delitem(RULES, CHANGED)
    prints = {r: p for r, p in incremental.rule_prints().items() if r != CHANGED}
    monkeypatch.setattr(incremental, "rules_fingerprint", lambda: "new sources")
    monkeypatch.setattr(incremental, "rule_prints", lambda: prints)
    again = FlagCache.load(saved)
    assert again.local.filter(pl.col("rule") == CHANGED).is_empty() and not again.stale
    assert_frame_equal(again.update(full), evaluate(full))


def test_a_file_lacking_a_rules_flags_is_never_trusted_for_them(full, saved, monkeypatch):
    upgrade(monkeypatch, {CHANGED: "changed"})
    partial = FlagCache.load(saved)
    assert partial.local.filter(pl.col("rule") == CHANGED).is_empty()
    partial.save(saved)  # saved before it evaluated the rule again
    again = FlagCache.load(saved)
    assert again.stale == {CHANGED}
    assert_frame_equal(again.update(full), evaluate(full))


def test_a_changed_folding_rule_takes_every_folding_rule_with_it(full, sample_lake, tmp_path, monkeypatch):
    first = FlagCache()
    first.update_from(full.documents, lambda keys: restrict(full, keys), lambda: full, tag=fold_pages)
    first.save(tmp_path / "flags.parquet")
    upgrade(monkeypatch, {"percentage_misstated": "changed"})
    calls = spy(monkeypatch, incremental)
    again = FlagCache.load(tmp_path / "flags.parquet")
    assert again.stale == set(PRECEDENCE)
    got = again.update_from(full.documents, lambda keys: restrict(full, keys), lambda: full, tag=fold_pages)
    assert calls and all(set(c or ()) == set(PRECEDENCE) for c in calls)
    fresh = FlagCache().update_from(full.documents, lambda keys: restrict(full, keys), lambda: full, tag=fold_pages)
    assert_frame_equal(got, fresh)


def test_the_writer_evaluates_the_changed_rule_and_writes_the_base_file_at_once(full, saved, monkeypatch):
    upgrade(monkeypatch, {CHANGED: "changed"})
    writer = FlagCache.load(saved)
    assert writer.write_increment(saved.with_suffix(""), full.documents, lambda keys: restrict(full, keys)) == 0
    reader = FlagCache.load(saved)  # the base file written again, complete
    assert not reader.stale
    assert_frame_equal(reader.update(full), evaluate(full))
    assert reader.recomputed == 0


def test_a_new_reader_takes_the_lake_rules_flags_the_writer_saved(full, tmp_path, monkeypatch):
    folder = tmp_path / "flags"
    writer = FlagCache()
    assert writer.write_increment(folder, full.documents, lambda keys: restrict(full, keys), whole=lambda: full) > 0
    assert (folder / incremental.LAKE_FILE).is_file()
    calls = spy(monkeypatch, lakerules)
    reader = FlagCache()
    assert reader.sync(folder) == 1
    assert_frame_equal(reader.update(full), evaluate(full))
    assert calls == [] and reader.recomputed == 0  # nothing evaluated
    # documents the writer has not evaluated yet: the reader evaluates the lake rules itself
    one = full.documents.sort("doc_id")["doc_id"][0]
    restamped = Frames(**{name: df.with_columns(pl.when(pl.col("doc_id") == one).then(
        pl.col("ingested_at").dt.offset_by("1d")).otherwise(pl.col("ingested_at")).alias("ingested_at"))
        if name == "documents" else df for name, df in vars(full).items()})
    assert_frame_equal(reader.update(restamped), evaluate(restamped))
    assert calls


@pytest.mark.parametrize("changed", [{"peer_outlier": "changed"}, {}])
def test_lake_rules_flags_of_other_sources_are_not_taken(full, tmp_path, monkeypatch, changed):
    # other sources, even of the same rules' meaning: the lake rules read the read side's reductions too
    folder = tmp_path / "flags"
    FlagCache().write_increment(folder, full.documents, lambda keys: restrict(full, keys), whole=lambda: full)
    upgrade(monkeypatch, changed)
    calls = spy(monkeypatch, lakerules)
    reader = FlagCache()
    assert reader.sync(folder) == (0 if changed else 1)  # an increment of other code for a rule is not applied
    assert_frame_equal(reader.update(full), evaluate(full))
    assert calls
