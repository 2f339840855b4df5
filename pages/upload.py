"""上传 upload (admins only): PDFs from the browser, checked, stored content-addressed, ingested in a subprocess.

Order of the checks: the role (server-side, every run), then each file's size and its
first bytes (%PDF-) before anything is written; accepted files are stored under
`<lake>/_uploads/<sha256>.pdf` (the same file twice is stored once) and ingested by
`python -m ingest … --lake <lake>` in a child process, which parses every PDF in the
ingest sandbox — the dashboard never imports the parser (camelot, pdfium).
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from fiscal import paths, progress, read
from fiscal.config import PROJECT_ROOT
from pages._auth import check
from pages._common import lake, start_page
from pages._i18n import lang, t

MAX_BYTES = 50 * 1024 * 1024
MAGIC = b"%PDF-"
INGEST_TIMEOUT_S = 900


def _t(key: str, **kw: Any) -> str:
    return t(f"up_{key}", **kw)


@dataclass
class Upload:
    """One uploaded file: its name, and either its sha256 and stored path or why it was refused."""

    name: str
    size: int = 0
    sha256: str | None = None
    stored: Path | None = None
    refused: str | None = None
    result: dict[str, Any] = field(default_factory=dict)


def refusal(size: int, head: bytes) -> str | None:
    """Why a file is refused before it is stored ("too_big", "empty", "not_pdf"), or None."""
    if size > MAX_BYTES:
        return "too_big"
    if size == 0:
        return "empty"
    if not head.startswith(MAGIC):
        return "not_pdf"
    return None


def safe_name(name: str) -> str:
    """The uploaded file name reduced to a harmless base name ending in .pdf (kept for metadata inference)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*').strip().lstrip(".")
    stem = base[:-4] if base.lower().endswith(".pdf") else base
    return (stem[:120] or "upload") + ".pdf"


def store_upload(lake_root: Path, data: bytes) -> tuple[str, Path]:
    """Write `data` to <lake>/_uploads/<sha256>.pdf (atomically, once per content); (sha256, path)."""
    digest = hashlib.sha256(data).hexdigest()
    folder = paths.uploads(lake_root)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{digest}.pdf"
    if not path.exists():
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.chmod(tmp, 0o640)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return digest, path


def accept(lake_root: Path, name: str, size: int, read: Any) -> Upload:
    """Check one upload (size first, then the magic bytes) and store it when it passes."""
    up = Upload(safe_name(name), size)
    reason = refusal(size, b"" if size > MAX_BYTES else read()[: len(MAGIC)])
    if reason:
        up.refused = reason
        return up
    up.sha256, up.stored = store_upload(lake_root, read())
    return up


def run_ingest(lake_root: Path, uploads: list[Upload],
               on_pages: Callable[[list[progress.PagesDone]], None] | None = None) -> tuple[int | None, str]:
    """`python -m ingest <files> --lake <lake>` in a child process over the stored uploads; (exit code, log).
    `on_pages` is told, every half second, which files OCR is reading and how many pages it has done."""
    with tempfile.TemporaryDirectory(prefix="upload-") as tmp:
        paths, used = [], set()
        for up in uploads:
            assert up.stored is not None
            name = up.name
            if name in used:  # two uploads with one name: keep both
                name = f"{name[:-4]}-{(up.sha256 or '')[:8]}.pdf"
            used.add(name)
            link = Path(tmp) / name  # the original name, for the region/agency/year in it
            try:
                os.link(up.stored, link)
            except OSError:
                link.write_bytes(up.stored.read_bytes())
            paths.append(str(link))
        cmd = [sys.executable, "-m", "ingest", *paths, "--lake", str(lake_root)]
        folder = Path(tmp) / "ocr-progress"
        env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "160", "TERM": "dumb", progress.PROGRESS_ENV: str(folder)}
        with tempfile.TemporaryFile() as log:  # a file, not a pipe: a long log cannot block the child
            proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
            deadline = time.monotonic() + INGEST_TIMEOUT_S
            while proc.poll() is None and time.monotonic() < deadline:
                if on_pages is not None:
                    on_pages(progress.read(folder) if folder.is_dir() else [])
                time.sleep(0.5)
            code = proc.poll()
            if code is None:
                proc.kill()
                proc.wait()
            log.seek(0)
            text = log.read().decode("utf-8", "replace")
    return code, text


def outcomes(lake_root: Path, uploads: list[Upload]) -> None:
    """Fill each upload's result from the lake: the document row, or the quarantine record."""
    docs = {r["doc_id"]: r for r in read.documents.documents(lake_root).iter_rows(named=True)} if (
        paths.table(lake_root, "documents")).exists() else {}
    q = read.documents.quarantined(lake_root)
    quarantine = {r["sha256"]: r for r in q.iter_rows(named=True)} if not q.is_empty() else {}
    for up in uploads:
        if up.refused:
            up.result = {"status": "rejected", "detail": _t(up.refused, mb=up.size / 2**20, limit=MAX_BYTES >> 20)}
        elif up.sha256 in docs:
            d = docs[up.sha256]
            up.result = {"status": "ok", "detail": _t(
                "ok_detail", agency=d.get("agency") or "—", year=d.get("year") or "—",
                found=d.get("tables_found") if d.get("tables_found") is not None else "—",
                expected=d.get("tables_expected") if d.get("tables_expected") is not None else "—",
                passed=d.get("checks_passed") or 0, failed=d.get("checks_failed") or 0)}
        elif up.sha256 in quarantine:
            r = quarantine[up.sha256]
            up.result = {"status": "quarantined",
                         "detail": f"{r.get('stage')}: {r.get('reason')} — {r.get('detail') or ''}".strip(" —")}
        else:
            up.result = {"status": "unknown", "detail": ""}


def _doc_ids(root: Path) -> set[str]:
    """The documents already in the lake."""
    if not paths.table(root, "documents").exists():
        return set()
    return set(read.documents.documents(root).get_column("doc_id").to_list())


def _ingest(files: list[Any]) -> None:
    """Check, store and ingest the chosen files; keep the report in the session."""
    check("upload")  # again, server-side, right before anything is written
    root = Path(lake())
    uploads = [accept(root, f.name, int(f.size), f.getvalue) for f in files]
    stored = [u for u in uploads if u.stored is not None]
    before = _doc_ids(root)
    code: int | None = 0
    log = ""
    if stored:
        with st.spinner(_t("running", n=len(stored))):
            bar = st.empty()

            def show(pages: list[progress.PagesDone]) -> None:
                for p in pages[:1]:  # workers OCR in parallel; one bar is enough to see it move
                    bar.progress(p.done / max(p.total, 1), text=_t("ocr_pages", name=p.name, done=p.done,
                                                                    total=p.total))

            code, log = run_ingest(root, stored, show)
            bar.empty()
    outcomes(root, uploads)
    for u in uploads:
        if u.sha256 in before:
            u.result["status"] = "unchanged"
    st.session_state["up_report"] = {
        "rows": [{"file": u.name, "status": u.result["status"], "detail": u.result["detail"]} for u in uploads],
        "code": code, "log": log,
    }


def _report() -> None:
    """The last ingest's per-file results and log."""
    report = st.session_state.get("up_report")
    if not report:
        return
    st.subheader(_t("report"))
    if report["code"] is None:
        st.error(_t("timeout", s=INGEST_TIMEOUT_S))
    elif report["code"]:
        st.error(_t("failed", code=report["code"]))
    rows = pl.DataFrame(report["rows"], schema={"file": pl.String, "status": pl.String, "detail": pl.String})
    names = {s: _t(s) for s in ("ok", "quarantined", "rejected", "unchanged", "unknown")}
    cc = st.column_config
    st.dataframe(rows.with_columns(pl.col("status").replace_strict(names, default=pl.col("status"))),
                 hide_index=True, placeholder="—", width="stretch", key="up_table",
                 column_config={"file": cc.TextColumn(_t("col_file")), "status": cc.TextColumn(_t("col_result")),
                                "detail": cc.TextColumn(_t("col_detail"), width="large")})
    st.page_link("pages/documents.py", label=_t("docs_link"), icon=":material/description:")
    if report["log"]:
        with st.expander(_t("log")):
            st.code(report["log"][-20000:], language=None)


def _chinese_uploader(mb: int) -> None:
    """The file uploader's built-in English (its button, its size line) replaced by Chinese, in Chinese mode.

    Streamlit has no option for these words: CSS hides them (display: none, so they are not in the
    page's text either) and draws the Chinese ones in their place.
    """
    if lang() != "zh":
        return
    browse, limit = (_t(k, mb=mb).replace('"', "'") for k in ("browse", "limit"))
    st.html(f"""<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{ content: "{browse}"; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{ content: "{limit}"; font-size: 0.875rem;
  color: rgba(49, 51, 63, 0.6); }}
</style>""")


def main() -> None:
    """Draw the page."""
    start_page("up_title", action="upload", documents=False)
    st.caption(_t("intro", mb=MAX_BYTES >> 20))
    _chinese_uploader(MAX_BYTES >> 20)
    with st.form("upload", clear_on_submit=True):
        files = st.file_uploader(_t("files"), type=["pdf"], accept_multiple_files=True, key="up_files",
                                 max_upload_size=MAX_BYTES >> 20)
        go = st.form_submit_button(_t("go"), type="primary", icon=":material/upload:")
    if go and files:
        _ingest(list(files))
    _report()


if __name__ == "__main__":  # st.Page runs the file as __main__; tests import the helpers
    main()
