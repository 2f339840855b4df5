"""Every path inside a lake, in one place: nothing else joins a sub-path of the lake root.

    <lake>/<dataset>/            one Delta table per dataset (fiscal.schema.DATASETS)
    <lake>/_sources/<doc_id>.pdf the source PDF, content-addressed (every figure traces to its page)
    <lake>/_quarantine/          files that could not be ingested, with a JSON reason
    <lake>/_quarantine/rows/     rows refused by validation before a commit
    <lake>/_cache/               derived read caches (deletable at any time)
    <lake>/_uploads/             PDFs uploaded from the browser, before ingest
    <lake>/_lock                 the writers' file lock
    <lake>/links.csv             the lake's own agency/project link overrides
"""

from __future__ import annotations

from pathlib import Path


def table(lake: Path, dataset: str) -> Path:
    return Path(lake) / dataset


def sources(lake: Path) -> Path:
    return Path(lake) / "_sources"


def source_pdf(lake: Path, doc_id: str) -> Path:
    """Where the PDF a figure came from is kept."""
    return sources(lake) / f"{doc_id}.pdf"


def quarantine(lake: Path) -> Path:
    return Path(lake) / "_quarantine"


def quarantine_rows(lake: Path) -> Path:
    return quarantine(lake) / "rows"


def cache(lake: Path) -> Path:
    return Path(lake) / "_cache"


def uploads(lake: Path) -> Path:
    return Path(lake) / "_uploads"


def lock_file(lake: Path) -> Path:
    return Path(lake) / "_lock"


def links_file(lake: Path) -> Path:
    return Path(lake) / "links.csv"
