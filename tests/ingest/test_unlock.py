"""A copy-protected PDF (no password to open, copying forbidden) is read like the file it protects."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from fiscal import paths
from ingest import batch, unlock
from ingest.document import Outcome, ingest_file
from tests.conftest import REAL

SOURCE = REAL / "putuo_sifaju_2026_budget.pdf"


def _protected(src: Path, dest: Path, user: str = "") -> Path:
    """`src` encrypted as offices publish it: empty user password, extraction and copying denied."""
    deny = pikepdf.Permissions(extract=False, modify_other=False, modify_annotation=False)
    with pikepdf.open(src) as pdf:
        pdf.save(dest, encryption=pikepdf.Encryption(owner="owner-only", user=user, R=4, allow=deny))
    return dest


def _figures(outcome: Outcome, dataset: str) -> list[dict[str, object]]:
    """A dataset's rows without what names the file (its hash is the document id)."""
    return [{k: v for k, v in row.items() if k not in ("doc_id", "source_name")} for row in outcome.frames[dataset]]


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Outcome, Outcome, Path]:
    folder = tmp_path_factory.mktemp("unlock")
    protected = _protected(SOURCE, folder / SOURCE.name)
    return ingest_file(protected), ingest_file(SOURCE), protected


def test_a_copy_protected_pdf_reads_every_figure_of_the_original(both) -> None:
    protected, original, _ = both
    assert protected.rejected is None, protected.rejected and protected.rejected.detail
    assert unlock.NOTE in protected.warnings
    for dataset in ("summary", "line_items", "economic_items", "sangong", "readings"):
        assert _figures(protected, dataset) == _figures(original, dataset), dataset
    assert len(protected.frames["line_items"]) > 100


def test_the_stored_source_is_the_unlocked_copy(both, tmp_path: Path) -> None:
    _, _, protected = both
    lake = tmp_path / "lake"
    report = batch.run([protected], lake, workers=1)
    (outcome,) = report.ingested
    with pikepdf.open(paths.source_pdf(lake, outcome.sha256)) as stored:
        assert not stored.is_encrypted and len(stored.pages) == outcome.pages


def test_a_pdf_that_needs_a_password_stays_quarantined(tmp_path: Path) -> None:
    locked = _protected(SOURCE, tmp_path / "locked.pdf", user="secret")
    assert unlock.unlocked(locked.read_bytes()) is None
    outcome = ingest_file(locked)
    assert outcome.rejected is not None and outcome.rejected.reason == "encrypted"
