"""Flags kept up to date as the lake grows, without rerunning every rule over every document.

Most rules read one agency-year's documents (`Rule.scope == "agency_year"`): their flags
are kept per agency-year and recomputed only for the agency-years whose documents
changed since the last update (a document is identified by doc_id + ingested_at, so a
forced re-ingest counts as a change). Rules that compare across years or agencies
(`scope == "lake"`) are rerun whole; they work on small per-agency aggregates.

The result equals `evaluate(frames)` (tests/fiscal/test_incremental_flags.py checks it);
`FlagCache.save` / `load` keep it across restarts, tagged with a fingerprint of the
rules' source so a changed rule invalidates it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from fiscal.rules.engine import FLAG_SCHEMA, RULES, SCOPES, SEVERITY_RANK, Frames, empty_flags, evaluate

IDENTITY: list[str] = ["doc_id", "ingested_at", "agency_id", "year"]
AGENCY_YEAR: list[str] = ["agency_id", "year"]
# Agency-years whose rows are read at once when flags are recomputed (bounds a cold start's memory).
CHUNK_AGENCY_YEARS = 1500


def rules_fingerprint() -> str:
    """Changes whenever a rule's code, threshold or scope changes."""
    h = hashlib.sha1()
    for f in sorted((Path(__file__).parent).glob("*.py")):
        h.update(f.read_bytes())
    h.update(json.dumps([(r.id, r.scope, r.params) for r in RULES.values()], sort_keys=True).encode())
    return h.hexdigest()[:16]


def sort_flags(flags: pl.DataFrame) -> pl.DataFrame:
    """evaluate's order: most severe first, then rule, region, agency, year, document, page, message."""
    rank = pl.col("severity").replace_strict(SEVERITY_RANK, default=0, return_dtype=pl.Int8)
    return flags.sort([rank, "rule", "region_code", "agency", "year", "doc_id", "page", "message"],
                      descending=[True, False, False, False, False, False, False, False], nulls_last=True)


def restrict(frames: Frames, keys: pl.DataFrame) -> Frames:
    """The frames' rows of the given agency-years only."""
    keys = keys.select(AGENCY_YEAR).unique()
    return Frames(**{name: df.join(keys, on=AGENCY_YEAR, how="semi")
                     for name, df in vars(frames).items()})


def chunks(keys: pl.DataFrame) -> list[pl.DataFrame]:
    """Agency-year keys in slices of CHUNK_AGENCY_YEARS, whole agencies together (agency rules need every year)."""
    keys = keys.sort(AGENCY_YEAR)
    if keys.height <= CHUNK_AGENCY_YEARS:
        return [keys]
    group = (pl.col("agency_id").rank("dense") - 1) // max(CHUNK_AGENCY_YEARS // 10, 1)
    return keys.with_columns(group.alias("_g")).partition_by("_g", include_key=False, maintain_order=True)


class FlagCache:
    """The default-threshold flags of one lake, updated from its frames."""

    def __init__(self) -> None:
        self.seen = pl.DataFrame(schema={"doc_id": pl.String, "ingested_at": pl.Datetime("us", "UTC"),
                                         "agency_id": pl.String, "year": pl.Int32})
        self.local = empty_flags()  # flags of the agency-year rules
        self.fingerprint = rules_fingerprint()
        self.recomputed: int = 0  # agency-years recomputed by the last update (tests, bench)
        self._last: pl.DataFrame | None = None
        self._lock = threading.Lock()

    def update(self, frames: Frames) -> pl.DataFrame:
        """All flags of `frames` (the whole lake) under default thresholds."""
        return self.update_from(frames.documents, lambda keys: restrict(frames, keys), lambda: frames)

    def update_from(self, documents: pl.DataFrame, load: Callable[[pl.DataFrame], Frames],
                    whole: Callable[[], Frames]) -> pl.DataFrame:
        """All flags of the lake whose documents are `documents`, under default thresholds.

        `load(keys)`: every dataset's rows of the given agency-years (agency_id, year), read
        when they changed, `CHUNK_AGENCY_YEARS` at a time so a cold start never holds the
        whole lake; `whole()`: frames the `lake` rules need (small per-document data).
        """
        with self._lock:
            now = documents.select(IDENTITY).with_columns(
                pl.col("ingested_at").cast(pl.Datetime("us", "UTC")), pl.col("year").cast(pl.Int32))
            changed = pl.concat([now.join(self.seen, on=IDENTITY, how="anti", nulls_equal=True),
                                 self.seen.join(now, on=IDENTITY, how="anti", nulls_equal=True)]).select(
                AGENCY_YEAR).unique()
            by_scope = {scope: [r.id for r in RULES.values() if r.scope == scope] for scope in SCOPES}
            if changed.height:
                agencies = changed.select("agency_id").unique()
                # an agency rule compares an agency's years: every year of a changed agency is read again
                agency_keys = now.join(agencies, on="agency_id", how="semi").select(AGENCY_YEAR).unique()
                # both scopes over every year of the changed agencies: one read and one evaluation per slice
                rules = by_scope["agency_year"] + by_scope["agency"]
                fresh = [self.local.join(agencies, on="agency_id", how="anti", nulls_equal=True)]
                if rules:
                    fresh += [evaluate(load(chunk), rules=rules) for chunk in chunks(agency_keys)]
                self.local = pl.concat(fresh)
            self.recomputed = changed.height
            self.seen = now
            if not changed.height and self._last is not None:
                return self._last  # every commit changes a documents row: nothing changed, same flags
            across = evaluate(whole(), rules=by_scope["lake"]) if by_scope["lake"] else empty_flags()
            self._last = sort_flags(pl.concat([self.local, across]))
            return self._last

    # ------------------------------------------------------------ persistence (best effort)

    def save(self, path: Path) -> None:
        """Write the per-agency-year flags and the documents they cover, atomically; errors are ignored."""
        with self._lock:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                meta = {"fingerprint": self.fingerprint, "seen": self.seen.write_json()}
                tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
                table = self.local.to_arrow()
                pq.write_table(table.replace_schema_metadata({"fiscal_flags": json.dumps(meta)}), tmp)
                tmp.replace(path)
            except OSError:
                pass

    @classmethod
    def load(cls, path: Path) -> FlagCache:
        """A cache from `save`, or an empty one when the file is missing, damaged or from other rules."""
        cache = cls()
        try:
            table = pq.read_table(path)
            meta = json.loads((table.schema.metadata or {}).get(b"fiscal_flags", b"{}"))
            if meta.get("fingerprint") != cache.fingerprint:
                return cache
            local = pl.from_arrow(table.replace_schema_metadata(None))
            assert isinstance(local, pl.DataFrame)
            if local.schema != FLAG_SCHEMA:
                return cache
            seen = pl.read_json(io.StringIO(meta["seen"]), schema=dict(cache.seen.schema))
        except (OSError, ValueError, KeyError, AssertionError, pa.ArrowException, pl.exceptions.PolarsError):
            return cache
        cache.local, cache.seen = local, seen
        return cache
