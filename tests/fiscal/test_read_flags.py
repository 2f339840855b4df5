"""The lake's flags as the dashboard reads them: default thresholds from the writer's increments and the
incremental cache, a changed threshold rerun in place, both equal to a full evaluation."""

import polars as pl
from polars.testing import assert_frame_equal

from fiscal import read
from fiscal.filters import Filters
from fiscal.rules import Frames, evaluate
from fiscal.rules.incremental import sort_flags
from fiscal.rules.precedence import fold_pages
from fiscal.thresholds import Thresholds

SAME = read.flags.SAME_FINDING


def _evaluated(lake, changed: dict[str, dict[str, float]] | None = None) -> pl.DataFrame:
    """Every rule over the whole lake, each finding once, one finding per misprint (folded)."""
    flags = evaluate(Frames.from_lake(lake), changed)
    return sort_flags(fold_pages(sort_flags(flags).unique(subset=SAME, keep="first", maintain_order=True)))


def _same(got: pl.DataFrame, want: pl.DataFrame) -> None:
    assert_frame_equal(sort_flags(got.select(want.columns)), want)


def test_default_flags_equal_a_full_evaluation_tagged(sample_lake):
    got = read.flags.all_flags(sample_lake)
    assert {"finding_id", "gap", "synthetic"} <= set(got.columns)
    _same(got, _evaluated(sample_lake))


def test_a_changed_threshold_gives_what_a_whole_evaluation_gives(sample_lake):
    changed = {"full_score_low_execution": {"low_rate": 0.3}, "totals_mismatch": {"rounding": 5.0}}
    got = read.flags.all_flags(sample_lake, Thresholds.of(changed))
    _same(got, _evaluated(sample_lake, changed))
    # finding ids do not depend on which rules caught the finding: the default's ids are kept
    default = read.flags.all_flags(sample_lake)
    same = default.filter(~pl.col("rule").is_in(list(changed)))
    assert set(same["finding_id"]) <= set(got["finding_id"])


def test_a_rule_reading_resident_tables_is_rerun_without_the_lake_wide_reductions(sample_lake, monkeypatch):
    """A changed threshold of a rule reading only tables held whole (projects) reads those: the reductions of the
    prose, indicators and statuses (the lake-wide views') are not loaded for it; a lake rule's still are."""
    from fiscal import snapshot

    read.forget()
    read.flags.all_flags(sample_lake)
    loaded: list[str] = []
    real = snapshot.LakeSnapshot.reduced

    def reduced(self: snapshot.LakeSnapshot, dataset: str, name: str) -> pl.DataFrame:
        loaded.append(dataset)
        return real(self, dataset, name)

    monkeypatch.setattr(snapshot.LakeSnapshot, "reduced", reduced)
    snap = snapshot.of(sample_lake)  # as a reader whose pages showed no lake-wide view
    for name in [n for n in snap._derived if n.startswith("slim_frames")]:
        del snap._derived[name]
    changed = {"full_score_low_execution": {"low_rate": 0.3}}
    _same(read.flags.all_flags(sample_lake, Thresholds.of(changed)), _evaluated(sample_lake, changed))
    assert loaded == []
    both = {**changed, "peer_outlier": {"iqr_factor": 0.5}}
    _same(read.flags.all_flags(sample_lake, Thresholds.of(both)), _evaluated(sample_lake, both))
    read.forget()


def _roots(flags: pl.DataFrame) -> set[tuple[str, int, str, str]]:
    """(document, page, rule, severity) of the flags others were folded into."""
    return set(flags.filter(pl.col("evidence").str.contains('"folded"', literal=True)).select(
        "doc_id", "page", "rule", "severity").iter_rows())


def test_the_flags_are_one_finding_per_misprint_also_under_a_changed_threshold_of_a_folding_rule(sample_lake):
    """Under minor_points = 100 every misstated rate is a warning: a page of rates only folds into a warning, and
    the reader's flags are what folding a whole evaluation under that threshold gives."""
    default = read.flags.all_flags(sample_lake)
    assert _roots(default) and default.height < evaluate(Frames.from_lake(sample_lake)).height  # something folded
    changed = {"percentage_misstated": {"minor_points": 100.0}}
    got = read.flags.all_flags(sample_lake, Thresholds.of(changed))
    want = _evaluated(sample_lake, changed)
    _same(got, want)
    assert _roots(got) == _roots(want) != _roots(default)


def test_the_whole_lake_selection_is_the_flags_themselves(sample_lake):
    flags = read.flags.all_flags(sample_lake)
    assert read.flags.select_flags(sample_lake, Filters(), flags) is flags


def test_flags_written_by_the_writer_after_each_commit_spare_the_reader_any_evaluation(sample_lake, tmp_path):
    from fiscal import store
    from fiscal.rules.incremental import FOLD_AFTER, LAKE_FILE

    full = Frames.from_lake(sample_lake)
    ids = full.documents.sort("year", "doc_id")["doc_id"].to_list()
    lake = tmp_path / "lake"
    for part in (ids[: len(ids) // 2], ids[len(ids) // 2:]):
        rows = {name: df.filter(pl.col("doc_id").is_in(part)) for name, df in vars(full).items()}
        store.commit(lake, rows, part)
        assert read.flags.write_increment(lake) > 0  # the writer evaluated the batch's agencies
        assert read.flags.write_increment(lake) == 0  # and nothing is left for the next one
    folder = lake / "_cache" / "flags"
    assert len([f for f in folder.glob("*.parquet") if f.stem.isdigit()]) == 2 < FOLD_AFTER  # two increments
    assert (folder / LAKE_FILE).exists()  # and the lake rules' flags, saved by the writer too

    got = read.flags.all_flags(lake)
    assert read.flags.flag_cache(lake).recomputed == 0  # the reader applied the increments, evaluated nothing
    _same(got, _evaluated(sample_lake))


def test_flags_equal_to_known_tagged_flags_take_their_tags_and_the_rest_are_tagged_anew(sample_lake):
    """A rule rerun under changed thresholds gives mostly the flags it gave before: they take those tags (no JSON
    parsing per flag); the tags are those computed afresh."""
    from fiscal.read import findings

    tagged = read.flags.all_flags(sample_lake)
    untagged = tagged.drop(list(findings.TAG_COLUMNS))
    docs = read.lake.read(sample_lake, "documents")
    findings._TAGS.clear()
    got = findings.annotate(untagged, docs, known=tagged.head(tagged.height // 2))
    findings._TAGS.clear()
    assert_frame_equal(got, findings.annotate(untagged, docs))


def test_the_agencies_folded_again_under_a_changed_threshold_are_those_where_its_flags_may_fold():
    """A rerun flag that may fold lands beside another rule's on its page (agency A), or beside one of its own
    (B); a root held a folded flag of the rule (C); a rerun flag alone on its page folds with nothing (D), nor does
    a default flag of the rule alone on its page (E)."""
    import json

    from fiscal.rules.engine import empty_flags

    def row(agency: str, rule: str, doc: str, page: int, evidence: dict | None = None) -> dict:
        return {"rule": rule, "severity": "error", "category": "finding", "agency_id": agency, "doc_id": doc,
                "page": page, "message": f"{rule} {doc} {page}", "evidence": json.dumps(evidence or {},
                                                                                        ensure_ascii=False)}

    def frame(rows: list[dict]) -> pl.DataFrame:
        schema = empty_flags().schema
        return pl.DataFrame([{c: r.get(c) for c in schema} for r in rows], schema=schema)

    rule = "percentage_misstated"
    folded = {"folded": [{"rule": rule, "message": "…", "evidence": {}}]}
    default = frame([row("A", "narrative_table_mismatch", "a1", 3), row("C", "narrative_table_mismatch", "c1", 2,
                                                                        folded),
                     row("E", rule, "e1", 9)])
    fresh = frame([row("A", rule, "a1", 3), row("B", rule, "b1", 4), row("B", rule, "b1", 4),
                   row("D", rule, "d1", 7), row("E", rule, "e1", 9)])
    got = read.flags.refold_agencies(default, fresh, [rule])
    assert sorted(got.to_list()) == ["A", "B", "C"]
