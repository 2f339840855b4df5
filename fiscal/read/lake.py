"""The lake as the dashboard reads it: its version, each dataset's visible rows, agencies linked
across names (fiscal.linking), and a dataset restricted to a selection."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

from fiscal import filters, paths, rowsort, snapshot, store
from fiscal.filters import Filters
from fiscal.link_overrides import overrides_of
from fiscal.read.cache import by_region, links_stamp, memo
from fiscal.reductions import RESIDENT
from fiscal.rules.engine import Frames
from fiscal.schema import empty


def table_version(lake: Path, dataset: str) -> int | None:
    """The Delta version of a dataset, or None when the table does not exist yet."""
    return snapshot.of(lake).version(dataset)


def lake_state(lake: Path) -> tuple[Any, ...]:
    """A cheap fingerprint that changes whenever an ingest commits or quarantines a file."""
    # `documents` is committed last in every batch, so its version moves with every ingest.
    records = paths.entries(store.quarantine_dir(lake), ".json")  # on object storage too (one listing)
    return (str(Path(lake).resolve()), table_version(lake, "documents"), records)


def read(lake: Path, dataset: str) -> pl.DataFrame:
    """A dataset's visible rows, from the in-memory snapshot of the latest version (fiscal.snapshot)."""
    return snapshot.read(lake, dataset)


def links(lake: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The agency and project link tables (fiscal.linking) of the lake, once per version and mapping file (the
    projects' in no particular order: `project_links`)."""
    from fiscal import linking
    from fiscal.link_overrides import load_overrides

    def compute() -> tuple[pl.DataFrame, pl.DataFrame]:
        # links never cross a region: kept per region, only regions with changed documents are linked again
        # only the columns linking reads: a region is linked again when they change, and they are hashed
        # (fiscal.read.cache) at every lake version, a fraction of the whole rows
        docs = read(lake, "documents").select(linking.AGENCY_READS)
        projects = read(lake, "projects").select(linking.PROJECT_READS)
        overrides = load_overrides(Path(lake))
        stamp = links_stamp(lake)
        agency = by_region(lake, f"agency_links:{stamp}").update(
            [docs], lambda p: linking.agency_links(p[0], overrides)).sort("region_code", "agency_id")
        # projects link within their agency group but where a code or a mapping row links across groups: kept per
        # group, a commit bringing new agencies to a region relinks their projects, not the region's thousands
        keyed, part = _link_parts(projects, agency, overrides)
        project = by_region(lake, f"project_links:{stamp}", key=(LINK_PART,)).update(
            [keyed], lambda p: part(linking.project_links(p[0], agency, overrides))).drop(LINK_PART)
        # over every region: a code printed in two is two projects; in no particular order (`project_links` sorts)
        return agency, linking.apart_across_regions(project)

    return memo(lake, "links", compute, ("projects",))


LINK_PART = "_link_part"  # the part of a region a project is linked within (`_link_parts`)


def _link_parts(projects: pl.DataFrame, agency: pl.DataFrame, overrides: pl.DataFrame
                ) -> tuple[pl.DataFrame, Callable[[pl.DataFrame], pl.DataFrame]]:
    """The projects with their agency group and LINK_PART, and the function adding LINK_PART to link rows.

    fiscal.linking links projects within one region only, by name only within one agency group; what links across
    groups is a project code (region-wide) and a mapping row (any agency of its region). So a group none of whose
    projects prints a code, in a region no project mapping row names, is linked alone (its part: region + group),
    the rest of the region together (region + "*"); linking a part gives the rows the whole region's linking gives
    (keys are numbered per code, or per group and name). Its group is in the rows: a commit moving an agency to
    another group relinks both."""
    rules = overrides_of(overrides, "project")
    every = any(not r["region_code"] for r in rules)
    named = sorted({r["region_code"] for r in rules})
    groups = agency.select("region_code", "agency_id", "group_id").unique(["region_code", "agency_id"])
    rows = projects.join(groups, on=["region_code", "agency_id"], how="left", maintain_order="left").with_columns(
        pl.col("group_id").fill_null(pl.col("agency_id")))  # as fiscal.linking.project_links groups them
    coded = rows.filter(pl.col("project_code").fill_null("") != "").select("region_code", "group_id").unique()

    def part(df: pl.DataFrame) -> pl.DataFrame:
        whole = pl.lit(every) | pl.col("region_code").is_in(named) | pl.col("_coded").fill_null(False)
        marked = df.join(coded.with_columns(pl.lit(True).alias("_coded")), on=["region_code", "group_id"],
                         how="left", maintain_order="left")
        return marked.with_columns(pl.concat_str(
            [pl.col("region_code").fill_null(""), pl.when(whole).then(pl.lit("*")).otherwise(
                pl.col("group_id").fill_null(""))], separator="\x1f").alias(LINK_PART)).drop("_coded")

    return part(rows), part


def agency_links(lake: Path) -> pl.DataFrame:
    """Which agencies the dashboard shows as one (renamed bureaus, 本级/部门 spellings), and how each was linked."""
    return links(lake)[0]


def project_links(lake: Path) -> pl.DataFrame:
    """Which projects are one across years (project code, same or close name, mapping file): doc_id, project → key;
    by region, group, key, year and document (sorted when asked: every project of the lake, ~200,000 rows at 100,000
    documents, through one binary key, fiscal.rowsort; the readers of the keys need no order)."""
    return memo(lake, "project_links_sorted", lambda: rowsort.sort(
        links(lake)[1], ["region_code", "group_id", "project_key", "year", "doc_id"], [False] * 5, nulls_last=False),
        ("projects",))


def _moved(lake: Path) -> tuple[pl.Series, pl.Series, pl.Series]:
    """The agencies shown under another id or name: agency_id → group_id, group_name (the last row of an id wins),
    once per links version (built per call, the mapping cost more than one document's rows)."""
    def compute() -> tuple[pl.Series, pl.Series, pl.Series]:
        agency = links(lake)[0]
        moved = agency.filter((pl.col("group_id") != pl.col("agency_id")) | (pl.col("group_name") != pl.col("agency")))
        last = moved.unique("agency_id", keep="last", maintain_order=True)
        return last["agency_id"], last["group_id"], last["group_name"]

    return memo(lake, "moved_agencies", compute, ("projects",))


def _link_rows(lake: Path, rows: pl.DataFrame, dataset: str, project_keys: bool = True) -> pl.DataFrame:
    """`rows` with agencies shown under their linked group; projects and indicators gain `project_key` (unless
    `project_keys` is False)."""
    _, proj = links(lake)
    old, ids, names = _moved(lake)
    if old.len() and "agency_id" in rows.columns:
        hit = pl.col("agency_id").is_in(old.implode())
        rows = rows.with_columns(
            pl.when(hit).then(pl.col("agency_id").replace_strict(old, names, default=None)).otherwise(pl.col("agency"))
            .alias("agency"),
            pl.col("agency_id").replace(old, ids).alias("agency_id"),
        )
    if project_keys and dataset in ("projects", "indicators") and "project" in rows.columns:
        keys = proj.select("doc_id", "project", "project_key")
        if rows.height < keys.height // 4:  # a few documents' rows (one project's indicators): their keys only
            keys = keys.filter(pl.col("doc_id").is_in(rows.get_column("doc_id").unique().implode()))
        keys = keys.unique(["doc_id", "project"])
        # the two key columns joined alone (a join of the rows would copy each of their columns), not one string
        # per row built from both: half the time on the lake's ~200,000 projects after every commit
        got = rows.select("doc_id", "project").join(keys, on=["doc_id", "project"], how="left", maintain_order="left")
        rows = rows.with_columns(got.get_column("project_key"))
    return rows


def linked(lake: Path, dataset: str) -> pl.DataFrame:
    """A dataset's visible rows with agencies shown under their linked group (current name and id).

    Only the agency columns change (no copy of the rest); projects and indicators gain
    `project_key`, the project's identity across years. The documents page and the
    document reports read the names as printed (`_read`). On-demand datasets
    (fiscal.reductions) are read whole here: pages read them through `scan` or `reduced`.
    """
    return memo(lake, f"linked:{dataset}", lambda: _link_rows(lake, read(lake, dataset), dataset),
                (dataset, "projects"))


def reduced(lake: Path, dataset: str, name: str) -> pl.DataFrame:
    """A per-document reduction (fiscal.reductions) of an on-demand dataset, agencies linked where it has them.

    Without `project_key`: the lake-wide views do not read it, and on the scored indicators (about 10 rows a
    document) it would be a second string column per row built from a third (doc_id + project)."""
    return memo(lake, f"reduced:{dataset}:{name}",
                lambda: _link_rows(lake, snapshot.of(lake).reduced(dataset, name), dataset, project_keys=False),
                (dataset, "projects"))


def rows_of_docs(lake: Path, dataset: str, doc_ids: list[str] | None) -> pl.DataFrame:
    """The rows of the given documents (None: all), agencies linked; on-demand datasets read from their files."""
    return _link_rows(lake, snapshot.of(lake).rows_of_docs(dataset, doc_ids), dataset)


def scan(lake: Path, dataset: str, f: Filters) -> pl.LazyFrame:
    """A dataset restricted to the selection (agencies linked): in-memory for resident datasets, else the
    selected documents' rows read from their partitions."""
    if dataset in RESIDENT:
        rows = linked(lake, dataset).lazy()
        return rows if f.is_empty() else filters.apply(rows, f)
    ids = None if f.is_empty() else selected_documents(lake, f).get_column("doc_id").to_list()
    return filters.apply(rows_of_docs(lake, dataset, ids), f)


FRAME_NAMES: tuple[str, ...] = tuple(field.name for field in dataclasses.fields(Frames))
# What the lake-wide views keep of an on-demand dataset (fiscal.reductions); the others are left empty there.
SLIM: dict[str, str] = {"narrative": "prose_figures", "indicators": "scored_indicators", "readings": "table_statuses"}


def slim_frames(lake: Path, link: bool = True) -> Frames:
    """The whole lake as the lake-wide views read it: resident datasets whole, the prose figures, scored
    indicators and table statuses without their texts (`SLIM`), the table lines empty (their per-document
    reductions are read apart). Agencies linked unless `link` is False (the rules read rows as stored)."""
    def compute() -> Frames:
        snap = snapshot.of(lake)
        out = {}
        for name in FRAME_NAMES:
            if name in RESIDENT:
                rows = linked(lake, name) if link else snap.table(name)
            elif name in SLIM:
                rows = reduced(lake, name, SLIM[name]) if link else snap.reduced(name, SLIM[name])
            else:
                rows = empty(name)
            out[name] = rows
        return Frames(**out)

    return memo(lake, f"slim_frames:{link}", compute)


def selected_documents(lake: Path, f: Filters) -> pl.DataFrame:
    """The documents in the selection (doc kind included), all of them, duplicates and units too."""
    return scan(lake, "documents", f).collect()
