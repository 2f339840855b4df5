"""The ingest bench's bookkeeping: which amounts naive Camelot read, the per-file verdict, the file filter."""

from __future__ import annotations

from pathlib import Path

from bench import ingest_speed


def test_whole_number_cells_count_as_read() -> None:
    """A 三公 table prints 80 and 237 without decimals: naive Camelot read them (they were counted as missed)."""
    assert {80.0, 237.0} <= ingest_speed.cell_numbers("80") | ingest_speed.cell_numbers("公务用车\n237")
    assert 1276.7 in ingest_speed.cell_numbers("1276.7")
    assert 27664.22 in ingest_speed.cell_numbers("二、项目支出\n27,664.22")
    assert 1.5 in ingest_speed.cell_numbers("15,000")  # 元 → 万元
    assert 1234.56 in ingest_speed.cell_numbers("12,345.6")  # 千元 → 万元
    assert ingest_speed.cell_numbers("公开07表 第3页") == set()  # numbers inside words are no amounts


def test_per_file_verdict_is_on_cpu_seconds() -> None:
    ours = {"a.pdf": (5.0, 0.5, 10), "b.pdf": (0.5, 0.5, 10)}  # (wall, CPU, pages)
    base = {"a.pdf": (20.0, 6.0), "b.pdf": (20.0, 4.0)}  # (wall, CPU)
    values = {("a.pdf", 1): {1.0, 2.0}, ("b.pdf", 1): {3.0}}
    naive = {("a.pdf", 1): {1.0, 2.0}, ("b.pdf", 1): set()}
    lines, below = ingest_speed.per_file_rows(ours, base, values, naive, {("b.pdf", 2): {9.0}})
    assert below == ["b.pdf (8.0×)"]  # a.pdf is 4× on wall seconds but 12× on CPU seconds
    row_b = next(ln for ln in lines if ln.startswith("| b.pdf"))
    assert row_b.endswith("| 1 | 1 | 1 |")  # one amount, naive missed it, one read by stream


def test_files_filter() -> None:
    some = ingest_speed.corpus(["ab_layout"])
    assert [p.name for p in some] == ["ab_layout_selfeval.pdf"]
    assert len(ingest_speed.corpus()) >= len(some)


def test_a_folder_of_other_documents_replaces_the_corpus(tmp_path: Path) -> None:
    (tmp_path / "office" / "sub").mkdir(parents=True)
    for name in ("office/a.pdf", "office/sub/b.pdf", "office/notes.txt"):
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    assert [p.name for p in ingest_speed.corpus(folder=tmp_path / "office")] == ["a.pdf", "b.pdf"]
    assert [p.name for p in ingest_speed.corpus(["b"], tmp_path / "office")] == ["b.pdf"]
