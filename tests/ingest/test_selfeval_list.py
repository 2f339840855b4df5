"""A 绩效自评结果汇总表 read line by line (ingest/parsers/selfeval_list.py): scores as printed, none where none is."""

from ingest.model import DocMeta, ParseResult, RawTable
from ingest.parsers import selfeval_list

DOC = DocMeta("d", "520000", "贵州省", "贵州省", None, "a", "黔东南州水务局", 2023, "performance_report", "department",
              "x.pdf")
LINES = [["1", "水利工程运行维护", "180.00", "171.00", "95.00%", "96分", "优"],
         ["2", "水土保持综合治理", "320.00", "112.00", "35.00%", "", "优"],
         ["3", "水文站网运行", "35.00", "33.60", "96.00%", "—", "优"]]


def _scores(header: list[str], lines: list[list[str]]) -> dict[str, float | None]:
    result = ParseResult()
    selfeval_list.parse(RawTable("selfeval_list", "2023年度项目支出绩效自评结果汇总表", [4], [header], lines,
                                 [4] * len(lines)), DOC, result)
    return {p["project"]: p["total_score"] for p in result.frames["projects"]}


def test_a_printed_score_is_read_and_a_blank_or_dashed_one_is_none():
    header = ["序号", "项目名称", "年度预算数", "全年执行数", "执行率", "自评得分", "自评等级"]
    assert _scores(header, LINES) == {"水利工程运行维护": 96.0, "水土保持综合治理": None, "水文站网运行": None}


def test_a_list_without_a_score_column_scores_no_project():
    """Graded, not scored: no project reads as scoring 0 (the rules would take it for a failed self-evaluation)."""
    header = ["序号", "项目名称", "年度预算数", "全年执行数", "执行率", "自评等级"]
    lines = [[*line[:5], line[6]] for line in LINES]
    assert _scores(header, lines) == dict.fromkeys(("水利工程运行维护", "水土保持综合治理", "水文站网运行"))


def test_a_list_whose_headers_state_the_unit():
    """预算数（千元） | 执行数（千元）, 全年预算数(元): the amounts are kept in 万元 (they were read as 万元, ten or ten
    thousand times too much, when no 单位 line above the list said otherwise); the 合计 line is checked in that unit."""
    lines = [["1", "水利工程运行维护", "1,800.0", "1,710.0", "95.00%", "96"],
             ["合计", "", "1,800.0", "1,710.0", "", ""]]
    for header, unit, budget in ((["序号", "项目名称", "预算数（千元）", "执行数（千元）", "执行率", "自评得分"], "千元", 180),
                                 (["序号", "项目名称", "全年预算数(元)", "全年执行数(元)", "执行率", "自评得分"], "元", 0.18)):
        result = ParseResult()
        table = RawTable("selfeval_list", "2023年度项目支出绩效自评结果汇总表", [4], [header], lines, [4, 4])
        selfeval_list.parse(table, DOC, result)
        (p,) = result.frames["projects"]
        assert (p["budget_full_year"], p["exec_rate"]) == (budget, 0.95)
        assert result.failures == [] and table.unit == unit
