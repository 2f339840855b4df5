"""The OCR bench's bookkeeping: figures proven by arithmetic, the totals line, its latest.md section."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import ocr_speed

ROOT = Path(__file__).resolve().parents[2]


def test_proven_counts_table_figures_read_complete() -> None:
    """A typed 预算 whose sums close: every table figure is proven; a partial table's figures are not."""
    from ingest.document import ingest_file

    got = ingest_file(ROOT / "samples/dazhou_2023_budget_a.pdf")
    ok, total = ocr_speed.proven(got)
    assert total > 40 and ok == total
    for row in got.frames["line_items"]:
        row["reading"] = "partial"
    ok2, total2 = ocr_speed.proven(got)
    assert total2 == total and ok2 == total - len(got.frames["line_items"])


def _result(name: str, pages: int, ocr_s: float, proven: int, rows: int) -> dict[str, object]:
    return {"name": name, "pages": pages, "ocr_s": ocr_s, "read_s": 1.0, "proven": proven, "rows": rows,
            "base_proven": rows, "base_rows": rows, "rejected": None}


def test_totals_are_measured_over_all_pages_and_figures() -> None:
    results = [_result("a.pdf", 10, 50.0, 90, 100), _result("b.pdf", 30, 250.0, 10, 100)]
    t = ocr_speed.totals(results)
    assert t["s_per_page"] == pytest.approx(7.5) and t["proven_pct"] == pytest.approx(50.0)
    assert "OCR 7.5 s/page (0.0 CPU s/page) over 40 pages; proven by arithmetic 50.0% of 200 table figures" in ocr_speed.table(results)[-1]


def test_section_replaces_an_earlier_one_and_keeps_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_speed, "RESULTS", tmp_path)
    (tmp_path / "latest.md").write_text("# Benchmark\n\nrows\n\n## OCR of scanned copies (then)\n\nstale\n\n"
                                        "## Dashboard at scale\n\ndash\n", encoding="utf-8")
    ocr_speed.write_section(ocr_speed.table([_result("a.pdf", 2, 10.0, 5, 5)]), 200, 1.0)
    text = (tmp_path / "latest.md").read_text(encoding="utf-8")
    assert "stale" not in text and text.count(ocr_speed.SECTION) == 1
    assert text.index("# Benchmark") < text.index("## Dashboard at scale") < text.index(ocr_speed.SECTION)
    assert "OCR 5.0 s/page (0.0 CPU s/page) over 2 pages" in text
