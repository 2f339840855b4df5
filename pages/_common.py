"""What every page shares: the lake, cached calls into fiscal.read, the empty-lake guard, chart style."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

import polars as pl
import streamlit as st

from fiscal import read
from fiscal.config import lake_dir
from fiscal.filters import Filters
from fiscal.thresholds import ThresholdError, Thresholds
from pages import _theme as theme
from pages._auth import require
from pages._i18n import t

T = TypeVar("T")

# plotly: one palette and the same font everywhere
COLORS = theme.SERIES
SEVERITY_COLORS = theme.SEVERITY
SEVERITY_ORDER = ("error", "warning", "info")
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def ensure_navigation() -> None:
    """Route a deep link through app.py's navigation.

    While no script run has called st.navigation yet, Streamlit treats a `pages/` folder
    as an old-style multipage app and runs a deep-linked page (/sangong?…) bare, without
    app.py: no sidebar filters, no page list. Switch that mode off and rerun; the rerun
    goes through app.py and lands on the same page (page ids come from the URL path).
    """
    from streamlit.runtime.pages_manager import PagesManager

    if "lake_dir" not in st.session_state or getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


def lake() -> str:
    """The lake root of this session."""
    return st.session_state.get("lake_dir") or str(lake_dir().resolve())


def state() -> tuple[Any, ...]:
    """The lake's version fingerprint (the cache key of everything read from it)."""
    return read.lake.lake_state(Path(lake()))


def filters() -> Filters:
    """The selection made in the sidebar (see pages/_filters.py)."""
    return st.session_state.get("filters") or Filters()


# The read functions the pages called, by qualified name: Streamlit's cache keys on plain values,
# so a page passes the function itself and the cached call looks it up here.
_READERS: dict[str, Callable[..., Any]] = {}


def _register(fn: Callable[..., Any]) -> str:
    key = f"{fn.__module__}.{fn.__qualname__}"
    _READERS.setdefault(key, fn)
    return key


@st.cache_data(show_spinner=False, max_entries=256)
def _call(fn_key: str, lake_root: str, lake_state: tuple[Any, ...], key: tuple[Any, ...], args: tuple[Any, ...]) -> Any:
    """fn(lake, filters, *args), cached per lake version and selection."""
    return _READERS[fn_key](Path(lake_root), Filters.from_key(key), *args)


def cached(fn: Callable[..., T], *args: Any, f: Filters | None = None) -> T:
    """`fn(lake, selection, *args)` of fiscal.read for this session's lake and selection, cached."""
    result: T = _call(_register(fn), lake(), state(), (f or filters()).key(), tuple(args))
    return result


@st.cache_data(show_spinner=False, max_entries=256)
def _call_plain(fn_key: str, lake_root: str, lake_state: tuple[Any, ...], args: tuple[Any, ...]) -> Any:
    """fn(lake, *args), cached per lake version."""
    return _READERS[fn_key](Path(lake_root), *args)


def cached_lake(fn: Callable[..., T], *args: Any) -> T:
    """`fn(lake, *args)` of fiscal.read (no selection) for this session's lake, cached."""
    result: T = _call_plain(_register(fn), lake(), state(), tuple(args))
    return result


# The lake's flags are computed off the script thread: on a fresh server (or after the rules changed) every rule
# runs over the whole lake, minutes at 10,000 documents, and a page waiting for them drew nothing but its title
# (the toolbar's running indicator is off, .streamlit/config.toml). One worker: a changed threshold queues behind
# the defaults it starts from. The page draws what does not need flags and says the flags are on their way.
_FLAG_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fiscal-flags")
# How long a page run waits for flags before drawing without them (small and warm lakes: no waiting notice);
# $FISCAL_FLAGS_WAIT_S sets another (the browser test of a first visit: 0).
FLAGS_WAIT_S = float(os.environ.get("FISCAL_FLAGS_WAIT_S") or 8.0)
FlagResult = tuple[pl.DataFrame | None, str | None]


def _compute_flags(lake_root: str, params: tuple[tuple[str, tuple[tuple[str, float], ...]], ...]) -> FlagResult:
    """All flags of the lake under the given thresholds, and why there are none (not installed, failed)."""
    try:
        return read.flags.all_flags(Path(lake_root), {rule: dict(values) for rule, values in params}), None
    except read.flags.RulesUnavailable:
        return None, "unavailable"
    except Exception as exc:  # a rule bug must not take the dashboard down: the flags page reports it
        return None, f"{type(exc).__name__}: {exc}"


# A resource, not data: the lake's flags are one large immutable frame, shared rather than copied on every
# page run (cache_data would unpickle a copy each time: seconds and hundreds of MB on a national lake).
@st.cache_resource(show_spinner=False, max_entries=8)
def _flags_job(lake_root: str, lake_state: tuple[Any, ...],
               params: tuple[tuple[str, tuple[tuple[str, float], ...]], ...]) -> tuple[Future[FlagResult], float]:
    """The computation of the lake's flags for this lake version and thresholds (started once), and its start."""
    return _FLAG_WORKER.submit(_compute_flags, lake_root, params), time.monotonic()


def _job() -> tuple[Future[FlagResult], float]:
    return _flags_job(lake(), state(), thresholds().overrides)


def flags_ready() -> bool:
    """True when the selection's flags can be drawn now; else a notice (once per run) says they are coming
    and reruns the page when they are there. The first call of a run waits up to FLAGS_WAIT_S."""
    job, started = _job()
    if not job.done() and st.session_state.get("_flags_waited") != _run_id():
        st.session_state["_flags_waited"] = _run_id()
        with st.spinner(t("flags_pending")):  # shown after half a second: no silent gap while waiting
            wait([job], timeout=FLAGS_WAIT_S)
    if job.done():
        return True
    if st.session_state.get("_flags_notice") != _run_id():
        st.session_state["_flags_notice"] = _run_id()
        _flags_notice(started)
    return False


def _run_id() -> int:
    """This script run's number in the session (start_page counts them)."""
    return int(st.session_state.get("_run_no", 0))


@st.fragment(run_every=3)
def _flags_notice(started: float) -> None:
    """While the flags are computed: how long it has taken so far; the whole page is drawn again once they are in."""
    job, _ = _job()
    if job.done():
        st.rerun(scope="app")
    with st.container(border=True):
        st.markdown(f":material/progress_activity: **{t('flags_pending')}**")
        st.caption(t("flags_pending_caption", s=int(time.monotonic() - started)))


def flags_pending() -> bool:
    """True while the lake's flags are still being computed (the waiting notice is on the page)."""
    return not flags_ready()


def across_score(fn: Callable[..., T], *args: Any) -> T | None:
    """A score of fiscal.read.across for the selection (quality, inflation, peers); None, with the reason
    on the page, when the rule engine it needs is not installed."""
    if flags_pending():  # the scores read the lake's flags: computed in the background, not here again
        return None
    try:
        return cached(fn, *args)
    except (ImportError, read.flags.RulesUnavailable):
        st.info(t("pe_unavailable"))
        return None


def rule_catalog() -> list[dict[str, Any]] | None:
    """The rules with their default thresholds; None when the rule engine is not installed."""
    try:
        return read.flags.rule_catalog()
    except read.flags.RulesUnavailable:
        return None


def rule_overrides() -> dict[str, dict[str, float]]:
    """Thresholds the reader changed on the flags page (kept in the session): rule → parameter → value."""
    return {rule: dict(values) for rule, values in (st.session_state.get("rule_params") or {}).items()}


def thresholds() -> Thresholds:
    """The thresholds in force for this session (defaults + what the reader changed on the flags page)."""
    try:
        return Thresholds.of(rule_overrides())
    except ThresholdError:  # a stale or hand-edited override: back to the defaults rather than fail
        return Thresholds()


def flags_status(f: Filters | None = None) -> tuple[pl.DataFrame | None, str | None]:
    """The selection's flags under the session's thresholds, or None and the reason ("pending" while they are
    computed: the page then shows the waiting notice and is drawn again when they are in)."""
    if flags_pending():
        return None, "pending"
    all_flags, problem = _job()[0].result()
    if all_flags is None:
        return None, problem
    return read.flags.select_flags(Path(lake()), f or filters(), all_flags), None


def flags(f: Filters | None = None) -> pl.DataFrame | None:
    """The selection's flags, None when the rule engine is not ready (or failed)."""
    return flags_status(f)[0]


def number(value: object) -> float | None:
    """A polars aggregate (sum, mean, min, max) as a float; None when empty or not a number."""
    return float(value) if isinstance(value, int | float) else None


@overload
def start_page(title_key: str, *, action: str = "view", documents: Literal[True] = True) -> pl.DataFrame: ...
@overload
def start_page(title_key: str, *, action: str = "view", documents: Literal[False]) -> None: ...


def start_page(title_key: str, *, action: str = "view", documents: bool = True) -> pl.DataFrame | None:
    """Every page's first lines: sign-in and the role for `action` (server-side, before anything is read),
    app.py's navigation for a deep link, the title; with `documents`, the selection's documents (the run
    stops with what to do when there are none)."""
    require(action)
    ensure_navigation()
    st.session_state["_run_no"] = _run_id() + 1
    st.title(t(title_key))
    return require_documents() if documents else None


def require_documents() -> pl.DataFrame:
    """The selection's documents; stops the page with the how-to-ingest message when the lake is empty."""
    docs = cached(read.lake.selected_documents)
    if docs.is_empty():
        if cached(read.lake.selected_documents, f=Filters()).is_empty():
            st.info(t("empty_lake", lake=lake()))
        else:
            st.info(t("empty_selection"))
        st.stop()
    return docs


def style(fig: Any, height: int | None = None, legend_title: str | None = None) -> Any:
    """Common plotly layout: palette, margins, horizontal legend on top, Chinese-friendly font."""
    fig.update_layout(
        colorway=COLORS, margin={"l": 10, "r": 10, "t": 40, "b": 10}, height=height,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title": {"text": legend_title or ""},
                "traceorder": "normal"},
        font={"family": "sans-serif", "size": 13}, separators=".,", hoverlabel={"namelength": -1},
        plot_bgcolor=theme.WHITE,
    )
    # exponentformat none: 80,000 not "80k" (an SI suffix is not a Chinese number unit)
    fig.update_xaxes(gridcolor=theme.GRID, separatethousands=True, exponentformat="none")
    fig.update_yaxes(gridcolor=theme.GRID, separatethousands=True, exponentformat="none")
    return fig


def header_width(text: str, least: int = 0) -> int:
    """Pixels a table header needs to show whole (CJK characters about twice a Latin one, plus the sort icon)."""
    return max(least, int(sum(13 if ord(ch) >= 0x2E80 else 6.5 for ch in text) + 24))


def words_width(texts: Iterable[Any], least: int = 0) -> int:
    """Pixels a column of wrapping text needs so that it breaks lines only between words: "Final account" on two
    lines, never "Final accoun|t" (a word as header_width counts a header, a Latin letter a little wider)."""
    words = [w for text in texts if text for w in re.split(r"[\s-]+", str(text)) if w]
    return max([least, *(int(sum(14 if ord(ch) >= 0x2E80 else 7 for ch in w) + 30) for w in words)])


def money_column(title: str, **kw: Any) -> Any:
    """A table column of amounts in 万元: the unit in its header (预算数（万元）), thousands separators; a
    width given in pixels is widened to the header (a cut "年初预算数（万" or "Initial budget (10k" says nothing)."""
    from pages._i18n import paren, unit

    header = f"{title}{paren(unit())}"
    if isinstance(kw.get("width"), int):
        kw["width"] = max(kw["width"], header_width(header))
    return st.column_config.NumberColumn(header, format="%,.2f", **kw)


# A table shows at most this many rows: every row shown is sent to the browser, and a national lake's (~800,000 三公
# rows at 100,000 documents) ran past the message size limit. The download holds every row; search and the
# sidebar's filters narrow what is shown. $FISCAL_TABLE_ROWS sets another (tests).
MAX_TABLE_ROWS = int(os.environ.get("FISCAL_TABLE_ROWS") or 5000)


def capped(frame: pl.DataFrame) -> pl.DataFrame:
    """The rows of a table to show: the first MAX_TABLE_ROWS, with a note saying how many are left out (the
    table's order is kept, so a selected row's index is the same in the frame and on screen)."""
    if frame.height <= MAX_TABLE_ROWS:
        return frame
    st.caption(t("table_capped", n=MAX_TABLE_ROWS, total=frame.height), help=t("table_capped_help"))
    return frame.head(MAX_TABLE_ROWS)


def chart(fig: Any, key: str | None = None) -> None:
    """Draw a plotly figure across the page width."""
    st.plotly_chart(fig, config=PLOTLY_CONFIG, key=key, width="stretch")


# ---------------------------------------------------------------- downloads of on-screen tables

def page_url(path: str, **params: Any) -> str:
    """A link to another page of the dashboard keeping this page's language and thresholds (helper "findings")."""
    from urllib.parse import urlencode

    keep = {k: st.query_params[k] for k in ("lang", "thr") if k in st.query_params}
    return f"/{path}?" + urlencode({**{k: str(v) for k, v in params.items()}, **keep})


def agency_link(agency_id: str | None, agency: str | None) -> str | None:
    """The agency page's URL, the name after '#' (LinkColumn shows it with display_text=AGENCY_LINK_TEXT)."""
    return f"{page_url('agency', id=agency_id)}#{agency or agency_id}" if agency_id else None


AGENCY_LINK_TEXT = r"#(.+)$"
