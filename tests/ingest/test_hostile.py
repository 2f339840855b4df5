"""Hostile PDFs (generated here) are parsed in the sandbox: each ends quarantined (or
ingested when harmless) within bounded time, and the good files of the same batch are
ingested completely."""

from __future__ import annotations

import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from fiscal import store
from ingest import sandbox
from ingest.batch import documents_row
from ingest.document import Outcome

ROOT = Path(__file__).resolve().parents[2]
GOOD = [ROOT / "samples" / "chenzhou_2022_final_a.pdf", ROOT / "samples" / "dazhou_2023_budget_a.pdf"]
TIMEOUT_S = 20.0
MEMORY_MB = 1536


# -- a tiny PDF writer (raw syntax, so the files are small on disk) ---------------------------

def build_pdf(objects: dict[int, bytes], root: int = 1, broken_xref: bool = False) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        off = offsets.get(num, 0)
        if broken_xref:
            off = (off * 7 + 13) % xref
        out += b"%010d 00000 n \n" % off
    start = xref + 977 if broken_xref else xref
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, start)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def zlib_bomb(total_mb: int, byte: bytes = b" ") -> bytes:
    """A zlib stream of `total_mb` MB of one byte, ~1000x smaller: one flushed block repeated."""
    chunk = byte * (16 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    n = max(1, total_mb // 16)
    adler = 1
    for _ in range(n):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + block * n + b"\x03\x00" + adler.to_bytes(4, "big")


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def flate_bomb() -> bytes:
    return build_pdf({
        1: CATALOG,
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        4: stream(zlib_bomb(4096), b"/Filter /FlateDecode"),  # 4 GB of spaces
    })


def recursive_page_tree() -> bytes:
    return build_pdf({
        1: CATALOG,
        2: b"<< /Type /Pages /Kids [2 0 R 3 0 R 4 0 R] /Count 3 >>",
        3: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 2 >>",
        4: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>",
        5: stream(b"BT /F1 12 Tf 72 720 Td (loop) Tj ET"),
    })


def xobject_loop() -> bytes:
    return build_pdf({
        1: CATALOG,
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
           b" /Resources << /XObject << /X 5 0 R >> /Font << /F1 6 0 R >> >> >>",
        4: stream(b"/X Do"),
        5: stream(b"BT /F1 12 Tf 72 720 Td (again and again) Tj ET /X Do /Y Do",
                  b"/Type /XObject /Subtype /Form /BBox [0 0 595 842]"
                  b" /Resources << /XObject << /X 5 0 R /Y 7 0 R >> /Font << /F1 6 0 R >> >>"),
        6: FONT,
        7: stream(b"/X Do /Y Do", b"/Type /XObject /Subtype /Form /BBox [0 0 595 842]"
                  b" /Resources << /XObject << /X 5 0 R /Y 7 0 R >> >>"),
    })


def many_pages(n: int = 10_000) -> bytes:
    objects = {1: CATALOG, 3: stream(b"")}
    kids = []
    for i in range(n):
        num = 4 + i
        kids.append(b"%d 0 R" % num)
        objects[num] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % n
    return build_pdf(objects)


def broken_xref() -> bytes:
    return build_pdf({
        1: CATALOG,
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
           b" /Resources << /Font << /F1 5 0 R >> >> >>",
        4: stream(b"BT /F1 12 Tf 72 720 Td (broken cross reference table) Tj ET"),
        5: FONT,
    }, broken_xref=True)


def huge_image() -> bytes:
    side = 40_000  # 40,000 x 40,000 RGB = 4.8 GB decoded, ~5 MB on disk
    return build_pdf({
        1: CATALOG,
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R"
           b" /Resources << /XObject << /Im 5 0 R >> /Font << /F1 6 0 R >> >> >>",
        4: stream(b"q 14400 0 0 14400 0 0 cm /Im Do Q BT /F1 12 Tf 72 720 Td (image) Tj ET"),
        5: stream(zlib_bomb(side * side * 3 // (1 << 20), b"\x80"),
                  b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB"
                  b" /BitsPerComponent 8 /Filter /FlateDecode" % (side, side)),
        6: FONT,
    })


HOSTILE = {
    "flate_bomb.pdf": flate_bomb,
    "recursive_pages.pdf": recursive_page_tree,
    "xobject_loop.pdf": xobject_loop,
    "ten_thousand_pages.pdf": many_pages,
    "broken_xref.pdf": broken_xref,
    "huge_image.pdf": huge_image,
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    files = {}
    for name, make in HOSTILE.items():
        files[name] = folder / name
        files[name].write_bytes(make())
        assert files[name].stat().st_size < 20 << 20, name  # small on disk
    return files


@pytest.fixture(scope="module", autouse=True)
def _workers():
    """Two warm workers for the module, started with the test hooks enabled."""
    import os

    sandbox.shutdown()
    old = os.environ.get(sandbox.TEST_HOOKS_ENV)
    os.environ[sandbox.TEST_HOOKS_ENV] = "1"
    try:
        sandbox.prewarm(2, MEMORY_MB)
        yield
    finally:
        sandbox.shutdown()
        if old is None:
            os.environ.pop(sandbox.TEST_HOOKS_ENV, None)
        else:
            os.environ[sandbox.TEST_HOOKS_ENV] = old


def run_batch(files: list[Path], overrides: dict[Path, dict] | None = None) -> list[Outcome]:
    """What the local executor does: N threads, each driving one sandbox worker."""
    overrides = overrides or {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(
            lambda f: sandbox.parse_in_sandbox(f, overrides.get(f, {}), "vector", TIMEOUT_S, MEMORY_MB), files))


def test_hostile_files_quarantined_good_files_ingested(corpus, tmp_path):
    files = [GOOD[0], *corpus.values(), GOOD[1]]
    started = time.perf_counter()
    outcomes = run_batch(files)
    elapsed = time.perf_counter() - started
    by_name = {o.path.name: o for o in outcomes}
    for name, o in by_name.items():
        verdict = f"{o.rejected.stage}/{o.rejected.reason}: {o.rejected.detail[:80]}" if o.rejected else "ingested"
        print(f"{name:28s} {o.seconds:6.1f}s  {verdict}")
    print(f"batch of {len(files)} files: {elapsed:.1f} s")

    for good in GOOD:
        o = by_name[good.name]
        assert o.rejected is None, o.rejected
        assert o.tables_found == o.tables_expected > 0
        assert o.frames.get("line_items")
    for name in HOSTILE:
        o = by_name[name]
        assert o.seconds <= TIMEOUT_S + 15, name
        if name != "broken_xref.pdf":  # pdfium rebuilds a broken xref: harmless, may be ingested
            assert o.rejected is not None, name
    # pdfium aborts without a word when an allocation fails: the worker's peak memory tells why it died
    assert by_name["flate_bomb.pdf"].rejected.reason == "memory", by_name["flate_bomb.pdf"].rejected
    assert elapsed < 4 * TIMEOUT_S

    # the batch goes on: quarantine the bad, commit the good
    lake = tmp_path / "lake"
    now = datetime.now(UTC)
    docs, rows = [], {}
    for o in outcomes:
        if o.rejected:
            store.quarantine(lake, o.path, sha256=o.sha256, stage=o.rejected.stage, reason=o.rejected.reason,
                             detail=o.rejected.detail)
        else:
            docs.append(documents_row(o, now))
            for dataset, r in o.frames.items():
                rows.setdefault(dataset, []).extend(r)
    frames = {k: pl.DataFrame(v, infer_schema_length=None) for k, v in rows.items()}
    frames["documents"] = pl.DataFrame(docs, infer_schema_length=None)
    store.commit(lake, frames, [o.sha256 for o in outcomes if not o.rejected])
    assert {d for d in store.read(lake, "documents")["source_name"]} >= {g.name for g in GOOD}
    assert store.quarantined(lake).height == sum(1 for o in outcomes if o.rejected)


@pytest.mark.parametrize("hook,reason", [("segfault", "crashed"), ("hang", "timeout"), ("memory", "memory")])
def test_worker_failures_are_quarantined_and_the_pool_recovers(hook, reason):
    # only the hang waits for its timeout; a loaded machine must not turn a crash or a memory hog into one
    timeout_s = 2 if hook == "hang" else TIMEOUT_S
    o = sandbox.parse_in_sandbox(GOOD[1], {"_sandbox_test": hook}, "vector", timeout_s=timeout_s, memory_mb=MEMORY_MB)
    assert o.rejected is not None and (o.rejected.stage, o.rejected.reason) == ("parse", reason), o.rejected
    assert o.sha256 and o.seconds < timeout_s + 10
    if hook == "segfault":
        assert "SIGSEGV" in o.rejected.detail
    # the next file gets a fresh worker and parses normally
    again = sandbox.parse_in_sandbox(GOOD[1], {}, "vector", timeout_s=TIMEOUT_S, memory_mb=MEMORY_MB)
    assert again.rejected is None and again.frames
