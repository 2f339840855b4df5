"""How the read snapshot (fiscal.snapshot) lists and reads a dataset's Delta data files: the file list of a
version from delta-rs or from the JSON log (fiscal.deltalog), the rows of given files tagged with their file."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pyarrow as pa
from deltalake import DeltaTable

from fiscal import paths
from fiscal.reductions import FILE_COLUMN
from fiscal.schema import BATCH_COLUMN, PARTITION_BY, schema


def target(dataset: str) -> pl.Schema:
    """The dataset's stored columns: the contract schema and the batch column."""
    return pl.Schema({**schema(dataset), BATCH_COLUMN: pl.String()})


def add_actions(dataset: str, dt: DeltaTable) -> pl.DataFrame:
    """path + partition values of every file of the table's current version."""
    actions = pl.from_arrow(pa.table(dt.get_add_actions(flatten=True)))
    assert isinstance(actions, pl.DataFrame)
    want = target(dataset)
    return actions.select("path", *[pl.col(f"partition.{c}").cast(want[c]).alias(c) for c in PARTITION_BY])


def log_actions(dataset: str, added: list[tuple[str, dict[str, str | None]]]) -> pl.DataFrame:
    """The same for files named by the JSON log (fiscal.deltalog): partition values as written there."""
    want = target(dataset)
    return pl.DataFrame({"path": [p for p, _ in added], **{c: [v.get(c) for _, v in added] for c in PARTITION_BY}},
                        schema={"path": pl.String, **{c: pl.String for c in PARTITION_BY}}).with_columns(
        pl.col(c).cast(want[c]) for c in PARTITION_BY)


def read_files(root: Path, dataset: str, actions: pl.DataFrame, index: dict[str, int]) -> pl.DataFrame:
    """The rows of the given data files, partition columns from the log, tagged with the file index."""
    want = target(dataset)
    if actions.is_empty():
        return pl.DataFrame(schema={**want, FILE_COLUMN: pl.UInt32()})
    data_schema = {c: t for c, t in want.items() if c not in PARTITION_BY}
    files = paths.file_uris(root, actions.get_column("path").to_list())  # local paths or s3:// URIs
    rows = pl.scan_parquet(files, schema=data_schema, missing_columns="insert", extra_columns="ignore",
                           include_file_paths="_path", hive_partitioning=False,
                           storage_options=paths.storage_options(root)).collect()
    # looked up in Python: `index` names every file of the table (100,000s), a mapping expression built from it
    # cost more than reading one document's files
    keys = actions.with_columns(
        pl.Series("_path", files),
        pl.Series(FILE_COLUMN, [index[p] for p in actions.get_column("path").to_list()], dtype=pl.UInt32),
    ).drop("path")
    keys = keys.with_columns(pl.col(c).cast(want[c]) for c in PARTITION_BY)
    return rows.join(keys, on="_path", how="left").select(*want.keys(), FILE_COLUMN)


@dataclass
class TableCopy:
    """One dataset as of `version`: its rows (resident) or its reductions (on demand), tagged with their file."""

    version: int = -1
    files: dict[str, int] = field(default_factory=dict)  # relative path → index
    rows: pl.DataFrame | None = None  # resident tables only
    reduced: dict[str, pl.DataFrame] | None = None  # on-demand tables only: reduction name → rows
    index: pl.DataFrame | None = None  # on-demand tables only: path, partition columns, file index
    delta: DeltaTable | None = None
    next_index: int = 0
    visible: dict[str, tuple[tuple[int, int], pl.DataFrame]] = field(default_factory=dict)  # name → (versions, rows)
    all_visible: tuple[tuple[int, int], bool] | None = None  # (versions, whether every row is visible then)
    # the last check that found every row visible: (the documents copy it checked against, its version, this
    # copy's next file index then); rows of older files stay visible while no documents row is dropped
    visible_mark: tuple[weakref.ref[TableCopy], int, int] | None = None
    removed_at: int = -1  # the last version whose refresh dropped rows (files removed)
    seen_documents: int | None = None  # documents version at this table's last refresh
    stamp: tuple[int, int] | None = None  # identity of `version`'s commit file (fiscal.deltalog.stamp)

    def loaded(self) -> bool:
        """Whether rows or reductions are held (a first refresh has run or a copy was loaded from disk)."""
        return self.rows is not None or self.reduced is not None
