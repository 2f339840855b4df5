"""The dashboard's colours, in one place (the Streamlit theme itself is in .streamlit/config.toml)."""

from __future__ import annotations

PRIMARY = "#2F6F8F"  # blue: the main series, plain points
ACCENT = "#E08E45"  # orange: warnings, a second series, the selected agency
ALERT = "#C8553D"  # red: errors, the low-execution/high-score corner, outliers
GOOD = "#7FA650"  # green
INFO = "#5B9BB5"  # light blue: info notes
MUTED = "#9AA5AF"  # grey: peers, unknown
ALERT_TEXT = "#7A2E22"  # dark red labels on light backgrounds
WHITE = "#FFFFFF"
GRID = "#E6E9ED"
PANEL = "#F3F5F7"  # secondary background (treemap root)

SERIES = [PRIMARY, ACCENT, GOOD, ALERT, "#8E6C8A", INFO, "#D4B483", "#4C4C6D"]
SEVERITY = {"error": ALERT, "warning": ACCENT, "info": INFO}
BANDS = {"high": ALERT, "mid": ACCENT, "low": GOOD}  # inflation index bands
