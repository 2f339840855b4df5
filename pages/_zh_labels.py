"""The names of codes in Chinese, the first language: doc kinds, 三公 items, rules, evidence keys, columns …
(the UI strings: pages/_zh.py)."""
# ruff: noqa: E501
# (one entry a line reads better than wrapped string literals)

from __future__ import annotations

from fiscal.rules.labels import MEASURE_LABELS, NARRATIVE_LABELS, RULE_NAMES
from fiscal.schema import FUND_KIND_LABELS, PROJECT_FUND_LABELS

# Names of codes, per group.
LABELS: dict[str, dict[str, str]] = {
    # rule thresholds by name (the 异常标记 page's inputs)
    "param": {"slack": "执行得分容差（分）", "low_rate": "低执行率线", "full_tolerance": "满分容差（分）",
              "tolerance": "容差", "min_total": "总分下限（分）", "max_rate": "执行率上限", "max_change": "调整幅度上限",
              "max_growth": "增幅上限", "rounding": "舍入容差（万元）", "minor_points": "轻微差异（百分点）",
              "min_similarity": "名称相似度下限", "iqr_factor": "四分位距倍数", "min_peers": "最少同类数"},
    # table families by name (the documents page)
    "family": {"summary": "收入支出总表", "income": "收入表", "expenditure": "支出表", "fiscal_summary": "财政拨款收支总表", "gpb_expenditure": "一般公共预算支出表", "gpb_basic": "一般公共预算基本支出表", "gov_fund": "政府性基金预算表", "soe_capital": "国有资本经营预算表", "sangong": "“三公”经费表", "gov_fund_sangong": "政府性基金“三公”经费表", "fiscal_economic": "财政拨款支出表（经济分类）", "gpb_project": "一般公共预算项目支出表", "fiscal_expenditure": "财政拨款支出表", "fiscal_basic": "财政拨款基本支出表", "operating_costs": "机关运行经费表", "procurement": "政府采购预算表", "project_targets": "项目支出绩效目标表", "overall_targets": "整体支出绩效目标表", "project_selfeval": "项目支出绩效自评表", "overall_selfeval": "部门整体支出绩效自评表", "overall_basic_data": "部门整体支出绩效评价基础数据表", "purchased_services": "政府购买服务预算表", "project_expenditure": "项目支出表", "selfeval_list": "项目支出绩效自评结果汇总表"},
    "kind": {"final_account": "决算", "budget": "预算", "performance_report": "绩效自评"},
    "scope": {"department": "部门", "unit": "单位"},
    "stage": {"budget": "预算数", "actual": "决算数", "mixed": "决算数（无决算的单位取预算数）"},
    "sangong": {"total": "合计", "overseas": "因公出国（境）费", "vehicle_total": "公务用车购置及运行费",
                "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行维护费",
                "reception": "公务接待费"},
    "measure": {**MEASURE_LABELS, "reserve": "单位预留机动经费"},  # the column measures of every income/expenditure table
    # where a row was read, and how completely its table was (the 数据 page shows and downloads these by name)
    "source": {"table": "表格", "prose": "正文", "prose_sum": "正文分项相加"},
    "reading": {"complete": "完整", "partial": "部分", "unread": "未读取"},
    "comparator": {"qualitative": "定性"},
    "group": {"personnel": "人员经费", "public": "公用经费", "other": "其他"},
    "severity": {"error": "错误", "warning": "警告", "info": "提示"},
    "dataset": {"documents": "文档", "summary": "收支总表", "line_items": "功能分类明细", "economic_items": "经济分类明细",
                "sangong": "三公经费", "narrative": "正文数字", "projects": "绩效项目", "indicators": "绩效指标",
                "project_goals": "项目绩效目标"},
    "rule": RULE_NAMES["zh"],  # one home with the quality problems: fiscal/rules/labels.py
    "metric": {"sangong_actual": "三公经费决算数", "sangong_per_staff": "人均三公经费", "sangong_growth": "三公经费增长率",
               "exec_rate_mean": "项目平均执行率", "self_score_mean": "项目平均自评分"},
    "quality": {"tables_present": "应公开表格齐全", "empty_explained": "空表有说明", "reconciliations": "勾稽关系",
                "prose_consistent": "正文与表格一致", "readable": "可读取",
                # the two components built on the findings and the prose
                "findings": "无其他异常", "explained": "情况说明完整"},
    "evidence": {
    # evidence keys shown raw before
    "word": "用语", "labels": "比较项", "statement": "原文", "rounding": "允许误差",
    "agency_type": "单位类型", "base_sentence": "所依据的句子", "clause": "分句", "computed": "计算值",
    "cover": "封面", "cover_page": "封面页", "current": "本年", "direction": "方向", "document_year": "文件年度",
    "expected": "应为", "family": "表格类别", "fence": "异常上限", "figures": "文中数字", "formula": "算式",
    "kind": "类型", "listed_in_toc": "目录列出", "median": "中位数", "note": "说明", "pages": "页码",
    "peer_group": "同类组", "peers": "同类数", "placeholder": "占位符", "previous": "上年",
    "previous_doc_id": "上年文件", "previous_page": "上年页码", "previous_year": "上一年度", "printed": "印刷值",
    "q1": "下四分位数", "q3": "上四分位数", "reason": "原因", "residues": "残留文字", "rows_read": "读出行数",
    "sentences": "句子", "status": "读取状态", "table_name": "表名", "title_seen_on": "标题所在页",
    "year_printed": "印刷年度",
    "budget_initial": "年初预算数", "budget_full_year": "全年预算数", "executed": "全年执行数",
    "exec_rate": "执行率", "exec_rate_reported": "执行率(填报)", "exec_score": "执行得分", "exec_weight": "分值",
    "total_score": "总分", "expected_score": "应得分", "indicator_scores": "指标得分合计", "indicators": "指标数",
    "sum": "分项合计", "sum_of_parts": "分项之和", "parts": "分项", "total": "合计", "difference": "差额",
    "folded": "同一数字的其他标记",
    "change": "变动幅度", "growth": "增长率", "sangong_growth": "三公增长率", "share": "占比",
    "check": "校验项", "checks": "校验明细", "empty": "为空", "files": "文件", "first": "第一处数值",
    "second": "第二处数值", "second_page": "第二处页码", "table": "表中数", "table_page": "表格页码",
    "table_doc_id": "表格所在文档", "text": "原文", "narrative": "正文数", "missing": "缺少的表格",
    "none_found": "规定表格一张也未识别到", "key": "指标", "budget": "预算数", "actual": "决算数", "income": "收入",
    "expenditure": "支出", "what": "对象", "tolerance": "容差", "similarity": "相似度", "series": "序列",
    "self_score_mean": "自评平均分", "page": "页码", "item": "项目", "code": "科目编码", "name": "名称",
    "value": "值", "target": "年度指标值", "target_value": "指标值(数)", "actual_value": "完成值(数)",
    "weight": "分值", "score": "得分", "unit_printed": "标注单位", "total_item": "合计项", "budget_page": "预算页码",
    "budget_doc_id": "预算文档", "budget_document": "预算文档", "final_account": "决算文档", "stage": "阶段",
    "year": "年度", "metric": "指标", "where": "位置", "source": "来源", "n": "数量", "project": "项目名称",
    "agency": "单位/部门", "overseas": "因公出国(境)费", "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行费", "vehicle_total": "公务用车购置及运行费", "reception": "公务接待费",
    "sangong": "三公经费", "sangong_actual": "三公经费决算数", "fiscal_expenditure": "财政拨款支出",
    "gpb_expenditure": "一般公共预算财政拨款支出", "superior_subsidy": "上级补助收入",
    "soe_capital": "国有资本经营预算", "summary": "收支总表", "peer_median": "同类中位数", "ratio": "比值",
    "figure": "数字",
    },
    # an evidence key that means something else in one rule (pages/_evidence.py): "rule.key"
    "evidence_rule": {"comparison_wording_wrong.actual": "实际关系", "reading_incomplete.table": "表格",
                      "narrative_table_mismatch.item": "科目"},
    # evidence values that are codes
    "evidence_value": {"high": "高于上限", "low": "低于下限", "sentence": "正文", "agency_name_cover": "封面单位名称",
                       "agency_name_table": "表头单位名称", "agency_name_prose": "情况说明中的单位名称"},
    # the figure of a document a prose rule compared (evidence `key`)
    "figure": {**NARRATIVE_LABELS, "item_amount": "科目金额", "item_planned": "预算安排数", "item_actual": "支出决算数",
               "class_amount": "类级金额"},
    "column": {
    "doc_id": "文档ID", "region_code": "地区代码", "region": "地区", "agency_id": "单位ID", "agency": "单位/部门",
    "year": "年度", "page": "页码", "bbox": "页面位置", "source_name": "来源文件", "province": "省份", "city": "城市",
    "scope": "口径", "doc_kind": "文档类型", "unit": "金额单位", "pages": "页数", "tables_found": "识别表格",
    "tables_expected": "应有表格", "tables": "表格", "checks_passed": "校验通过", "checks_failed": "校验失败",
    "parser_version": "解析器版本", "ingested_at": "入库时间", "seconds": "耗时(秒)", "synthetic": "示例数据",
    "warnings": "警告", "table": "表", "item": "项目", "label": "原文名称", "amount": "金额",
    "code": "科目编码", "name": "名称", "level": "级次", "measure": "口径", "group": "类别", "stage": "阶段",
    "source": "来源", "key": "键", "text": "原文", "value": "值", "project": "项目名称", "project_code": "项目编码",
    "implementing_unit": "实施单位", "budget_initial": "年初预算数", "budget_full_year": "全年预算数",
    "executed": "全年执行数", "exec_rate_reported": "执行率(填报)", "exec_rate": "执行率",
    "exec_weight": "执行率分值", "exec_score": "执行率得分", "total_score": "总分", "grade": "等级",
    "level1": "一级指标", "level2": "二级指标", "target": "年度指标值", "actual": "实际完成值",
    "target_value": "指标值(数)", "actual_value": "完成值(数)", "comparator": "比较", "reading": "读取状态", "weight": "分值",
    "score": "得分", "note": "偏差原因", "flags": "标记数", "exec_score_share": "执行得分率",
    "deviation": "偏差", "points_lost": "扣分", "rule": "规则", "severity": "严重程度", "message": "说明",
    "evidence": "依据", "basic": "基本支出", "total": "合计", "budget": "预算数", "execution": "执行率",
    "yoy": "较上年", "class": "类", "share": "占比", "stage_name": "阶段",
    # a self-evaluation's 年度资金总额 其中 lines (projects.budget_initial_fiscal …), named as the data dictionary does
    **{f"{column}_{kind}": f"{name}（{kind_name}）" for column, name in PROJECT_FUND_LABELS.items()
       for kind, kind_name in FUND_KIND_LABELS.items()},
    },
    "fund_kind": FUND_KIND_LABELS,  # the 其中 lines of a self-evaluation's 年度资金总额
}
