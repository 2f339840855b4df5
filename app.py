"""The dashboard entry point: page config, the lake location, navigation.

Run with `streamlit run app.py [-- --lake DIR]`; without --lake, $LAKE_DIR, else lake/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from fiscal import auth
from fiscal.config import lake_dir
from pages._auth import gate, sidebar_user
from pages._filters import sidebar, synthetic_banner
from pages._i18n import t

ROOT = Path(__file__).resolve().parent
ICON = ROOT / "pages" / "icon.png"


def _cli_lake(argv: list[str]) -> str | None:
    """The --lake value passed after `--` on the streamlit command line, if any."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    parser.add_argument("--lake")
    try:
        args, _ = parser.parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):
        return None
    return str(args.lake) if args.lake is not None else None


# Until st.navigation has run once, Streamlit treats the pages/ folder as an old-style
# multipage app and wraps this script in its own navigation: leave that mode before
# drawing anything, so that the first run of a session is like every other.
if PagesManager.uses_pages_directory:
    PagesManager.uses_pages_directory = False
    st.rerun()

# The tab icon is a file served by the app itself: a :material/…: icon there makes the browser fetch it from
# fonts.gstatic.com, and the dashboard loads nothing from the internet.
st.set_page_config(page_title="预算公开数据", page_icon=str(ICON), layout="wide")
st.session_state["lake_dir"] = str(lake_dir(_cli_lake(sys.argv[1:])).resolve())

# Sign-in first: an anonymous session gets the login page and nothing read from the lake
# (the sidebar filters list regions and agencies). Each page checks its own permission too.
role = gate()

# The sidebar (language, filters) is drawn on every run before the page: its state is
# shared by all pages and mirrored in the URL. Its options are the first read of the lake (seconds on a
# national lake's first visit): a spinner in the main area says so rather than a blank page.
with st.spinner(t("loading_lake"), show_time=True):
    selection = sidebar()
sidebar_user()

PAGES = [  # (file, title key, icon)
    ("overview.py", "nav_overview", ":material/dashboard:"),
    ("composition.py", "nav_composition", ":material/donut_small:"),
    ("sangong.py", "nav_sangong", ":material/directions_car:"),
    ("projects.py", "nav_projects", ":material/fact_check:"),
    ("flags.py", "nav_flags", ":material/flag:"),
    ("peers.py", "nav_peers", ":material/groups:"),
    ("inflation.py", "nav_inflation", ":material/trending_up:"),
    ("quality.py", "nav_quality", ":material/verified:"),
    ("data.py", "nav_data", ":material/download:"),
    ("documents.py", "nav_documents", ":material/description:"),
    ("agency.py", "nav_agency", ":material/apartment:"),
]
if auth.can(role, "upload"):  # admins only; pages/upload.py checks the role again on every run
    PAGES.append(("upload.py", "nav_upload", ":material/upload_file:"))
nav = st.navigation(
    [st.Page(ROOT / "pages" / name, title=t(key), icon=icon, default=i == 0)
     for i, (name, key, icon) in enumerate(PAGES)]
)
synthetic_banner(selection)
nav.run()
