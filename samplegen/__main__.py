"""Regenerate the sample PDFs: `python -m samplegen [--out DIR] [--bad-inputs DIR] [--synthetic N]`.

With --synthetic N, write N synthetic 示例数据 documents into --out instead (see synthetic.py).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from . import chenzhou, dazhou, provincial
from .bad_inputs import write_bad_inputs
from .layout import Renderer
from .styles import STYLES

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


# output stem -> (module with TITLE/AGENCY, blocks for a style); style b fills the
# 部门： lines the budget seed left blank, so the two layouts differ there too
DOCS = {
    "chenzhou_2022_final": (chenzhou, lambda style: chenzhou.blocks()),
    "dazhou_2023_budget": (dazhou, lambda style: dazhou.blocks(fill_dept=style == "b")),
}


def build(out_dir: Path = SAMPLES, verbose: bool = False) -> dict[str, Path]:
    """Write the sample PDFs into out_dir; returns file name -> path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for stem, (module, make_blocks) in DOCS.items():
        for style in STYLES:
            path = out_dir / f"{stem}_{style}.pdf"
            r = Renderer.write(path, STYLES[style], module.TITLE, make_blocks(style), module.AGENCY)
            written[path.name] = path
            print(f"{path}: {r.page_no} pages, {path.stat().st_size // 1024} KB")
            if verbose:
                for n, label in enumerate(r.pages, 1):
                    if label:
                        print(f"  p{n} {label}")
    for name, doc in provincial.DOCUMENTS.items():  # single-layout self-evaluation files
        path = out_dir / name
        r = Renderer.write(path, doc.style, doc.title, doc.blocks(), doc.agency)
        written[path.name] = path
        print(f"{path}: {r.page_no} pages, {path.stat().st_size // 1024} KB")
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(prog="python -m samplegen", description=__doc__)
    ap.add_argument("--out", type=Path, default=SAMPLES, help="output folder (default: samples/)")
    ap.add_argument("--bad-inputs", type=Path, help="also write the quarantine test inputs here")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the page -> table map")
    ap.add_argument("--synthetic", type=int, metavar="N",
                    help="write N synthetic demo documents (示例数据) into --out instead of the samples")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.synthetic is not None:
        if args.out == SAMPLES:
            ap.error("--synthetic needs --out DIR (the samples folder holds the seed renderings)")
        from . import synthetic

        paths = synthetic.build(args.synthetic, args.out, args.verbose)
        size = sum(p.stat().st_size for p in paths) // 1024
        print(f"{len(paths)} synthetic documents in {args.out} ({size} KB) in {time.perf_counter() - t0:.1f} s")
        return 0
    build(args.out, args.verbose)
    if args.bad_inputs:
        for kind, path in write_bad_inputs(args.bad_inputs).items():
            print(f"{path}: {kind}, {path.stat().st_size // 1024} KB")
    print(f"done in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
