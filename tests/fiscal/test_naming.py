"""Agency names: one canonical spelling per agency, and a stable readable ASCII agency_id."""

from __future__ import annotations

import hashlib
import re

import pytest

from fiscal.gazetteer import by_code, resolve
from fiscal.naming import agency_id, canonical_agency


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("中国共产党江苏省委员会办公厅", "中共江苏省委办公厅"),
        ("中共江苏省委员会办公厅", "中共江苏省委办公厅"),
        ("江苏省委办公厅", "中共江苏省委办公厅"),
        ("中共江苏省委办公厅", "中共江苏省委办公厅"),
        ("中国人民政治协商会议江苏省委员会办公厅", "江苏省政协办公厅"),
        ("政协江苏省委员会办公厅", "江苏省政协办公厅"),
        ("江苏省政协办公厅", "江苏省政协办公厅"),
        ("上海市 普陀区\u3000财政局", "上海市普陀区财政局"),
        ("郴州市医疗保障局(本级)", "郴州市医疗保障局（本级）"),
        ("上海市普陀区委宣传部", "中共上海市普陀区委宣传部"),
    ],
)
def test_canonical_agency_merges_spelling_variants(variant: str, canonical: str) -> None:
    assert canonical_agency(variant) == canonical


@pytest.mark.parametrize(
    "name",
    ["中国共产党郴州市纪律检查委员会", "郴州市卫生健康委员会", "江苏省发展和改革委员会", "郴州市医疗保障局"],
)
def test_other_committees_keep_their_names(name: str) -> None:
    assert canonical_agency(name).endswith(name.removeprefix("中国共产党"))


def test_agency_id_is_pinyin_without_the_region_plus_a_hash() -> None:
    aid = agency_id("郴州市医疗保障局", by_code("431000"))
    digest = hashlib.sha1("郴州市医疗保障局".encode()).hexdigest()[:6]
    assert aid == f"yiliaobaozhangju-{digest}"
    assert agency_id("上海市普陀区财政局", by_code("310107")).startswith("caizhengju-")
    assert agency_id("上海市XX局", by_code("310000")).startswith("xx-ju-")


def test_agency_id_is_the_same_for_every_spelling_of_one_agency() -> None:
    region = by_code("320000")
    ids = {agency_id(v, region) for v in ("中国共产党江苏省委员会办公厅", "江苏省委办公厅", "中共江苏省委办公厅")}
    assert ids == {agency_id("中共江苏省委办公厅", region)}
    assert ids.pop().startswith("zhonggongweibangongting-")


def test_agency_ids_of_different_agencies_differ() -> None:
    # same pinyin after the region prefix, different agencies: the hash keeps them apart
    a = agency_id("上海市财政局", resolve("上海市财政局"))
    b = agency_id("上海市普陀区财政局", resolve("上海市普陀区财政局"))
    assert a != b and a.split("-")[0] == b.split("-")[0] == "caizhengju"


def test_agency_id_is_short_ascii() -> None:
    long_name = "郴州市" + "医疗保障事务服务中心" * 6
    aid = agency_id(long_name, by_code("431000"))
    assert re.fullmatch(r"[a-z0-9-]{1,40}-[0-9a-f]{6}", aid)
    assert agency_id("财政局", None).startswith("caizhengju-")
