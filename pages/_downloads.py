"""Downloads of the tables on screen: CSV (a zip with its 数据字典) and Excel holding exactly the rows shown, with
the reader's language's headers and code names, named after the selection they hold."""

from __future__ import annotations

import re
from typing import Any

import polars as pl
import streamlit as st

from fiscal import read
from pages._common import cached, filters
from pages._i18n import lang, t

# Which code list names a column's values in a download (决算, not final_account).
VALUE_GROUPS: dict[str, str] = {"doc_kind": "kind", "scope": "scope", "stage": "stage", "measure": "measure",
                                "group": "group", "severity": "severity", "rule": "rule", "source": "source",
                                "reading": "reading", "comparator": "comparator"}


def download_values(columns: list[str], extra: dict[str, str] | None = None) -> dict[str, dict[str, str]]:
    """Names of the coded columns among `columns` in the reader's language (extra: column → label group,
    e.g. item → sangong): Chinese in Chinese mode (决算, not final_account), English in English mode."""
    from pages._i18n import labels

    groups = {**VALUE_GROUPS, **(extra or {})}
    return {c: labels(groups[c]) for c in columns if c in groups and labels(groups[c])}


_UNIT_IN_HEADER = re.compile(r"（([^（）]+)）$")


def english_headers(frame: pl.DataFrame, columns: list[str], headers: dict[str, str] | None,
                    percent: tuple[str, ...]) -> dict[str, str]:
    """English download headers: the column's English name with its unit in English (Amount (10k yuan))."""
    from fiscal.dictionary import COLUMNS, FRACTION, UNITS_EN
    from fiscal.export import TABLE_PROVENANCE
    from pages._i18n import label

    out = {}
    for c in dict.fromkeys([*columns, *TABLE_PROVENANCE]):
        if c not in frame.columns:
            continue
        given = _UNIT_IN_HEADER.search((headers or {}).get(c, ""))
        own = COLUMNS.get(c, ("", "", ""))[1]
        unit = "%" if c in percent or own == FRACTION else (given.group(1) if given else own)
        name = label("column", c)
        unit_en = UNITS_EN.get(unit, "") if unit else ""
        out[c] = f"{name} ({unit_en})" if unit_en and f"({unit_en})" not in name else name
    return out


def table_files(frame: pl.DataFrame, columns: list[str], headers: dict[str, str] | None = None,
                value_groups: dict[str, str] | None = None, percent: tuple[str, ...] = ()) -> tuple[pl.DataFrame,
                                                                                                   pl.DataFrame]:
    """The download of an on-screen table: its rows with Chinese headers and values, and its 数据字典."""
    from fiscal import export

    if "doc_id" in frame.columns and "source_name" not in frame.columns:
        names = cached(read.lake.selected_documents).select("doc_id", "source_name").unique(subset="doc_id")
        frame = frame.join(names, on="doc_id", how="left")
    values = download_values([*columns, "doc_kind", "stage"], value_groups)
    if lang() == "en":  # English mode downloads in English: headers, units, code names, yes/no
        heads = english_headers(frame, columns, headers, percent)
        data = export.table_frame(frame, columns, heads, values, percent, yes_no=("yes", "no"))
        return data, export.table_dictionary(frame, columns, heads, percent, lang="en",
                                             descriptions={c: t("dl_describe", name=h) for c, h in heads.items()})
    data = export.table_frame(frame, columns, headers, values, percent)
    return data, export.table_dictionary(frame, columns, headers, percent)


def download_stem(name: str, narrowed: dict[str, Any] | None = None) -> str:
    """A download's file name (no extension): the table's name, the sidebar's selection as the URL says it and
    what the page narrowed the rows to (its year, metric, search text …), so two downloads of one table under
    different filters have different names: sangong_province-430000_years-2021-2023, projects_q-教育."""
    page = {k: ",".join(map(str, v)) if isinstance(v, list | tuple) else str(v) for k, v in (narrowed or {}).items()
            if v not in (None, "", [], ())}
    params = {**filters().to_params(), **page}
    stem = f"{name}_{'_'.join(f'{k}-{v}' for k, v in params.items()) or 'all'}"
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)[:120]


def download_table(frame: pl.DataFrame, name: str, columns: list[str], headers: dict[str, str] | None = None,
                   value_groups: dict[str, str] | None = None, percent: tuple[str, ...] = (),
                   narrowed: dict[str, Any] | None = None) -> None:
    """CSV (zip of data.csv + 数据字典.csv) and Excel buttons holding exactly the rows of the table on screen.

    Pass the frame the table shows, after every filter and search, so screen and file
    count the same rows, and in `narrowed` what the page narrowed it by (for the file's name). Hidden (with a
    note) unless the session may download; the role is checked on the server before any byte is produced.
    """
    from fiscal import export
    from pages._auth import allowed, check

    if not allowed("download"):
        st.caption(t("dl_no_download"))
        return
    check("download")
    data, dictionary = table_files(frame, columns, headers, value_groups, percent)
    stem = download_stem(name, narrowed)
    with st.container(horizontal=True):
        st.caption(t("dl_rows", n=data.height))
        # the bytes are made on click (a callable, on another thread: no st calls in it), not on every run
        book = export.DICTIONARY_SHEET if lang() == "zh" else "data_dictionary"
        st.download_button(t("dl_csv"), lambda: export.to_bundle(data, dictionary, book), file_name=f"{stem}.zip",
                           mime="application/zip", help=t("dl_csv_help"), icon=":material/download:",
                           key=f"dl_csv_{name}", on_click="ignore")
        st.download_button(t("dl_xlsx"), lambda: export.to_xlsx(data, sheet=name, dictionary=dictionary,
                                                              dictionary_name=book),
                           file_name=f"{stem}.xlsx", icon=":material/table_view:",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key=f"dl_xlsx_{name}", on_click="ignore")
