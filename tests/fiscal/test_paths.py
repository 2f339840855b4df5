"""fiscal.paths.stamp and entries: change stamps of one file and of a folder, on the local disk and on object storage (the moto S3
server of tests/fiscal/test_s3.py); fiscal.read.cache.links_stamp is that stamp of <lake>/links.csv."""

from __future__ import annotations

import os
from pathlib import Path

from fiscal import paths, store
from fiscal.read.cache import links_stamp
from tests.fiscal.test_s3 import s3  # noqa: F401 — the module's S3 server fixture

LINKS = "kind,region_code,from_name,to_name,note\nagency,,甲局,乙局,{}\n"


def test_a_local_stamp_is_the_mtime_and_zero_without_the_file(tmp_path: Path) -> None:
    f = paths.links_file(tmp_path)
    assert paths.stamp(f) == 0 == links_stamp(tmp_path)
    f.write_text(LINKS.format("a"), encoding="utf-8")
    os.utime(f, ns=(1_000_000_000, 1_000_000_000))
    assert paths.stamp(f) == 1_000_000_000 == links_stamp(tmp_path)


def test_a_links_file_on_s3_has_a_stamp_that_moves_when_it_is_rewritten(s3: str) -> None:  # noqa: F811
    lake = Path(f"{s3}/stamped")
    assert links_stamp(lake) == 0
    store.put(paths.links_file(lake), LINKS.format("first").encode())
    first = links_stamp(lake)
    assert first != 0 and links_stamp(lake) == first  # stable while the object is unchanged
    store.put(paths.links_file(lake), LINKS.format("a longer note").encode())  # within the same second
    assert links_stamp(lake) not in (0, first)
    filesys, inner = paths.filesystem(paths.links_file(lake))
    filesys.delete_file(inner)
    assert links_stamp(lake) == 0


def test_a_new_quarantine_record_on_s3_changes_the_lake_state(s3: str) -> None:  # noqa: F811
    from fiscal.read.lake import lake_state

    lake = Path(f"{s3}/quarantined")
    assert paths.entries(store.quarantine_dir(lake), ".json") == ()
    before = lake_state(lake)
    store.put(store.quarantine_dir(lake) / "abc.json", b'{"name": "x.pdf"}')
    assert [name for name, _ in paths.entries(store.quarantine_dir(lake), ".json")] == ["abc.json"]
    assert lake_state(lake) != before


def test_local_entries_are_by_name_and_filtered(tmp_path: Path) -> None:
    for name in ("b.json", "a.json", "a.pdf"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [name for name, _ in paths.entries(tmp_path, ".json")] == ["a.json", "b.json"]
    assert paths.entries(tmp_path / "missing", ".json") == ()
