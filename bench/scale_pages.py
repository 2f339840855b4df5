"""bench.scale's reading side: every dashboard page's data calls (mirrors pages/*.py), the selections they are
timed for, and the reading process that times them (spawned by bench.scale, so its peak RSS is the reader's)."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from bench.grow import pct, say

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from fiscal.filters import Filters
    from fiscal.thresholds import Thresholds

YEARS = tuple(range(2020, 2025))
CHANGED = ["full_score_low_execution.low_rate=0.3"]


_FLAGS: dict[tuple[Any, ...], pl.DataFrame] = {}


def _all_flags(lake: Path, thr: Thresholds) -> pl.DataFrame:
    """all_flags once per lake version and thresholds (the dashboard caches it the same way, pages/_common._flags)."""
    from fiscal import read

    key = (str(lake), read.lake.lake_state(lake), thr)
    if key not in _FLAGS:
        try:
            _FLAGS[key] = read.flags.all_flags(lake, thr)
        except read.flags.RulesUnavailable:
            _FLAGS[key] = pl.DataFrame()
    return _FLAGS[key]


def _sidebar(lake: Path, f: Filters) -> pl.DataFrame:
    """Every page run: lake state, filter options, synthetic banner, require_documents."""
    from fiscal import read

    read.lake.lake_state(lake)
    read.documents.filter_options(lake)
    read.documents.has_synthetic(lake, f)
    return read.lake.selected_documents(lake, f)


def _flags(lake: Path, f: Filters, thr: Thresholds) -> pl.DataFrame:
    from fiscal import read

    return read.flags.select_flags(lake, f, _all_flags(lake, thr))


def page_calls() -> dict[str, Callable[[Path, Filters, Thresholds], Any]]:
    """Page → its data calls for a selection and thresholds (no Streamlit cache)."""
    from fiscal import export, read
    from fiscal.filters import Filters

    def overview(lake: Path, f: Filters, thr: Thresholds) -> None:
        _sidebar(lake, f)
        read.spending.overview(lake, f, None, thr)
        read.spending.expenditure_comparable(lake, f)
        read.spending.expenditure_by_year_kind(lake, f)
        read.across.quality(lake, f)
        read.across.inflation(lake, f, thr)
        read.across.peers(lake, f, thr)
        read.findings.findings(_flags(lake, f, thr), read.lake.selected_documents(lake, Filters()))

    def composition(lake: Path, f: Filters, thr: Thresholds) -> None:
        year = read.counting.default_year(_sidebar(lake, f))
        if year is not None:
            read.spending.composition(lake, f.with_(years=(year, year)))

    def sangong(lake: Path, f: Filters, thr: Thresholds) -> None:
        _sidebar(lake, f)
        read.sangong.sangong_trend(lake, f)
        read.sangong.sangong_comparable(lake, f)

    def projects(lake: Path, f: Filters, thr: Thresholds) -> None:
        _sidebar(lake, f)
        rows = read.projects.attach_flag_counts(read.projects.projects(lake, f), _flags(lake, f, thr))
        read.projects.with_exec_points(rows)
        if rows.height:
            read.projects.indicators(lake, rows.get_column("doc_id")[0], rows.get_column("project")[0])

    def flags(lake: Path, f: Filters, thr: Thresholds) -> None:
        _sidebar(lake, f)
        read.flags.rule_catalog()
        read.findings.findings(_flags(lake, f, thr), read.lake.selected_documents(lake, Filters()))

    def peers(lake: Path, f: Filters, thr: Thresholds) -> None:
        _sidebar(lake, f)
        read.across.peers(lake, f, thr)

    def inflation(lake: Path, f: Filters, thr: Thresholds) -> None:
        _sidebar(lake, f)
        read.across.inflation(lake, f, thr)

    def quality(lake: Path, f: Filters, thr: Thresholds) -> None:
        _sidebar(lake, f)
        read.across.quality(lake, f)

    def agency(lake: Path, f: Filters, thr: Thresholds) -> None:
        _sidebar(lake, f)
        options = read.lake.selected_documents(lake, Filters()).select("agency_id").unique().sort("agency_id")
        aid = f.agencies[0] if f.agencies else options.get_column("agency_id")[0]
        fa = Filters(agencies=(aid,))
        docs = read.lake.selected_documents(lake, fa)
        read.documents.reading_counts(lake)
        read.sangong.sangong_trend(lake, fa)
        fl = _flags(lake, fa, thr)
        read.projects.attach_flag_counts(read.projects.projects(lake, fa), fl)
        read.findings.findings(fl, docs)

    def data(lake: Path, f: Filters, thr: Thresholds) -> None:
        docs = _sidebar(lake, f)
        _flags(lake, f, thr)
        export.with_provenance(lake, read.documents.dataset_rows(lake, f, "sangong"), docs)
        read.documents.quarantined(lake)

    def documents(lake: Path, f: Filters, thr: Thresholds) -> None:
        read.lake.lake_state(lake)
        docs = read.documents.documents(lake)
        read.documents.quarantined(lake)
        read.lake.agency_links(lake)
        read.lake.project_links(lake)
        if docs.height:
            doc_id = docs.get_column("doc_id")[0]
            read.documents.document_report(lake, doc_id)
            read.documents.document_readings(lake, doc_id)

    return {"overview": overview, "composition": composition, "sangong": sangong, "projects": projects,
            "flags": flags, "peers": peers, "inflation": inflation, "quality": quality, "agency": agency,
            "data": data, "documents": documents}


def selections(lake: Path) -> list[tuple[str, Filters, Thresholds]]:
    """National, the largest province, its largest city, an agency over the years, one year; and the
    national and provincial view under a changed threshold."""
    from fiscal import read
    from fiscal.filters import Filters
    from fiscal.thresholds import Thresholds

    default, changed = Thresholds(), Thresholds.parse(CHANGED)
    docs = read.lake.selected_documents(lake, Filters())
    province = docs.group_by("region_code").len().with_columns(
        pl.col("region_code").str.slice(0, 2).alias("p")).group_by("p").agg(pl.col("len").sum()).sort(
        ["len", "p"], descending=[True, False])["p"][0] + "0000"
    opts = read.documents.filter_options(lake)
    cities = opts.filter(pl.col("city_code").is_not_null() & pl.col("city_code").str.starts_with(province[:2]))
    city = cities.group_by("city_code").len().sort(["len", "city_code"], descending=[True, False])
    agency = docs.group_by("agency_id").len().sort(["len", "agency_id"], descending=[True, False])["agency_id"][0]
    out = [("national", Filters(), default), (f"province {province}", Filters(province=province), default)]
    if city.height:
        out.append((f"city {city['city_code'][0]}", Filters(province=province, city=city["city_code"][0]), default))
    out += [("agency over years", Filters(agencies=(agency,)), default),
            (f"year {YEARS[-1]}", Filters(years=(YEARS[-1], YEARS[-1])), default),
            ("national, low_rate=0.3", Filters(), changed),
            (f"province {province}, low_rate=0.3", Filters(province=province), changed)]
    return out


def _fresh_reader() -> None:
    """A new dashboard process's reader: the read side's state dropped, the exporter's and this bench's memos."""
    from fiscal import export, read

    read.forget()
    export._PROVENANCE.clear()
    _FLAGS.clear()


def _rss_mb() -> float:
    """The process's peak RSS so far, MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_now_mb() -> float:
    """The process's current RSS, MiB (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def rss_phase(phase: str) -> dict[str, Any]:
    """RSS after a phase of the reader: current and peak so far (the phase that raised the peak set it), MiB."""
    return {"phase": phase, "rss_mb": round(_rss_now_mb(), 1), "peak_rss_mb": round(_rss_mb(), 1)}


def rss_table(sizes: list[dict[str, Any]]) -> list[str]:
    """Markdown: the reader's RSS after each phase (current / peak so far, MiB) per lake size."""
    phases = list(dict.fromkeys(p["phase"] for s in sizes for p in s.get("rss", [])))
    if not phases:
        return []
    lines = ["", "Reading process RSS after each phase (current / peak so far, MiB; the pages run in this order, "
             "each cold in a fresh reader then warm):", "",
             "| phase | " + " | ".join(f"{s['documents']:,}" for s in sizes) + " |", "|---|" + "---:|" * len(sizes)]
    for phase in phases:
        cells = []
        for s in sizes:
            got = next((p for p in s.get("rss", []) if p["phase"] == phase), None)
            cells.append(f"{got['rss_mb']:.0f} / {got['peak_rss_mb']:.0f}" if got else "–")
        lines.append(f"| {phase} | " + " | ".join(cells) + " |")
    return lines


def time_pages(lake: Path, repeats: int) -> dict[str, Any]:
    """Per page: cold ms (first call of a fresh reader, national), warm p50/p95 ms over selections × repeats."""
    calls = page_calls()
    sels = selections(lake)
    out: dict[str, Any] = {"pages": {}, "errors": {}, "selections": [s[0] for s in sels], "rss": []}
    for name, fn in calls.items():
        _fresh_reader()
        try:
            t = time.perf_counter()
            fn(lake, sels[0][1], sels[0][2])
            cold = (time.perf_counter() - t) * 1000
            out["rss"].append(rss_phase(f"{name} cold"))
            samples = []
            for _ in range(repeats):
                for _label, f, thr in sels:
                    t = time.perf_counter()
                    fn(lake, f, thr)
                    samples.append((time.perf_counter() - t) * 1000)
        except Exception as exc:  # a broken read function is a finding of the bench, not its end
            out["errors"][name] = f"{type(exc).__name__}: {exc}"[:300]
            say("scale", f"{name}: ERROR {out['errors'][name]}")
            continue
        out["rss"].append(rss_phase(f"{name} warm"))
        out["pages"][name] = {"cold_ms": cold, "p50_ms": statistics.median(samples), "p95_ms": pct(samples, 0.95),
                              "max_ms": max(samples), "calls": len(samples) + 1}
        say("scale", f"{name}: cold {cold:.0f} ms, p50 {out['pages'][name]['p50_ms']:.0f} ms, "
                     f"p95 {out['pages'][name]['p95_ms']:.0f} ms; RSS {out['rss'][-1]['rss_mb']:.0f} MiB, "
                     f"peak {out['rss'][-1]['peak_rss_mb']:.0f} MiB")
    out["peak_rss_mb"] = _rss_mb()
    return out


def _first_reader(lake: Path) -> dict[str, float]:
    """The running reader's first overview after a commit (snapshot refresh + flags update + the page)."""
    from fiscal.filters import Filters
    from fiscal.thresholds import Thresholds

    t = time.perf_counter()
    _all_flags(lake, Thresholds())
    flags_ms = (time.perf_counter() - t) * 1000
    page_calls()["overview"](lake, Filters(), Thresholds())
    ms = (time.perf_counter() - t) * 1000
    now = rss_phase("first reader")
    return {"first_overview_ms": ms, "flags_update_ms": flags_ms, "rss_mb": now["rss_mb"],
            "peak_rss_mb": now["peak_rss_mb"]}


def reader(lake: str, repeats: int, conn: Connection) -> None:
    """The reading process: time the pages, then one first overview after each commit the writer announces."""
    try:
        result = time_pages(Path(lake), repeats)
    except Exception as exc:
        result = {"pages": {}, "errors": {"selections": f"{type(exc).__name__}: {exc}"[:300]},
                  "peak_rss_mb": _rss_mb()}
    conn.send(result)
    try:  # as a running dashboard that has shown the overview: the first reader after a commit then times the
        # incremental work a commit causes, not the overview's whole-lake state built from nothing (each page above
        # ran in a fresh reader, the last one the documents page)
        from fiscal.filters import Filters
        from fiscal.thresholds import Thresholds

        page_calls()["overview"](Path(lake), Filters(), Thresholds())
    except Exception:  # a broken page is reported by time_pages; the commits are still timed
        pass
    phases = [rss_phase("overview before the commits")]
    while conn.recv() == "committed":
        try:
            conn.send(_first_reader(Path(lake)))
        except Exception as exc:
            conn.send({"error": f"{type(exc).__name__}: {exc}"[:300]})
    conn.send({"peak_rss_mb": _rss_mb(), "rss": phases})
