"""Links across years (fiscal/linking.py): agencies and projects followed through renames, as data."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from fiscal import linking
from fiscal.gazetteer import by_code
from fiscal.link_overrides import LinksFileError, load_overrides
from fiscal.linking import agency_links, project_links
from fiscal.naming import agency_id
from fiscal.rules.engine import Frames

ZHUZHOU, XIANGTAN = "430200", "430300"


def docs(*rows: tuple) -> pl.DataFrame:
    """documents rows from (region_code, agency, year[, scope]); agency_id as ingest computes it."""
    out = []
    for n, (region_code, agency, year, *scope) in enumerate(rows):
        out.append({"doc_id": f"d{n}", "region_code": region_code, "agency": agency, "year": year,
                    "agency_id": agency_id(agency, by_code(region_code)), "doc_kind": "final_account",
                    "scope": scope[0] if scope else "department"})
    return pl.DataFrame(out)


def group_of(links: pl.DataFrame, agency: str) -> dict:
    """The link row of one agency name."""
    return links.filter(pl.col("agency") == agency).row(0, named=True)


def lake_file(tmp_path: Path, *rows: str) -> pl.DataFrame:
    """The shipped mapping plus a lake's links.csv holding rows."""
    (tmp_path / "links.csv").write_text("kind,region_code,from_name,to_name,note\n" + "\n".join(rows) + "\n",
                                        encoding="utf-8")
    return load_overrides(tmp_path)


# ---------------------------------------------------------------- agencies


def test_a_renamed_agency_follows_the_shipped_mapping_file():
    # 卫生局 → 卫生和计划生育委员会 → 卫生健康委员会 are rows of fiscal/data/links.csv (any region)
    links = agency_links(docs((ZHUZHOU, "株洲市卫生局", 2022), (ZHUZHOU, "株洲市卫生局", 2023),
                              (ZHUZHOU, "株洲市卫生健康委员会", 2024)), load_overrides(None))
    old, new = group_of(links, "株洲市卫生局"), group_of(links, "株洲市卫生健康委员会")
    assert old["group_id"] == new["group_id"] == new["agency_id"]  # the group takes the most recent name
    assert old["group_name"] == "株洲市卫生健康委员会"
    assert old["method"] == "mapping" and "2018年机构改革" in old["note"]


def test_without_the_mapping_file_a_rename_is_not_guessed():
    links = agency_links(docs((ZHUZHOU, "株洲市卫生局", 2023), (ZHUZHOU, "株洲市卫生健康委员会", 2024)))
    assert links["group_id"].n_unique() == 2
    assert set(links["method"]) == {"alone"}


def test_a_lake_links_file_adds_a_regional_rename(tmp_path):
    overrides = lake_file(tmp_path, "agency,430200,株洲市城市管理局,株洲市城市管理和综合执法局,2019年更名")
    links = agency_links(docs((ZHUZHOU, "株洲市城市管理局", 2022), (ZHUZHOU, "株洲市城市管理和综合执法局", 2023)),
                         overrides)
    assert links["group_name"].unique().to_list() == ["株洲市城市管理和综合执法局"]
    assert group_of(links, "株洲市城市管理局")["note"] == "2019年更名"


def test_a_mapping_to_a_name_not_in_the_lake_names_the_group():
    overrides = pl.DataFrame({"kind": ["agency"], "region_code": [ZHUZHOU], "from_name": ["株洲市文体广新局"],
                              "to_name": ["株洲市文化旅游广电体育局"], "note": ["2019年机构改革"]})
    links = agency_links(docs((ZHUZHOU, "株洲市文体广新局", 2018)), overrides)
    row = group_of(links, "株洲市文体广新局")
    assert row["group_name"] == "株洲市文化旅游广电体育局"
    assert row["group_id"] == agency_id("株洲市文化旅游广电体育局", by_code(ZHUZHOU))


def test_benji_jiguan_and_department_spellings_are_one_body():
    links = agency_links(docs((ZHUZHOU, "株洲市医疗保障局", 2023, "department"),
                              (ZHUZHOU, "株洲市医疗保障局机关", 2023, "unit"),  # same year, other scope: still one body
                              (ZHUZHOU, "株洲市财政局（本级）", 2022), (ZHUZHOU, "株洲市财政局", 2023)))
    assert group_of(links, "株洲市医疗保障局机关")["group_name"] == "株洲市医疗保障局"
    assert group_of(links, "株洲市医疗保障局机关")["method"] == "same"
    assert group_of(links, "株洲市财政局（本级）")["group_name"] == "株洲市财政局"


def test_close_names_link_across_years_but_never_when_both_publish_the_same_year():
    near = ("株洲市城市管理综合行政执法支队", "株洲市城市管理综合执法支队")  # ratio 91 after the region is stripped
    across = agency_links(docs((ZHUZHOU, near[0], 2022), (ZHUZHOU, near[1], 2023)))
    assert across["group_id"].n_unique() == 1
    assert group_of(across, near[0])["method"] == "fuzzy" and group_of(across, near[0])["score"] >= 90
    same_year = agency_links(docs((ZHUZHOU, near[0], 2023), (ZHUZHOU, near[1], 2023)))
    assert same_year["group_id"].n_unique() == 2  # they co-exist: two bodies


def test_one_character_apart_short_names_are_different_bodies():
    links = agency_links(docs((ZHUZHOU, "株洲市教育局", 2022), (ZHUZHOU, "株洲市体育局", 2023)))
    assert links["group_id"].n_unique() == 2


def test_agencies_of_different_regions_are_never_linked():
    links = agency_links(docs((ZHUZHOU, "株洲市教育局", 2022), (XIANGTAN, "湘潭市教育局", 2023),
                              (XIANGTAN, "湘潭市卫生局", 2022), (ZHUZHOU, "株洲市卫生健康委员会", 2024)),
                         load_overrides(None))
    assert links["group_id"].n_unique() == 4


def test_never_link_row_keeps_an_agency_alone(tmp_path):
    overrides = lake_file(tmp_path, "agency,430200,株洲市卫生局,,an independent 卫生局 kept apart")
    links = agency_links(docs((ZHUZHOU, "株洲市卫生局", 2023), (ZHUZHOU, "株洲市卫生健康委员会", 2024)), overrides)
    assert links["group_id"].n_unique() == 2
    assert group_of(links, "株洲市卫生局")["note"] == "an independent 卫生局 kept apart"


def test_a_malformed_links_file_is_a_clear_error(tmp_path):
    (tmp_path / "links.csv").write_text("kind,region,from_name,to_name,note\nagency,430200,A,B,\n", encoding="utf-8")
    with pytest.raises(LinksFileError, match="missing column.*region_code"):
        load_overrides(tmp_path)
    (tmp_path / "links.csv").write_text("kind,region_code,from_name,to_name,note\nbody,430200,A,B,\n", encoding="utf-8")
    with pytest.raises(LinksFileError, match=r"links.csv:2: kind 'body'"):
        load_overrides(tmp_path)


# ---------------------------------------------------------------- projects


def projects(*rows: tuple, agency: str = "株洲市水利局") -> pl.DataFrame:
    """projects rows from (doc_id, year, project[, project_code]) of one agency."""
    aid = agency_id(agency, by_code(ZHUZHOU))
    return pl.DataFrame([{"doc_id": d, "region_code": ZHUZHOU, "agency_id": aid, "agency": agency, "year": y,
                          "project": p, "project_code": c[0] if c else None} for d, y, p, *c in rows],
                        schema_overrides={"project_code": pl.String})


def keyed(links: pl.DataFrame) -> dict[tuple[str, str], str]:
    return {(r["doc_id"], r["project"]): r["project_key"] for r in links.iter_rows(named=True)}


def test_a_project_drifting_in_name_is_followed_across_years():
    df = projects(("a", 2022, "2022年农村饮水安全工程专项资金"), ("b", 2023, "农村饮水安全工程资金"),
                  ("c", 2024, "农村饮水安全巩固提升工程资金"))
    links = project_links(df, agency_links(docs((ZHUZHOU, "株洲市水利局", 2022))))
    k = keyed(links)
    assert k["a", "2022年农村饮水安全工程专项资金"] == k["b", "农村饮水安全工程资金"]  # equal once 2022年/专项/资金 go
    assert k["c", "农村饮水安全巩固提升工程资金"] != k["b", "农村饮水安全工程资金"]  # an added phrase is another project


def test_project_code_wins_over_the_name():
    df = projects(("a", 2022, "全省视频会议系统", "51000022T000004913252"),
                  ("b", 2023, "视频会议系统运维保障", "51000022T000004913252"),
                  ("c", 2023, "全省视频会议系统", "51000023T000009999999"))
    links = project_links(df, agency_links(docs((ZHUZHOU, "株洲市水利局", 2022))))
    k = keyed(links)
    assert k["a", "全省视频会议系统"] == k["b", "视频会议系统运维保障"] == "51000022T000004913252"
    assert k["c", "全省视频会议系统"] != k["a", "全省视频会议系统"]  # same name, another code: another project
    assert links.filter(pl.col("doc_id") == "b")["method"].item() == "code"


def test_two_projects_of_one_document_are_never_merged():
    overrides = pl.DataFrame({"kind": ["project"], "region_code": [ZHUZHOU], "from_name": ["重大疾病防控经费"],
                              "to_name": ["重大疾病防控专项经费"], "note": ["wrong on purpose"]})
    df = projects(("a", 2023, "重大疾病防控经费"), ("a", 2023, "重大疾病防控专项经费"))
    links = project_links(df, agency_links(docs((ZHUZHOU, "株洲市水利局", 2023))), overrides)
    assert links["project_key"].n_unique() == 2


def test_close_project_names_link_only_across_years():
    df = projects(("a", 2023, "义务教育薄弱环节改善资金"), ("b", 2024, "义务教育薄弱环节改造专项资金"),
                  ("c", 2024, "义务教育薄弱环节改善资金"))
    links = project_links(df, agency_links(docs((ZHUZHOU, "株洲市水利局", 2023))))
    k = keyed(links)
    assert k["a", "义务教育薄弱环节改善资金"] == k["c", "义务教育薄弱环节改善资金"]  # exact
    assert k["b", "义务教育薄弱环节改造专项资金"] != k["a", "义务教育薄弱环节改善资金"]  # 2024 already has its own


def test_numbered_phases_never_link_by_similarity():
    df = projects(("a", 2023, "城区供水管网改造一期工程"), ("b", 2024, "城区供水管网改造二期工程"))
    links = project_links(df, agency_links(docs((ZHUZHOU, "株洲市水利局", 2023))))
    assert links["project_key"].n_unique() == 2


def test_never_link_row_keeps_a_project_alone():
    overrides = pl.DataFrame({"kind": ["project"], "region_code": [""], "from_name": ["农村饮水安全工程资金"],
                              "to_name": [""], "note": ["a new programme under an old name"]})
    df = projects(("a", 2022, "农村饮水安全工程资金"), ("b", 2023, "农村饮水安全工程资金"))
    links = project_links(df, agency_links(docs((ZHUZHOU, "株洲市水利局", 2022))), overrides)
    assert links["project_key"].n_unique() == 2
    assert set(links["note"]) == {"a new programme under an old name"}


def test_the_read_side_shows_a_renamed_agency_under_its_current_name(multi_year_lake):
    from fiscal import read

    docs = read.lake.linked(multi_year_lake, "documents")
    health = docs.filter(pl.col("agency").str.contains("卫生"))
    assert health["agency"].unique().to_list() == ["株洲市卫生健康委员会"] and health["year"].n_unique() == 3
    assert read.lake.read(multi_year_lake, "documents").filter(pl.col("agency") == "株洲市卫生局").height == 2
    care = read.lake.linked(multi_year_lake, "projects").filter(pl.col("project") == "基本公共卫生服务项目经费")
    assert care["project_key"].n_unique() == 1


# ---------------------------------------------------------------- the multi-year corpus


def test_multi_year_lake_follows_the_renamed_agency_and_the_drifting_projects(multi_year_lake):
    frames = Frames.from_lake(multi_year_lake)
    assert frames.documents.group_by("doc_kind").len().sort("doc_kind").rows() == [("budget", 1), ("final_account", 9)]
    agency, proj = linking.links(frames.documents, frames.projects, multi_year_lake)
    health = agency.filter(pl.col("group_name") == "株洲市卫生健康委员会")
    assert sorted(health["agency"]) == ["株洲市卫生健康委员会", "株洲市卫生局"]  # 2022–2023 卫生局, 2024 卫健委
    assert agency["group_id"].n_unique() == 3

    road = proj.filter(pl.col("project_key") == "43020022T000000000101").sort("year")
    assert road["project"].to_list() == ["2022年农村公路养护专项资金", "2023年农村公路养护专项资金", "农村公路养护资金"]
    pages = frames.projects.join(road.select("doc_id", "project"), on=["doc_id", "project"])
    assert pages["page"].to_list() == [18, 18, 18]  # the first 自评表 of each 决算

    school = proj.filter(pl.col("project_name") == "义务教育薄弱环节改造专项资金").sort("year")
    assert school["year"].to_list() == [2022, 2023, 2024]
    assert school.filter(pl.col("year") == 2024)["method"].item() == "fuzzy"

    # the renamed agency's projects follow it: one key for 基本公共卫生服务项目经费 over 2022–2024
    care = proj.filter(pl.col("project") == "基本公共卫生服务项目经费")
    assert care["project_key"].n_unique() == 1 and care["year"].n_unique() == 3


def test_a_national_rename_chain_never_renames_a_region_that_only_used_the_old_name():
    links = agency_links(docs((ZHUZHOU, "株洲市卫生局", 2017)), load_overrides())
    assert group_of(links, "株洲市卫生局")["group_name"] == "株洲市卫生局"


def test_project_keys_do_not_depend_on_which_regions_are_linked_together():
    """A reader links again only the regions whose documents changed: the keys must be those a whole-lake
    run gives. Two projects of one document printing one code are numbered apart within their region; the
    same code in another region is another project."""
    def rows(region: str, agency: str, doc: str) -> pl.DataFrame:
        aid = agency_id(agency, by_code(region))
        return pl.DataFrame([{"doc_id": doc, "region_code": region, "agency_id": aid, "agency": agency, "year": 2023,
                              "project": name, "project_code": "43000023T000000000001"} for name in ("甲项目", "乙项目")])

    zz, xt = rows(ZHUZHOU, "株洲市水利局", "a"), rows(XIANGTAN, "湘潭市水利局", "b")
    agencies = agency_links(docs((ZHUZHOU, "株洲市水利局", 2023), (XIANGTAN, "湘潭市水利局", 2023)))
    together = linking.apart_across_regions(project_links(pl.concat([zz, xt]), agencies))
    apart = linking.apart_across_regions(pl.concat([project_links(zz, agencies), project_links(xt, agencies)]))
    assert keyed(together) == keyed(apart)
    assert len(set(keyed(together).values())) == 4  # four projects, four keys
