"""Dashboard data calls on a synthetic lake of 1,000 and 5,000 documents.

Building 5,000 documents by parsing 5,000 PDFs would take hours, so the lake is grown
from a small real base instead: samples/ and ~20 synthetic PDFs (samplegen.synthetic)
are ingested once (the base, kept in build/bench/base_lake), then their rows are
replicated per dataset with new doc_ids, new agencies (names and ids), real GB/T 2260
regions and years 2019–2024, every amount of a copy scaled by one random factor (so a
copy stays internally consistent), committed through fiscal.store.commit 100
documents at a time, like a real ingest history.

Then every dashboard page's data calls (the fiscal.read functions the page and the
sidebar call, see pages/*.py; no Streamlit cache) are timed over several selections:
median and p95 per page; plus the lake's size and file count, the driver's side of an
ingest of 100 new documents (hash check, commit, maintenance policy) into the 1,000-
and the 5,000-document lake, and the same reads before and after fiscal.maintenance.compact.

Prints a table and writes it into bench/results/latest.md (replacing an earlier
dashboard section there).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

from bench.grow import (  # noqa: F401 (replicate, lake_size: the shared machinery, used here and by scale.py)
    AMOUNT_COLUMNS,
    BASE_LAKE,
    BATCH,
    ROOT,
    build_base,
    grow,
    lake_size,
    load_base,
    replicate,
)
from bench.grow import pct as _pct

RESULTS = ROOT / "bench" / "results"
SECTION = "## Dashboard at scale"
GOAL_P95_MS = 300.0
YEARS = tuple(range(2019, 2025))
# Department names for the replicated agencies (prefixed by their region's name).
DEPARTMENTS = (
    "教育局", "财政局", "卫生健康委员会", "医疗保障局", "民政局", "公安局", "司法局", "自然资源和规划局",
    "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化旅游广电体育局",
    "应急管理局", "审计局", "市场监督管理局", "统计局", "林业局", "人力资源和社会保障局", "发展和改革局",
    "科学技术局", "工业和信息化局", "退役军人事务局", "信访局", "档案馆", "机关事务管理局",
)
PROVINCES = ("430000", "510000", "320000")  # 湖南, 四川, 江苏: their cities and counties


# ---------------------------------------------------------------- replication plan


def _regions() -> list[Any]:
    from fiscal.gazetteer import by_code

    codes = []
    with (ROOT / "fiscal" / "data" / "gbt2260.csv").open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            code, _name, level, _parent = line.rstrip("\n").split(",")[:4]
            if code[:2] in {p[:2] for p in PROVINCES} and level in ("2", "3"):
                codes.append(code)
    out = []
    for code in codes:
        try:
            out.append(by_code(code))
        except KeyError:
            continue
    return out


def plan(n: int, templates: list[str], seed: int = 5) -> pl.DataFrame:
    """n new documents: doc_id, template doc_id, agency, region, year, scale factor (deterministic)."""
    from fiscal.naming import agency_id

    rng = random.Random(seed)
    regions = _regions()
    n_agencies = n // len(YEARS) + 1
    agencies = []
    for k in range(n_agencies):
        region = regions[(k * 7919) % len(regions)]
        dept = DEPARTMENTS[k % len(DEPARTMENTS)]
        name = f"{region.name}{dept}" if k < len(regions) * len(DEPARTMENTS) else f"{region.name}{dept}{k}"
        agencies.append((region, name, agency_id(name, region)))
    pairs = [(a, y) for a in range(n_agencies) for y in YEARS]
    rng.shuffle(pairs)
    rows = []
    for i, (a, year) in enumerate(pairs[:n]):
        region, name, aid = agencies[a]
        rows.append({
            "doc_id": hashlib.sha256(f"bench-doc-{seed}-{i}".encode()).hexdigest(),
            "template": templates[rng.randrange(len(templates))],
            "region_code": region.code, "region": region.full_name, "province": region.province,
            "city": region.city, "agency_id": aid, "agency": name, "year": year,
            "scale": round(rng.uniform(0.3, 3.0), 3), "seq": i,
        })
    return pl.DataFrame(rows, schema_overrides={"year": pl.Int32})


def ingest_100(lake: Path, base: dict[str, pl.DataFrame], docs: pl.DataFrame) -> dict[str, float]:
    """The driver's side of ingesting 100 new documents (what grows with the lake): hash check, commit, policy."""
    from fiscal import maintenance, store

    frames = replicate(base, docs)
    t0 = time.perf_counter()
    store.doc_ids(lake)  # batch.run: which files are already in the lake
    t1 = time.perf_counter()
    store.commit(lake, frames, docs.get_column("doc_id").to_list())
    t2 = time.perf_counter()
    compacted = maintenance.maybe_compact(lake)
    t3 = time.perf_counter()
    from fiscal import read
    from fiscal.filters import Filters

    read.lake.selected_documents(lake, Filters())  # the reader's first call: snapshot refresh
    for dataset in ("summary", "line_items", "economic_items", "sangong", "narrative", "projects", "indicators"):
        read.lake.read(lake, dataset)
    t4 = time.perf_counter()
    read.flags.all_flags(lake)  # incremental: the 100 new documents' agency-years + the lake-wide rules
    t5 = time.perf_counter()
    _say(f"100 documents: commit {t2 - t1:.2f} s, maybe_compact {t3 - t2:.2f} s, refresh {t4 - t3:.2f} s, "
         f"flags {t5 - t4:.2f} s")
    return {"hash_check": t1 - t0, "commit": t2 - t1, "maybe_compact": t3 - t2, "total": t3 - t0,
            "refresh": t4 - t3, "flags": t5 - t4, "compacted": bool(compacted)}


# ---------------------------------------------------------------- the pages' calls


def _common(lake: Path, f: Any) -> Any:
    """What every page run calls: the sidebar (lake state, filter options, synthetic banner), require_documents."""
    from fiscal import read

    read.lake.lake_state(lake)
    read.documents.filter_options(lake)
    read.documents.has_synthetic(lake, f)
    return read.lake.selected_documents(lake, f)


def pages(flags: pl.DataFrame) -> dict[str, Callable[[Path, Any], Any]]:
    """Page name → the data calls its script makes for a selection (flags precomputed: cached per lake version)."""
    from fiscal import read

    def overview(lake: Path, f: Any) -> None:
        _common(lake, f)
        read.spending.overview(lake, f)
        read.flags.select_flags(lake, f, flags)

    def composition(lake: Path, f: Any) -> None:
        docs = _common(lake, f)
        year = read.counting.default_year(docs)
        if year is not None:
            read.spending.composition(lake, f.with_(years=(year, year)))

    def sangong(lake: Path, f: Any) -> None:
        _common(lake, f)
        read.sangong.sangong_trend(lake, f)

    def projects(lake: Path, f: Any) -> None:
        _common(lake, f)
        fl = read.flags.select_flags(lake, f, flags)
        read.projects.with_exec_points(read.projects.attach_flag_counts(read.projects.projects(lake, f), fl))

    def flags_page(lake: Path, f: Any) -> None:
        _common(lake, f)
        read.flags.rule_catalog()
        read.flags.select_flags(lake, f, flags)

    def data(lake: Path, f: Any) -> None:
        _common(lake, f)
        read.documents.dataset_rows(lake, f, "sangong")
        read.documents.quarantined(lake)

    def documents(lake: Path, f: Any) -> None:
        read.lake.lake_state(lake)
        docs = read.documents.documents(lake)
        read.documents.quarantined(lake)
        if docs.height:
            read.documents.document_report(lake, docs.get_column("doc_id")[0])

    def peers(lake: Path, f: Any) -> None:
        _common(lake, f)
        read.across.peers(lake, f)

    def inflation(lake: Path, f: Any) -> None:
        _common(lake, f)
        read.across.inflation(lake, f)

    def quality(lake: Path, f: Any) -> None:
        _common(lake, f)
        read.across.quality(lake, f)

    return {"overview 总览": overview, "composition 构成": composition, "sangong 三公": sangong,
            "projects 项目": projects, "flags 标记": flags_page, "peers 同类": peers, "inflation 自评": inflation,
            "quality 质量": quality, "data 数据": data, "documents 文件": documents}


def selections(lake: Path) -> list[tuple[str, Any]]:
    """Several sidebar selections: everything, a province, a city, an agency, one year, one kind."""
    from fiscal import read
    from fiscal.filters import Filters

    opts = read.documents.filter_options(lake)
    top_province = opts.group_by("province_code").len().sort("len", descending=True)["province_code"][0]
    cities = opts.filter(pl.col("city_code").is_not_null()).group_by("city_code").len().sort("len", descending=True)
    city = cities["city_code"][0] if cities.height else None
    agency = opts.group_by("agency_id").len().sort(["len", "agency_id"], descending=[True, False])["agency_id"][0]
    out = [("all", Filters()), (f"province {top_province}", Filters(province=top_province))]
    if city:
        out.append((f"city {city}", Filters(province=city[:2] + "0000", city=city)))
    out += [("one agency", Filters(agencies=(agency,))), ("years 2023–2023", Filters(years=(2023, 2023))),
            ("final accounts", Filters(kinds=("final_account",)))]
    return out


def _say(msg: str) -> None:
    import sys

    print(f"[bench dashboard {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


_FLAGS: dict[str, pl.DataFrame] = {}


def time_pages(lake: Path, repeats: int, flags_too: bool = True) -> tuple[dict[str, dict[str, float]], float]:
    """Median and p95 (ms) per page over selections × repeats; and the seconds of all_flags (once per lake version)."""
    from fiscal import read

    t0 = time.perf_counter()
    if flags_too or str(lake) not in _FLAGS:
        try:
            _FLAGS[str(lake)] = read.flags.all_flags(lake)
        except read.flags.RulesUnavailable:
            _FLAGS[str(lake)] = pl.DataFrame()
    flags = _FLAGS[str(lake)]
    flags_s = time.perf_counter() - t0
    sels = selections(lake)
    out: dict[str, dict[str, float]] = {}
    _say(f"all_flags {flags_s:.2f} s")
    for name, fn in pages(flags).items():
        t = time.perf_counter()
        fn(lake, sels[0][1])  # the first call after a new lake version computes the whole-lake memos
        first = (time.perf_counter() - t) * 1000
        samples = []
        for _ in range(repeats):
            for _label, f in sels:
                t = time.perf_counter()
                fn(lake, f)
                samples.append((time.perf_counter() - t) * 1000)
        _say(f"{name}: median {statistics.median(samples):.0f} ms, max {max(samples):.0f} ms")
        out[name] = {"median": statistics.median(samples), "p95": _pct(samples, 0.95), "max": max(samples),
                     "n": len(samples), "first": first}
    return out, flags_s


def cold_start(lake: Path) -> list[str]:
    """A new dashboard process: every dataset read from the data files, then from the snapshot's disk cache;
    and the flags from scratch (full rule run) against the incremental cache saved on disk."""
    from fiscal import read, snapshot
    from fiscal.rules import Frames, evaluate
    from fiscal.rules.incremental import FlagCache
    from fiscal.schema import DATASETS

    rows = []
    for label, read_cache in (("no cache: every data file", False), ("from <lake>/_cache", True)):
        snap = snapshot.LakeSnapshot(lake, persist_after=None, read_cache=read_cache)
        t = time.perf_counter()
        for dataset in DATASETS:
            snap.table(dataset)
        rows.append(f"| snapshot, {label} | {time.perf_counter() - t:.2f} | {snap.files_read:,} |")
    frames = Frames.from_lake(lake)
    t = time.perf_counter()
    evaluate(frames)
    rows.append(f"| flags: every rule over every document (no cache) | {time.perf_counter() - t:.2f} | – |")
    read.flags.all_flags(lake)
    read.flags.flag_cache(lake).save(snapshot.cache_dir(lake) / "flags.parquet")
    t = time.perf_counter()
    FlagCache.load(snapshot.cache_dir(lake) / "flags.parquet").update(frames)
    rows.append(f"| flags: from the saved incremental cache | {time.perf_counter() - t:.2f} | – |")
    return rows


# ---------------------------------------------------------------- report


def _fmt_pages(title: str, timings: dict[str, dict[str, float]]) -> list[str]:
    lines = [f"| page ({title}) | median ms | p95 ms | max ms | runs | p95 < {GOAL_P95_MS:.0f} ms | "
             "first call after a commit ms |",
             "|---|---:|---:|---:|---:|:-:|---:|"]
    for name, t in timings.items():
        ok = "yes" if t["p95"] < GOAL_P95_MS else "**no**"
        lines.append(f"| {name} | {t['median']:.0f} | {t['p95']:.0f} | {t['max']:.0f} | {t['n']:.0f} | {ok} | "
                     f"{t.get('first', 0):.0f} |")
    return lines


def write_section(text: str) -> None:
    """Put the dashboard section into bench/results/latest.md (replacing an earlier one)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "latest.md"
    old = out.read_text(encoding="utf-8") if out.is_file() else ""
    if SECTION in old:
        old = old[: old.index(SECTION)].rstrip() + "\n"
    out.write_text((old + "\n" if old else "") + text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench --only dashboard")
    ap.add_argument("--sizes", default="1000,5000", help="lake sizes in documents (default 1000,5000)")
    ap.add_argument("--repeats", type=int, default=1, help="runs of each page per selection (default 1)")
    ap.add_argument("--synthetic", type=int, default=20, help="synthetic PDFs in the base (default 20)")
    ap.add_argument("--fresh-base", action="store_true", help="re-ingest the base even when cached")
    ap.add_argument("--keep", type=Path, help="build the lake here and keep it (default: a temporary folder)")
    args = ap.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    from fiscal import maintenance

    t0 = time.perf_counter()
    base_lake = build_base(BASE_LAKE, args.synthetic, args.fresh_base)
    base = load_base(base_lake)
    base_s = time.perf_counter() - t0
    templates = base["documents"].get_column("doc_id").to_list()
    extra = 3 * BATCH * len(sizes) + BATCH
    docs = plan(sizes[-1] + extra, templates)
    lake = args.keep or Path(tempfile.mkdtemp(prefix="bench_dash_"))
    if args.keep:
        shutil.rmtree(lake, ignore_errors=True)
    lines = [SECTION, "",
             f"{time.strftime('%Y-%m-%d %H:%M')}. Base: {len(templates)} ingested documents (samples/ + "
             f"{args.synthetic} synthetic PDFs, {base_s:.0f} s incl. cache check); copies committed "
             f"{BATCH} documents per fiscal.store.commit. Page = every fiscal.read call its script and the "
             f"sidebar make (no Streamlit cache), over 6 selections "
             f"(all, a province, a city, an agency, one year, one kind) × {args.repeats} runs.", ""]
    size_rows = ["| lake | documents | commits | size on disk MB | files | parquet files | log files "
                 "| flags update s |",
                 "|---|---:|---:|---:|---:|---:|---:|---:|"]
    ingest_rows = ["| 100 new documents into | hash check ms | commit ms | maybe_compact ms | ingest total ms | "
                   "reader refresh ms | flags update ms |",
                   "|---|---:|---:|---:|---:|---:|---:|"]
    page_tables: list[list[str]] = []
    cold_rows = ["| a reader starting on the lake | seconds | files read |", "|---|---:|---:|"]
    committed = 0
    n_commits = 0  # commits of the timed 100-document ingests
    cursor = 0
    commit_times: list[float] = []
    ok = True
    for size in sizes:
        need = max(size - committed, 0)
        commit_times += grow(lake, base, docs.slice(cursor, need))
        cursor += need
        committed = size
        st = lake_size(lake)
        _say(f"{size} documents committed ({len(commit_times)} commits); timing the pages")
        timings, flags_s = time_pages(lake, args.repeats)
        label = f"{size:,} docs, as committed"
        size_rows.append(f"| {label} | {size:,} | {n_commits + len(commit_times)} | {st['bytes'] / 1e6:.1f} | "
                         f"{st['files']:,} | {st['parquet']:,} | {st['log']:,} | {flags_s:.2f} |")
        page_tables.append(_fmt_pages(label, timings))
        # the driver's side of an ingest of 100 documents, three times (the lake grows by 300)
        runs = []
        for _ in range(3):
            runs.append(ingest_100(lake, base, docs.slice(cursor, BATCH)))
            cursor += BATCH
            committed += BATCH
            n_commits += 1
        med = {k: statistics.median(r[k] for r in runs) * 1000 for k in ("hash_check", "commit", "maybe_compact",
                                                                          "total", "refresh", "flags")}
        ingest_rows.append(f"| {size:,}-doc lake, as committed (median of 3) | {med['hash_check']:.0f} | "
                           f"{med['commit']:.0f} | {med['maybe_compact']:.0f} | {med['total']:.0f} | "
                           f"{med['refresh']:.0f} | {med['flags']:.0f} |")
        if size == sizes[-1]:
            _say("compacting")
            rep = maintenance.compact(lake)
            _say(f"compacted in {rep.seconds:.1f} s")
            st2 = lake_size(lake)
            timings2, flags2 = time_pages(lake, args.repeats)
            label2 = f"{committed:,} docs, after compact ({rep.seconds:.1f} s)"
            size_rows.append(f"| {label2} | {committed:,} | {n_commits + len(commit_times)} | "
                             f"{st2['bytes'] / 1e6:.1f} | {st2['files']:,} | {st2['parquet']:,} | {st2['log']:,} | "
                             f"{flags2:.2f} |")
            page_tables.append(_fmt_pages(label2, timings2))
            ok = all(t["p95"] < GOAL_P95_MS for t in timings2.values())
            runs = [ingest_100(lake, base, docs.slice(cursor, BATCH))]
            cursor += BATCH
            r = runs[0]
            ingest_rows.append(f"| {size:,}-doc lake, after compact | {r['hash_check'] * 1000:.0f} | "
                               f"{r['commit'] * 1000:.0f} | {r['maybe_compact'] * 1000:.0f} | "
                               f"{r['total'] * 1000:.0f} | {r['refresh'] * 1000:.0f} | {r['flags'] * 1000:.0f} |")
            cold_rows += cold_start(lake)
    lines += size_rows + [""]
    for table in page_tables:
        lines += table + [""]
    lines += ingest_rows + [""] + cold_rows + [""]
    first, last = commit_times[:10], commit_times[-10:]
    lines += [f"Commits of {BATCH} documents while growing (each followed by maybe_compact, as in an ingest): "
              f"first 10 median {statistics.median(first) * 1000:.0f} ms, last 10 median "
              f"{statistics.median(last) * 1000:.0f} ms, slowest {max(commit_times):.1f} s (a compaction), "
              f"total {sum(commit_times):.0f} s for {len(commit_times)} commits.",
              "Flags: fiscal.read.flags.all_flags runs once per lake version (the dashboard caches it); it updates "
              "incrementally (fiscal/rules/incremental.py), so its time is in the tables above, not in the pages'.",
              "",
              f"Verdict: {'PASS' if ok else 'FAIL'} — p95 < {GOAL_P95_MS:.0f} ms on every page at "
              f"{sizes[-1]:,} documents (compacted lake).", ""]
    import os

    lines.insert(3, f"Machine: {os.cpu_count()} cores; load average at the end {os.getloadavg()[0]:.1f} "
                    "(other processes on the machine inflate the timings).")
    text = "\n".join(lines)
    print(text)
    write_section(text)
    if not args.keep:
        shutil.rmtree(lake, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
