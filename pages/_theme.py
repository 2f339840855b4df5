"""The dashboard's colours, in one place (the Streamlit theme itself is in .streamlit/config.toml)."""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable, Mapping
from typing import Any

PRIMARY = "#2F6F8F"  # blue: the main series, plain points
ACCENT = "#E08E45"  # orange: warnings, a second series, the selected agency
ALERT = "#C8553D"  # red: errors, the low-execution/high-score corner, outliers
GOOD = "#7FA650"  # green
INFO = "#5B9BB5"  # light blue: info notes
MUTED = "#9AA5AF"  # grey: peers, unknown
ALERT_TEXT = "#7A2E22"  # dark red labels on light backgrounds
GOOD_TEXT = "#4D6B2E"  # dark green labels (the execution rate line's)
WHITE = "#FFFFFF"
GRID = "#E6E9ED"
PANEL = "#F3F5F7"  # secondary background (treemap root)

SERIES = [PRIMARY, ACCENT, GOOD, ALERT, "#8E6C8A", INFO, "#D4B483", "#4C4C6D"]
SEVERITY = {"error": ALERT, "warning": ACCENT, "info": INFO}
BANDS = {"high": ALERT, "mid": ACCENT, "low": GOOD}  # inflation index bands

# ---------------------------------------------------------------- chart axes (helper "h18")
# Amounts are stored and shown in 万元, as the documents publish them: an axis says 万元 in its title and its ticks
# are plain 万元 figures with thousands separators (5,000 · 120,000), never "80k" nor a yuan scale. Rates are
# fractions, shown as percentages with fixed decimals.


def nice_step(span: float, ticks: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 × 10ⁿ) giving about `ticks` ticks over `span`."""
    import math

    raw = max(span, 1e-9) / max(ticks - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    return float(next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw))


def money_text(wan: float, step: float = 1.0) -> str:
    """One tick of an amount axis in 万元: thousands separators, as many decimals as the tick step needs."""
    if wan == 0:
        return "0"
    digits = len(f"{step:.6f}".rstrip("0").split(".")[1])  # 2.5 → 1, 0.25 → 2, 2,500 → 0
    return f"{wan:,.{digits}f}"


def _axis_values(fig: Any, axis: str) -> list[float]:
    """The amounts an axis must hold: every bar and point on it, bars of a stack summed per category."""
    horizontal = axis == "x"
    stacked = fig.layout.barmode in ("stack", "relative")
    flat: list[float] = []
    sums: dict[Any, float] = {}
    for trace in fig.data:
        if trace.type not in ("bar", "scatter") or (trace.type == "bar" and (trace.orientation == "h") != horizontal):
            continue
        if (trace.xaxis if horizontal else trace.yaxis) not in (None, axis):  # a second axis (rates)
            continue
        values, cats = (trace.x, trace.y) if horizontal else (trace.y, trace.x)
        cats = list(cats) if cats is not None else list(range(len(values or [])))
        for cat, v in zip(cats, list(values if values is not None else []), strict=False):
            if not isinstance(v, numbers.Real) or v != v:  # None, NaN, a category name
                continue
            if stacked and trace.type == "bar":
                sums[cat] = sums.get(cat, 0.0) + float(v)
            else:
                flat.append(float(v))
    return flat + list(sums.values())


def money_axis(fig: Any, axis: str = "y", lang: str = "zh", title: str | None = None,
               values: Iterable[float | None] | None = None, unit: str | None = None) -> Any:
    """An amount axis (values in 万元) with round ticks in 万元 and a title naming the unit (金额（万元）,
    Amount (10k yuan); `unit` for another, e.g. 万元/人). Call it after the traces and barmode are set."""
    import math

    given = _axis_values(fig, axis) if values is None else [float(v) for v in values if v is not None]
    vals = [v for v in given if not math.isnan(v)]
    low, high = min([0.0, *vals]), max([0.0, *vals])
    step = nice_step(high - low or 1.0)
    first, last = math.floor(low / step), math.ceil(high / step)
    ticks = [round(i * step, 6) for i in range(first, last + 1)]
    name = title or ("金额" if lang == "zh" else "Amount")
    shown = unit or ("万元" if lang == "zh" else "10k yuan")
    unit_title = f"{name}（{shown}）" if lang == "zh" else f"{name} ({shown})"
    fig.update_layout({f"{axis}axis": {"tickvals": ticks, "ticktext": [money_text(v, step) for v in ticks],
                                       "title": {"text": unit_title}}})
    return fig


def percent_axis(fig: Any, axis: str = "y", decimals: int = 0, signed: bool = False, scaled: bool = False) -> Any:
    """A rate axis with fixed decimals (12%, 12.5%), signed for growth (+12%); `scaled`: values already × 100."""
    sign = "+" if signed else ""
    spec = {"tickformat": f"{sign}.{decimals}f", "ticksuffix": "%"} if scaled else \
        {"tickformat": f"{sign}.{decimals}%", "ticksuffix": ""}
    fig.update_layout({f"{axis}axis": spec})
    return fig

# Percentages in tables: values × 100 with one fixed decimal (Streamlit's "percent" preset prints 50% beside 35.29%).
PERCENT_COLUMN = "%.1f%%"


def count_axis(fig: Any, axis: str, top: float) -> Any:
    """An axis of counts: whole numbers only (one document is not drawn over ticks 0.2, 0.4 … 0.8)."""
    if top < 10:  # plotly's own steps are whole from 10 up
        fig.update_layout({f"{axis}axis": {"dtick": 1, "tickformat": "d"}})
    return fig


def row_height(lines: int) -> int:
    """Pixels of a table row that shows `lines` lines of text: a long name or message wraps in its column instead
    of widening the table past the page. Streamlit's grid wraps a cell's text only in rows taller than 4rem."""
    return max(65, 14 + 19 * lines)


def year_bars(fig: Any, years: list[int], series: Mapping[str, Mapping[int, dict[str, Any]]], value: str,
              note: Callable[[dict[str, Any]], str], unit: str) -> Any:
    """Grouped bars, one per year and series (e.g. budget / actual), each with a note over it; a year a
    series lacks stays a gap, not a zero."""
    for name, rows in series.items():
        if not rows:
            continue
        fig.add_bar(x=[str(y) for y in years], y=[rows[y][value] if y in rows else None for y in years],
                    name=name, text=[note(rows[y]) if y in rows else "" for y in years], textposition="outside",
                    hovertemplate="%{x}: %{y:,.2f} " + unit + "<extra>" + name + "</extra>")
    fig.update_layout(barmode="group")
    return fig
