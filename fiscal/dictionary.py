"""The data dictionary of the downloads: column, 中文名, type, unit, description.

Types come from the lake contract (`fiscal.schema`); names, units and descriptions from
the table below. The XLSX export writes it as its second sheet, 数据字典, so a
downloaded file explains itself (see docs/CONTRACT.md for the full contract).
"""

from __future__ import annotations

import polars as pl

from fiscal.schema import DATASETS, FUND_KIND_LABELS, PROJECT_FUND_LABELS, schema

WAN = "万元"
FRACTION = "比率（小数，0.4786 即 47.86%）"

# column → (中文名, unit, description)
COLUMNS: dict[str, tuple[str, str, str]] = {
    # common and provenance
    "doc_id": ("文档ID", "", "来源 PDF 的 SHA-256（按内容寻址），同一文件同一 ID"),
    "region_code": ("地区代码", "", "GB/T 2260 六位行政区划代码，如 431000 郴州市"),
    "region": ("地区", "", "省市名称，如 湖南省郴州市"),
    "agency_id": ("单位ID", "", "由单位名称生成的稳定 ASCII 标识"),
    "agency": ("单位/部门", "", "单位或部门名称，如 郴州市医疗保障局"),
    "year": ("年度", "年", "预算或决算年度"),
    "page": ("页码", "页", "该行数据在来源 PDF 中的页码（从 1 起）"),
    "bbox": ("页面位置", "", "该数字在来源 PDF 页上的位置：左、上、右、下（磅，页面左上角为原点；空：未定位）"),
    "source_name": ("来源文件", "", "导入时的 PDF 文件名"),
    "source_path": ("来源文件路径", "",
                    "原始 PDF 在数据湖中的存放位置（相对数据湖根目录，_sources/<文档ID>.pdf）；"
                    "为空表示原件不在数据湖中"),
    "doc_kind": ("文档类型", "", "决算 / 预算 / 绩效自评"),
    # documents
    "province": ("省份", "", "省级名称"),
    "city": ("城市", "", "地市名称（省级单位为空）"),
    "scope": ("口径", "", "部门汇总 / 单位本级"),
    "unit": ("金额单位", "", "表格印刷的金额单位（元的表格已折算为万元）"),
    "pages": ("页数", "页", "PDF 总页数"),
    "tables_found": ("识别表格", "张", "识别出的应公开表格数"),
    "tables_expected": ("应有表格", "张", "该类文档按公开要求应有的表格数"),
    "tables": ("表格", "", "识别出的表格类别键"),
    "checks_passed": ("校验通过", "项", "导入时通过的勾稽校验数"),
    "checks_failed": ("校验失败", "项", "导入时未通过的勾稽校验数"),
    "parser_version": ("解析器版本", "", "写入该行的解析程序版本"),
    "ingested_at": ("入库时间", "UTC", "导入数据湖的时间"),
    "seconds": ("耗时", "秒", "解析该文件所用时间"),
    "synthetic": ("示例数据", "", "是否为程序生成的示例文档（数字虚构）"),
    "warnings": ("警告", "", "导入时的警告（未通过的校验、缺少的表格、无法读取的单元格），以分号分隔"),
    # summary / line items / economic items
    "table": ("表", "", "来源表格类别，如 summary 收入支出决算总表、expenditure 支出决算表"),
    "item": ("项目", "", "规范化的项目键，如 expenditure_total 本年支出合计；三公表中为 overseas、reception 等"),
    "label": ("原文名称", "", "表中印刷的行名称"),
    "amount": ("金额", WAN, "按公开数填列，保留两位小数。正文（narrative）中 staff_authorized 编制数、"
                         "staff_actual 实有人数的金额为人数（单位 人，见 unit 列）；*_prior 键（grand_total_prior 等）"
                         "为由预算正文“与上年相比增加/减少”推算的上年总计（万元），并非原文直接印刷的数"),
    "code": ("科目编码", "", "功能分类或经济分类科目编码（合计行为空）"),
    "name": ("名称", "", "科目或指标名称"),
    "level": ("级次", "", "1 类 / 2 款 / 3 项"),
    "measure": ("口径", "", "合计 / 基本支出 / 项目支出 / 财政拨款 等"),
    "group": ("类别", "", "人员经费 / 公用经费 / 其他"),
    # 三公
    "stage": ("阶段", "", "预算数 / 决算数"),
    "source": ("来源", "", "表格 / 正文 / 正文分项相加"),
    "reading": ("读取状态", "",
                "该行所在表格的读取状态：complete 完整 / partial 部分（合计与分项不符或有未读出的行）；"
                "正文数字为 complete"),
    # readings (how each table was read)
    "family": ("表格类别", "", "表格类别键，如 expenditure 支出表、sangong 三公经费表"),
    "title": ("表格标题", "", "表格标题（原文或目录所列）"),
    "table_pages": ("表格页码", "页", "表格所在的全部页码"),
    "status": ("读取状态", "", "完整 / 部分 / 未读取"),
    "reason": ("读取说明", "", "读取状态的原因（含数字），如合计与分项之和不符"),
    "rows": ("读出行数", "行", "从该表读入数据湖的行数"),
    "listed": ("目录列出", "", "文档目录是否列出该表"),
    "seen_pages": ("标题所在页", "页", "正文中出现该表标题或公开表编号的页码（不含目录页）"),
    "empty": ("空表", "", "表中数字是否全部为空或零"),
    "found": ("找到表格", "", "是否找到该表（否：目录列出或应有而未找到）"),
    # narrative
    "key": ("键", "", "正文中数字或名称的类别，如 sangong_total_actual"),
    "text": ("原文", "", "正文中的原句"),
    "value": ("值", "", "正文中的名称（单位名称类键）"),
    # projects / indicators
    "project": ("项目名称", "", "绩效自评的项目名称"),
    "project_code": ("项目编码", "", "项目前印刷的编码（没有则为空）"),
    "implementing_unit": ("实施单位", "", "项目实施单位"),
    "budget_initial": ("年初预算数", WAN, "年初预算数"),
    "budget_full_year": ("全年预算数", WAN, "全年预算数（调整后）"),
    "executed": ("全年执行数", WAN, "全年执行数"),
    "exec_rate_reported": ("执行率（填报）", FRACTION, "表中印刷的执行率"),
    "exec_rate": ("执行率", FRACTION, "计算值：全年执行数 / 全年预算数"),
    "exec_weight": ("执行率分值", "分", "预算执行率一项的分值（权重）"),
    "exec_score": ("执行率得分", "分", "预算执行率一项的自评得分"),
    "total_score": ("总分", "分", "自评总分"),
    "grade": ("等级", "", "自评等级（优、良 …）"),
    # a form's 年度资金总额 其中 lines, each kind summed per column (fiscal.schema.PROJECT_FUND_SUMS)
    **{f"{column}_{kind}": (f"{label}（{name}）", WAN, f"年度资金总额其中{name}各行之和（{label}列）")
       for column, label in PROJECT_FUND_LABELS.items() for kind, name in FUND_KIND_LABELS.items()},
    "level1": ("一级指标", "", "绩效指标一级分类"),
    "level2": ("二级指标", "", "绩效指标二级分类"),
    "target": ("年度指标值", "", "目标值（原文）"),
    "actual": ("实际完成值", "", "完成值（原文）"),
    "target_value": ("指标值（数）", "", "目标值中的数字"),
    "actual_value": ("完成值（数）", "", "完成值中的数字"),
    "comparator": ("比较", "", ">=、<=、= 或 qualitative（定性）"),
    # project_goals (项目绩效目标表)
    "department": ("主管部门", "", "绩效目标表印刷的主管部门"),
    "project_total": ("项目资金总额", WAN, "绩效目标表：项目资金总额（整个项目）"),
    "project_fiscal": ("项目资金：财政资金", WAN, "绩效目标表：项目资金总额其中财政资金"),
    "project_other": ("项目资金：其他资金", WAN, "绩效目标表：项目资金总额其中其他资金"),
    "requested_total": ("年度资金申请总额", WAN, "绩效目标表：本年度资金申请总额（清单式表格为预算数）"),
    "requested_fiscal": ("年度资金：财政拨款", WAN, "绩效目标表：年度资金申请总额其中当年财政拨款"),
    "requested_carried_over": ("年度资金：上年结转", WAN, "绩效目标表：年度资金申请总额其中上年结转资金"),
    "requested_other": ("年度资金：其他资金", WAN, "绩效目标表：年度资金申请总额其中其他资金"),
    "goal": ("年度总体目标", "", "绩效目标表印刷的年度总体目标"),
    "targets": ("绩效指标", "", "每个指标一项：一级指标/二级指标/三级指标：指标值"),
    "weight": ("分值", "分", "指标分值（权重）"),
    "score": ("得分", "分", "自评得分"),
    "note": ("偏差原因", "", "偏差原因分析及改进措施（原文）"),
    # flags
    "rule": ("规则", "", "异常规则的稳定编号（规则说明见异常标记页）"),
    "severity": ("严重程度", "", "错误 / 警告 / 提示"),
    "message": ("说明", "", "标记的中文说明，含比较的数字"),
    "evidence": ("依据", "", "比较的数字（JSON）"),
}

DICTIONARY_SCHEMA = {"column": pl.String, "label": pl.String, "type": pl.String, "unit": pl.String,
                     "description": pl.String}
HEADERS_ZH: dict[str, str] = {"column": "列名", "label": "中文名", "type": "类型", "unit": "单位",
                              "description": "说明"}

_TYPE_NAMES: dict[str, str] = {
    "String": "文本", "Float64": "小数", "Float32": "小数", "Int64": "整数", "Int32": "整数", "Int16": "整数",
    "Int8": "整数", "UInt32": "整数", "UInt64": "整数", "Boolean": "是/否", "Datetime": "日期时间", "Date": "日期",
    "List": "文本（多个值以分号分隔）",
}


def _contract_types() -> dict[str, pl.DataType]:
    """Every contract column's type, across datasets (a name has one type everywhere)."""
    out: dict[str, pl.DataType] = {}
    for dataset in DATASETS:
        for name, dtype in schema(dataset).items():
            out.setdefault(name, dtype)
    return out


_TYPE_NAMES_EN: dict[str, str] = {
    "String": "text", "Float64": "decimal", "Float32": "decimal", "Int64": "integer", "Int32": "integer",
    "Int16": "integer", "Int8": "integer", "UInt32": "integer", "UInt64": "integer", "Boolean": "yes/no",
    "Datetime": "date and time", "Date": "date", "List": "text (several values separated by semicolons)",
}
# Units in English downloads (a header's unit, the dictionary's 单位 column).
UNITS_EN: dict[str, str] = {WAN: "10k yuan", "万元": "10k yuan", "%": "%", "分": "points", "个": "count",
                            "页": "", "年": "", "张": "tables", "项": "checks", "秒": "s", "行": "rows",
                            "人": "persons", "UTC": "UTC", FRACTION: "%", "万元/人": "10k yuan per person"}


def type_name(dtype: pl.DataType, lang: str = "zh") -> str:
    """A polars type as a reader's word (文本, 小数, 整数 …; text, decimal … in English)."""
    base = dtype.base_type().__name__ if hasattr(dtype, "base_type") else type(dtype).__name__
    return (_TYPE_NAMES_EN if lang == "en" else _TYPE_NAMES).get(base, base)


def data_dictionary(columns: list[str] | pl.DataFrame) -> pl.DataFrame:
    """One row per column (in the given order): column, label, type, unit, description.

    Accepts a frame (its own types are used where the contract has none) or column names.
    """
    own = dict(columns.schema) if isinstance(columns, pl.DataFrame) else {}
    names = list(columns.columns) if isinstance(columns, pl.DataFrame) else list(columns)
    contract = _contract_types()
    rows = []
    for name in names:
        label, unit, description = COLUMNS.get(name, (name, "", ""))
        dtype = contract.get(name) or own.get(name)
        rows.append({"column": name, "label": label, "type": type_name(dtype) if dtype is not None else "",
                     "unit": unit, "description": description})
    return pl.DataFrame(rows, schema=DICTIONARY_SCHEMA)


# Units shown in a download's header: 金额（万元）, 执行率（%）. Fractions are written as percentages.
_HEADER_UNITS: dict[str, str] = {WAN: "万元", FRACTION: "%"}


def is_fraction(name: str) -> bool:
    """True when a contract column holds a fraction (written as a percentage in downloads)."""
    return COLUMNS.get(name, ("", "", ""))[1] == FRACTION


def header(name: str, label: str | None = None, unit: str | None = None) -> str:
    """A download header in Chinese with its unit: 金额（万元）, 执行率（%）, 页码."""
    own_label, own_unit, _ = COLUMNS.get(name, (name, "", ""))
    shown = unit if unit is not None else _HEADER_UNITS.get(own_unit, "")
    return f"{label or own_label}（{shown}）" if shown else (label or own_label)


def description(name: str) -> str:
    """A column's description (empty when the contract does not describe it)."""
    return COLUMNS.get(name, ("", "", ""))[2]
