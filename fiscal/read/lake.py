"""The lake as the dashboard reads it: its version, each dataset's visible rows, agencies linked
across names (fiscal.linking), and a dataset restricted to a selection."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import polars as pl

from fiscal import filters, snapshot, store
from fiscal.filters import Filters
from fiscal.read.cache import memo
from fiscal.rules.engine import Frames


def table_version(lake: Path, dataset: str) -> int | None:
    """The Delta version of a dataset, or None when the table does not exist yet."""
    return snapshot.of(lake).version(dataset)


def lake_state(lake: Path) -> tuple[Any, ...]:
    """A cheap fingerprint that changes whenever an ingest commits or quarantines a file."""
    # `documents` is committed last in every batch, so its version moves with every ingest.
    qdir = store.quarantine_dir(lake)
    records = sorted((f.name, f.stat().st_mtime_ns) for f in qdir.glob("*.json")) if qdir.is_dir() else []
    return (str(Path(lake).resolve()), table_version(lake, "documents"), tuple(records))


def read(lake: Path, dataset: str) -> pl.DataFrame:
    """A dataset's visible rows, from the in-memory snapshot of the latest version (fiscal.snapshot)."""
    return snapshot.read(lake, dataset)


def links(lake: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The agency and project link tables (fiscal.linking) of the lake, once per version and mapping file."""
    from fiscal import linking

    def compute() -> tuple[pl.DataFrame, pl.DataFrame]:
        return linking.links(read(lake, "documents"), read(lake, "projects"), Path(lake))

    return memo(lake, "links", compute, ("projects",))


def agency_links(lake: Path) -> pl.DataFrame:
    """Which agencies the dashboard shows as one (renamed bureaus, 本级/部门 spellings), and how each was linked."""
    return links(lake)[0]


def project_links(lake: Path) -> pl.DataFrame:
    """Which projects are one across years (project code, same or close name, mapping file): doc_id, project → key."""
    return links(lake)[1]


def linked(lake: Path, dataset: str) -> pl.DataFrame:
    """A dataset's visible rows with agencies shown under their linked group (current name and id).

    Only the agency columns change (no copy of the rest); projects and indicators gain
    `project_key`, the project's identity across years. The documents page and the
    document reports read the names as printed (`_read`).
    """
    def compute() -> pl.DataFrame:
        agency, proj = links(lake)
        moved = agency.filter((pl.col("group_id") != pl.col("agency_id")) | (pl.col("group_name") != pl.col("agency")))
        rows = read(lake, dataset)
        if moved.height:
            moved_ids = moved.get_column("agency_id").to_list()
            ids = dict(zip(moved_ids, moved.get_column("group_id").to_list(), strict=True))
            names = dict(zip(moved_ids, moved.get_column("group_name").to_list(), strict=True))
            hit = pl.col("agency_id").is_in(list(ids))
            rows = rows.with_columns(
                pl.when(hit).then(pl.col("agency_id").replace_strict(names, default=None)).otherwise(pl.col("agency"))
                .alias("agency"),
                pl.col("agency_id").replace(ids).alias("agency_id"),
            )
        if dataset in ("projects", "indicators"):
            keys = proj.select("doc_id", "project", "project_key").unique(["doc_id", "project"])
            rows = rows.join(keys, on=["doc_id", "project"], how="left", maintain_order="left")
        return rows

    return memo(lake, f"linked:{dataset}", compute, (dataset, "projects"))


def scan(lake: Path, dataset: str, f: Filters) -> pl.LazyFrame:
    """A dataset restricted to the selection (lazy over the in-memory snapshot, agencies linked)."""
    rows = linked(lake, dataset).lazy()
    return rows if f.is_empty() else filters.apply(rows, f)


def frames(lake: Path, f: Filters | None = None) -> Frames:
    """The lake's datasets as rule `Frames` (fiscal.rules.Frames), restricted to the selection (None: all).

    Rows of every document in the selection, as stored (no consolidation); read-side
    analyses (scores, peers, links) start from here.
    """
    f = f or Filters()
    names = [field.name for field in dataclasses.fields(Frames)]
    return Frames(**{name: scan(lake, name, f).collect() for name in names})


def selected_documents(lake: Path, f: Filters) -> pl.DataFrame:
    """The documents in the selection (doc kind included), all of them, duplicates and units too."""
    return scan(lake, "documents", f).collect()
