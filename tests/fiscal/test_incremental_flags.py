"""Flags kept up to date incrementally equal a full evaluation, at every step of a growing lake."""

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from fiscal.rules import Frames, evaluate
from fiscal.rules.incremental import FlagCache, restrict


def subset(frames: Frames, doc_ids: list[str]) -> Frames:
    return Frames(**{name: df.filter(pl.col("doc_id").is_in(doc_ids)) for name, df in vars(frames).items()})


def test_incremental_flags_equal_a_full_evaluation_as_documents_arrive(sample_lake, tmp_path):
    full = Frames.from_lake(sample_lake)
    ids = full.documents.sort("year", "doc_id")["doc_id"].to_list()
    cache = FlagCache()
    for n in (len(ids) // 3, 2 * len(ids) // 3, len(ids)):
        frames = subset(full, ids[:n])
        assert_frame_equal(cache.update(frames), evaluate(frames))
    assert cache.update(full).height == evaluate(full).height
    assert cache.recomputed == 0  # nothing changed since the last update

    # a restarted reader starts from the saved cache and recomputes nothing
    cache.save(tmp_path / "flags.parquet")
    again = FlagCache.load(tmp_path / "flags.parquet")
    assert_frame_equal(again.update(full), evaluate(full))
    assert again.recomputed == 0


def test_a_removed_document_takes_its_flags_with_it(sample_lake):
    full = Frames.from_lake(sample_lake)
    cache = FlagCache()
    cache.update(full)
    flagged = evaluate(full).filter(pl.col("rule") == "full_score_low_execution")["doc_id"][0]
    rest = [d for d in full.documents["doc_id"].to_list() if d != flagged]
    got = cache.update(subset(full, rest))
    assert flagged not in got["doc_id"].to_list()
    assert_frame_equal(got, evaluate(subset(full, rest)))


def test_restrict_keeps_only_the_given_agency_years(sample_lake):
    full = Frames.from_lake(sample_lake)
    one = full.documents.select("agency_id", "year").head(1)
    got = restrict(full, one)
    assert got.documents.select("agency_id", "year").unique().rows() == one.rows()


def test_a_damaged_cache_file_starts_empty(tmp_path):
    (tmp_path / "flags.parquet").write_bytes(b"junk")
    assert FlagCache.load(tmp_path / "flags.parquet").local.is_empty()


def test_peer_outliers_follow_agencies_arriving_and_leaving_their_province(peer_lake, sample_lake):
    # the lake rule is re-evaluated only in the provinces of the changed agencies; the result stays exact
    peers, others = Frames.from_lake(peer_lake), Frames.from_lake(sample_lake)
    full = Frames(**{name: pl.concat([getattr(others, name), df], how="vertical_relaxed")
                     for name, df in vars(peers).items()})
    assert evaluate(full).filter(pl.col("rule") == "peer_outlier").height  # the lake has a planted outlier
    mine = peers.documents.sort("doc_id")["doc_id"].to_list()
    rest = others.documents["doc_id"].to_list()
    cache = FlagCache()
    for n in (len(mine) // 2, len(mine), len(mine) - 2):
        frames = subset(full, rest + mine[:n])
        assert_frame_equal(cache.update(frames), evaluate(frames))


def test_increments_applied_together_equal_increments_applied_one_by_one():
    from datetime import UTC, datetime

    from fiscal.flagfiles import merge as _merge
    from fiscal.rules.engine import empty_flags
    from fiscal.rules.incremental import SEEN_SCHEMA, FlagCache

    def increment(agencies: list[str | None], tag: str) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        fresh = pl.concat([empty_flags(), pl.DataFrame({"agency_id": agencies, "message": [tag] * len(agencies)})],
                          how="diagonal_relaxed")
        seen = pl.DataFrame({"doc_id": [f"{a}-{tag}" for a in agencies], "ingested_at": [datetime(2024, 1, 1, tzinfo=UTC)]
                             * len(agencies), "agency_id": agencies, "year": [2022] * len(agencies)}, schema=SEEN_SCHEMA)
        return pl.DataFrame({"agency_id": agencies}, schema={"agency_id": pl.String}), fresh, seen

    steps = [increment(["a", "b"], "1"), increment(["b", "c", None], "2"), increment(["a"], "3"),
             increment(["d"], "4")]
    one, together = FlagCache(), FlagCache()
    for cache in (one, together):
        cache._apply(*increment(["a", "e"], "0"), None)
    for step in steps:
        one._apply(*step, None)
    together._apply(*_merge(steps), None)
    assert_frame_equal(one.local.sort(pl.all()), together.local.sort(pl.all()))
    assert_frame_equal(one.seen.sort(pl.all()), together.seen.sort(pl.all()))
    assert one.lake.dirty == together.lake.dirty
    assert sorted(together.local["message"].to_list()) == ["0", "2", "2", "2", "3", "4"]  # e a b c None d


def test_a_reader_behind_a_fold_applies_the_kept_increments_not_the_base_file(sample_lake, tmp_path, monkeypatch):
    from fiscal.rules import incremental

    monkeypatch.setattr(incremental, "FOLD_AFTER", 2)
    full = Frames.from_lake(sample_lake)
    ids = full.documents.sort("year", "doc_id")["doc_id"].to_list()
    folder = tmp_path / "flags"
    writer, reader = FlagCache(), FlagCache()
    steps = [ids[: n * len(ids) // 5] for n in range(1, 6)]
    for i, part in enumerate(steps):
        frames = subset(full, part)
        assert writer.write_increment(folder, frames.documents, lambda keys, f=frames: restrict(f, keys)) > 0
        if i == 1:  # the reader follows until the first fold, then falls behind
            assert reader.sync(folder) == 2
    assert folder.with_suffix(".parquet").is_file()  # folded (twice) meanwhile
    monkeypatch.setattr(FlagCache, "load", classmethod(lambda cls, path: pytest.fail("the base file was read")))
    assert reader.sync(folder) == len(steps) - 2
    assert_frame_equal(reader.update(full), evaluate(full))
    assert reader.recomputed == 0


def test_a_change_outside_a_peer_group_leaves_its_agencies_unevaluated(peer_lake, sample_lake, monkeypatch):
    # the peer rule compares within province × agency type: a re-ingested document of another group
    # re-evaluates only that group's agencies, and the flags still equal a full evaluation
    from fiscal.rules import lakerules

    peers, others = Frames.from_lake(peer_lake), Frames.from_lake(sample_lake)
    full = Frames(**{name: pl.concat([getattr(others, name), df], how="vertical_relaxed")
                     for name, df in vars(peers).items()})
    cache = FlagCache()
    cache.update(full)
    seen: list[set[str]] = []
    real = lakerules.evaluate

    def spy(frames: Frames, *args, **kwargs):
        if kwargs.get("rules") == ["peer_outlier"]:
            seen.append(set(frames.documents["agency_id"].to_list()))
        return real(frames, *args, **kwargs)

    monkeypatch.setattr(lakerules, "evaluate", spy)
    from fiscal.peers import agency_type

    group = {agency_type(a) for a in peers.documents["agency"].to_list()}
    province = peers.documents["region_code"][0][:2]
    outside = others.documents.filter(pl.col("region_code").str.starts_with(province)).filter(
        ~pl.col("agency").map_elements(agency_type, return_dtype=pl.String).is_in(list(group)))
    assert outside.height, "needs a document of the peer group's province in another group"
    other = outside.sort("doc_id")["doc_id"][0]
    restamped = Frames(**{name: df.with_columns(pl.when(pl.col("doc_id") == other).then(
        pl.col("ingested_at").dt.offset_by("1d")).otherwise(pl.col("ingested_at")).alias("ingested_at"))
        if name == "documents" else df for name, df in vars(full).items()})
    assert_frame_equal(cache.update(restamped), evaluate(restamped))
    assert seen and not seen[-1] & set(peers.documents["agency_id"].to_list())  # the 教育局 group stayed put


def test_each_result_knows_which_agencies_changed_since_an_earlier_one(peer_lake, sample_lake):
    """The lineage readers use to re-fold only the changed agencies' findings: an agency added is named with every
    agency of its peer groups (their outliers may move), an earlier result too old or a whole run is unknown."""
    from fiscal.rules.incremental import lineage_of

    peers, others = Frames.from_lake(peer_lake), Frames.from_lake(sample_lake)
    full = Frames(**{name: pl.concat([getattr(others, name), df], how="vertical_relaxed")
                     for name, df in vars(peers).items()})
    one = peers.documents["agency_id"][0]
    cache = FlagCache()
    first = cache.update(subset(full, full.documents.filter(pl.col("agency_id") != one)["doc_id"].to_list()))
    got = lineage_of(first)
    assert got is not None and got[0] is cache
    assert cache.changed_since(got[1] - 1) is None  # the first result: every agency evaluated
    second = cache.update(full)
    assert lineage_of(second) == (cache, got[1] + 1)
    changed = cache.changed_since(got[1])
    assert changed is not None and one in changed
    assert set(peers.documents["agency_id"].to_list()) <= changed  # its peer group's agencies
    assert not changed & set(others.documents["agency_id"].to_list())  # nothing of the other provinces
    # the flags of every agency not named are the same as before
    kept = ~pl.col("agency_id").fill_null("").is_in(sorted(changed))
    assert_frame_equal(first.filter(kept).sort(pl.all()), second.filter(kept).sort(pl.all()))
    assert cache.changed_since(got[1] + 1) == set() and lineage_of(first.clone()) is None


def test_the_writers_lock_is_held_only_to_publish_and_a_result_another_writer_overtook_is_redone(sample_lake,
                                                                                                  tmp_path):
    """Two writers of one lake: each evaluates outside the lock; one whose increment another published meanwhile
    evaluates again from it, and a reader of the increments still gets a full evaluation's flags."""
    from contextlib import contextmanager

    full = Frames.from_lake(sample_lake)
    ids = full.documents.sort("year", "doc_id")["doc_id"].to_list()
    folder = tmp_path / "flags"
    held: list[bool] = []
    loads: list[bool] = []

    @contextmanager
    def lock():
        held.append(True)
        try:
            yield
        finally:
            held.pop()

    first, second = subset(full, ids[: len(ids) // 2]), full
    one, other = FlagCache(), FlagCache()

    def load(keys: pl.DataFrame, frames: Frames = first) -> Frames:
        loads.append(bool(held))
        if len(loads) == 1:  # meanwhile the other writer commits the whole lake and publishes its increment
            assert other.write_increment(folder, second.documents, lambda k: restrict(second, k), lock=lock) > 0
        return restrict(frames, keys)

    assert one.write_increment(folder, first.documents, load, lock=lock) > 0
    assert loads[0] is False and loads[-1] is False  # evaluated outside the lock
    assert one.applied == 2  # its first result was discarded: it went on from the other's increment
    reader = FlagCache()
    assert reader.sync(folder) == 2
    assert_frame_equal(reader.update(first), evaluate(first))


def test_an_increment_left_by_other_rules_is_written_over_once(sample_lake, tmp_path):
    from contextlib import nullcontext

    from fiscal import flagfiles

    full = Frames.from_lake(sample_lake)
    folder = tmp_path / "flags"
    flagfiles.write(folder / "00000001.parquet", evaluate(full).head(1), {"fingerprint": "other rules"})
    calls: list[int] = []

    def load(keys: pl.DataFrame) -> Frames:
        calls.append(1)
        return restrict(full, keys)

    assert FlagCache().write_increment(folder, full.documents, load, lock=nullcontext) > 0
    assert len(calls) == 1  # evaluated once, not again for the file it replaced
    reader = FlagCache()
    assert reader.sync(folder) == 1
    assert_frame_equal(reader.update(full), evaluate(full))


def test_the_peer_rule_after_a_change_reads_the_rows_of_the_changed_agency_only(peer_lake, sample_lake, monkeypatch):
    """Its peer group's documents are compared, but the other agencies' metrics are remembered: their 三公, project
    and prose rows are not filtered out of the lake again."""
    from fiscal.rules import lakerules

    peers, others = Frames.from_lake(peer_lake), Frames.from_lake(sample_lake)
    full = Frames(**{name: pl.concat([getattr(others, name), df], how="vertical_relaxed")
                     for name, df in vars(peers).items()})
    cache = FlagCache()
    cache.update(full)
    seen: list[Frames] = []
    real = lakerules.evaluate

    def spy(frames: Frames, *args, **kwargs):
        if kwargs.get("rules") == ["peer_outlier"]:
            seen.append(frames)
        return real(frames, *args, **kwargs)

    monkeypatch.setattr(lakerules, "evaluate", spy)
    one = peers.documents.sort("doc_id")["doc_id"][0]
    changed = peers.documents.filter(pl.col("doc_id") == one)["agency_id"][0]
    restamped = Frames(**{name: df.with_columns(pl.when(pl.col("doc_id") == one).then(
        pl.col("ingested_at").dt.offset_by("1d")).otherwise(pl.col("ingested_at")).alias("ingested_at"))
        if name == "documents" else df for name, df in vars(full).items()})
    assert_frame_equal(cache.update(restamped), evaluate(restamped))
    assert len(set(seen[-1].documents["agency_id"].to_list())) > 1  # the peer group compared
    assert set(seen[-1].sangong["agency_id"].to_list()) == {changed}  # the rows of the changed agency only
