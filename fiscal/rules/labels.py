"""What the messages call things: tables, table columns, 三公 items and stages, narrative figures."""

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
}
SANGONG_ITEMS: dict[str, str] = {
    "total": "“三公”经费合计", "overseas": "因公出国（境）费", "vehicle_total": "公务用车购置及运行维护费",
    "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行维护费", "reception": "公务接待费",
}
STAGES: dict[str, str] = {"budget": "预算数", "actual": "决算数"}
# Narrative keys (ingest/narrative.py) → what they are called in a message.
NARRATIVE_LABELS: dict[str, str] = {
    "grand_total": "收支总计", "income_total": "本年收入合计", "expenditure_total": "本年支出合计",
    "fiscal_grand_total": "财政拨款收支总计", "basic_total": "基本支出", "project_total": "项目支出",
    "fiscal_basic_total": "一般公共预算财政拨款基本支出", "personnel_total": "人员经费", "public_total": "公用经费",
    **{f"sangong_{i}_{s}": f"{label}{STAGES[s]}" for i, label in SANGONG_ITEMS.items() for s in STAGES},
}
