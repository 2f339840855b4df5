"""Whole-lake results kept per region recompute only what changed and equal a full computation."""

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from fiscal.read.cache import ByRegion


def per_agency_total(parts: list[pl.DataFrame]) -> pl.DataFrame:
    return parts[0].group_by("region_code", "agency_id").agg(pl.col("amount").sum()).sort("region_code", "agency_id")


def rows(*items: tuple[str | None, str, float]) -> pl.DataFrame:
    return pl.DataFrame(items, schema={"region_code": pl.String, "agency_id": pl.String, "amount": pl.Float64},
                        orient="row")


def test_only_changed_regions_are_recomputed_and_the_result_equals_a_full_run():
    cache = ByRegion()
    lake = rows(("430100", "a", 1.0), ("430100", "b", 2.0), ("510100", "c", 3.0), (None, "x", 4.0))
    assert_frame_equal(cache.update([lake], per_agency_total).sort("region_code", "agency_id", nulls_last=True),
                       per_agency_total([lake]).sort("region_code", "agency_id", nulls_last=True))
    assert cache.update([lake], per_agency_total) is cache.rows and cache.recomputed == 0

    grown = pl.concat([lake, rows(("510100", "c", 5.0), ("620100", "d", 1.0))])
    got = cache.update([grown], per_agency_total)
    assert cache.recomputed == 2  # 510100 changed, 620100 is new; 430100 and the row without a region kept
    assert_frame_equal(got.sort("region_code", "agency_id", nulls_last=True),
                       per_agency_total([grown]).sort("region_code", "agency_id", nulls_last=True))

    shrunk = grown.filter(pl.col("region_code") != "620100")
    got = cache.update([shrunk], per_agency_total)
    assert "620100" not in got["region_code"].to_list()


def test_a_state_kept_per_agency_recomputes_only_the_changed_agencies_in_every_region_they_print():
    """A result computed per agency (its rows in every region) kept per agency: a commit touching one agency of a
    large region recomputes that agency alone, not the region's other agencies, and equals a full run."""
    from fiscal.read.cache import AGENCY_KEY, REGION_AGENCY_KEY

    def per_agency(parts: list[pl.DataFrame]) -> pl.DataFrame:
        return parts[0].group_by("agency_id").agg(pl.col("amount").sum(), pl.col("region_code").n_unique())

    lake = rows(("430100", "a", 1.0), ("430100", "b", 2.0), ("510100", "a", 3.0), ("510100", "c", 4.0),
                (None, None, 5.0))
    cache = ByRegion(AGENCY_KEY)
    cache.update([lake], per_agency)
    grown = pl.concat([lake, rows(("510100", "a", 5.0))])
    got = cache.update([grown], per_agency)
    assert cache.recomputed == 1  # agency a (in both regions); b, c and the rows without an agency kept
    assert_frame_equal(got.sort("agency_id", nulls_last=True), per_agency([grown]).sort("agency_id", nulls_last=True))

    by_pair = ByRegion(REGION_AGENCY_KEY)
    by_pair.update([lake], per_agency_total)
    got = by_pair.update([grown], per_agency_total)
    assert by_pair.recomputed == 1  # (510100, a) only
    assert_frame_equal(got.sort("region_code", "agency_id", nulls_last=True),
                       per_agency_total([grown]).sort("region_code", "agency_id", nulls_last=True))


def test_an_input_with_a_lineage_is_hashed_again_only_for_the_agencies_it_names():
    """A result whose input says which agencies changed since the one it hashed last (the lake's flags do) hashes only
    theirs again, and equals a full computation; an input whose lineage is not known is hashed whole."""
    from fiscal.read.cache import AGENCY_KEY, Lineage

    def per_agency(parts: list[pl.DataFrame]) -> pl.DataFrame:
        return parts[0].group_by("agency_id").agg(pl.col("amount").sum())

    def lineage(token: int, changed: dict[int, set[str]]) -> Lineage:
        return Lineage(token, lambda earlier: changed.get(earlier) if isinstance(earlier, int) else None)

    lake = rows(("430100", "a", 1.0), ("430100", "b", 2.0), ("510100", "c", 3.0))
    cache = ByRegion(AGENCY_KEY)
    cache.update([lake], per_agency, {0: lineage(1, {})})
    grown = pl.concat([lake, rows(("510100", "c", 5.0), ("620100", "d", 1.0))]).filter(pl.col("agency_id") != "b")
    got = cache.update([grown], per_agency, {0: lineage(2, {1: {"b", "c", "d"}})})
    assert cache.recomputed == 3  # b gone, c changed, d new
    assert_frame_equal(got.sort("agency_id"), per_agency([grown]).sort("agency_id"))
    # the lineage is believed: a change it does not name is not seen (here a's amount, on purpose) ...
    moved = grown.with_columns(pl.when(pl.col("agency_id") == "a").then(9.0).otherwise(pl.col("amount"))
                               .alias("amount"))
    cache.update([moved], per_agency, {0: lineage(3, {2: set()})})
    assert cache.recomputed == 0
    # ... and an input without a known lineage is hashed whole
    got = cache.update([moved], per_agency, {0: lineage(4, {})})
    assert cache.recomputed == 1
    assert_frame_equal(got.sort("agency_id"), per_agency([moved]).sort("agency_id"))


def test_counted_figures_kept_per_region_equal_a_full_computation_as_the_lake_grows(sample_lake, tmp_path):
    from fiscal import read, store
    from fiscal.filters import Filters
    from fiscal.read.counting import counted_documents
    from fiscal.read.projects import _projects_counted
    from fiscal.read.sangong import _sangong_counted
    from fiscal.read.spending import _expenditure
    from fiscal.rules import Frames

    full = Frames.from_lake(sample_lake)
    ids = full.documents.sort("region_code", "doc_id")["doc_id"].to_list()
    lake = tmp_path / "lake"
    everything = Filters()
    for part in (ids[: len(ids) // 2], ids[len(ids) // 2:]):
        store.commit(lake, {name: df.filter(pl.col("doc_id").is_in(part)) for name, df in vars(full).items()}, part)
        docs = counted_documents(lake, everything)
        for got, want in ((read.sangong.sangong_rows(lake, everything), _sangong_counted(lake, docs)),
                          (read.spending.expenditure_by_agency_year(lake, everything), _expenditure(lake, docs)),
                          (read.projects.projects(lake, everything).drop("flags"), _projects_counted(lake, docs))):
            keys = [c for c in ("agency_id", "year", "stage", "item", "project") if c in want.columns]
            assert_frame_equal(got.select(want.columns).sort(keys), want.sort(keys))
        # the 三公 totals kept per region equal the totals of the selection's rows, for the lake and a province
        province = Filters(province=full.documents["region_code"].sort()[0][:2] + "0000")
        for f in (everything, province):
            want = read.sangong.sangong_totals(read.sangong.sangong_rows(lake, f))
            got = read.sangong.sangong_totals_of(lake, f)
            assert want.height
            assert_frame_equal(got.select(want.columns).sort(want.columns), want.sort(want.columns))


@pytest.mark.parametrize("without_id", [("510100", None, 4.0), ("510100", "e", 4.0)])
def test_a_state_kept_in_key_order_gives_after_an_update_the_rows_a_full_run_gives_in_their_order(without_id):
    cache = ByRegion(("agency_id",), by_key=True)
    lake = rows(("430100", "b", 2.0), ("430100", "a", 1.0), ("510100", "c", 3.0), without_id)
    assert_frame_equal(cache.update([lake], per_agency_total), ByRegion(("agency_id",), True).update(
        [lake], per_agency_total))
    grown = pl.concat([lake, rows(("510100", "a", 5.0), ("620100", "d", 1.0))])  # "a" in two regions now
    got = cache.update([grown], per_agency_total)
    assert cache.recomputed == 2
    assert_frame_equal(got, ByRegion(("agency_id",), True).update([grown], per_agency_total))  # not sorted first
    assert got.get_column("agency_id").to_list() == (
        [None, "a", "a", "b", "c", "d"] if without_id[1] is None else ["a", "a", "b", "c", "d", "e"])


def test_recomputed_rows_with_a_column_all_null_are_placed_in_key_order_too():
    def noted(parts: list[pl.DataFrame]) -> pl.DataFrame:  # built from Python values: all None is a Null column
        got = per_agency_total(parts).sort("agency_id")
        return pl.DataFrame({"agency_id": got["agency_id"].to_list(),
                             "note": ["big" if a > 2 else None for a in got["amount"].to_list()]})

    cache = ByRegion(("agency_id",), by_key=True)
    cache.update([rows(("430100", "b", 2.0), ("430100", "c", 3.0))], noted)
    grown = rows(("430100", "b", 2.0), ("430100", "c", 3.0), ("430100", "a", 1.0), ("510100", "d", 0.5))
    got = cache.update([grown], noted)
    assert cache.recomputed == 2
    assert_frame_equal(got, ByRegion(("agency_id",), True).update([grown], noted))


def test_counted_figures_after_a_commit_are_recomputed_for_its_agencies_only_in_a_fresh_reader_s_order(
        sample_lake, tmp_path, monkeypatch):
    """A region holds thousands of documents at 100,000: a commit recounts the agencies it brought, not their
    regions; and a sum over the kept rows is a fresh reader's to the last digit (rows in the same order)."""
    import shutil

    from fiscal import read, store
    from fiscal.filters import Filters
    from fiscal.read import spending, viewfiles
    from fiscal.rules import Frames

    full = Frames.from_lake(sample_lake)
    per_region = full.documents.group_by("region_code").agg(pl.col("agency_id").n_unique().alias("n"))
    region = per_region.filter(pl.col("n") > 1).sort("region_code")["region_code"][0]
    agency = full.documents.filter(pl.col("region_code") == region).sort("agency_id")["agency_id"][0]
    late = full.documents.filter(pl.col("agency_id") == agency)["doc_id"].to_list()
    early = full.documents.filter(pl.col("agency_id") != agency)["doc_id"].to_list()
    lake = tmp_path / "lake"
    read.forget()
    for part in (early, late):
        store.commit(lake, {name: df.filter(pl.col("doc_id").is_in(part)) for name, df in vars(full).items()}, part)
        if part is early:
            read.spending.overview(lake, Filters())
    counted: list[pl.DataFrame] = []
    real = spending._expenditure
    monkeypatch.setattr(spending, "_expenditure", lambda lk, docs: counted.append(docs) or real(lk, docs))
    got = read.spending.expenditure_by_agency_year(lake, Filters())
    overview = read.spending.overview(lake, Filters())
    assert set(counted[0]["doc_id"].to_list()) <= set(late)  # not the other agencies of its region
    read.forget()
    shutil.rmtree(viewfiles.folder(lake), ignore_errors=True)
    assert_frame_equal(got, read.spending.expenditure_by_agency_year(lake, Filters()))  # as it is: not sorted
    fresh = read.spending.overview(lake, Filters())
    for name, value in vars(overview).items():  # the expenditure change summed in the same order: equal exactly
        if isinstance(value, pl.DataFrame):
            assert_frame_equal(value, getattr(fresh, name))
        else:
            assert value == getattr(fresh, name), name


@pytest.mark.parametrize("changed", [{"low_rate": 0.99}, {"full_tolerance": 0.6}, {"low_rate": 0.05, "full_tolerance": 2.0}])
def test_the_inflation_index_under_changed_thresholds_is_computed_under_them(sample_lake, changed):
    """Only the agency-years the thresholds move are computed again; the result is a full computation's."""
    from fiscal import read, scores
    from fiscal.filters import Filters
    from fiscal.read.across import whole_frames
    from fiscal.thresholds import Thresholds

    read.forget()
    strict = Thresholds.of({"full_score_low_execution": changed})
    read.across.inflation(sample_lake, Filters())  # the default's per-region state exists first
    got = read.across.inflation(sample_lake, Filters(), strict)
    want = scores.inflation_index(whole_frames(sample_lake), strict)
    key, cols = ["agency_id", "year"], [c for c in want.columns if c != "rank"]
    assert_frame_equal(got.select(cols).sort(key), want.select(cols).sort(key))
    if "low_rate" in changed and changed["low_rate"] > 0.9:  # the sample lake has projects it moves
        default = read.across.inflation(sample_lake, Filters()).select(cols).sort(key)
        assert not got.select(cols).sort(key).equals(default)


def test_the_whole_lake_download_is_kept_per_lake_version(sample_lake):
    """The national download is one frame per lake version: the exporter's provenance memo (by identity) hits."""
    from fiscal import read
    from fiscal.filters import Filters

    read.forget()
    for dataset in ("sangong", "line_items"):
        rows = read.documents.dataset_rows(sample_lake, Filters(), dataset)
        assert read.documents.dataset_rows(sample_lake, Filters(), dataset) is rows
        assert_frame_equal(rows, read.documents._dataset_rows(sample_lake, Filters(), dataset))


def test_one_document_s_rows_are_linked_as_the_whole_lake_s(multi_year_lake):
    """A few documents' rows (a project's indicators, one report) get the agency names and project keys the whole
    lake's rows get (looked up among their own documents' keys only)."""
    from fiscal import read

    read.forget()
    whole = read.lake.linked(multi_year_lake, "projects")
    assert whole["agency"].n_unique() < read.lake.read(multi_year_lake, "projects")["agency"].n_unique()  # renamed
    for doc_id in whole["doc_id"].unique().sort().to_list():
        one = read.lake.rows_of_docs(multi_year_lake, "projects", [doc_id])
        cols = ["doc_id", "project", "agency_id", "agency", "project_key"]
        assert_frame_equal(one.select(cols).sort(cols), whole.filter(pl.col("doc_id") == doc_id).select(cols).sort(cols))


def test_a_commit_bringing_an_agency_to_a_region_relinks_its_projects_only_and_links_as_a_fresh_reader(
        multi_year_lake, tmp_path, monkeypatch):
    """Projects link by name within their agency group (across groups only by code or mapping row): the projects of
    the region's other agencies are not linked again, and the links are a whole-lake run's."""
    import shutil

    from fiscal import linking, read, store
    from fiscal.read import viewfiles
    from fiscal.rules import Frames

    full = Frames.from_lake(multi_year_lake)  # 株洲: 教育局 (no code), 交通运输局 (a code), 卫生局 renamed
    projects = full.projects.join(full.documents.select("doc_id", "agency_id"), on="doc_id", how="left",
                                  suffix="_d")
    per = projects.group_by("region_code", "agency_id").agg(
        (pl.col("project_code").fill_null("") != "").any().alias("coded"))
    shared = per.group_by("region_code").agg(pl.len().alias("n"), (~pl.col("coded")).any().alias("free")).filter(
        (pl.col("n") > 1) & pl.col("free")).sort("region_code")
    region = shared["region_code"][0]
    agency = per.filter((pl.col("region_code") == region) & ~pl.col("coded")).sort("agency_id")["agency_id"][0]
    late = full.documents.filter(pl.col("agency_id") == agency)["doc_id"].to_list()
    early = full.documents.filter(pl.col("agency_id") != agency)["doc_id"].to_list()
    lake = tmp_path / "lake"
    read.forget()
    linked: list[pl.DataFrame] = []
    real = linking.project_links
    for part in (early, late):
        store.commit(lake, {name: df.filter(pl.col("doc_id").is_in(part)) for name, df in vars(full).items()}, part)
        monkeypatch.setattr(linking, "project_links", lambda p, *a, **k: linked.append(p) or real(p, *a, **k))
        got = read.lake.project_links(lake)
    assert set(linked[-1]["doc_id"].to_list()) == set(late) & set(full.projects["doc_id"].to_list())
    read.forget()
    shutil.rmtree(viewfiles.folder(lake), ignore_errors=True)
    assert_frame_equal(got, read.lake.project_links(lake))
    assert_frame_equal(read.lake.agency_links(lake).sort("region_code", "agency_id"),
                       linking.agency_links(read.lake.read(lake, "documents"), linking.load_overrides(lake)).sort(
                           "region_code", "agency_id"))


@pytest.mark.parametrize("rule_region", ["510100", ""])
def test_projects_are_linked_per_agency_group_but_where_a_code_or_a_mapping_row_links_across_groups(rule_region):
    from fiscal.read.lake import LINK_PART, _link_parts

    projects = pl.DataFrame({"doc_id": ["d1", "d2", "d3"], "region_code": ["430100", "430100", "510100"],
                             "agency_id": ["a1", "a2", "b1"], "year": [2023, 2023, 2023],
                             "project": ["甲", "乙", "丙"], "project_code": [None, "43010023T1", ""]})
    agency = pl.DataFrame({"region_code": ["430100", "430100", "510100"], "agency_id": ["a1", "a2", "b1"],
                           "group_id": ["g1", "a2", "b1"]})
    rules = pl.DataFrame({"kind": ["project"], "region_code": [rule_region], "from_name": ["丙"], "to_name": ["丁"],
                          "note": [""]})
    keyed, part = _link_parts(projects, agency, rules)
    if rule_region:  # a1 alone (under its group g1); a2 prints a code; 510100 is named by a mapping row
        assert keyed[LINK_PART].to_list() == ["430100\x1fg1", "430100\x1f*", "510100\x1f*"]
    else:  # a row for every region links across groups anywhere
        assert keyed[LINK_PART].to_list() == ["430100\x1f*", "430100\x1f*", "510100\x1f*"]
    rows = keyed.drop(LINK_PART).select("doc_id", "region_code", "group_id")  # link rows carry their group
    assert_frame_equal(part(rows).select(LINK_PART), keyed.select(LINK_PART))
