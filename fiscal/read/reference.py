"""Reference names: the national functional and economic classification classes."""

from __future__ import annotations

import csv
from functools import cache

from fiscal.rules.lookups import FUNCTION_CODES

FUNCTION_CLASSES: dict[str, str] = {
    "201": "一般公共服务支出", "202": "外交支出", "203": "国防支出", "204": "公共安全支出", "205": "教育支出",
    "206": "科学技术支出", "207": "文化旅游体育与传媒支出", "208": "社会保障和就业支出", "210": "卫生健康支出",
    "211": "节能环保支出", "212": "城乡社区支出", "213": "农林水支出", "214": "交通运输支出",
    "215": "资源勘探工业信息等支出", "216": "商业服务业等支出", "217": "金融支出", "219": "援助其他地区支出",
    "220": "自然资源海洋气象等支出", "221": "住房保障支出", "222": "粮油物资储备支出", "223": "国有资本经营预算支出",
    "224": "灾害防治及应急管理支出", "227": "预备费", "229": "其他支出", "230": "转移性支出", "231": "债务还本支出",
    "232": "债务付息支出", "233": "债务发行费用支出", "234": "抗疫特别国债安排的支出",
}
# 经济分类 类 names (部门预算支出经济分类), for the 人员/公用 breakdown.
ECONOMIC_CLASSES: dict[str, str] = {
    "301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "307": "债务利息及费用支出",
    "309": "资本性支出（基本建设）", "310": "资本性支出", "311": "对企业补助（基本建设）", "312": "对企业补助",
    "313": "对社会保障基金补助", "399": "其他支出",
}




@cache
def function_names() -> dict[str, str]:
    """National functional classification code → current name (fiscal/data/function_codes.csv, when present)."""
    names = dict(FUNCTION_CLASSES)
    if FUNCTION_CODES.is_file():
        with FUNCTION_CODES.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row.get("code") and row.get("name") and not (row.get("note") or "").strip():
                    names.setdefault(row["code"], row["name"])
    return names
