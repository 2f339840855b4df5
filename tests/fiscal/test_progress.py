"""fiscal.progress: an ingest worker says how many pages OCR has done; the progress bar and the upload page
read it from another process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fiscal import progress


def test_a_worker_s_pages_are_read_from_another_process(tmp_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom fiscal import progress\nprogress.report('扫描件.pdf', 2, 5)\n"
         "print('ok', flush=True)\nsys.stdin.read()"],
        env={**_env(), progress.PROGRESS_ENV: str(tmp_path)}, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ok"
        assert progress.read(tmp_path) == [progress.PagesDone("扫描件.pdf", 2, 5)]
    finally:
        child.communicate("")
    # the worker is gone (killed mid-OCR, say) and its file stayed: not shown
    assert list(tmp_path.glob("*.txt")) and progress.read(tmp_path) == []


def test_ocr_page_progress_reports_each_page_and_clears_at_the_end(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest import ocr

    monkeypatch.setenv(progress.PROGRESS_ENV, str(tmp_path))
    monkeypatch.setattr(ocr, "_ocr_of", "县财政局2023年决算.pdf")
    bar = ocr.PageProgress(total=3, desc="OCR")  # the class OCRmyPDF is given for its page bar
    bar.update()
    bar.update()
    assert progress.read(tmp_path) == [progress.PagesDone("县财政局2023年决算.pdf", 2, 3)]
    progress.finished()
    assert progress.read(tmp_path) == []


def test_the_ingest_progress_bar_names_the_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest.executors import _pages_note

    monkeypatch.setenv(progress.PROGRESS_ENV, str(tmp_path))
    assert _pages_note(tmp_path) == ""
    progress.report("a.pdf", 1, 4)
    assert _pages_note(tmp_path) == "OCR a.pdf 第 1/4 页"


def test_nothing_is_written_without_a_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(progress.PROGRESS_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    progress.report("a.pdf", 1, 2)
    progress.finished()
    assert list(tmp_path.iterdir()) == []


def _env() -> dict[str, str]:
    import os

    root = str(Path(__file__).resolve().parents[2])
    return {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
