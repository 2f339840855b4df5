"""The two rendering styles of the sample PDFs, as data."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

WQY_ZENHEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
AR_PL_UMING = "/usr/share/fonts/truetype/arphic/uming.ttc"


@dataclass(frozen=True)
class Style:
    """Everything that differs between the two layouts of one document."""

    name: str
    pagesize: tuple[float, float]
    font_name: str
    font_path: str
    margin_x: float
    margin_top: float
    margin_bottom: float
    body_size: float  # prose font size
    title_size: float  # table title font size
    cell_size: float  # table text font size
    cell_pad: float  # horizontal/vertical padding inside a cell
    line_gap: float  # line height = size * line_gap
    min_row: float  # minimum table row height (pt)
    line_width: float  # inner ruling width
    outer_width: float  # outer border width
    merge_headers: bool  # draw merged header cells (else every cell its own box)
    split_labels: bool  # cut vertical label spans into one box per row, label repeated
    seed_breaks: bool  # split tables where the seed's original did
    repeat_title: bool  # title/code/unit lines repeated on continuation pages
    bold_headers: bool
    width_gamma: float  # column proportions are raised to this power (1 = as specified)

    @property
    def landscape(self) -> bool:
        """True when the default page is wider than high."""
        return self.pagesize[0] > self.pagesize[1]


STYLE_A = Style(
    name="a",
    pagesize=A4,
    font_name="WenQuanYiZenHei",
    font_path=WQY_ZENHEI,
    margin_x=40,
    margin_top=50,
    margin_bottom=50,
    body_size=11.5,
    title_size=16,
    cell_size=8,
    cell_pad=2.5,
    line_gap=1.25,
    min_row=16,
    line_width=0.5,
    outer_width=0.5,
    merge_headers=True,
    split_labels=False,
    seed_breaks=True,
    repeat_title=True,
    bold_headers=True,
    width_gamma=1.0,
)

STYLE_B = Style(
    name="b",
    pagesize=landscape(A4),
    font_name="ARPLUMing",
    font_path=AR_PL_UMING,
    margin_x=45,
    margin_top=42,
    margin_bottom=38,
    body_size=10.5,
    title_size=15,
    cell_size=8.5,
    cell_pad=2.0,
    line_gap=1.2,
    min_row=13.5,
    line_width=0.7,
    outer_width=1.8,
    merge_headers=False,
    split_labels=True,
    seed_breaks=False,
    repeat_title=False,
    bold_headers=False,
    width_gamma=0.75,
)

STYLES = {"a": STYLE_A, "b": STYLE_B}


def register_fonts(style: Style) -> None:
    """Register the style's TrueType font with reportlab (idempotent)."""
    if style.font_name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(style.font_name, style.font_path, subfontIndex=0))
