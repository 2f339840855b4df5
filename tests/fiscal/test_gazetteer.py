"""The GB/T 2260 gazetteer: the bundled codes, and finding the division an agency name names."""

from __future__ import annotations

import csv
import time

import pytest

from fiscal.gazetteer import DATA, Region, by_code, resolve


def test_the_csv_holds_every_province_prefecture_and_county() -> None:
    with DATA.open(encoding="utf-8") as f:
        rows = {r["code"]: r for r in csv.DictReader(f)}
    assert len(rows) > 3200
    levels = [r["level"] for r in rows.values()]
    assert levels.count("1") == 34 and levels.count("2") > 330 and levels.count("3") > 2800
    assert all(r["parent_code"] in rows for r in rows.values() if r["level"] != "1")


@pytest.mark.parametrize(
    ("code", "name", "parent"),
    [
        ("431000", "郴州市", "430000"),
        ("511700", "达州市", "510000"),
        ("371000", "威海市", "370000"),
        ("310107", "普陀区", "310000"),  # a municipality's districts hang off the province code
        ("510400", "攀枝花市", "510000"),
        ("429004", "仙桃市", "420000"),  # 省直辖县级市
    ],
)
def test_known_codes(code: str, name: str, parent: str) -> None:
    with DATA.open(encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["code"] == code)
    assert (row["name"], row["parent_code"]) == (name, parent)


def test_by_code_builds_the_lake_names() -> None:
    assert by_code("320000") == Region("320000", "江苏省", "江苏省", None, None, "江苏省", 1)
    assert by_code("431000") == Region("431000", "郴州市", "湖南省", "郴州市", None, "湖南省郴州市", 2)
    assert by_code("431002").full_name == "湖南省郴州市北湖区"
    # a district of a municipality: city is the municipality, full name without repetition
    assert by_code("310107") == Region("310107", "普陀区", "上海市", "上海市", "普陀区", "上海市普陀区", 3)
    # a county-level city directly under its province reports like a prefecture
    assert (by_code("429004").city, by_code("429004").county) == ("仙桃市", None)
    with pytest.raises(KeyError):
        by_code("999999")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("郴州市医疗保障局", "431000"),
        ("达州市医疗保障事务中心", "511700"),
        ("上海市普陀区财政局", "310107"),
        ("江苏省委办公厅", "320000"),
        ("中共江苏省委办公厅", "320000"),
        ("中国共产党江苏省委员会办公厅", "320000"),
        ("江苏省政协办公厅", "320000"),
        ("中国人民政治协商会议江苏省委员会办公厅", "320000"),
        ("威海市生态环境局", "371000"),
        ("攀枝花市医疗保障事务中心", "510400"),
        ("郴州", "431000"),  # short names without the suffix
        ("达州", "511700"),
        ("湖南省郴州市北湖区财政局", "431002"),  # the most specific division named
        ("上海普陀财政局", "310107"),  # a bare county name right after its municipality
        ("湘西州财政局", "433100"),  # 湘西土家族苗族自治州, as usually abbreviated
        ("内蒙古自治区财政厅", "150000"),
        ("重庆市万州区教育委员会", "500101"),
        ("上海市 XX 局", "310000"),
    ],
)
def test_resolve_finds_the_division(text: str, code: str) -> None:
    region = resolve(text)
    assert region is not None and region.code == code


def test_ambiguous_names_use_the_named_ancestor_or_the_hint() -> None:
    # 普陀区 is in 上海 and in 浙江舟山; 朝阳 is a city in 辽宁 and districts in 北京/长春
    assert resolve("上海市普陀区财政局").code == "310107"
    assert resolve("舟山市普陀区财政局").code == "330903"
    assert resolve("普陀区财政局", hint="浙江省舟山市").code == "330903"
    assert resolve("北京市朝阳区财政局").code == "110105"
    assert resolve("朝阳").code == "211300"  # still ambiguous: the prefecture beats the districts
    assert resolve("吉林").code == "220000"  # and the province beats the prefecture


def test_no_matches_inside_ordinary_words() -> None:
    assert resolve("公安局") is None  # 公安县 is no 公安局
    assert resolve("主城区管理中心") is None  # 阳泉的 城区 only at a word start
    assert resolve("省、市和县三级") is None  # nor 马鞍山的 和县
    assert resolve("医保定点医药机构监管经费") is None  # 保定 only as 保定市
    assert resolve("保定市财政局").code == "130600"
    assert resolve("荆州市公安局").code == "421000"
    assert resolve("荆州市公安县财政局").code == "421022"
    assert resolve("") is None


def test_resolving_reuses_one_index() -> None:
    # A guard against rebuilding the index per call (seconds each), not a speed target: `make bench` measures speed.
    resolve("预热")  # the index is built once
    names = [f"上海市普陀区财政局{i}" for i in range(500)]
    names += [f"中国人民政治协商会议江苏省委员会办公厅{i}" for i in range(500)]
    start = time.perf_counter()
    for name in names:
        resolve(name)
    assert time.perf_counter() - start < 20.0
