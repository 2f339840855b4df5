"""The read side: what the dashboard (and any reader) asks of the lake. No Streamlit here.

One module per subject, each taking the lake root (and a `Filters` selection):

- `lake`      the lake's version, each dataset's visible rows, agencies linked across names
- `counting`  count each figure once (department over unit, one document per agency-year)
- `documents` the documents, one document's report, the quarantine, filter options, downloads
- `spending`  expenditure per agency-year, the 总览 tiles, the composition
- `sangong`   三公 figures, totals and trend
- `projects`  evaluated projects and their indicators
- `flags`     the anomaly flags (incremental) and the selection's share
- `findings`  the flags folded into findings (one per project or defect), ordered for action
- `lakefindings` the findings of the lake's flags, of a changed threshold's and of a selection's, kept apart
- `across`    peers, the inflation index, the disclosure quality score
- `peergroup` one peer outlier's peer group and the printed figures behind its value (the flag page)
- `cache`     the one whole-lake cache (per lake version)
- `reference` national classification names
"""

from fiscal.read import (  # noqa: F401
    across,
    cache,
    counting,
    documents,
    findings,
    flags,
    lake,
    lakefindings,
    peergroup,
    projects,
    reference,
    sangong,
    spending,
)


def forget() -> None:
    """Drop this process's read-side state, as a new dashboard process starts (the lake's _cache stays;
    fiscal.export's provenance memo is the exporter's)."""
    from fiscal import snapcache, snapshot
    from fiscal.read import recent

    snapcache.flush()  # the last reader's delayed cache save lands first, as it would before a new process reads
    snapshot._snapshots.clear()
    flags._flag_caches.clear()
    # a new process has none of these either: kept, they would hold the last reader's frames (peak RSS) and
    # spare the cold reader the per-region work
    cache._by_region.clear()
    cache._HASHED.clear()
    cache._SHARED.clear()
    across._KEYS.clear()
    across._PICKED.clear()
    findings._FOUND.clear()
    lakefindings.forget()
    findings._TAGS.clear()
    projects._COUNTED.clear()
    recent.clear()
