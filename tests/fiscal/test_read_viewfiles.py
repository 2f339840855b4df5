"""The lake-wide views a reader saves under `_cache/views/` (fiscal.read.viewfiles): a new reader process loading
them gives what one computing them from scratch gives, after commits too (a stale copy is recomputed where its
inputs changed); deleting them only costs time; a copy of other code is ignored."""

import shutil
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from fiscal import read
from fiscal.filters import Filters
from fiscal.read import viewfiles
from fiscal.thresholds import DEFAULT, Thresholds

CHANGED = Thresholds.of({"peer_outlier": {"iqr_factor": 0.5}, "full_score_low_execution": {"low_rate": 0.9}})


def _views(lake: Path) -> dict[str, pl.DataFrame]:
    """Every lake-wide view a page reads, national and under changed thresholds."""
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
    out["agency_links"], out["project_links"] = read.lake.agency_links(lake), read.lake.project_links(lake)
    out["filter_options"] = read.documents.filter_options(lake)
    year = read.counting.default_year(read.lake.selected_documents(lake, Filters()))
    for label, result in (("overview", read.spending.overview(lake, Filters(), None, DEFAULT)),
                          ("comparable", read.spending.expenditure_comparable(lake, Filters())),
                          ("sangong", read.sangong.sangong_comparable(lake, Filters())),
                          ("composition", read.spending.composition(lake, Filters(years=(year, year))))):
        for name, value in vars(result).items():  # frames compared as frames, the rest as one row
            plain = sorted(value.items()) if isinstance(value, dict) else value
            out[f"{label}:{name}"] = value if isinstance(value, pl.DataFrame) else pl.DataFrame({"v": [repr(plain)]})
    out["projects"] = read.projects.projects(lake, Filters())
    return out


def _same(got: dict[str, pl.DataFrame], want: dict[str, pl.DataFrame]) -> None:
    """Equal frames (the same rows: ties of a page's order may come in another order), floats to 1e-9."""
    assert got.keys() == want.keys()
    for name, frame in want.items():
        cols = [c for c in frame.columns if frame.schema[c] != pl.Object]
        keys = [c for c in cols if not isinstance(frame.schema[c], pl.List)]
        try:
            assert_frame_equal(got[name].select(cols).sort(keys, nulls_last=True),
                               frame.select(cols).sort(keys, nulls_last=True), check_exact=False, rel_tol=1e-9,
                               abs_tol=1e-9)
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}") from None


def _new_process(lake: Path, keep_views: bool = True) -> dict[str, pl.DataFrame]:
    """The views as a new reader process gives them (its saved views there or deleted first)."""
    read.forget()  # the last reader's pending saves land first
    if not keep_views:
        shutil.rmtree(viewfiles.folder(lake), ignore_errors=True)
    return _views(lake)


@pytest.fixture()
def growing(sample_lake: Path, tmp_path: Path):
    from fiscal.rules import Frames

    read.forget()
    yield tmp_path / "lake", Frames.from_lake(sample_lake)
    read.forget()


def test_a_new_reader_loading_the_saved_views_equals_one_computing_them_after_every_kind_of_commit(growing):
    from fiscal import store
    from fiscal.read import cache

    lake, full = growing
    ids = full.documents.sort("region_code", "doc_id")["doc_id"].to_list()

    def rows_of(part: list[str], scale: float = 1.0) -> dict[str, pl.DataFrame]:
        out = {name: df.filter(pl.col("doc_id").is_in(part)) for name, df in vars(full).items()}
        if scale != 1.0:  # a re-ingest that read other figures (its documents stamped anew, as the ingest does)
            out["documents"] = out["documents"].with_columns(pl.col("ingested_at").dt.offset_by("1d"))
            out["sangong"] = out["sangong"].with_columns(pl.col("amount") * scale)
            out["projects"] = out["projects"].with_columns(pl.col("executed") * scale)
        return out

    first, second = ids[: len(ids) // 2], ids[len(ids) // 2:]
    replaced = [second[0], first[-1]]
    store.commit(lake, rows_of(first), first)
    _new_process(lake)  # saves its views
    read.forget()
    assert list(viewfiles.folder(lake).glob("*.keys.parquet"))
    loaded = _new_process(lake)
    assert all(state.recomputed == 0 for (_, name), state in cache._by_region.items() if "\x00" not in name)
    _same(loaded, _new_process(lake, keep_views=False))
    steps = [(second, rows_of(second)),  # appended
             (replaced, rows_of(replaced, 3.0)),  # replaced with other figures
             (replaced[:1], {})]  # removed
    for doc_ids, frames in steps:
        _new_process(lake)  # the views as they are before the commit, saved
        store.commit(lake, frames, doc_ids)
        stale = _new_process(lake)  # starts from the views saved before the commit
        # loaded, then brought up to date where the commit changed its inputs
        assert any(0 < state.recomputed < len(state.fingerprints) for state in cache._by_region.values())
        _same(stale, _new_process(lake, keep_views=False))


def test_a_view_saved_by_other_code_or_damaged_is_not_loaded(tmp_path, monkeypatch):
    lake = tmp_path / "lake"
    rows = pl.DataFrame({"region_code": ["430100", "430200"], "n": [1, 2]})
    state = viewfiles.State(rows, [{"430100": 7, "430200": 9}, {"430200": 2**64 - 1}], None)
    viewfiles.save(lake, "view", ("region_code",), state)
    got = viewfiles.load(lake, "view", ("region_code",))
    assert got is not None and got.parts == state.parts and got.pairs is None
    assert_frame_equal(got.rows, rows)
    assert viewfiles.load(lake, "view", ("agency_id",)) is None  # kept by another key
    assert viewfiles.load(lake, "other", ("region_code",)) is None
    monkeypatch.setattr(viewfiles, "code", lambda: "another")
    assert viewfiles.load(lake, "view", ("region_code",)) is None
    monkeypatch.undo()
    rows_file = next(p for p in viewfiles.folder(lake).glob("*.parquet") if not p.name.endswith(".keys.parquet"))
    rows_file.write_bytes(rows_file.read_bytes()[:40])
    assert viewfiles.load(lake, "view", ("region_code",)) is None
