"""The demo corpus holds one judged peer group (湖南省·教育, the plan's last year) with one planted outlier.

`peer_outlier` compares an agency-year with at least five peers of its province and agency type
(`fiscal.peers.peer_comparison`); the synthetic corpus plants six 教育局 of 湖南省 in one year,
one of them (岳阳市教育局) spending far more on 三公 per staff member than the others.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from fiscal import store
from samplegen import synthetic

N = synthetic.PEER_N


def _group(specs: list[synthetic.DocSpec]) -> list[synthetic.DocSpec]:
    return synthetic.peer_group(specs)


def test_plan_holds_one_peer_group_with_one_planted_outlier() -> None:
    specs = synthetic.plan(N)
    assert len(specs) == N == 29
    assert specs[: synthetic.BASE_N] == synthetic.plan(synthetic.BASE_N)  # the older demo corpus, unchanged
    assert len({(s.region_code, s.agency, s.year) for s in specs}) == N
    group = _group(specs)
    assert len(group) >= 6
    assert len({s.agency for s in group}) == len(group)
    planted = [s for s in specs if "peer_outlier" in s.anomalies]
    assert [s.agency for s in planted] == ["岳阳市教育局"] and planted[0] in group
    assert synthetic.plan(N) == specs  # deterministic
    for spec in group:  # every peer states its staff; the outlier spends far more per person
        fig = synthetic.figures(spec)
        assert fig.staff[0] >= fig.staff[1] > 0
    per_staff = {s.agency: sum(synthetic.figures(s).sangong_actual.values()) / synthetic.figures(s).staff[1]
                 for s in group}
    others = sorted(v for k, v in per_staff.items() if k != "岳阳市教育局")
    assert per_staff["岳阳市教育局"] > 3 * others[-1]


def _page_text(pdf: Path, page: int) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return doc[page - 1].get_textpage().get_text_range()
    finally:
        doc.close()



def test_peer_comparison_judges_the_group_and_flags_only_the_planted_outlier(peer_lake: Path) -> None:
    from fiscal.peers import peer_comparison
    from fiscal.rules import Frames, evaluate

    frames = Frames.from_lake(peer_lake)
    assert frames.documents.get_column("synthetic").all()
    comp = peer_comparison(frames)
    per_staff = comp.filter(pl.col("metric") == "sangong_per_staff")
    assert per_staff.height == 6  # every peer's staff count was read from its prose
    assert per_staff.get_column("peer_group").unique().to_list() == ["湖南省·教育"]
    assert per_staff.get_column("peers").unique().to_list() == [6]
    assert per_staff.get_column("outlier").is_not_null().all()  # judged: 6 ≥ min_peers
    staff_notes = per_staff.get_column("note").to_list()
    assert all("实有人数，见第2页" in n for n in staff_notes), staff_notes

    outliers = comp.filter(pl.col("outlier").fill_null(False))
    assert set(outliers.get_column("agency").to_list()) == {"岳阳市教育局"}
    assert "sangong_per_staff" in outliers.get_column("metric").to_list()
    row = outliers.filter(pl.col("metric") == "sangong_per_staff").row(0, named=True)
    assert row["value"] > row["fence"]
    # its page: the 三公 table (公开09表) of its own document
    doc = frames.documents.filter(pl.col("doc_id") == row["doc_id"]).row(0, named=True)
    assert doc["agency"] == "岳阳市教育局" and doc["source_name"].startswith("synthetic_430600_")
    table_pages = frames.sangong.filter(pl.col("doc_id") == row["doc_id"], pl.col("source") == "table")
    assert row["page"] in table_pages.get_column("page").to_list()
    assert "三公" in _page_text(store.source_path(peer_lake, row["doc_id"]), row["page"])

    flags = evaluate(frames, rules=["peer_outlier"])
    assert set(flags.get_column("agency").to_list()) == {"岳阳市教育局"}
    assert set(flags.get_column("page").to_list()) == {row["page"]}
