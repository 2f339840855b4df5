"""The sidebar: language toggle and the shared filters, kept in the session and mirrored in the URL.

Drawn by app.py on every run, before the page, so the selection survives page changes
(widget state of the entry script persists) and a copied link (?province=…&agency=…)
reproduces the view.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from fiscal import read
from fiscal.filters import DOC_KINDS, Filters, Ignored, parse_params, region_name
from fiscal.thresholds import ThresholdError, Thresholds
from pages._common import lake, state, thresholds
from pages._i18n import labels, t

KEYS = {"province": "f_province", "city": "f_city", "agencies": "f_agencies", "years": "f_years", "kinds": "f_kinds"}
ALL = ""
# The query parameters the sidebar owns (a page's own, e.g. ?year=, are left alone).
SIDEBAR_PARAMS: tuple[str, ...] = ("province", "city", "agency", "years", "kind", "lang", "thr")


@st.cache_data(show_spinner=False, max_entries=16)
def _options(lake_root: str, lake_state: tuple[Any, ...]) -> pl.DataFrame:
    """Regions, agencies, years and kinds present in the lake."""
    return read.documents.filter_options(Path(lake_root))


def _init_from_url(opts: pl.DataFrame) -> None:
    """On a session's first run, seed the widgets from the query string; say what in it was ignored."""
    if st.session_state.get("_filters_init"):
        return
    st.session_state["_filters_init"] = True
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    if "en" in params.get("lang", []):
        st.session_state["lang_en"] = True
        st.session_state["lang"] = "en"
    f, ignored = parse_params(params)
    f, more = _within_lake(f, opts)
    notices = [url_notice(i.param, i.value, i.reason) for i in [*ignored, *more]]
    try:
        st.session_state["rule_params"] = Thresholds.parse(params.get("thr", [])).changed()
    except ThresholdError as exc:
        notices.append(t("thr_ignored", why=str(exc)))
    st.session_state["url_notices"] = [*st.session_state.get("url_notices", []), *notices]
    st.session_state[KEYS["province"]] = f.province or ALL
    st.session_state[KEYS["city"]] = f.city or ALL
    st.session_state[KEYS["agencies"]] = list(f.agencies)
    st.session_state[KEYS["kinds"]] = list(f.kinds)
    years = sorted(opts.get_column("year").unique().drop_nulls().to_list()) if opts.height else []
    if f.years and years:
        lo = min((y for y in years if y >= f.years[0]), default=years[-1])
        hi = max((y for y in years if y <= f.years[1]), default=years[0])
        st.session_state[KEYS["years"]] = (min(lo, hi), max(lo, hi))


def _within_lake(f: Filters, opts: pl.DataFrame) -> tuple[Filters, list[Ignored]]:
    """The selection less what the lake does not hold (a province, city, agency, kind or years out of reach)."""
    if opts.is_empty():
        return f, []
    out: list[Ignored] = []
    if f.province and f.province not in set(opts.get_column("province_code").to_list()):
        out.append(Ignored("province", region_name(f.province), "not_in_lake"))
        f = f.with_(province=None, city=None)
    if f.city and f.city not in set(opts.get_column("city_code").drop_nulls().to_list()):
        out.append(Ignored("city", region_name(f.city), "not_in_lake"))
        f = f.with_(city=None)
    known = set(opts.get_column("agency_id").to_list())
    out += [Ignored("agency", a, "not_in_lake") for a in f.agencies if a not in known]
    f = f.with_(agencies=tuple(a for a in f.agencies if a in known))
    kinds = set(opts.get_column("doc_kind").to_list())
    out += [Ignored("kind", k, "not_in_lake") for k in f.kinds if k not in kinds]
    f = f.with_(kinds=tuple(k for k in f.kinds if k in kinds))
    years = opts.get_column("year").drop_nulls()
    if f.years and years.len() and (f.years[1] < years.min() or f.years[0] > years.max()):  # type: ignore[operator]
        out.append(Ignored("years", f"{f.years[0]}-{f.years[1]}", "years_out_of_reach"))
        f = f.with_(years=None)
    return f, out


def url_notice(param: str, value: str, reason: str) -> str:
    """What a link asked for that was not applied, and why, in the reader's language."""
    return t("url_ignored", param=t(f"url_param_{param}") if t(f"url_param_{param}") != f"url_param_{param}"
             else param, value=value, why=t(f"url_why_{reason}"))


def url_select(label: str, options: list[Any], param: str, key: str, default: Any, widget: Any = None,
               **kw: Any) -> Any:
    """A page-level choice (selectbox, or `widget` such as st.radio) kept in the URL (?param=value).

    A value the page cannot offer is reported with a notice, never silently replaced.
    """
    raw = st.query_params.get(param)
    by_text = {str(o): o for o in options}
    if key not in st.session_state or st.session_state[key] not in options:
        if raw is not None and raw not in by_text:
            st.warning(url_notice(param, raw, "not_offered"), icon=":material/link_off:")
        st.session_state[key] = by_text.get(raw, default) if raw is not None else default
    value = (widget or st.selectbox)(label, options, key=key, **kw)
    if st.query_params.get(param) != str(value):
        st.query_params[param] = str(value)
    return value


def url_text(label: str, param: str, key: str, **kw: Any) -> str:
    """A page-level text input (e.g. a search) kept in the URL (?param=text, absent when empty)."""
    if key not in st.session_state:
        st.session_state[key] = st.query_params.get(param) or ""
    value = str(st.text_input(label, key=key, **kw) or "")
    if value.strip() and st.query_params.get(param) != value.strip():
        st.query_params[param] = value.strip()
    elif not value.strip() and param in st.query_params:
        del st.query_params[param]
    return value


def url_toggle(label: str, param: str, key: str, **kw: Any) -> bool:
    """A page-level toggle kept in the URL (?param=1 when on)."""
    if key not in st.session_state:
        st.session_state[key] = st.query_params.get(param) == "1"
    value = bool(st.toggle(label, key=key, **kw))
    if value and st.query_params.get(param) != "1":
        st.query_params[param] = "1"
    elif not value and param in st.query_params:
        del st.query_params[param]
    return value


def _keep_valid(key: str, options: list[Any], multi: bool = False) -> None:
    """Drop a remembered choice that is no longer offered (e.g. an agency outside the new province)."""
    value = st.session_state.get(key)
    if multi:
        st.session_state[key] = [v for v in (value or []) if v in options]
    elif value not in options:
        st.session_state[key] = ALL


def _reset() -> None:
    """Clear every filter."""
    for key in KEYS.values():
        st.session_state.pop(key, None)
    st.session_state[KEYS["province"]] = ALL
    st.session_state[KEYS["city"]] = ALL


def sidebar() -> Filters:
    """Draw the language toggle and the filters; store the selection in the session and the URL."""
    with st.sidebar:
        st.session_state["lang"] = "en" if st.session_state.get("lang_en") else "zh"
        opts = _options(lake(), state())
        _init_from_url(opts)
        st.toggle(t("lang_toggle"), key="lang_en")
        st.session_state["lang"] = "en" if st.session_state.get("lang_en") else "zh"
        st.subheader(t("filters"))
        f = _widgets(opts) if opts.height else Filters()
        st.button(t("f_reset"), on_click=_reset, width="stretch", disabled=f.is_empty())
        for notice in st.session_state.get("url_notices", []):
            st.warning(notice, icon=":material/link_off:")
    st.session_state["filters"] = f
    _write_url(f)
    return f


def _widgets(opts: pl.DataFrame) -> Filters:
    """The five filter widgets, each offering only what the choices above it leave."""
    # format functions get plain dicts: AppTest calls them outside the script run
    all_label = t("f_all")
    region_names = {c: region_name(c) for c in opts.get_column("province_code").unique().drop_nulls()}
    region_names.update({c: region_name(c) for c in opts.get_column("city_code").unique().drop_nulls()})
    region_names[ALL] = all_label
    provinces = sorted(opts.get_column("province_code").unique().drop_nulls().to_list())
    _keep_valid(KEYS["province"], [ALL, *provinces])
    province = st.selectbox(
        t("f_province"), [ALL, *provinces], key=KEYS["province"],
        format_func=lambda c: region_names.get(c, c),
    )
    in_province = opts.filter(pl.col("province_code") == province) if province else opts
    cities = sorted(in_province.get_column("city_code").unique().drop_nulls().to_list())
    _keep_valid(KEYS["city"], [ALL, *cities])
    city = st.selectbox(
        t("f_city"), [ALL, *cities], key=KEYS["city"], disabled=not province or not cities,
        format_func=lambda c: region_names.get(c, c),
    )
    in_region = in_province.filter(pl.col("city_code") == city) if city else in_province
    agencies = in_region.select("agency_id", "agency", "region").unique("agency_id", keep="first",
                                                                        maintain_order=True).sort("region", "agency")
    # one name in several regions (教育局 of two counties) is told apart by its region: 教育局（湖南省岳阳市）
    twice = pl.col("agency").is_duplicated()
    agencies = agencies.with_columns(pl.when(twice & pl.col("region").is_not_null())
                                     .then(pl.format("{}{}", "agency", pl.lit("（") + pl.col("region") + pl.lit("）")))
                                     .otherwise("agency").alias("shown"))
    names = dict(agencies.select("agency_id", "shown").iter_rows())
    _keep_valid(KEYS["agencies"], list(names), multi=True)
    chosen = st.multiselect(
        t("f_agency"), list(names), key=KEYS["agencies"], format_func=lambda a: names.get(a, a),
        placeholder=all_label,
    )
    years = sorted(in_region.get_column("year").unique().drop_nulls().to_list())
    year_range: tuple[int, int] | None = None
    if len(years) > 1:
        current = st.session_state.get(KEYS["years"])
        valid = isinstance(current, tuple | list) and len(current) == 2 and current[0] in years and current[1] in years
        if not valid:
            st.session_state[KEYS["years"]] = (years[0], years[-1])
        lo, hi = st.select_slider(t("f_years"), options=years, key=KEYS["years"])
        if (lo, hi) != (years[0], years[-1]):
            year_range = (lo, hi)
    elif years:
        st.caption(t("f_one_year", year=years[0]))
    kind_names = labels("kind")
    kinds = [k for k in DOC_KINDS if k in set(in_region.get_column("doc_kind").to_list())]
    _keep_valid(KEYS["kinds"], kinds, multi=True)
    chosen_kinds = st.multiselect(
        t("f_kind"), kinds, key=KEYS["kinds"], format_func=lambda k: kind_names.get(k, k), placeholder=all_label,
    )
    if set(chosen_kinds) == set(kinds):
        chosen_kinds = []
    return Filters(province or None, city or None, tuple(chosen), year_range, tuple(chosen_kinds))


def _write_url(f: Filters) -> None:
    """Mirror the selection (and the language) in the query string, key by key: page-level keys stay."""
    params: dict[str, Any] = dict(f.to_params())
    if st.session_state.get("lang") == "en":
        params["lang"] = "en"
    thr = thresholds().as_strings()
    if thr:
        params["thr"] = thr
    for key in (*SIDEBAR_PARAMS, *params):
        current = st.query_params.get_all(key) if key == "thr" else st.query_params.get(key)
        wanted = params.get(key)
        if wanted is None:
            if key in st.query_params:
                del st.query_params[key]
        elif current != wanted:
            st.query_params[key] = wanted


def synthetic_banner(f: Filters) -> None:
    """The 示例数据 banner, when synthetic documents are in the selection."""
    n = read.documents.has_synthetic(Path(lake()), f) if Path(lake()).exists() else 0
    if n:
        st.warning(t("synthetic_banner", n=n), icon=":material/science:")
