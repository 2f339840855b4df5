"""Scanned copies of PDFs: `python -m samplegen.scan IN.pdf OUT.pdf [--dpi 200] [--pages 1-3]`.

Each page is rendered with pdfium, tilted a little, dusted, blurred and JPEG-compressed;
the cover gets a red seal. The result is an image-only PDF (no text layer) — what a
printed-and-scanned disclosure looks like to the ingest.
"""

from __future__ import annotations

import argparse
import io
import math
import random
import time
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

_SEAL_FONTS = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "/usr/share/fonts/truetype/arphic/uming.ttc")


def _seal(page: Image.Image, text: str, rng: random.Random) -> None:
    """A red round seal with a star and a ring of characters, half over the cover's text."""
    w, h = page.size
    r = int(min(w, h) * 0.12)
    cx, cy = int(w * rng.uniform(0.55, 0.7)), int(h * rng.uniform(0.35, 0.5))
    layer = Image.new("RGB", page.size, (255, 255, 255))
    d = ImageDraw.Draw(layer)
    red = (215, 45, 50)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=max(3, r // 14))
    star = [(cx + r * 0.3 * math.cos(math.radians(-90 + 72 * k)) * (1 if k % 2 == 0 else 1),
             cy + r * 0.3 * math.sin(math.radians(-90 + 72 * k))) for k in range(5)]
    d.polygon([star[(2 * k) % 5] for k in range(5)], fill=red)
    font_path = next((f for f in _SEAL_FONTS if Path(f).exists()), None)
    if font_path:
        size = max(10, r // 5)
        font = ImageFont.truetype(font_path, size)
        n = len(text)
        for k, ch in enumerate(text):  # characters along the upper arc
            a = math.radians(-210 + 240 * (k + 0.5) / n)
            x, y = cx + (r - size) * math.cos(a), cy + (r - size) * math.sin(a)
            d.text((x - size / 2, y - size / 2), ch, font=font, fill=red)
    # ink on ink: the seal darkens what it covers (black text stays black), as on paper
    page.paste(ImageChops.multiply(page, layer))


def _dust(page: Image.Image, rng: random.Random, dpi: int) -> None:
    """Specks and a few short hairs, as a dirty glass leaves them."""
    d = ImageDraw.Draw(page)
    w, h = page.size
    for _ in range(int(w * h / 6000)):
        x, y, s = rng.randrange(w), rng.randrange(h), rng.choice((1, 1, 1, 2))
        g = rng.randrange(40, 140)
        d.ellipse((x, y, x + s, y + s), fill=(g, g, g))
    for _ in range(6):
        x, y = rng.randrange(w), rng.randrange(h)
        d.line((x, y, x + rng.randint(-dpi // 10, dpi // 10), y + rng.randint(-dpi // 10, dpi // 10)),
               fill=(90, 90, 90), width=1)


def scan_page(image: Image.Image, dpi: int, rng: random.Random, seal: str = "", tilt: float = 1.5,
              blur: float = 0.7) -> Image.Image:
    """One rendered page made to look scanned: seal, tilt (up to `tilt` degrees), dust, blur (Gaussian radius
    `blur` at 300 dpi), grey paper."""
    page = image.convert("RGB")
    if seal:
        _seal(page, seal, rng)
    angle = rng.uniform(min(0.4, tilt), tilt) * rng.choice((-1, 1))
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    _dust(page, rng, dpi)
    page = page.filter(ImageFilter.GaussianBlur(radius=dpi / 300 * blur))
    # paper is never pure white: a slight grey cast
    return page.point(lambda v: int(v * 0.94 + 6))


def _pages(spec: str | None, n: int) -> list[int]:
    if not spec:
        return list(range(1, n + 1))
    out: list[int] = []
    for part in spec.split(","):
        a, _, b = part.partition("-")
        out.extend(range(int(a), int(b or a) + 1))
    return [p for p in out if 1 <= p <= n]


def scan(src: Path, dest: Path, dpi: int = 200, pages: str | None = None, seed: int = 7,
         seal: str = "财务专用章", quality: int = 70, tilt: float = 1.5, blur: float = 0.7) -> Path:
    """Write an image-only, scanned-looking copy of src (optionally some pages only) to dest."""
    rng = random.Random(seed)
    pdf = pdfium.PdfDocument(str(src))
    try:
        images = []
        for k, number in enumerate(_pages(pages, len(pdf))):
            page = pdf[number - 1]
            bitmap = page.render(scale=dpi / 72)
            scanned = scan_page(bitmap.to_pil(), dpi, rng, seal if k == 0 else "", tilt, blur)
            page.close()
            buf = io.BytesIO()
            scanned.save(buf, "JPEG", quality=quality)  # the JPEG artefacts are part of the scan
            buf.seek(0)
            images.append(Image.open(buf))
    finally:
        pdf.close()
    dest.parent.mkdir(parents=True, exist_ok=True)
    fixed = time.gmtime(946684800)  # a fixed date: the same scan is the same bytes (and the same OCR cache entry)
    images[0].save(dest, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi),
                   creationDate=fixed, modDate=fixed)
    return dest


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(prog="python -m samplegen.scan", description=__doc__)
    ap.add_argument("src", type=Path)
    ap.add_argument("dest", type=Path)
    ap.add_argument("--dpi", type=int, default=200, help="scan resolution (150–300)")
    ap.add_argument("--pages", help="pages to keep, e.g. 1-3,7 (default: all)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--quality", type=int, default=70, help="JPEG quality (30–95)")
    ap.add_argument("--tilt", type=float, default=1.5, help="largest tilt in degrees")
    ap.add_argument("--blur", type=float, default=0.7, help="Gaussian blur radius at 300 dpi")
    args = ap.parse_args(argv)
    out = scan(args.src, args.dest, args.dpi, args.pages, args.seed, quality=args.quality, tilt=args.tilt,
               blur=args.blur)
    print(f"{out}: {out.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
