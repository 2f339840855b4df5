"""The shared selection: URL round trip, tolerant parsing, predicates on the partition columns."""

from __future__ import annotations

import polars as pl

from fiscal.filters import Filters, apply, city_of, predicate

ROWS = pl.DataFrame({
    "region_code": ["431000", "431002", "430200", "320000", "310107"],
    "agency_id": ["a", "b", "c", "d", "e"],
    "year": [2020, 2021, 2022, 2019, 2024],
    "doc_kind": ["final_account", "budget", "final_account", "budget", "final_account"],
})


def test_params_round_trip() -> None:
    f = Filters(province="430000", city="431000", agencies=("a", "b"), years=(2019, 2022), kinds=("budget",))
    assert Filters.from_params(f.to_params()) == f
    assert Filters().to_params() == {}
    assert Filters.from_key(f.key()) == f


def test_params_are_parsed_tolerantly() -> None:
    f = Filters.from_params({"province": "hunan", "city": "431000", "years": "2023-2020", "kind": "budget,bogus",
                             "agency": ["x,y"]})
    assert f.province == "430000"  # implied by the city; the malformed province is dropped
    assert f.city == "431000"
    assert f.years == (2020, 2023)
    assert f.kinds == ("budget",)
    assert f.agencies == ("x", "y")
    assert Filters.from_params({"years": "soon", "city": "320000", "province": "430000"}) == Filters(province="430000")


def test_city_of() -> None:
    assert city_of("431000") == "431000"
    assert city_of("431002") == "431000"  # a county belongs to its city
    assert city_of("310107") == "310107"  # a district of a municipality stands for itself
    assert city_of("320000") is None


def test_region_and_partition_predicates() -> None:
    def ids(f: Filters) -> list[str]:
        return apply(ROWS, f).collect().get_column("agency_id").to_list()

    assert ids(Filters()) == ["a", "b", "c", "d", "e"]
    assert ids(Filters(province="430000")) == ["a", "b", "c"]
    assert ids(Filters(province="430000", city="431000")) == ["a", "b"]
    assert ids(Filters(province="310000", city="310107")) == ["e"]
    assert ids(Filters(agencies=("c", "d"))) == ["c", "d"]
    assert ids(Filters(years=(2020, 2021))) == ["a", "b"]
    assert ids(Filters(kinds=("budget",))) == ["b", "d"]
    # doc kind only applies where the frame has the column
    assert apply(ROWS.drop("doc_kind"), Filters(kinds=("budget",))).collect().height == 5
    assert str(predicate(Filters())) == str(pl.lit(True))


def test_a_link_may_name_the_region_instead_of_its_code():
    assert Filters.from_params({"province": "湖南省"}).province == "430000"
    assert Filters.from_params({"province": "湖南"}).province == "430000"
    assert Filters.from_params({"city": "株洲市"}).key()[:2] == ("430000", "430200")
    assert Filters.from_params({"province": "不存在的省"}).province is None
