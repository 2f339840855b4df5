"""What the messages call things: tables, table columns, 三公 items and stages, narrative figures, rules."""

from __future__ import annotations

TABLE_LABELS: dict[str, str] = {
    "summary": "收入支出总表", "income": "收入表", "expenditure": "支出表", "fiscal_summary": "财政拨款收支总表",
    "gpb_expenditure": "一般公共预算财政拨款支出表", "gpb_basic": "一般公共预算财政拨款基本支出表",
    "gov_fund": "政府性基金预算财政拨款表", "soe_capital": "国有资本经营预算财政拨款表", "sangong": "“三公”经费表",
    "fiscal_expenditure": "财政拨款支出表", "economic": "基本支出经济分类表",
}
MEASURE_LABELS: dict[str, str] = {
    "total": "合计", "basic": "基本支出", "project": "项目支出", "remit_superior": "上缴上级支出",
    "operating": "经营收支",
    "affiliated_subsidy": "对附属单位补助支出", "fiscal": "财政拨款收入", "superior_subsidy": "上级补助收入",
    "business": "事业收入", "affiliated": "附属单位上缴收入", "other": "其他收入", "opening": "年初结转和结余",
    "income": "本年收入", "closing": "年末结转和结余", "current_year": "当年拨款", "carried_over": "上年结转",
    "personnel": "人员经费", "public": "公用经费", "unit_funds": "单位资金",
}
SANGONG_ITEMS: dict[str, str] = {
    "total": "“三公”经费合计", "overseas": "因公出国（境）费", "vehicle_total": "公务用车购置及运行维护费",
    "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行维护费", "reception": "公务接待费",
}
STAGES: dict[str, str] = {"budget": "预算数", "actual": "决算数"}
# Narrative keys (ingest/narrative.py) → what they are called in a message.
NARRATIVE_LABELS: dict[str, str] = {
    "grand_total": "收支总计", "income_total": "本年收入合计", "expenditure_total": "本年支出合计",
    "fiscal_grand_total": "财政拨款收支总计", "fiscal_income_total": "财政拨款收入",
    "basic_total": "基本支出", "project_total": "项目支出",
    "fiscal_basic_total": "一般公共预算财政拨款基本支出", "personnel_total": "人员经费", "public_total": "公用经费",
    **{f"sangong_{i}_{s}": f"{label}{STAGES[s]}" for i, label in SANGONG_ITEMS.items() for s in STAGES},
}
# Rule ids → their short names (Chinese, English): the dashboard labels rules with these (pages/_zh_labels.py,
# pages/_en_labels.py) and the disclosure-quality problems start with them (fiscal/quality.py).
RULES: dict[str, tuple[str, str]] = {
    "full_score_low_execution": ("低执行率却得满分", "Full score, low execution"),
    "exec_rate_misreported": ("执行率填报不实", "Execution rate misreported"),
    "exec_exceeds_budget": ("执行数超预算", "Executed above budget"),
    "high_total_low_execution": ("低执行高总分", "High total, low execution"),
    "total_score_mismatch": ("总分不等于分项之和", "Total ≠ sum of scores"),
    "indicator_unmet_full_score": ("指标未完成却得满分", "Unmet indicator, full score"),
    "budget_adjusted_heavily": ("预算大幅调整", "Budget heavily adjusted"),
    "sangong_sum_mismatch": ("三公合计不等于分项之和", "Three public expenses: total ≠ parts"),
    "sangong_over_budget": ("三公超预算", "Three public expenses over budget"),
    "sangong_yoy_increase": ("三公同比增长过快", "Three public expenses up > 20%"),
    "totals_mismatch": ("合计不等于分项之和", "Total ≠ sum of parts"),
    "cross_table_mismatch": ("表间数字不一致", "Tables disagree"),
    "narrative_table_mismatch": ("正文与表格不一致", "Prose ≠ table"),
    "missing_tables": ("缺少公开表格", "Missing tables"),
    "reading_incomplete": ("表格未能完整读取", "Table not fully read"),
    "agency_name_inconsistent": ("单位名称不一致", "Agency name inconsistent"),
    "unit_mismatch": ("金额单位错误", "Unit off by 10⁴"),
    "year_inconsistent": ("年份前后矛盾", "Year contradicts the document"),
    "percentage_misstated": ("百分比与数字不符", "Percentage misstated"),
    "comparison_wording_wrong": ("比较用语与数字相反", "Comparison word contradicts figures"),
    "template_residue": ("模板文字残留", "Template text left in"),
    "code_name_mismatch": ("科目编码与名称不符", "Code/name mismatch"),
    "budget_final_mismatch": ("决算年初预算与部门预算不一致", "Budget ≠ final account's budget"),
    "peer_outlier": ("同类比较异常", "Peer outlier"),
}
RULE_NAMES: dict[str, dict[str, str]] = {lang: {k: v[i] for k, v in RULES.items()}
                                         for i, lang in enumerate(("zh", "en"))}
