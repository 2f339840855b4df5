"""The lake-wide views a reader keeps per region (peers, checked agency-years, rule rates, quality, inflation,
findings) equal a fresh reader's full computation after appends, replacements and removals."""

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from fiscal import read
from fiscal.thresholds import DEFAULT, Thresholds

CHANGED = Thresholds.of({"peer_outlier": {"iqr_factor": 0.5}, "full_score_low_execution": {"low_rate": 0.9}})


def _views(lake: Path) -> dict[str, pl.DataFrame]:
    from fiscal import read
    from fiscal.filters import Filters
    from fiscal.read import across

    out: dict[str, pl.DataFrame] = {}
    for label, thr in (("default", DEFAULT), ("changed", CHANGED)):
        out[f"peers:{label}"] = across.whole_peers(lake, thr.only(["peer_outlier"]))
        out[f"rates:{label}"] = across.whole_rates(lake, thr)
        out[f"inflation:{label}"] = across.inflation(lake, Filters(), thr)
        flags = read.flags.all_flags(lake, thr)
        out[f"findings:{label}"] = read.findings.findings(flags, read.lake.selected_documents(lake, Filters()))
    out["quality"] = across.quality(lake, Filters())
    for rule, rows in across.whole_checked(lake).items():
        out[f"checked:{rule}"] = rows
    return out


def _same(got: dict[str, pl.DataFrame], want: dict[str, pl.DataFrame]) -> None:
    assert got.keys() == want.keys()
    for name, frame in want.items():
        cols = [c for c in frame.columns if frame.schema[c] != pl.Object]
        a, b = got[name].select(cols), frame.select(cols)
        keys = [c for c in cols if not isinstance(frame.schema[c], pl.List)]
        try:
            assert_frame_equal(a.sort(keys, nulls_last=True), b.sort(keys, nulls_last=True), check_exact=False,
                               rel_tol=1e-9, abs_tol=1e-9)
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}") from None


@pytest.fixture()
def growing(sample_lake: Path, tmp_path: Path) -> tuple[Path, object]:
    from fiscal.rules import Frames

    read.forget()
    yield tmp_path / "lake", Frames.from_lake(sample_lake)
    read.forget()


def test_views_kept_per_region_equal_a_fresh_reader_after_every_kind_of_commit(growing):
    from fiscal import store

    lake, full = growing
    ids = full.documents.sort("region_code", "doc_id")["doc_id"].to_list()
    assert full.documents["region_code"].n_unique() > 1, "needs documents of several regions"

    def rows_of(part: list[str], scale: float = 1.0) -> dict[str, pl.DataFrame]:
        out = {name: df.filter(pl.col("doc_id").is_in(part)) for name, df in vars(full).items()}
        if scale != 1.0:  # a re-ingest that read other figures (and stamps its documents anew, as the ingest does)
            out["documents"] = out["documents"].with_columns(pl.col("ingested_at").dt.offset_by("1d"))
            out["sangong"] = out["sangong"].with_columns(pl.col("amount") * scale)
            out["projects"] = out["projects"].with_columns(pl.col("executed") * scale)
        return out

    first, second = ids[: len(ids) // 2], ids[len(ids) // 2:]
    replaced = [second[0], first[-1]]
    steps = [(first, rows_of(first)),  # the first batch
             (second, rows_of(second)),  # appended
             (replaced, rows_of(replaced, 3.0)),  # replaced with other figures
             (replaced[:1], {})]  # removed
    for doc_ids, frames in steps:
        store.commit(lake, frames, doc_ids)
        kept = _views(lake)  # this reader has followed every commit
        read.forget()
        _same(kept, _views(lake))


def test_regions_sharing_an_agency_id_are_recomputed_together():
    """Two regions may print one agency id (a 城区教育局 in two cities called 城区): a result per agency joins
    their rows, so a change in one region recomputes the other too, and the result equals a full run."""
    from fiscal.read.cache import ByRegion

    def latest(parts: list[pl.DataFrame]) -> pl.DataFrame:  # one row per agency: its latest document
        return parts[0].sort("year").group_by("agency_id").agg(pl.all().last()).select(
            "region_code", "agency_id", "year")

    schema = {"region_code": pl.String, "agency_id": pl.String, "year": pl.Int32}
    before = pl.DataFrame([("140302", "chengqu", 2022), ("441502", "chengqu", 2023), ("110101", "other", 2022)],
                          schema=schema, orient="row")
    cache = ByRegion()
    cache.update([before], latest)
    after = pl.concat([before, pl.DataFrame([("140302", "chengqu", 2024)], schema=schema, orient="row")])
    got = cache.update([after], latest)
    assert cache.recomputed == 2  # 140302 changed, 441502 shares its agency
    assert_frame_equal(got.sort("agency_id"), latest([after]).sort("agency_id"))


def test_peer_metrics_remembered_per_region_equal_a_fresh_comparison(sample_lake):
    """The flag cache's peer memo (fiscal.peers.RegionMemo) computes only agencies whose documents changed, and
    the peer_outlier comparison it feeds equals one computed from scratch, on part of the lake too."""
    from fiscal import peers
    from fiscal.rules import Frames

    frames = Frames.from_lake(sample_lake)
    memo = peers.RegionMemo()
    keys = ["metric", "agency_id", "year", "doc_id"]
    with peers.remembering(memo):
        first = peers.peer_comparison(frames)
    assert memo.computed == frames.documents["agency_id"].n_unique()
    assert_frame_equal(first.sort(keys), peers.peer_comparison(frames).sort(keys))

    region = frames.sangong.group_by("region_code").len().sort("len", descending=True)["region_code"][0]
    mine = pl.col("region_code") == region
    changed = Frames(**{**vars(frames),
                        "documents": frames.documents.with_columns(
                            pl.when(mine).then(pl.col("ingested_at").dt.offset_by("1d")).otherwise(
                                pl.col("ingested_at")).alias("ingested_at")),
                        "sangong": frames.sangong.with_columns(
                            pl.when(mine).then(pl.col("amount") * 7).otherwise(pl.col("amount")).alias("amount"))})
    with peers.remembering(memo):
        again = peers.peer_comparison(changed)
    assert 1 <= memo.computed < frames.documents["agency_id"].n_unique()
    assert_frame_equal(again.sort(keys), peers.peer_comparison(changed).sort(keys))

    # some of a region's agencies (one peer group): their metrics are remembered, not computed again
    some = changed.documents.filter(mine)["agency_id"].unique().sort()[:1].to_list()
    part = Frames(**{name: df.filter(pl.col("agency_id").is_in(some)) for name, df in vars(changed).items()})
    with peers.remembering(memo):
        subset = peers.peer_comparison(part)
    assert memo.computed == 0
    assert_frame_equal(subset.sort(keys), peers.peer_comparison(part).sort(keys))


@pytest.mark.parametrize("thresholds", [CHANGED, Thresholds.of({"full_score_low_execution": {"low_rate": 0.95}}),
                                        Thresholds.of({"exec_rate_misreported": {"tolerance": 0.5}}),
                                        Thresholds.of({"percentage_misstated": {"minor_points": 100.0}})])
def test_a_changed_threshold_recomputes_only_its_rules_and_equals_a_full_computation(sample_lake, thresholds):
    """Under changed thresholds the rule rates and the findings are the default's with only the rerun rules'
    rows (rates) and the regions where their flags differ (findings) computed again: the same as computing
    them from the variant's flags whole (also for a rule whose flags fold: fiscal.rules.precedence)."""
    from fiscal import scores
    from fiscal.filters import Filters
    from fiscal.read import across, findings, lakefindings

    read.forget()
    lake = sample_lake
    default = read.flags.all_flags(lake)
    lakefindings.kept(default)  # the default's per-region findings exist first, as on a page
    flags = read.flags.all_flags(lake, thresholds)
    assert id(flags) in lakefindings._VARIANTS
    got = {"findings": lakefindings.kept(flags)[0], "rates": across.whole_rates(lake, thresholds)}
    want = {"findings": findings._findings(flags, pl.DataFrame()),
            "rates": scores.rule_firing_rates(flags, across.whole_frames(lake), checked_by_rule=across.whole_checked(lake))}
    _same(got, want)
    assert got["rates"]["rule"].to_list() == want["rates"]["rule"].to_list()  # registry order kept
    assert_frame_equal(got["findings"], want["findings"])  # in the same order too
    # a selection's findings are the lake's inside it: the same as folding the selection's flags
    region = flags["region_code"].drop_nulls().sort()[0]
    agency = flags["agency_id"].drop_nulls().sort()[0]
    for f in (Filters(province=region[:2] + "0000"), Filters(years=(2023, 2024)), Filters(agencies=(agency,))):
        for frame in (default, flags):
            part = read.flags.select_flags(lake, f, frame)
            assert id(part) in lakefindings._SELECTIONS
            assert_frame_equal(lakefindings.kept(part)[0], findings._findings(part, pl.DataFrame()))
    # a selection's rates: the moved rules counted from their rerun flags, the others' counts the default's
    for f in (Filters(), Filters(province=region[:2] + "0000"), Filters(agencies=(agency,)), Filters(kinds=("budget",))):
        across.peers(lake, f)  # the default's counts kept first, as on a page
        counts = scores.flagged_counts(read.flags.select_flags(lake, f, flags))
        want_rates = across.whole_rates(lake, thresholds).join(counts, on="rule", how="left").with_columns(
            pl.col("flagged_selection").fill_null(0), pl.col("flags_selection").fill_null(0))
        assert_frame_equal(across.peers(lake, f, thresholds).rates, want_rates)
    read.forget()


def test_a_scored_flag_whose_message_changed_is_scored_again(sample_lake, monkeypatch):
    """A flag's message can change without its document (a budget compared with the next year's, which arrived):
    the quality scores kept per (region, agency) must then quote the new message, as a fresh reader's do."""
    from fiscal.quality import scored_flags
    from fiscal.read import across

    read.forget()
    flags = read.flags.all_flags(sample_lake)
    target = scored_flags(flags).row(0, named=True)
    one = (pl.col("doc_id") == target["doc_id"]) & (pl.col("rule") == target["rule"]) & (
        pl.col("message") == target["message"])
    reworded = flags.with_columns(pl.when(one).then(pl.lit("上年数改过")).otherwise(pl.col("message")).alias("message"))
    score = across.whole_quality.__wrapped__  # not the per-version memo: the same lake version, other flags
    monkeypatch.setattr(across, "whole_flags", lambda lake, thresholds: flags)
    before = score(sample_lake, DEFAULT)
    monkeypatch.setattr(across, "whole_flags", lambda lake, thresholds: reworded)
    got = score(sample_lake, DEFAULT)
    quoted = [p for ps in got.filter(pl.col("doc_ids").list.contains(target["doc_id"]))["problems"].to_list()
              for p in ps]
    assert any("上年数改过" in p for p in quoted), quoted
    read.forget()
    fresh = score(sample_lake, DEFAULT)
    assert_frame_equal(got.sort("doc_id", "doc_kind"), fresh.sort("doc_id", "doc_kind"))
    assert not before.equals(got)
    read.forget()
