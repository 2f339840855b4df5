"""The dashboard at national scale: a synthetic lake of N documents, every page's data calls timed.

    python -m bench scale --documents 1000
    python -m bench scale --curve 1000,10000 [--batch 1000] [--repeats 1]

The lake is grown with bench/grow.py from really ingested template documents (the base):
31 provinces with their cities and counties (fiscal/data/gbt2260.csv), several agencies per
region, each agency 5 years × (决算 + 预算 + 绩效自评) with the same template per kind and a
whole multiplier of its amounts (lines still add up to the cent; the template's year in the prose
is rewritten to the copy's), a few percent of planted anomalies
(anomalous templates, and projects executed at 10% / 45% with a full execution score, so
changed thresholds change the flags). Committed `--batch` documents per fiscal.store.commit,
each followed by the maintenance policy, as an ingest batch would.

At each size a fresh reading process (spawned: its peak RSS is the reader's alone) runs
every page's data calls (the fiscal.read functions pages/*.py call, and the sidebar's),
cold (per page: in-process caches dropped first, as a new dashboard process would start;
the lake's _cache on disk kept) and warm (over 7 selections × repeats). Then the writer
adds one batch of 100 and one of 1,000 documents, and the same running reader times its
first overview (flags included) after each commit. --curve grows the same lake.

Prints tables (also written to --out, default bench/results/scale-<date>.md); the last line
is one JSON object: documents, p95_ms (worst page, warm), peak_rss_mb, and per size details.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import polars as pl

from bench.dashboard import DEPARTMENTS
from bench.grow import BASE_LAKE, ROOT, Frames, build_base, grow, lake_size, load_base, say
from bench.scale_pages import (  # noqa: F401  (re-exported: callers time pages through bench.scale)
    CHANGED,
    YEARS,
    _all_flags,
    _first_reader,
    _flags,
    _fresh_reader,
    _sidebar,
    page_calls,
    reader,
    rss_table,
    selections,
    time_pages,
)

KINDS = ("final_account", "budget", "performance_report")
# Share of agencies per level: 1 in 10 provincial, 3 in 10 prefecture, 6 in 10 county.
LEVEL_CYCLE = (1, 2, 3, 3, 2, 3, 3, 2, 3, 3)
# Whole multipliers of the template amounts: a copy's lines still add up to its totals to the cent.
SIZE_BY_LEVEL = {1: (3, 4, 5, 6), 2: (2, 3), 3: (1, 2)}
ANOMALY_SHARE = 0.03
GOAL_P95_MS = 300.0

# ---------------------------------------------------------------- the plan


def _regions() -> dict[int, list[Any]]:
    """Mainland GB/T 2260 divisions by level (31 provinces, their prefectures and counties), shuffled."""
    from fiscal.gazetteer import by_code

    out: dict[int, list[Any]] = {1: [], 2: [], 3: []}
    with (ROOT / "fiscal" / "data" / "gbt2260.csv").open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            code, _name, lvl = line.rstrip("\n").split(",")[:3]
            if code >= "710000":  # 台湾, 香港, 澳门: no budget disclosures of this kind
                continue
            try:
                out[int(lvl)].append(by_code(code))
            except KeyError:
                continue
    rng = random.Random(31)
    for level in (2, 3):
        rng.shuffle(out[level])
    return out


def _templates(base_lake: Path, base: Frames) -> dict[str, tuple[list[str], list[str]]]:
    """Per document kind: (clean templates, anomalous templates: a rule flags them in the base)."""
    docs = base["documents"]
    try:
        from fiscal.rules import Frames as RuleFrames
        from fiscal.rules import evaluate

        flags = evaluate(RuleFrames.from_lake(base_lake))
    except Exception:  # no rule engine or a different Frames shape: every template counts as clean
        flags = pl.DataFrame()
    bad: set[str] = set()
    if flags.height and "severity" in flags.columns:
        hits = flags.filter(pl.col("severity").is_in(["error", "warning"]))
        if "doc_id" in hits.columns:
            bad |= set(hits.get_column("doc_id").drop_nulls().to_list())
        if {"agency_id", "year"} <= set(hits.columns):
            ay = hits.select("agency_id", "year").unique()
            bad |= set(docs.join(ay, on=["agency_id", "year"]).get_column("doc_id").to_list())
    out = {}
    for kind in KINDS:
        ids = sorted(docs.filter(pl.col("doc_kind") == kind).get_column("doc_id").to_list())
        clean = [d for d in ids if d not in bad] or ids
        out[kind] = (clean, [d for d in ids if d in bad])
    return out


def plan(n: int, templates: dict[str, tuple[list[str], list[str]]], years: dict[str, int],
         seed: int = 16) -> pl.DataFrame:
    """The first n documents of the national plan: agency after agency, 5 years × 3 kinds each (deterministic)."""
    from fiscal.naming import agency_id

    rng = random.Random(seed)
    regions = _regions()
    kinds = [k for k in KINDS if templates[k][0]]
    used: dict[int, int] = {1: 0, 2: 0, 3: 0}
    rows: list[dict[str, Any]] = []
    k = 0
    while len(rows) < n:
        level = LEVEL_CYCLE[k % len(LEVEL_CYCLE)]
        pool = regions[level]
        region = pool[used[level] % len(pool)]
        dept_no = used[level] // len(pool)
        used[level] += 1
        dept = DEPARTMENTS[dept_no % len(DEPARTMENTS)]
        name = f"{region.name}{dept}" + (str(dept_no // len(DEPARTMENTS) + 1) if dept_no >= len(DEPARTMENTS) else "")
        aid = agency_id(name, region)
        size = rng.choice(SIZE_BY_LEVEL[level])
        chosen = {kind: rng.choice(templates[kind][0]) for kind in kinds}
        for year in YEARS:
            for kind in kinds:
                plant = ""
                if rng.random() < ANOMALY_SHARE:
                    plant = "template" if templates[kind][1] and rng.random() < 0.5 else "low_exec"
                template = rng.choice(templates[kind][1]) if plant == "template" else chosen[kind]
                i = len(rows)
                rows.append({
                    "doc_id": hashlib.sha256(f"bench-scale-{seed}-{i}".encode()).hexdigest(),
                    "template": template, "region_code": region.code, "region": region.full_name,
                    "province": region.province, "city": region.city, "agency_id": aid, "agency": name,
                    "year": year, "scale": float(size), "seq": i, "template_year": years[template],
                    "plant": plant, "level": level,
                })
        k += 1
    return pl.DataFrame(rows[:n], schema_overrides={"year": pl.Int32})


def _retime(frames: Frames, part: pl.DataFrame) -> Frames:
    """The template's year in the prose and table titles becomes the copy's (本年 and 上年), so a copy of a
    2022 report filed as 2024 does not read as a year inconsistency."""
    pairs = part.select("doc_id", "template_year", "year")
    out = dict(frames)
    for dataset, column in (("narrative", "text"), ("readings", "title")):
        rows = frames.get(dataset)
        if rows is None or rows.height == 0:
            continue
        joined = rows.with_row_index("_i").join(pairs.rename({"year": "_y"}), on="doc_id", how="left")
        pieces = []  # one group per (template year, year): each string is rewritten once, not tested per pair
        for (ty, y), group in joined.group_by(["template_year", "_y"]):
            if ty is not None and y is not None and ty != y:
                assert isinstance(ty, int) and isinstance(y, int)
                group = group.with_columns(
                    pl.col(column).str.replace_all(f"{ty}年", "\x00本", literal=True)
                    .str.replace_all(f"{ty - 1}年", "\x00上", literal=True)
                    .str.replace_all("\x00本", f"{y}年", literal=True)
                    .str.replace_all("\x00上", f"{y - 1}年", literal=True))
            pieces.append(group)
        out[dataset] = pl.concat(pieces).sort("_i").select(rows.columns)
    return out


def plant(frames: Frames, part: pl.DataFrame) -> Frames:
    """Projects of the `low_exec` documents: executed at 10% or 45% of the full-year budget, full execution score."""
    low = part.filter(pl.col("plant") == "low_exec").select("doc_id", rate=pl.when(pl.col("seq") % 2 == 0)
                                                            .then(0.1).otherwise(0.45))
    frames = _retime(frames, part)
    projects = frames.get("projects")
    if low.height == 0 or projects is None or projects.height == 0:
        return frames
    cols = projects.columns
    hit = projects.join(low, on="doc_id", how="left")
    on = pl.col("rate").is_not_null() & pl.col("budget_full_year").is_not_null() & (pl.col("exec_weight") > 0)
    hit = hit.with_columns(
        pl.when(on).then((pl.col("budget_full_year") * pl.col("rate")).round(2)).otherwise(pl.col("executed"))
        .alias("executed"),
        pl.when(on).then(pl.col("rate")).otherwise(pl.col("exec_rate")).alias("exec_rate"),
        pl.when(on).then(pl.col("rate")).otherwise(pl.col("exec_rate_reported")).alias("exec_rate_reported"),
        pl.when(on).then(pl.col("exec_weight")).otherwise(pl.col("exec_score")).alias("exec_score"),
    )
    return {**frames, "projects": hit.select(cols)}


# ---------------------------------------------------------------- one size


def measure(lake: Path, base: Frames, docs: pl.DataFrame, cursor: int, adds: list[int], batch: int,
            repeats: int) -> tuple[dict[str, Any], int]:
    """Pages in a fresh reader at the lake's current size, then `adds` documents committed with the reader
    running; the measurements and the new cursor into the plan."""
    size = cursor
    st = lake_size(lake)
    ctx = multiprocessing.get_context("spawn")
    mine, theirs = ctx.Pipe()
    proc = ctx.Process(target=reader, args=(str(lake), repeats, theirs))
    proc.start()
    res: dict[str, Any] = {"documents": size, "lake_mb": st["bytes"] / 1e6, "files": st["files"],
                           "files_per_document": st["files"] / max(size, 1), "parquet_files": st["parquet"],
                           "log_files": st["log"]}
    res.update(mine.recv())
    res["adds"] = []
    res.setdefault("rss", [])
    for n in adds:
        part = docs.slice(cursor, n)
        locks: list[float] = []
        times = grow(lake, base, part, batch, transform=plant, lock_times=locks)
        cursor += part.height
        mine.send("committed")
        first = mine.recv()
        res["adds"].append({"documents": part.height, "commits": len(times), "commit_s": sum(times),
                            "slowest_commit_s": max(times), "maint_lock_max_s": max(locks), **first})
        say("scale", f"+{part.height} documents: commits {sum(times):.2f} s (slowest {max(times):.2f} s, "
            f"maintenance held the writer lock at most {max(locks):.2f} s), first reader {first}")
    mine.send("done")
    last = mine.recv()
    res["peak_rss_mb"] = max(res.get("peak_rss_mb", 0.0), last["peak_rss_mb"])
    res["rss"] += last.get("rss", []) + [{"phase": f"first reader after +{a['documents']:,}", "rss_mb": a["rss_mb"],
                                          "peak_rss_mb": a["peak_rss_mb"]} for a in res["adds"] if "rss_mb" in a]
    proc.join()
    return res, cursor


# ---------------------------------------------------------------- report


def report(sizes: list[dict[str, Any]], grow_rows: list[tuple[int, int, float, float]], batch: int, repeats: int,
           base_docs: int, adds: list[int]) -> list[str]:
    """The Markdown tables of a run."""
    names = list(dict.fromkeys(n for s in sizes for n in s["pages"]))
    head = [f"# Dashboard at national scale ({time.strftime('%Y-%m-%d %H:%M')} UTC)", "",
            f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (other agents "
            "share the cores: timings are inflated). Lake grown from "
            f"{base_docs} ingested template documents, committed {batch} documents per fiscal.store.commit "
            f"(+ maintenance policy). Warm = {len(sizes[0].get('selections', []))} selections × {repeats} "
            f"({', '.join(sizes[0].get('selections', []))}); cold = first call of a fresh reader (national).", ""]
    lines = head + ["| page | " + " | ".join(f"{s['documents']:,}: cold / p50 / p95 ms" for s in sizes) + " |",
                    "|---|" + "---:|" * len(sizes)]
    for n in names:
        cells = []
        for s in sizes:
            p = s["pages"].get(n)
            cells.append(f"{p['cold_ms']:.0f} / {p['p50_ms']:.0f} / {p['p95_ms']:.0f}" if p else
                         ("error" if n in s["errors"] else "–"))
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    lines += ["", "| documents | worst warm p95 ms | peak RSS reader MB | lake MB | files | files/doc | parquet | "
              "log | " + " | ".join(f"+{a:,}: commits s | +{a:,}: slowest commit s | +{a:,}: maintenance lock "
                                    f"max s | +{a:,}: first reader ms" for a in adds) + " |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|" + "---:|---:|---:|---:|" * len(adds)]
    for s in sizes:
        worst = max((p["p95_ms"] for p in s["pages"].values()), default=float("nan"))
        cells = [f"{a['commit_s']:.2f} | {a['slowest_commit_s']:.2f} | {a.get('maint_lock_max_s', float('nan')):.2f}"
                 f" | {a.get('first_overview_ms', float('nan')):.0f}" for a in s["adds"]]
        cells += ["– | – | – | –"] * (len(adds) - len(cells))
        lines.append(f"| {s['documents']:,} | {worst:.0f} | {s['peak_rss_mb']:.0f} | {s['lake_mb']:.1f} | "
                     f"{s['files']:,} | {s['files_per_document']:.2f} | {s['parquet_files']:,} | "
                     f"{s['log_files']:,} | " + " | ".join(cells) + " |")
    lines += ["", "| grown to documents | commits | seconds | seconds per 1,000 documents | maintenance lock max s |",
              "|---:|---:|---:|---:|---:|"]
    lines += [f"| {n:,} | {c} | {secs:.0f} | {secs / max(d, 1) * 1000:.0f} | {lock:.2f} |" for n, c, secs, d, lock in
              _grow_with_docs(grow_rows)]
    lines += rss_table(sizes)
    errors = {f"{s['documents']}:{k}": v for s in sizes for k, v in s["errors"].items()}
    if errors:
        lines += ["", "Errors:"] + [f"- {k}: {v}" for k, v in errors.items()]
    return lines


def documents_in(lake: Path) -> int:
    """Documents in a lake this bench grew (0 when there is none): where its deterministic plan goes on."""
    from fiscal import paths

    table = paths.table(lake, "documents")
    if not paths.table_exists(table):
        return 0
    return int(pl.scan_delta(paths.uri(table)).select(pl.len()).collect().item())


def _grow_with_docs(rows: list[tuple[int, int, float, float]]) -> list[tuple[int, int, float, int, float]]:
    out, prev = [], 0
    for size, commits, secs, lock in rows:
        out.append((size, commits, secs, size - prev, lock))
        prev = size
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench scale")
    ap.add_argument("--documents", type=int, default=1000, help="lake size in documents (default 1000)")
    ap.add_argument("--curve", help="several sizes, e.g. 1000,10000,100000: one lake grown from size to size")
    ap.add_argument("--batch", type=int, default=1000, help="documents per commit (default 1000: a province's "
                    "agencies of a year, as one ingest batch)")
    ap.add_argument("--add", default="100,1000", help="documents added after timing each size (default 100,1000)")
    ap.add_argument("--repeats", type=int, default=1, help="runs of each page per selection (default 1)")
    ap.add_argument("--lake", type=Path, help="build the lake here and keep it (default: a temporary folder)")
    ap.add_argument("--reuse", action="store_true", help="--lake holds a lake this bench grew: keep it, grow only "
                    "what is missing and measure it at its size (re-times the pages with new code on the same lake)")
    ap.add_argument("--base", type=Path, help="an ingested lake to copy documents from, used as is (default: "
                    "build/bench/base_lake, samples/ + --synthetic PDFs, built when missing or stale)")
    ap.add_argument("--synthetic", type=int, default=20, help="synthetic PDFs in the base (default 20)")
    ap.add_argument("--out", type=Path, help="Markdown file (default bench/results/scale-<date>.md)")
    args = ap.parse_args(argv)
    sizes = sorted({int(s) for s in args.curve.split(",")}) if args.curve else [args.documents]
    adds = [int(a) for a in args.add.split(",") if a.strip()]
    out = args.out or ROOT / "bench" / "results" / f"scale-{time.strftime('%Y-%m-%d')}.md"

    base_lake = args.base or build_base(BASE_LAKE, args.synthetic, False)
    base = load_base(base_lake)
    templates = _templates(base_lake, base)
    say("scale", "templates: " + ", ".join(f"{k} {len(c)} clean + {len(b)} anomalous" for k, (c, b) in
                                             templates.items()))
    years = dict(base["documents"].select("doc_id", "year").iter_rows())
    lake = args.lake or Path(tempfile.mkdtemp(prefix="bench_scale_"))
    cursor = documents_in(lake) if args.reuse and args.lake else 0
    if args.lake and not args.reuse:
        shutil.rmtree(lake, ignore_errors=True)
    lake.mkdir(parents=True, exist_ok=True)
    docs = plan(max(sizes[-1], cursor) + sum(adds) * len(sizes), templates, years)
    if cursor:
        say("scale", f"reusing {lake}: {cursor:,} documents")
        from fiscal.read.flags import write_increment

        t = time.perf_counter()  # as this code's first ingest would: its writer brings the saved flags up to date
        write_increment(lake)
        say("scale", f"the writer's flags brought up to this code in {time.perf_counter() - t:.1f} s")
    results: list[dict[str, Any]] = []
    grow_rows: list[tuple[int, int, float, float]] = []
    try:
        for size in sizes:
            need = max(size - cursor, 0)
            t = time.perf_counter()
            locks: list[float] = [0.0]
            times = grow(lake, base, docs.slice(cursor, need), args.batch, transform=plant, lock_times=locks,
                         progress="scale")
            cursor += need
            grow_rows.append((cursor, len(times), time.perf_counter() - t, max(locks)))
            say("scale", f"{cursor:,} documents ({len(times)} commits, {time.perf_counter() - t:.0f} s); reading")
            res, cursor = measure(lake, base, docs, cursor, adds, args.batch, args.repeats)
            results.append(res)
            text = "\n".join(report(results, grow_rows, args.batch, args.repeats, base["documents"].height,
                                    adds)) + "\n"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")  # after every size: a long curve leaves its partial table
    finally:
        if not args.lake:
            shutil.rmtree(lake, ignore_errors=True)
    print(text)
    last = results[-1]
    summary = {
        "documents": last["documents"],
        "p95_ms": max((p["p95_ms"] for p in last["pages"].values()), default=None),
        "peak_rss_mb": round(last["peak_rss_mb"], 1),
        "pages": {n: {k: round(v, 1) for k, v in p.items()} for n, p in last["pages"].items()},
        "errors": {f"{r['documents']}:{k}": v for r in results for k, v in r["errors"].items()},
        "curve": [{"documents": r["documents"], "p95_ms": {n: round(p["p95_ms"], 1) for n, p in r["pages"].items()},
                   "cold_ms": {n: round(p["cold_ms"], 1) for n, p in r["pages"].items()},
                   "peak_rss_mb": round(r["peak_rss_mb"], 1), "lake_mb": round(r["lake_mb"], 2),
                   "files_per_document": round(r["files_per_document"], 3), "adds": r["adds"],
                   "rss": r.get("rss", [])} for r in results],
        "grow_s_per_1000": [round(secs / max(d, 1) * 1000, 1) for _n, _c, secs, d, _l in _grow_with_docs(grow_rows)],
        "grow_docs_per_min": [round(d / max(secs, 1e-9) * 60) for _n, _c, secs, d, _l in _grow_with_docs(grow_rows)],
        "add_commit_s": {str(r["documents"]): {str(a["documents"]): round(a["commit_s"], 2) for a in r["adds"]}
                         for r in results},
        "maint_lock_max_s": max([lock for *_r, lock in grow_rows]
                                + [a["maint_lock_max_s"] for r in results for a in r["adds"]], default=0.0),
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0 if not summary["errors"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
