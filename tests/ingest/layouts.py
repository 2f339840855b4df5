"""Shared by the layout tests (test_layouts_third … fourteenth): a variant set drawn and ingested once, and the
questions every such test asks of one document's outcome."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from fiscal.rules import evaluate
from fiscal.rules.engine import Frames
from ingest.document import Outcome, ingest_file
from samplegen.sheets import broken_name

Line = tuple[str | None, str, tuple[float, ...]]  # code (None: 合计), name, figures in 万元 (samplegen.variants_sixth)

DATASETS = ("summary", "line_items", "economic_items", "sangong", "projects", "indicators", "readings")
# The rules a self-evaluation form's planted defects are for (the project rules and its fund lines' totals_mismatch).
SELFEVAL_RULES = ("full_score_low_execution", "high_total_low_execution", "exec_rate_misreported",
                  "exec_exceeds_budget", "total_score_mismatch", "indicator_unmet_full_score", "budget_adjusted_heavily",
                  "totals_mismatch")


def ingested(tmp_path_factory: pytest.TempPathFactory, variants: ModuleType) -> dict[str, Outcome]:
    """Every variant PDF of a samplegen module and its broken copy, written and ingested."""
    folder: Path = tmp_path_factory.mktemp(variants.__name__.rsplit(".", 1)[-1])
    return {name: ingest_file(path) for name, path in variants.build(folder, broken=True).items()}


def ok(outcomes: dict[str, Outcome], name: str) -> Outcome:
    """The outcome of `name`, which was not quarantined."""
    out = outcomes[name]
    assert out.rejected is None, out.rejected and out.rejected.detail
    return out


def readings(out: Outcome, family: str) -> list[dict[str, Any]]:
    return [r for r in out.frames["readings"] if r["family"] == family]


def reading(out: Outcome, family: str) -> dict[str, Any]:
    """The one reading of a table family in the document."""
    (one,) = readings(out, family)
    return one


def flags(out: Outcome, rule: str, severity: str | None = None) -> list[str]:
    """The messages of `rule`'s flags (of one severity) on one document's rows (the rules see `complete` tables only)."""
    frames = {k: rows for k, rows in out.frames.items() if k in DATASETS}
    found = evaluate(Frames.of(**frames), rules=[rule])
    return [r["message"] for r in found.iter_rows(named=True) if severity in (None, r["severity"])]


def broken_is_caught(outcomes: dict[str, Outcome], broken_name: str, name: str, family: str, rule: str,
                     failed: tuple[str, ...] = ("不闭合",)) -> dict[str, Any]:
    """The broken copy's table is `partial` with the failed sum named (a reason holding one of `failed`), or —
    two readers agreeing on the figures — `complete` with the failed sum in its reason and `rule` raising it;
    the whole copy `name` raises nothing. Returns the broken copy's reading."""
    broken = ok(outcomes, broken_name)
    one = reading(broken, family)
    assert one["found"] and any(word in one["reason"] for word in failed), one["reason"]
    if one["status"] == "complete":
        assert "文件本身所印" in one["reason"], one["reason"]
        assert flags(broken, rule), f"{rule} not raised"
    else:
        assert one["status"] == "partial", one["reason"]
    assert not flags(ok(outcomes, name), rule), "the whole copy raises nothing"
    return one


def caught(outcomes: dict[str, Outcome], name: str, family: str, rule: str) -> dict[str, Any]:
    """`broken_is_caught` for the broken copy of `name` (named as samplegen.sheets names it)."""
    return broken_is_caught(outcomes, broken_name(name), name, family, rule)


def line_items(out: Outcome, table: str) -> dict[tuple[str | None, str], float]:
    """(code, measure) → amount of one line table, each pair read once."""
    rows = [r for r in out.frames["line_items"] if r["table"] == table]
    got = {(r["code"], r["measure"]): r["amount"] for r in rows}
    assert len(got) == len(rows), "one row per (code, measure)"
    return got


def expected(lines: list[Line], measures: tuple[str | None, ...]) -> dict[tuple[str | None, str], Any]:
    """What `line_items` should read of printed lines: their figures under `measures` (None: a column not read)."""
    return {(code, m): pytest.approx(x, abs=1e-9) for code, _name, figures in lines
            for m, x in zip(measures, figures, strict=True) if m}


def sangong_table(out: Outcome) -> dict[tuple[str, str], float]:
    """(stage, item) → amount of the 三公 table, each pair read once."""
    rows = [r for r in out.frames["sangong"] if r["source"] == "table"]
    got = {(r["stage"], r["item"]): r["amount"] for r in rows}
    assert len(got) == len(rows), "one row per (stage, item)"
    return got


def nfkc(text: str) -> str:
    """Text as compared: full-width forms folded (the forms print ＋, （ and full-width digits)."""
    return unicodedata.normalize("NFKC", text)


def findings(out: Outcome, rules: tuple[str, ...]) -> list[dict[str, Any]]:
    """The error and warning findings of `rules` on one document."""
    frames = {k: rows for k, rows in out.frames.items() if k in DATASETS}
    found = evaluate(Frames.of(**frames), rules=list(rules))
    return [r for r in found.iter_rows(named=True) if r["severity"] in ("error", "warning")]


def raised_projects(out: Outcome, rules: tuple[str, ...]) -> dict[str, list[str]]:
    """rule → the projects it names on the document (a project rule's message quotes its project)."""
    got: dict[str, list[str]] = {}
    for r in findings(out, rules):
        got.setdefault(r["rule"], []).append(r["message"].split("“")[1].split("”")[0])
    return {rule: sorted(names) for rule, names in got.items()}


def projects(out: Outcome) -> dict[str, dict[str, Any]]:
    """The document's projects by name (one row each)."""
    rows = out.frames.get("projects", [])
    got = {p["project"]: p for p in rows}
    assert len(got) == len(rows), "one row per project"
    return got


def indicators(out: Outcome, project: str) -> dict[str, tuple[Any, ...]]:
    """A project's indicators by name: levels, target, actual, weight, score."""
    return {r["name"]: (r["level1"], r["level2"], r["target"], r["actual"], r["weight"], r["score"])
            for r in out.frames.get("indicators", []) if r["project"] == project}


def assert_read_as_drawn(out: Outcome, drawn: dict[str, tuple[dict[str, Any], list[Any]]],
                         level1: Callable[[str], str] = str) -> None:
    """Every drawn project read back: its row's figures and its indicators (levels, target, actual, weight, score);
    `level1` normalises the drawn 一级指标 the way that round's forms print it."""
    got = projects(out)
    assert set(got) == set(drawn)
    for project, (row, drawn_indicators) in drawn.items():
        assert {k: got[project].get(k) for k in row} == pytest.approx(row), project
        assert indicators(out, project) == {
            nfkc(i.name): (level1(i.level1), i.level2, nfkc(i.target) or None, nfkc(i.actual) or None, i.weight,
                           i.score) for i in drawn_indicators}, project
