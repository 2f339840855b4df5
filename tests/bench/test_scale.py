"""bench.scale at a tiny size: the national lake is grown, every page's data calls run, the last line is JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import grow, scale

ROOT = Path(__file__).resolve().parents[2]
# One template per kind: 决算, 预算, 绩效自评.
TEMPLATES = ("chenzhou_2022_final_a.pdf", "dazhou_2023_budget_a.pdf", "sichuan_2023_selfeval_provincial.pdf")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small ingested lake of one document per kind, the templates of the copies."""
    from rich.console import Console

    from ingest import batch

    lake = tmp_path_factory.mktemp("base")
    batch.run([ROOT / "samples" / name for name in TEMPLATES], lake, workers=1, console=Console(quiet=True),
              compact=False)
    return lake


def test_plan_is_national_and_prefix_stable(base: Path) -> None:
    """Agencies in several provinces, 5 years × 3 kinds each; a longer plan starts with the shorter one."""
    frames = grow.load_base(base)
    templates = scale._templates(base, frames)
    years = dict(frames["documents"].select("doc_id", "year").iter_rows())
    small, large = scale.plan(60, templates, years), scale.plan(200, templates, years)
    assert small.get_column("doc_id").to_list() == large.head(60).get_column("doc_id").to_list()
    assert large.get_column("province").n_unique() >= 5
    first = large.filter(large.get_column("agency_id") == large.get_column("agency_id")[0])
    assert first.height == len(scale.YEARS) * 3
    assert sorted(set(first.get_column("year").to_list())) == list(scale.YEARS)


def test_scale_runs_every_page(base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "scale.md"
    rc = scale.main(["--documents", "40", "--batch", "10", "--add", "10", "--base", str(base),
                     "--lake", str(tmp_path / "lake"), "--out", str(out)])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    summary = json.loads(last)
    assert {"documents", "p95_ms", "peak_rss_mb"} <= set(summary)
    assert summary["documents"] == 40
    assert summary["errors"] == {}, summary["errors"]
    assert set(summary["pages"]) == set(scale.page_calls())
    assert all(p["calls"] >= 7 and p["p95_ms"] > 0 for p in summary["pages"].values())
    assert summary["peak_rss_mb"] > 0
    add = summary["curve"][0]["adds"][0]
    assert add["documents"] == 10 and add["first_overview_ms"] > 0
    # the reader's RSS after each phase: every page cold and warm, the overview before the commits, each first reader
    phases = {p["phase"]: p for p in summary["curve"][0]["rss"]}
    assert {f"{n} {w}" for n in scale.page_calls() for w in ("cold", "warm")} | {
        "overview before the commits", "first reader after +10"} == set(phases)
    assert all(0 < p["rss_mb"] <= p["peak_rss_mb"] <= summary["peak_rss_mb"] for p in phases.values())
    assert add["rss_mb"] == phases["first reader after +10"]["rss_mb"]
    text = out.read_text(encoding="utf-8")
    assert "| overview |" in text and "| overview cold |" in text and "| first reader after +10 |" in text
    assert rc == 0

    # --reuse re-times the same lake (say, with new code): nothing is rebuilt, it is measured at its size.
    assert scale.documents_in(tmp_path / "lake") == 50
    rc = scale.main(["--documents", "40", "--add", "", "--reuse", "--base", str(base),
                     "--lake", str(tmp_path / "lake"), "--out", str(out)])
    again = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert again["documents"] == 50 and again["errors"] == {} and rc == 0
    assert scale.documents_in(tmp_path / "lake") == 50
