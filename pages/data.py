"""数据: the selection's rows of every dataset, as CSV (UTF-8 BOM, injection-safe) and XLSX; ingest reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from fiscal import export, read
from fiscal.schema import DATASETS, PROJECT_FUND_SUMS
from pages import _theme as theme
from pages._auth import allowed, check
from pages._common import (
    cached,
    capped,
    flags,
    flags_pending,
    header_width,
    lake,
    money_column,
    start_page,
    words_width,
)
from pages._downloads import VALUE_GROUPS, download_stem, table_files
from pages._filters import url_select
from pages._i18n import label, labels, lang, t

LIST_ORDER = ("documents", "summary", "line_items", "economic_items", "sangong", "projects", "indicators", "narrative")
FLAGS = "flags"  # the anomaly flags, offered as one more download


WIDE_INDEX = ["region", "agency", "year", "doc_kind", "stage", "source_name", "doc_id", "page"]


def table_rows(dataset: str, rows: pl.DataFrame, layout: str = "long") -> pl.DataFrame:
    """The rows the page shows and the files hold: 三公 optionally wide (one column per item, as printed)."""
    if dataset == "sangong" and layout == "wide" and rows.height:
        named = rows.with_columns(pl.col("item").replace_strict(labels("sangong"), default=pl.col("item")))
        return export.wide(named, [c for c in WIDE_INDEX if c in rows.columns], "item", "amount")
    return rows


def _download_frames(dataset: str, rows: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The rows with Chinese headers and values, and their 数据字典."""
    groups = {"item": "sangong"} if dataset == "sangong" else {}
    return table_files(rows, list(rows.columns), value_groups=groups)


def export_files(dataset: str, layout: str = "long") -> tuple[bytes, bytes]:
    """CSV bundle (zip: data.csv + 数据字典.csv) and XLSX bytes of the selection's rows, as on screen.

    Raises auth.PermissionDenied unless the session may download: the check runs on the
    server before any byte is produced (not only the button is hidden).
    """
    check("download")
    data, dictionary = _download_frames(dataset, table_rows(dataset, _rows(dataset), layout))
    return export.to_bundle(data, dictionary), export.to_xlsx(data, sheet=dataset, dictionary=dictionary)


def _rows(dataset: str) -> pl.DataFrame:
    """The selection's rows of a dataset as counted on every page, with their provenance."""
    docs = cached(read.lake.selected_documents)
    if dataset == FLAGS:
        fl = flags()
        return export.flag_rows(Path(lake()), fl if fl is not None else pl.DataFrame(schema={"doc_id": pl.String}),
                                docs)
    return export.with_provenance(Path(lake()), cached(read.documents.dataset_rows, dataset), docs)


# amounts in 万元: a project's funds and their 其中 lines (fiscal.schema.PROJECT_FUND_SUMS) besides `amount`
MONEY = frozenset({"amount", *PROJECT_FUND_SUMS, *(c for lines in PROJECT_FUND_SUMS.values() for c in lines)})


def _column_config(rows: pl.DataFrame) -> dict[str, Any]:
    """Localised column headers (the data and the downloads keep the contract's column names)."""
    cc = st.column_config
    out: dict[str, Any] = {}
    for name, dtype in rows.schema.items():
        title = label("column", name)
        if name == "year":
            out[name] = cc.NumberColumn(title, format="%d")
        elif name in MONEY:
            out[name] = money_column(title)
        elif isinstance(dtype, pl.Datetime):
            out[name] = cc.DatetimeColumn(title, format="YYYY-MM-DD HH:mm", timezone="Asia/Shanghai")
        else:
            out[name] = cc.Column(title)
    return out


def _downloads(dataset: str, rows: pl.DataFrame, layout: str) -> None:
    """The dataset table and its two download buttons (analysts and admins): the same rows."""
    st.caption(t("da_rows", n=rows.height))
    if allowed("download"):
        _buttons(dataset, layout)
    else:
        st.caption(t("da_no_download"), help=None)
    # a stored file's path and a figure's coordinates on its page are for the download, not the screen
    shown = rows.drop("source_path", "bbox", strict=False)
    # where a row comes from (file, page, the 64-character hash) after its figures: the amounts in view first
    last = [*(c for c in export.TABLE_PROVENANCE if c != "doc_id"), "doc_id"]
    provenance = [c for c in last if c in shown.columns]
    shown = shown.select(pl.exclude(provenance), *provenance)
    st.dataframe(_display(dataset, capped(shown)), hide_index=True, placeholder="—", width="stretch",
                 column_config=_column_config(shown), height=420)
    st.caption(t("da_codes_note"))


def _buttons(dataset: str, layout: str) -> None:
    """The CSV (zip with 数据字典) and XLSX download buttons."""
    check("download")  # on the server, before any byte; the bytes themselves are made on click
    data, dictionary = _download_frames(dataset, table_rows(dataset, _rows(dataset), layout))
    # "data_": the whole dataset's rows, not a page's table of the same name (sangong_… is the 三公 page's table)
    stem = download_stem(f"data_{dataset}", {"layout": layout} if layout != "long" else None)
    book = export.DICTIONARY_SHEET if lang() == "zh" else "data_dictionary"  # the dictionary's name, as its headers
    with st.container(horizontal=True):
        st.download_button(t("da_csv"), lambda: export.to_bundle(data, dictionary, book), file_name=f"{stem}.zip",
                           mime="application/zip", help=t("dl_csv_help"), icon=":material/download:", key="da_csv",
                           on_click="ignore")
        st.download_button(t("da_xlsx"), lambda: export.to_xlsx(data, sheet=dataset, dictionary=dictionary,
                                                                dictionary_name=book),
                           file_name=f"{stem}.xlsx", icon=":material/table_view:",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key="da_xlsx", on_click="ignore")


def _display(dataset: str, rows: pl.DataFrame) -> pl.DataFrame:
    """Codes shown by their names (doc kind, 三公 item, stage …); the downloads keep the lake's codes."""
    groups = {**VALUE_GROUPS, **({"item": "sangong"} if dataset == "sangong" else {})}  # as the download names them
    fixes = [pl.col(c).replace_strict(labels(g), default=pl.col(c)) for c, g in groups.items() if c in rows.columns
             and rows.schema[c] == pl.String]
    return rows.with_columns(fixes) if fixes else rows


def _reports(docs: pl.DataFrame) -> None:
    """The documents list with their ingest reports, and the quarantine."""
    st.subheader(t("da_documents"))
    missing = t("missing")
    view = docs.select(
        "source_name", "region", "agency", "year",
        pl.col("doc_kind").replace_strict(labels("kind"), default=pl.col("doc_kind")),
        pl.col("scope").replace_strict(labels("scope"), default=pl.col("scope")),
        pl.concat_str(pl.col("tables_found").cast(pl.String).fill_null(missing),  # as on the 文档 page
                      pl.col("tables_expected").cast(pl.String).fill_null(missing), separator=" / ").alias("tables"),
        "checks_passed", "checks_failed", pl.col("warnings").list.len().alias("warning_count"), "synthetic",
    )
    cc = st.column_config
    # names wrap on two lines (theme.row_height) and the counts take their headers' width: the page's width
    heads = {c: label("column", c) for c in view.columns} | {
        "tables": t("doc_col_tables"), "warning_count": t("da_warnings"), "checks_passed": t("da_passed"),
        "checks_failed": t("da_failed")}
    config: dict[str, Any] = {c: cc.NumberColumn(h, format="%d", width=header_width(h, 50)) for c, h in heads.items()}
    config |= {c: cc.NumberColumn(heads[c], format="%d", width=header_width(heads[c], 50), help=t("da_checks_help"))
               for c in ("checks_passed", "checks_failed")}
    config |= {"source_name": cc.TextColumn(heads["source_name"], width=140),
               "region": cc.TextColumn(heads["region"], width=80),
               "agency": cc.TextColumn(heads["agency"], width=110),
               # kinds and scopes wrap between words only (English "Final account", "Department")
               **{c: cc.TextColumn(heads[c], width=words_width(view.get_column(c).unique(), header_width(heads[c], w)))
                  for c, w in (("doc_kind", 60), ("scope", 50))},
               "tables": cc.TextColumn(heads["tables"], help=t("doc_col_tables_help"),
                                       width=header_width(heads["tables"], 60)),
               "synthetic": cc.CheckboxColumn(heads["synthetic"], width=header_width(heads["synthetic"]))}
    st.dataframe(capped(view), hide_index=True, placeholder="—", width="stretch", column_config=config,
                 row_height=theme.row_height(2))
    st.page_link("pages/documents.py", label=t("da_details"), icon=":material/description:")
    st.subheader(t("da_quarantine"))
    quarantine = read.documents.quarantined(Path(lake()))
    if quarantine.is_empty():
        st.caption(t("da_quarantine_empty"))
    else:
        cc = st.column_config
        st.dataframe(quarantine.select("name", "stage", "reason", "detail"), hide_index=True, placeholder="—",
                     width="stretch",
                     column_config={c: cc.TextColumn(t(f"da_q_{c}")) for c in ("name", "stage", "reason", "detail")})


def main() -> None:
    """Draw the page."""
    docs = start_page("da_title")
    datasets = [d for d in LIST_ORDER if d in DATASETS] + [d for d in DATASETS if d not in LIST_ORDER] + [FLAGS]
    names = {**labels("dataset"), FLAGS: t("nav_flags")}
    dataset = url_select(t("da_dataset"), datasets, "dataset", "da_dataset", "sangong",
                         format_func=lambda d: names.get(d, d), width=320)
    layout = "long"
    if dataset == "sangong":
        layouts = {"long": t("da_long"), "wide": t("da_wide")}
        layout = url_select(t("da_layout"), list(layouts), "layout", "da_layout", "long",
                            format_func=lambda v: layouts.get(v, v), width=320)
    if dataset == FLAGS and flags() is None:
        if flags_pending():  # no download of flags not yet computed (the waiting notice is above)
            _reports(docs)
            return
        st.info(t("fl_unavailable"))
    rows = table_rows(dataset, _rows(dataset), layout)
    _downloads(dataset, rows, layout)
    st.caption(t("da_provenance"))
    _reports(docs)


if __name__ == "__main__":  # st.Page runs the file as __main__; tests import export_files
    main()
