"""Per-page OCR progress shared between processes: each ingest worker writes where its OCR is to a
file in the folder named by $FISCAL_OCR_PROGRESS; the ingest's progress bar and the upload page read it.

A file per worker process (its pid), replaced atomically, removed when that file's OCR ends.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROGRESS_ENV = "FISCAL_OCR_PROGRESS"


@dataclass(frozen=True)
class PagesDone:
    """One file being OCR'd: its name, pages done and pages to do."""

    name: str
    done: int
    total: int


def _own_file() -> Path | None:
    folder = os.environ.get(PROGRESS_ENV)
    return Path(folder) / f"{os.getpid()}.txt" if folder else None


def report(name: str, done: int, total: int) -> None:
    """Say that `done` of `total` pages of `name` are OCR'd (nothing when no folder is set)."""
    target = _own_file()
    if target is None:
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_suffix(".part")
        part.write_text(f"{done}\t{total}\t{name}", encoding="utf-8")
        part.replace(target)
    except OSError:  # progress is a courtesy: never fail an ingest over it
        pass


def finished() -> None:
    """This process's OCR of its file is over."""
    target = _own_file()
    if target is not None:
        target.unlink(missing_ok=True)


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def read(folder: str | os.PathLike[str]) -> list[PagesDone]:
    """Every file being OCR'd now, by name."""
    out = []
    for f in sorted(Path(folder).glob("*.txt")):
        if not _alive(f.stem):
            continue  # a worker killed mid-OCR (timeout, memory) left its file behind
        try:
            done, total, name = f.read_text(encoding="utf-8").split("\t", 2)
            out.append(PagesDone(name, int(done), int(total)))
        except (OSError, ValueError):  # removed or being replaced meanwhile
            continue
    return sorted(out, key=lambda p: p.name)
