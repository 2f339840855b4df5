"""What the variants_third modules share: their house styles, the line type, how a figure is printed."""

from __future__ import annotations

from dataclasses import replace

from .styles import STYLE_A, STYLE_B
from .variants_more_base import wan

STYLE = replace(STYLE_A, name="variant-third", repeat_title=False, seed_breaks=True)
STYLE_OTHER = replace(STYLE_B, name="variant-third-b", seed_breaks=True)

Line = tuple[str, str, float, float, float]  # code, name, 合计, 基本支出, 项目支出 (万元)


def blank(x: float) -> str:
    """An amount as printed; zero left blank."""
    return wan(x) if x else ""


def bump(text: str, by: float = 1.0) -> str:
    """The same printed amount, `by` higher (the one figure a broken copy changes)."""
    value = float(text.replace(",", "")) + by
    return f"{value:,.2f}" if "." in text else f"{value:.0f}"
