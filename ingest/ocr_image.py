"""The page image Tesseract sees: red seal ink, ruling lines and isolated specks removed."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import cv2
import numpy as np
from PIL import Image


def without_red(image: Image.Image) -> np.ndarray:
    """The page in grey with its red ink (seals) turned white: a seal's ring and star are no ruling line and
    no stroke (black print under the seal stays black)."""
    gray = np.asarray(image.convert("L")).copy()
    if image.mode in ("L", "1"):
        return gray
    rgb = np.asarray(image.convert("RGB")).astype(np.int16)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    gray[(r > 110) & (r - np.maximum(g, b) > 45)] = 255
    return gray


# A seal's red ink: red well above the other channels (its strokes, its pink rim), on the page scan's colours.
_SEAL_CHROMA, _SEAL_RED = 60, 120
# Print under a seal, told from the seal by colour: dark in the red channel (black print, alone or under red ink,
# which leaves red light through) or dark and grey (a thin stroke's soft edge); red seal ink is neither.
_PRINT_RED, _GREY_CHROMA, _GREY_DARK = 140, 45, 180


def red_ink(image: Image.Image) -> np.ndarray:
    """Where a colour page image holds red seal ink (a boolean mask; none on a grey image)."""
    if image.mode in ("L", "1"):
        return np.zeros((image.height, image.width), bool)
    rgb = np.asarray(image.convert("RGB")).astype(np.int16)
    r = rgb[..., 0]
    return (r > _SEAL_RED) & (r - np.minimum(rgb[..., 1], rgb[..., 2]) > _SEAL_CHROMA)


def print_under_seal(image: Image.Image) -> Image.Image:
    """A colour page image as black print on white with the seal's red ink gone, also where it crosses the print:
    where a seal overlies a figure, the grey render (and `without_red`, which whitens the print's strokes under
    the red as red) makes the seal's strokes part of the digits (2,000.39 read 2,000.4, 6,543.55 read 343.55)."""
    rgb = np.asarray(image.convert("RGB")).astype(np.int16)
    r = rgb[..., 0]
    grey = np.asarray(image.convert("L"))
    ink = (r < _PRINT_RED) | ((r - np.minimum(rgb[..., 1], rgb[..., 2]) < _GREY_CHROMA) & (grey < _GREY_DARK))
    return Image.fromarray(np.where(ink, 0, 255).astype(np.uint8), mode="L")


def clean_for_ocr(image: Image.Image, dpi: float = 200.0) -> Image.Image:
    """Grey page without red ink (seals), ruling lines and isolated specks; strokes kept."""
    gray = without_red(image)
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    # ruling lines: long thin runs; Tesseract reads them as | and _ glued to the figures
    # longer than a stroke of a title character, and than the strokes of bold characters that meet along
    # their baseline (short rules left over read as | and are dropped)
    kh, kv = max(60, int(dpi * 1.0)), max(30, int(dpi * 0.5))
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (kh, 1)))
    lines = cv2.bitwise_or(lines, cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                                                   cv2.getStructuringElement(cv2.MORPH_RECT, (1, kv))))
    lines = cv2.dilate(lines, np.ones((3, 3), np.uint8))
    gray[lines > 0] = 255
    ink[lines > 0] = 0
    # specks: small blobs far from any stroke (a decimal point sits next to its digits)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] < (dpi / 100) ** 2 * 6
    small[0] = False
    if small.any():
        big = np.isin(labels, np.flatnonzero(~small)[1:]).astype(np.uint8)
        reach = max(3, int(dpi * 0.05))
        near = cv2.dilate(big, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1)))
        touching = np.unique(labels[(near > 0) & (labels > 0)])
        lonely = np.setdiff1d(np.flatnonzero(small), touching)
        gray[np.isin(labels, lonely)] = 255
    return Image.fromarray(gray, mode="L")


def ruling_segments(image: Image.Image, dpi: float) -> list[tuple[float, float, float, float]]:
    """The ruling lines of a page image: (x0, y0, x1, y1) in pixels, top-left origin (a seal's ring is none)."""
    gray = without_red(image)
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    # longer than a run of bold header characters; a header cell's rule is at least one text line tall
    kh, kv, thick = max(20, int(dpi * 0.6)), max(10, int(dpi * 0.2)), dpi * 0.05
    out = []
    for kernel, horizontal in (((kh, 1), True), ((1, kv), False)):
        mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        _, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for x, y, w, h, _area in stats[1:]:
            if horizontal and h <= thick + w * 0.01:
                out.append((float(x), y + h / 2, float(x + w), y + h / 2))
            elif not horizontal and w <= thick + h * 0.01:
                out.append((x + w / 2, float(y), x + w / 2, float(y + h)))
    return _on_rules(out, dpi)


def _on_rules(segments: list[tuple[float, float, float, float]], dpi: float) -> list[tuple[float, float, float, float]]:
    """The segments without the short verticals that end on no horizontal rule: the stems of large header or
    title characters (计, 目), which float inside a cell, while a column rule runs from rule to rule."""
    rows = [s for s in segments if s[1] == s[3]]
    if not rows:
        return segments
    tol, long = max(4.0, dpi * 0.03), dpi * 0.5

    def ends_on_rule(x: float, y: float) -> bool:
        return any(abs(y - hy) <= tol and hx0 - tol <= x <= hx1 + tol for hx0, hy, hx1, _ in rows)

    return [s for s in segments if s[1] == s[3] or s[3] - s[1] >= long
            or ends_on_rule(s[0], s[1]) or ends_on_rule(s[0], s[3])]


def ink_runs(inked: np.ndarray, gap: int) -> list[list[int]]:
    """The runs of inked pixel rows of a crop, [first, last] each, rows at most `gap` apart joined (`inked`: per
    row, whether it holds print): its lines of print, a speck's short run apart."""
    runs: list[list[int]] = []
    for y in np.flatnonzero(inked):
        if runs and y - runs[-1][1] <= gap:
            runs[-1][1] = int(y)
        else:
            runs.append([int(y), int(y)])
    return runs


def tesseract_env() -> dict[str, str]:
    """The environment of a Tesseract re-read: one OpenMP thread unless the user set otherwise. Re-reads are many
    short runs; on two shared cores Tesseract's threads mostly spin (about a quarter more CPU for the same text)."""
    return {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}


def read_lines(images: list[Image.Image], dpi: float, lang: str, timeout: float, *config: str) -> list[str] | None:
    """Each image read by Tesseract as one line of text (`--psm 7`), all in one run (one model load); None
    when Tesseract could not run. `config`: more Tesseract arguments (e.g. "-c", "tessedit_char_whitelist=…")."""
    with tempfile.TemporaryDirectory(prefix="ocr-lines-") as tmp:
        names = []
        for k, image in enumerate(images):
            names.append(str(Path(tmp) / f"{k}.png"))
            image.save(names[-1], dpi=(dpi, dpi))
        listing = Path(tmp) / "list.txt"
        listing.write_text("\n".join(names) + "\n", encoding="utf-8")
        try:
            run = subprocess.run(["tesseract", str(listing), "stdout", "-l", lang, "--psm", "7", "--dpi",
                                  str(int(dpi)), *config], capture_output=True, text=True, timeout=timeout,
                                 env=tesseract_env())
        except (OSError, subprocess.SubprocessError):
            return None
    return run.stdout.split("\f")[: len(images)]


def skew_angle(image: Image.Image, limit: float = 3.0) -> float:
    """Degrees to rotate the page (counter-clockwise, as PIL) so its text lines and rules are level."""
    small = image.convert("L")
    small.thumbnail((1600, 1600))
    ink = Image.fromarray(np.where(np.asarray(small) < 160, 255, 0).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST)).sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())  # level lines make the row profile jump

    best = max(np.arange(-limit, limit + 1e-9, 0.1), key=sharpness)
    return float(max(np.arange(best - 0.1, best + 0.1 + 1e-9, 0.02), key=sharpness))
