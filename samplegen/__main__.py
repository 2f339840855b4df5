"""Regenerate the sample PDFs: `python -m samplegen [--out DIR] [--bad-inputs DIR]`."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from . import chenzhou, dazhou
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
    """Write the four sample PDFs into out_dir; returns file name -> path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for stem, (module, make_blocks) in DOCS.items():
        for style in STYLES:
            path = out_dir / f"{stem}_{style}.pdf"
            r = Renderer(path, STYLES[style], module.TITLE, module.AGENCY)
            r.render(make_blocks(style))
            r.save()
            written[path.name] = path
            print(f"{path}: {r.page_no} pages, {path.stat().st_size // 1024} KB")
            if verbose:
                for n, label in enumerate(r.pages, 1):
                    if label:
                        print(f"  p{n} {label}")
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(prog="python -m samplegen", description=__doc__)
    ap.add_argument("--out", type=Path, default=SAMPLES, help="output folder (default: samples/)")
    ap.add_argument("--bad-inputs", type=Path, help="also write the quarantine test inputs here")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the page -> table map")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    build(args.out, args.verbose)
    if args.bad_inputs:
        for kind, path in write_bad_inputs(args.bad_inputs).items():
            print(f"{path}: {kind}, {path.stat().st_size // 1024} KB")
    print(f"done in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
