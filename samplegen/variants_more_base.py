"""What the variants_more modules share: their house styles and how they print an amount."""

from __future__ import annotations

from dataclasses import replace

from .styles import STYLE_A, STYLE_B

STYLE = replace(STYLE_A, name="variant-more", repeat_title=False, seed_breaks=True)
# the other house style: landscape, another font, every header cell its own box, thick outer border
STYLE_OTHER = replace(STYLE_B, name="variant-more-b", seed_breaks=True)


def yuan(amount: float) -> str:
    """万元 → 元 as printed, with thousands separators; negatives in parentheses."""
    text = f"{abs(amount) * 10000:,.2f}"
    return f"({text})" if amount < 0 else text


def wan(x: float) -> str:
    """An amount in 万元 as printed: thousands separators, two decimals."""
    return f"{x:,.2f}"
