"""Every UI string of the dashboard, in Chinese (first) and English, and the number formats.

`t(key, **kw)` looks a string up in the reader's language (st.session_state["lang"]),
falling back to Chinese; `label(group, code)` names codes (doc kinds, 三公 items, rules …).
"""

from __future__ import annotations

import math
from typing import Any

import streamlit as st

LANGS: tuple[str, ...] = ("zh", "en")

STRINGS: dict[str, dict[str, str]] = {
    "zh": {
        # navigation and shell
        "app_title": "预算公开数据",
        "nav_overview": "总览", "nav_composition": "支出结构", "nav_sangong": "三公经费", "nav_projects": "项目绩效",
        "nav_flags": "异常标记", "nav_data": "数据", "nav_documents": "文档", "nav_upload": "上传",
        "lang_toggle": "English",
        "synthetic_banner": "**示例数据**：当前选择包含 {n} 份程序生成的示例文档，其中的数字是虚构的，仅用于演示。",
        "empty_lake": ("数据湖中还没有文档。请先导入 PDF：在项目目录运行 `make lake`（导入样例、真实文件和示例数据），"
                       "或 `python -m ingest samples/ --lake {lake}`（可换成你自己的文件或目录）。"),
        "empty_selection": "当前筛选条件下没有数据。请在左侧放宽筛选条件。",
        "lake_caption": "数据湖：`{lake}`",
        # filters
        "filters": "筛选", "f_province": "省份", "f_city": "城市/区", "f_agency": "单位/部门", "f_years": "年度",
        "f_kind": "文档类型", "f_all": "全部", "f_reset": "清除筛选", "thr_ignored": "链接中的规则阈值无法使用，已按默认阈值显示：{why}", "f_link": "当前视图的链接已写入地址栏，可直接分享。",
        "f_one_year": "年度：{year}",
        # overview
        "ov_title": "总览",
        "ov_coverage": "{docs} 份文档 · {agencies} 个单位/部门 · {regions} 个地区 · 年度 {years}",
        "ov_dupes": "其中 {n} 份与同一单位同年度的其他文档重复（如部门与本级、正文与表格分册），合计时只计一次。",
        "ov_expenditure": "支出合计（{year}年）", "ov_expenditure_help": "决算优先，无决算时取预算；与上年比较只比两年都有数据的单位（{n} 个）。",
        "ov_change_caption": "较上年（可比口径 {n} 个单位）", "ov_no_change": "无上年可比数据",
        "ov_plan": " · 预算数", "ov_mixed": " · 含预算数", "ov_unsplit": "合计（未分基本/项目）", "ov_split": "基本支出占比", "ov_split_value": "基本支出 {basic} · 项目支出 {project}",
        "ov_documents": "文档", "ov_documents_caption": "{agencies} 个单位/部门 · {regions} 个地区 · 年度 {years}",
        "ov_sangong": "三公经费（{year}年）", "ov_sangong_value": "{actual}", "ov_sangong_caption": "预算 {budget} · 执行 {rate}",
        "ov_sangong_budget_only": "预算 {budget}（尚无决算数）",
        "ov_projects": "绩效自评项目", "ov_projects_caption": "其中执行率低于 50% 的 {n} 个",
        "ov_flags": "异常标记", "ov_flags_caption": "错误 {error} · 警告 {warning} · 提示 {info}",
        "ov_flags_na": "规则引擎未就绪",
        "ov_by_year": "各年度支出（万元）", "ov_open": "查看", "ov_kinds": "文档类型",
        "ov_no_expenditure": "所选文档中没有可用的支出合计。",
        # composition
        "co_title": "支出结构", "co_year": "年度", "co_tree": "功能分类：类 → 款 → 项（万元）",
        "co_tree_empty": "所选年度没有功能分类支出明细。",
        "co_compare": "各单位功能分类构成", "co_compare_by": "比较维度", "co_by_agency": "按单位", "co_by_region": "按地区",
        "co_share": "占比", "co_basic_project": "基本支出与项目支出", "co_economic": "人员经费与公用经费",
        "co_economic_lines": "基本支出经济分类明细（前 15 项，万元）", "co_economic_empty": "没有基本支出经济分类数据。",
        "co_class": "类", "co_section": "款", "co_item": "项", "co_total": "合计",
        # 三公
        "sg_title": "三公经费", "sg_stage_note": "以下按{stage}统计；较上年的变化只比较同口径（决算比决算、预算比预算）。",
        "sg_statement": "{year}年，{agencies} 个单位“三公”经费{stage}合计 {amount}",
        "sg_statement_change": "，较上年{direction} {change}（可比口径 {n} 个单位）",
        "sg_up": "增长", "sg_down": "下降", "sg_flat": "持平",
        "sg_stacked": "各年度三公经费构成（万元）", "sg_budget_actual": "预算与决算", "sg_execution": "执行率",
        "sg_by_agency": "各单位三公经费", "sg_ranking": "{year}年单位排名（万元）", "sg_ranking_caption": "按{stage}排序；条形旁标注为较上年变化。", "sg_empty": "所选范围内没有三公经费数据。",
        "sg_yoy": "较上年",
        # projects
        "pj_title": "项目绩效", "pj_search": "搜索项目或单位", "pj_count": "共 {n} 个项目。",
        "pj_empty": "所选范围内没有绩效自评项目。", "pj_pick": "点选表格中的一行查看该项目的绩效指标。",
        "pj_indicators": "绩效指标：{project}", "pj_no_indicators": "该项目没有解析出绩效指标。",
        "pj_scatter": "执行率与自评总分", "pj_scatter_caption": "阴影区域：执行率低于 {rate}、总分不低于 {score} 分（低执行、高自评）。带名称的菱形：执行率低于阈值却得执行满分；橙色点：有其他异常标记。",
        "pj_exec_points": "执行得分/分值", "pj_exec_points_help": "预算执行率得分 / 该项分值",
        "pj_zone": "低执行 高自评", "pj_plain": "项目", "pj_flagged": "有其他异常标记的项目", "pj_blatant": "执行率低于 {rate} 却得执行满分",
        # flags
        "fl_title": "异常标记", "fl_unavailable": "规则引擎未就绪：`fiscal.rules` 尚未安装，暂时无法计算异常标记。",
        "fl_thresholds": "规则阈值", "fl_reset": "恢复默认阈值", "fl_count": "共 {n} 条标记。",
        "fl_rule": "规则", "fl_severity": "严重程度", "fl_none": "所选范围内没有异常标记。",
        "fl_source": "来源页面：{name} 第 {page} 页", "fl_source_missing": "原始 PDF 不在数据湖中，无法显示来源页面。",
        "fl_no_renderer": "未安装 pypdfium2，无法显示来源页面。",
        "fl_pick": "点选表格中的一行查看其来源页面（默认显示第一条）。", "fl_error": "规则计算出错：{error}",
        "fl_no_page": "该标记没有页码。",
        # data
        "da_title": "数据", "da_dataset": "数据集", "da_rows": "{n:,} 行（筛选后）",
        "da_csv": "下载 CSV", "da_xlsx": "下载 Excel", "da_csv_help": "UTF-8（带 BOM，Excel 可直接打开中文）；以 = + - @ 开头的文本已加单引号防公式注入。",
        "da_documents": "文档与入库报告", "da_quarantine": "隔离区（无法读取的文件）", "da_quarantine_empty": "隔离区为空。",
        "da_details": "单个文档的详细报告见“文档”页。", "da_no_download": "下载 CSV/Excel 需要分析员或管理员权限。", "da_warnings": "警告数", "da_codes_note": "表中编码以中文名称显示；下载的文件保留数据湖的原始编码（见 docs/CONTRACT.md）。", "da_q_name": "文件", "da_q_stage": "阶段", "da_q_reason": "原因", "da_q_detail": "详情",
        # documents page link
        "doc_open": "文档",
        # documents page
        "doc_links": "跨年度关联：{agencies} 个单位名称、{projects} 个项目",
        "doc_links_help": ("同一单位的不同名称（本级/部门、相近名称、机构改革更名）与同一项目的历年记录（项目编码、相同或相近名称）"
                           "被视为一个，趋势与评分表按关联后的当前名称显示。覆盖规则：fiscal/data/links.csv，或数据湖目录下的 links.csv。"),
        "doc_link_group": "显示为", "doc_link_method": "依据", "doc_link_score": "相似度", "doc_link_note": "说明",
        "doc_link_project": "项目（当前名称）", "doc_link_printed": "原文名称", "doc_link_code": "项目编码",
        "doc_link_mapping": "对照表", "doc_link_same": "名称相同", "doc_link_fuzzy": "名称相近", "doc_link_code_m": "项目编码",
        "doc_link_exact": "名称相同", "doc_link_alone": "未关联",
        "doc_title": "文档", "doc_count": "共 {docs} 份文档，{agencies} 个单位/部门，{years} 个年度。",
        "doc_col_source": "来源文件", "doc_col_region": "地区", "doc_col_agency": "单位/部门", "doc_col_year": "年度",
        "doc_col_kind": "类型", "doc_col_scope": "口径", "doc_col_pages": "页数", "doc_col_tables": "识别表格",
        "doc_col_tables_help": "识别出的表格数 / 该类文档应有的表格数", "doc_col_passed": "校验通过",
        "doc_col_failed": "校验失败", "doc_col_seconds": "耗时(秒)", "doc_col_ingested": "入库时间",
        "doc_report": "单个文档报告", "doc_pick": "选择文档", "doc_warnings": "警告", "doc_no_warnings": "没有警告。",
        "doc_tables": "识别到的表格", "doc_no_tables": "没有识别到表格。", "doc_source_kept": "原始 PDF：`{path}`",
        "doc_quarantine": "隔离区", "doc_quarantine_help": "无法读取的文件放在隔离区，附原因，导入不会中断。",
        "doc_quarantine_empty": "隔离区为空。",
        "doc_readings": "各表读取情况", "doc_readings_help": ("完整：找到并解析，表内合计与分项相符；部分：合计与分项不符、"
                         "有未能读出的行或单元格；未读取：目录列出或应有，但未找到或未能解析。规则只依据完整读取的表格。"),
        "doc_readings_none": "该文档没有逐表读取记录（由较早版本导入）。",
        "doc_readings_count": "完整 {complete} · 部分 {partial} · 未读取 {unread}",
        "doc_col_table": "表格", "doc_col_status": "读取", "doc_col_reason": "说明", "doc_col_page": "页码",
        "doc_status_complete": "完整", "doc_status_partial": "部分", "doc_status_unread": "未读取",
        "fl_findings": "异常标记（关于文件本身）", "fl_reading_notes": "读取说明（{n} 条）",
        "fl_reading_help": "这些表格未能完整读取：其中的数字不参与上面的异常规则，不是对文件的认定。",
        "doc_empty": ("数据湖中还没有文档。请先导入 PDF：在项目目录运行 `make lake`（导入自带样例），"
                      "或 `python -m ingest samples/ --lake {lake}`（可换成你自己的文件或目录）。"),
        # across documents: peers, inflation index, disclosure quality
        "nav_peers": "同类比较", "nav_inflation": "自评虚高指数", "nav_quality": "披露质量",
        "pe_title": "同类比较",
        "pe_caption": ("同类 = 同一省份、同类单位（按名称后缀：局、委员会、中心 …）、同一年度。超出 Q3 + {k}×IQR（执行率看下限 "
                       "Q1 − {k}×IQR）为异常；同类少于 {n} 家时不作判断。同类按整个数据湖计算，不受左侧筛选影响。"),
        "pe_unavailable": "跨文档评分（fiscal.scores）尚未就绪，暂时无法显示。", "pe_empty": "数据湖中没有可比较的指标。",
        "pe_metric": "指标", "pe_chart": "{metric}（{year}年）",
        "pe_statement": "所选 {n} 个单位分属 {groups} 个同类组（共 {peers} 个单位）；超出上限 {out} 个。",
        "pe_statement_all": "{groups} 个同类组，共 {peers} 个单位；超出上限 {out} 个。在左侧选择单位后，其位置会高亮显示。",
        "pe_thin": "同类少于 {n} 家、不作判断的组：{groups}。", "pe_box": "同类四分位", "pe_peers": "同类单位",
        "pe_selected": "所选单位", "pe_fence": "异常上限", "pe_points": "分", "pe_per_staff": "万元/人",
        "pe_outlier": "超出上限", "pe_inside": "正常范围", "pe_unjudged": "同类不足",
        "pe_col_selected": "所选", "pe_col_group": "同类组", "pe_col_value": "数值", "pe_col_median": "同类中位数",
        "pe_col_peers": "同类数", "pe_col_verdict": "判断", "pe_col_note": "说明",
        "pe_outliers": "所选范围内的异常值", "pe_no_outliers": "所选范围内没有超出同类上限的指标。",
        "pe_rates": "各规则的触发率",
        "pe_rates_caption": "触发率 = 被标记的单位年度 / 该规则能检查的单位年度（整个数据湖，只计警告及以上）。触发率越高，单条标记越不说明问题。",
        "pe_rate": "触发率", "pe_flagged": "被标记", "pe_flagged_help": "至少有一条该规则警告或错误的单位年度数",
        "pe_checked": "可检查", "pe_checked_help": "有该规则所需数据的单位年度数", "pe_flags": "标记条数",
        "pe_flagged_selection": "所选范围内被标记", "pe_judgement": "判断", "pe_noisy_short": "噪声较大",
        "pe_unchecked": "无可检查数据",
        "pe_noisy": "“{rule}”在 {checked} 个可检查的单位年度中标记了 {flagged} 个（{rate}）：超过一半的单位都被标记，说明阈值偏严或这类问题普遍存在，单条标记的参考价值有限。",
        "in_title": "自评虚高指数",
        "in_caption": ("指数 0–100，越高表示绩效自评越可能虚高。由四项构成：指标得满分的比例（40%）、项目总分过于集中（20%）、"
                       "总分与执行率脱节（20%）、执行率低于 60% 却拿满执行分的项目占比（20%）；缺项时按其余各项重新加权。"),
        "in_empty": "所选范围内没有绩效自评项目。", "in_year": "年度", "in_top": "最高指数（{year}年）",
        "in_index_help": "0–100，越高越可能虚高", "in_mean": "平均指数", "in_agencies": "{n} 个单位",
        "in_low_full_total": "低执行却得执行满分的项目", "in_projects_total": "共 {n} 个自评项目",
        "in_ranking": "{year}年单位排名", "in_components": "指数及其构成", "in_index": "虚高指数",
        "in_index_axis": "自评虚高指数（0–100）", "in_rank": "排名", "in_full_share": "指标满分占比",
        "in_full_share_help": "得分达到该指标分值的指标所占比例", "in_spread": "总分离散度",
        "in_spread_help": "各项目自评总分的标准差（分）；越小说明分数越集中", "in_corr": "分数与执行率相关",
        "in_corr_help": "项目总分与执行率的相关系数（−1 到 1）；越低说明分数不随执行情况变化",
        "in_low_full": "低执行满分项目", "in_low_full_help": "执行率低于 60% 却拿满执行率分值的项目数",
        "in_projects": "项目数", "in_indicators": "指标数", "in_mean_score": "平均总分", "in_mean_exec": "平均执行率",
        "in_to_projects": "在“项目绩效”页查看各项目", "in_all_years": "全部年度",
        "qu_title": "披露质量",
        "qu_caption": "每份决算/预算一个分数（0–100），由五项加权：{weights}；不适用的项不计，按其余各项重新加权。",
        "qu_empty": "所选范围内没有决算或预算文档。", "qu_mean": "平均分", "qu_docs": "{n} 份决算/预算",
        "qu_lowest": "最低分", "qu_below": "低于 {n} 分", "qu_full": "满分 {n} 份", "qu_ranking": "各单位年度得分（由低到高）",
        "qu_pick": "点选表格中的一行查看该文档的扣分明细（默认显示得分最低的一份）。", "qu_score": "质量分",
        "qu_problems_n": "问题数", "qu_weight": "权重 {w}", "qu_document": "{agency} · {year}年{kind}",
        "qu_files": "来源文件：{files}", "qu_no_source": "原件不在数据湖中", "qu_na": "不适用",
        "qu_share_earned": "得分率", "qu_problems": "问题（含页码）", "qu_no_problems": "没有发现问题。",
        "ov_quality": "披露质量（平均分）", "ov_quality_caption": "{n} 份决算/预算（{years}）· 最低 {low}（{agency}）",
        "ov_inflation": "自评虚高指数（最高）", "ov_inflation_caption": "{agency} · {year}年 · 共 {n} 个单位年度",
        "ov_peers": "同类比较异常值", "ov_peers_caption": "超出同类上限的指标（同类 ≥ {n} 家才判断）",
        "ov_across_na": "跨文档评分未就绪",
        "da_provenance": "下载的每一行都带有来源：文档ID、来源文件、页码和原始 PDF 在数据湖中的路径（source_path）；Excel 文件的第二张表“数据字典”说明每一列。",
        "missing": "—",
    },
    "en": {
        "app_title": "Budget disclosures",
        "nav_overview": "Overview", "nav_composition": "Composition", "nav_sangong": "Three public expenses",
        "nav_projects": "Projects", "nav_flags": "Flags", "nav_data": "Data", "nav_documents": "Documents", "nav_upload": "Upload",
        "lang_toggle": "English",
        "synthetic_banner": "**Demo data**: the selection includes {n} generated documents; their figures are invented.",
        "empty_lake": ("The lake holds no documents yet. Ingest PDFs first: run `make lake` in the project folder, "
                       "or `python -m ingest samples/ --lake {lake}` (or your own files or folders)."),
        "empty_selection": "Nothing matches the current filters. Widen them in the sidebar.",
        "lake_caption": "Lake: `{lake}`",
        "filters": "Filters", "f_province": "Province", "f_city": "City / district", "f_agency": "Agency",
        "f_years": "Years", "f_kind": "Document kind", "f_all": "All", "f_reset": "Clear filters", "thr_ignored": "The rule thresholds in the link cannot be used; default thresholds shown: {why}",
        "f_link": "The address bar holds a link to this view.", "f_one_year": "Year: {year}",
        "ov_title": "Overview",
        "ov_coverage": "{docs} documents · {agencies} agencies · {regions} regions · years {years}",
        "ov_dupes": "{n} of them duplicate another document of the same agency-year (department vs unit, narrative vs "
                    "tables); totals count them once.",
        "ov_expenditure": "Expenditure ({year})",
        "ov_expenditure_help": "Final accounts first, budgets otherwise; the change compares agencies present in both "
                               "years ({n}).",
        "ov_change_caption": "vs previous year ({n} comparable agencies)", "ov_no_change": "no comparable previous year",
        "ov_plan": " · budgets", "ov_mixed": " · incl. budgets", "ov_unsplit": "total (no basic/project split)", "ov_split": "Basic spending share", "ov_split_value": "basic {basic} · project {project}",
        "ov_documents": "Documents", "ov_documents_caption": "{agencies} agencies · {regions} regions · years {years}",
        "ov_sangong": "Three public expenses ({year})", "ov_sangong_value": "{actual}",
        "ov_sangong_caption": "budget {budget} · executed {rate}",
        "ov_sangong_budget_only": "budget {budget} (no actuals yet)",
        "ov_projects": "Projects evaluated", "ov_projects_caption": "{n} executed below 50%",
        "ov_flags": "Flags", "ov_flags_caption": "error {error} · warning {warning} · info {info}",
        "ov_flags_na": "rule engine not ready",
        "ov_by_year": "Expenditure by year (10k yuan)", "ov_open": "Open", "ov_kinds": "Document kinds",
        "ov_no_expenditure": "No expenditure total in the selected documents.",
        "co_title": "Spending composition", "co_year": "Year", "co_tree": "Functional classification (10k yuan)",
        "co_tree_empty": "No functional expenditure lines for this year.",
        "co_compare": "Composition by agency", "co_compare_by": "Compare", "co_by_agency": "by agency",
        "co_by_region": "by region", "co_share": "Share", "co_basic_project": "Basic vs project spending",
        "co_economic": "Personnel vs public expenses", "co_economic_lines": "Basic spending by economic line (top 15)",
        "co_economic_empty": "No economic classification data.",
        "co_class": "Class", "co_section": "Section", "co_item": "Item", "co_total": "Total",
        "sg_title": "Three public expenses", "sg_stage_note": "Figures below are {stage}; changes compare like with like (actual with actual).",
        "sg_statement": "{year}: {agencies} agencies, {stage} total {amount}",
        "sg_statement_change": ", {direction} {change} on the year before ({n} comparable agencies)",
        "sg_up": "up", "sg_down": "down", "sg_flat": "flat",
        "sg_stacked": "Composition by year (10k yuan)", "sg_budget_actual": "Budget vs actual", "sg_execution": "Execution",
        "sg_by_agency": "By agency", "sg_ranking": "Ranking {year} (10k yuan)", "sg_ranking_caption": "By {stage}; labels show the change on the year before.",
        "sg_empty": "No data in the selection.", "sg_yoy": "YoY",
        "pj_title": "Project scorecards", "pj_search": "Search project or agency", "pj_count": "{n} projects.",
        "pj_empty": "No evaluated projects in the selection.", "pj_pick": "Select a row to see the project's indicators.",
        "pj_indicators": "Indicators: {project}", "pj_no_indicators": "No indicators parsed for this project.",
        "pj_scatter": "Execution rate vs self-assessed score",
        "pj_scatter_caption": "Shaded: execution below {rate} with a total of {score} or more. Labelled diamonds: full execution score below the low-execution threshold; orange: other flags.",
        "pj_exec_points": "Exec. score", "pj_exec_points_help": "execution score / its weight",
        "pj_zone": "low execution, high score", "pj_plain": "projects", "pj_flagged": "other flagged projects", "pj_blatant": "execution below {rate}, full execution score",
        "fl_title": "Anomaly flags", "fl_unavailable": "Rule engine not ready: `fiscal.rules` is not installed yet.",
        "fl_thresholds": "Rule thresholds", "fl_reset": "Reset thresholds", "fl_count": "{n} flags.",
        "fl_rule": "Rule", "fl_severity": "Severity", "fl_none": "No flags in the selection.",
        "fl_source": "Source page: {name}, page {page}", "fl_source_missing": "The source PDF is not in the lake.",
        "fl_no_renderer": "pypdfium2 is not installed: source pages cannot be shown.",
        "fl_pick": "Select a row to see its source page (the first flag is shown by default).",
        "fl_error": "The rules failed: {error}", "fl_no_page": "This flag has no page.",
        "da_title": "Data", "da_dataset": "Dataset", "da_rows": "{n:,} rows (filtered)",
        "da_csv": "Download CSV", "da_xlsx": "Download Excel",
        "da_csv_help": "UTF-8 with BOM; text starting with = + - @ is prefixed with a quote against formula injection.",
        "da_documents": "Documents and ingest reports", "da_quarantine": "Quarantine (unreadable files)",
        "da_quarantine_empty": "The quarantine is empty.", "da_details": "See the Documents page for one file's report.",
        "da_no_download": "Downloading CSV/Excel needs the analyst or admin role.", "da_warnings": "Warnings", "da_codes_note": "Codes are shown by name; the downloads keep the lake's codes (docs/CONTRACT.md).", "da_q_name": "File", "da_q_stage": "Stage", "da_q_reason": "Reason",
        "da_q_detail": "Detail",
        "doc_open": "Documents",
        "missing": "—",
        "doc_links": "Links across years: {agencies} agency names, {projects} projects",
        "doc_links_help": ("Names of one agency (本级/部门 spellings, close names, renamed bureaus) and one project across years "
                           "(project code, same or close name) are treated as one; trends and scorecards use the current name. "
                           "Overrides: fiscal/data/links.csv, or links.csv in the lake folder."),
        "doc_link_group": "Shown as", "doc_link_method": "Basis", "doc_link_score": "Similarity", "doc_link_note": "Note",
        "doc_link_project": "Project (current name)", "doc_link_printed": "As printed", "doc_link_code": "Project code",
        "doc_link_mapping": "mapping file", "doc_link_same": "same name", "doc_link_fuzzy": "close name",
        "doc_link_code_m": "project code", "doc_link_exact": "same name", "doc_link_alone": "not linked",
        "doc_title": "Documents", "doc_count": "{docs} documents, {agencies} agencies, {years} years.",
        "doc_col_source": "Source file", "doc_col_region": "Region", "doc_col_agency": "Agency", "doc_col_year": "Year",
        "doc_col_kind": "Kind", "doc_col_scope": "Scope", "doc_col_pages": "Pages", "doc_col_tables": "Tables",
        "doc_col_tables_help": "tables found / tables this kind of document should have", "doc_col_passed": "Checks passed",
        "doc_col_failed": "Checks failed", "doc_col_seconds": "Seconds", "doc_col_ingested": "Ingested",
        "doc_report": "One document's report", "doc_pick": "Document", "doc_warnings": "Warnings",
        "doc_no_warnings": "No warnings.", "doc_tables": "Tables found", "doc_no_tables": "No table found.",
        "doc_source_kept": "Original PDF: `{path}`", "doc_quarantine": "Quarantine",
        "doc_quarantine_help": "Files that could not be read are set aside here with the reason; the ingest goes on.",
        "doc_quarantine_empty": "The quarantine is empty.",
        "doc_readings": "How each table was read", "doc_readings_help": ("complete: found, parsed, its totals equal its "
                         "parts; partial: totals that do not add up, rows or cells not read; unread: listed or expected, "
                         "not found or not parsed. The rules judge only complete tables."),
        "doc_readings_none": "No per-table reading record (ingested by an earlier version).",
        "doc_readings_count": "complete {complete} · partial {partial} · unread {unread}",
        "doc_col_table": "Table", "doc_col_status": "Reading", "doc_col_reason": "Note", "doc_col_page": "Page",
        "doc_status_complete": "complete", "doc_status_partial": "partial", "doc_status_unread": "unread",
        "fl_findings": "Flags (about the document)", "fl_reading_notes": "Reading notes ({n})",
        "fl_reading_help": "These tables could not be read completely: their figures are left out of the rules above; "
                           "this says nothing about the document.",
        "doc_empty": ("The lake holds no documents yet. Ingest PDFs first: run `make lake` in the project folder, "
                      "or `python -m ingest samples/ --lake {lake}` (or your own files or folders)."),
        "nav_peers": "Peer comparison", "nav_inflation": "Self-score inflation", "nav_quality": "Disclosure quality",
        "pe_title": "Peer comparison",
        "pe_caption": ("Peers: same province, same agency type (by name suffix), same year. Beyond Q3 + {k}×IQR (execution "
                       "rate: below Q1 − {k}×IQR) is an outlier; groups under {n} agencies are not judged. Peers come from "
                       "the whole lake, not only the filtered selection."),
        "pe_unavailable": "The cross-document scores (fiscal.scores) are not ready yet.",
        "pe_empty": "No comparable metric in the lake.", "pe_metric": "Metric", "pe_chart": "{metric} ({year})",
        "pe_statement": "The {n} selected agencies fall in {groups} peer groups ({peers} agencies); {out} beyond the fence.",
        "pe_statement_all": "{groups} peer groups, {peers} agencies; {out} beyond the fence. Pick agencies in the sidebar to highlight them.",
        "pe_thin": "Groups under {n} agencies, not judged: {groups}.", "pe_box": "Peer quartiles", "pe_peers": "Peers",
        "pe_selected": "Selected", "pe_fence": "Fence", "pe_points": "pts", "pe_per_staff": "10k yuan/person",
        "pe_outlier": "beyond fence", "pe_inside": "within range", "pe_unjudged": "too few peers",
        "pe_col_selected": "Selected", "pe_col_group": "Peer group", "pe_col_value": "Value", "pe_col_median": "Peer median",
        "pe_col_peers": "Peers", "pe_col_verdict": "Verdict", "pe_col_note": "Note",
        "pe_outliers": "Outliers in the selection", "pe_no_outliers": "No value in the selection lies beyond its fence.",
        "pe_rates": "How often each rule fires",
        "pe_rates_caption": "Rate = agency-years flagged / agency-years the rule could check (whole lake, warnings and errors). The higher the rate, the less one flag says.",
        "pe_rate": "Rate", "pe_flagged": "Flagged", "pe_flagged_help": "agency-years with at least one warning or error of the rule",
        "pe_checked": "Checked", "pe_checked_help": "agency-years with the data the rule needs", "pe_flags": "Flags",
        "pe_flagged_selection": "Flagged in selection", "pe_judgement": "Judgement", "pe_noisy_short": "noisy",
        "pe_unchecked": "nothing to check",
        "pe_noisy": "“{rule}” flags {flagged} of {checked} agency-years ({rate}): more than half, so its threshold is strict or the issue is common; one flag says little.",
        "in_title": "Self-score inflation index",
        "in_caption": ("0–100, higher = self-evaluations more likely inflated. Terms: share of indicators at full marks (40%), "
                       "tight spread of total scores (20%), scores not following execution (20%), projects under 60% "
                       "execution with full execution points (20%); missing terms are re-weighted."),
        "in_empty": "No self-evaluated projects in the selection.", "in_year": "Year", "in_top": "Highest ({year})",
        "in_index_help": "0–100, higher = more likely inflated", "in_mean": "Mean index", "in_agencies": "{n} agencies",
        "in_low_full_total": "Low execution, full execution points", "in_projects_total": "{n} projects evaluated",
        "in_ranking": "Ranking {year}", "in_components": "Index and its terms", "in_index": "Index",
        "in_index_axis": "Inflation index (0–100)", "in_rank": "Rank", "in_full_share": "Full-marks share",
        "in_full_share_help": "share of indicators scored at their full weight", "in_spread": "Score spread",
        "in_spread_help": "std of project total scores (points)", "in_corr": "Score–execution corr.",
        "in_corr_help": "Pearson correlation of total score and execution rate", "in_low_full": "Low exec., full points",
        "in_low_full_help": "projects under 60% execution scored full execution points", "in_projects": "Projects",
        "in_indicators": "Indicators", "in_mean_score": "Mean score", "in_mean_exec": "Mean execution",
        "in_to_projects": "See the projects on the Projects page", "in_all_years": "All years",
        "qu_title": "Disclosure quality",
        "qu_caption": "One score (0–100) per final account / budget, weighted: {weights}; terms that do not apply are left out and the rest re-weighted.",
        "qu_empty": "No final account or budget in the selection.", "qu_mean": "Mean score", "qu_docs": "{n} disclosures",
        "qu_lowest": "Lowest", "qu_below": "Below {n}", "qu_full": "{n} at 100", "qu_ranking": "Scores, lowest first",
        "qu_pick": "Select a row to see its breakdown (the lowest is shown by default).", "qu_score": "Quality score",
        "qu_problems_n": "Problems", "qu_weight": "weight {w}", "qu_document": "{agency} · {year} {kind}",
        "qu_files": "Source files: {files}", "qu_no_source": "PDF not in the lake", "qu_na": "n/a",
        "qu_share_earned": "Share earned", "qu_problems": "Problems (with pages)", "qu_no_problems": "No problem found.",
        "ov_quality": "Disclosure quality (mean)", "ov_quality_caption": "{n} disclosures ({years}) · lowest {low} ({agency})",
        "ov_inflation": "Self-score inflation (highest)", "ov_inflation_caption": "{agency} · {year} · {n} agency-years",
        "ov_peers": "Peer outliers", "ov_peers_caption": "values beyond their peers' fence (groups of {n}+)",
        "ov_across_na": "cross-document scores not ready",
        "da_provenance": "Every downloaded row carries its source: document id, file, page and the stored PDF's path in the lake (source_path); the Excel file's second sheet, 数据字典, describes every column.",
    },
}

# Names of codes, per group.
LABELS: dict[str, dict[str, dict[str, str]]] = {
    "zh": {
        "kind": {"final_account": "决算", "budget": "预算", "performance_report": "绩效自评"},
        "scope": {"department": "部门", "unit": "单位"},
        "stage": {"budget": "预算数", "actual": "决算数", "mixed": "决算数（无决算的单位取预算数）"},
        "sangong": {"total": "合计", "overseas": "因公出国（境）费", "vehicle_total": "公务用车购置及运行费",
                    "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行维护费",
                    "reception": "公务接待费"},
        "measure": {"basic": "基本支出", "project": "项目支出", "total": "合计"},
        "group": {"personnel": "人员经费", "public": "公用经费"},
        "severity": {"error": "错误", "warning": "警告", "info": "提示"},
        "dataset": {"documents": "文档", "summary": "收支总表", "line_items": "功能分类明细", "economic_items": "经济分类明细",
                    "sangong": "三公经费", "narrative": "正文数字", "projects": "绩效项目", "indicators": "绩效指标"},
        "rule": {
            "full_score_low_execution": "低执行率却得满分", "exec_rate_misreported": "执行率填报不实",
            "exec_exceeds_budget": "执行数超预算", "high_total_low_execution": "低执行高总分",
            "total_score_mismatch": "总分不等于分项之和", "indicator_unmet_full_score": "指标未完成却得满分",
            "budget_adjusted_heavily": "预算大幅调整", "sangong_sum_mismatch": "三公合计不等于分项之和",
            "sangong_over_budget": "三公超预算", "sangong_yoy_increase": "三公同比增长过快",
            "totals_mismatch": "合计不等于分项之和", "cross_table_mismatch": "表间数字不一致",
            "narrative_table_mismatch": "正文与表格不一致", "missing_tables": "缺少公开表格",
            "reading_incomplete": "表格未能完整读取",
            "agency_name_inconsistent": "单位名称不一致", "unit_mismatch": "金额单位错误",
            "year_inconsistent": "年份前后矛盾", "percentage_misstated": "百分比与数字不符",
            "comparison_wording_wrong": "比较用语与数字相反", "template_residue": "模板文字残留",
            "code_name_mismatch": "科目编码与名称不符", "budget_final_mismatch": "决算年初预算与部门预算不一致",
            "peer_outlier": "同类比较异常",
        },
        "metric": {"sangong_actual": "三公经费决算数", "sangong_per_staff": "人均三公经费", "sangong_growth": "三公经费增长率",
                   "exec_rate_mean": "项目平均执行率", "self_score_mean": "项目平均自评分"},
        "quality": {"tables_present": "应公开表格齐全", "empty_explained": "空表有说明", "reconciliations": "勾稽关系",
                    "prose_consistent": "正文与表格一致", "readable": "可读取"},
        "evidence": {
            "budget_initial": "年初预算数", "budget_full_year": "全年预算数", "executed": "全年执行数",
            "exec_rate": "执行率", "exec_rate_reported": "执行率(填报)", "exec_score": "执行得分", "exec_weight": "分值",
            "total_score": "总分", "expected_score": "应得分", "indicator_scores": "指标得分合计", "indicators": "指标数",
            "sum": "分项合计", "sum_of_parts": "分项之和", "parts": "分项", "total": "合计", "difference": "差额",
            "change": "变动幅度", "growth": "增长率", "sangong_growth": "三公增长率", "share": "占比",
            "check": "校验项", "checks": "校验明细", "empty": "为空", "files": "文件", "first": "第一处数值",
            "second": "第二处数值", "second_page": "第二处页码", "table": "表中数", "table_page": "表格页码",
            "table_doc_id": "表格所在文档", "text": "原文", "narrative": "正文数", "missing": "缺少的表格",
            "none_found": "未找到", "key": "指标", "budget": "预算数", "actual": "决算数", "income": "收入",
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
        },
        "column": {
            "doc_id": "文档ID", "region_code": "地区代码", "region": "地区", "agency_id": "单位ID", "agency": "单位/部门",
            "year": "年度", "page": "页码", "source_name": "来源文件", "province": "省份", "city": "城市",
            "scope": "口径", "doc_kind": "文档类型", "unit": "金额单位", "pages": "页数", "tables_found": "识别表格",
            "tables_expected": "应有表格", "tables": "表格", "checks_passed": "校验通过", "checks_failed": "校验失败",
            "parser_version": "解析器版本", "ingested_at": "入库时间", "seconds": "耗时(秒)", "synthetic": "示例数据",
            "warnings": "警告", "table": "表", "item": "项目", "label": "原文名称", "amount": "金额(万元)",
            "code": "科目编码", "name": "名称", "level": "级次", "measure": "口径", "group": "类别", "stage": "阶段",
            "source": "来源", "key": "键", "text": "原文", "value": "值", "project": "项目名称", "project_code": "项目编码",
            "implementing_unit": "实施单位", "budget_initial": "年初预算数", "budget_full_year": "全年预算数",
            "executed": "全年执行数", "exec_rate_reported": "执行率(填报)", "exec_rate": "执行率",
            "exec_weight": "执行率分值", "exec_score": "执行率得分", "total_score": "总分", "grade": "等级",
            "level1": "一级指标", "level2": "二级指标", "target": "年度指标值", "actual": "实际完成值",
            "target_value": "指标值(数)", "actual_value": "完成值(数)", "comparator": "比较", "weight": "分值",
            "score": "得分", "note": "偏差原因", "flags": "标记数", "exec_score_share": "执行得分率",
            "deviation": "偏差", "points_lost": "扣分", "rule": "规则", "severity": "严重程度", "message": "说明",
            "evidence": "依据", "basic": "基本支出", "total": "合计", "budget": "预算数", "execution": "执行率",
            "yoy": "较上年", "class": "类", "share": "占比", "stage_name": "阶段",
        },
    },
    "en": {
        "kind": {"final_account": "Final account", "budget": "Budget", "performance_report": "Self-evaluation"},
        "scope": {"department": "Department", "unit": "Unit"},
        "stage": {"budget": "budget", "actual": "actual", "mixed": "actual (budget where no actual)"},
        "sangong": {"total": "Total", "overseas": "Overseas travel", "vehicle_total": "Official vehicles",
                    "vehicle_purchase": "Vehicle purchase", "vehicle_operation": "Vehicle operation",
                    "reception": "Official reception"},
        "measure": {"basic": "Basic", "project": "Project", "total": "Total"},
        "group": {"personnel": "Personnel", "public": "Public (office)"},
        "severity": {"error": "error", "warning": "warning", "info": "info"},
        "dataset": {"documents": "Documents", "summary": "Summary", "line_items": "Functional lines",
                    "economic_items": "Economic lines", "sangong": "Three public expenses", "narrative": "Narrative figures",
                    "projects": "Projects", "indicators": "Indicators"},
        "rule": {
            "full_score_low_execution": "Full score, low execution", "exec_rate_misreported": "Execution rate misreported",
            "exec_exceeds_budget": "Executed above budget", "high_total_low_execution": "High total, low execution",
            "total_score_mismatch": "Total ≠ sum of scores", "indicator_unmet_full_score": "Unmet indicator, full score",
            "budget_adjusted_heavily": "Budget heavily adjusted", "sangong_sum_mismatch": "三公 total ≠ parts",
            "sangong_over_budget": "三公 over budget", "sangong_yoy_increase": "三公 up > 20%",
            "totals_mismatch": "Total ≠ sum of parts", "cross_table_mismatch": "Tables disagree",
            "narrative_table_mismatch": "Prose ≠ table", "missing_tables": "Missing tables",
            "reading_incomplete": "Table not fully read",
            "agency_name_inconsistent": "Agency name inconsistent", "unit_mismatch": "Unit off by 10⁴",
            "year_inconsistent": "Year contradicts the document", "percentage_misstated": "Percentage misstated",
            "comparison_wording_wrong": "Comparison word contradicts figures", "template_residue": "Template text left in",
            "code_name_mismatch": "Code/name mismatch", "budget_final_mismatch": "Budget ≠ final account's budget",
            "peer_outlier": "Peer outlier",
        },
        "metric": {"sangong_actual": "三公 actual", "sangong_per_staff": "三公 per staff", "sangong_growth": "三公 growth",
                   "exec_rate_mean": "Mean execution rate", "self_score_mean": "Mean self-score"},
        "quality": {"tables_present": "Tables present", "empty_explained": "Empty tables explained",
                    "reconciliations": "Reconciliations", "prose_consistent": "Prose matches tables", "readable": "Readable"},
        "evidence": {
            "budget_initial": "Initial budget", "budget_full_year": "Full-year budget", "executed": "Executed",
            "exec_rate": "Execution rate", "exec_rate_reported": "Rate (printed)", "exec_score": "Exec. score",
            "exec_weight": "Exec. weight", "total_score": "Total score", "expected_score": "Expected score",
            "indicator_scores": "Indicator scores", "indicators": "Indicators", "sum": "Sum of parts",
            "sum_of_parts": "Sum of parts", "parts": "Parts", "total": "Total", "difference": "Difference",
            "change": "Change", "growth": "Growth", "sangong_growth": "三公 growth", "share": "Share",
            "check": "Check", "checks": "Checks", "empty": "Empty", "files": "Files", "first": "First figure",
            "second": "Second figure", "second_page": "Second page", "table": "In the table",
            "table_page": "Table page", "table_doc_id": "Table document", "text": "Text", "narrative": "In the prose",
            "missing": "Missing tables", "none_found": "None found", "key": "Figure", "budget": "Budget",
            "actual": "Actual", "income": "Income", "expenditure": "Expenditure", "page": "Page", "year": "Year",
            "weight": "Weight", "score": "Score", "project": "Project", "agency": "Agency",
        },
        "column": {
            "doc_id": "Document id", "region_code": "Region code", "region": "Region", "agency_id": "Agency id",
            "agency": "Agency", "year": "Year", "page": "Page", "source_name": "Source file", "province": "Province",
            "city": "City", "scope": "Scope", "doc_kind": "Kind", "unit": "Unit", "pages": "Pages",
            "tables_found": "Tables found", "tables_expected": "Tables expected", "tables": "Tables",
            "checks_passed": "Checks passed", "checks_failed": "Checks failed", "parser_version": "Parser",
            "ingested_at": "Ingested", "seconds": "Seconds", "synthetic": "Demo data", "warnings": "Warnings",
            "table": "Table", "item": "Item", "label": "Printed label", "amount": "Amount (10k yuan)", "code": "Code",
            "name": "Name", "level": "Level", "measure": "Measure", "group": "Group", "stage": "Stage",
            "source": "Source", "key": "Key", "text": "Text", "value": "Value", "project": "Project",
            "project_code": "Project code", "implementing_unit": "Implementing unit", "budget_initial": "Initial budget",
            "budget_full_year": "Full-year budget", "executed": "Executed", "exec_rate_reported": "Rate (printed)",
            "exec_rate": "Execution rate", "exec_weight": "Exec. weight", "exec_score": "Exec. score",
            "total_score": "Total", "grade": "Grade", "level1": "Level 1", "level2": "Level 2", "target": "Target",
            "actual": "Actual", "target_value": "Target (number)", "actual_value": "Actual (number)",
            "comparator": "Comparator", "weight": "Weight", "score": "Score", "note": "Deviation reason",
            "flags": "Flags", "exec_score_share": "Exec. score share", "deviation": "Deviation",
            "points_lost": "Points lost", "rule": "Rule", "severity": "Severity", "message": "Message",
            "evidence": "Evidence", "basic": "Basic", "total": "Total", "budget": "Budget", "execution": "Execution",
            "yoy": "YoY", "class": "Class", "share": "Share", "stage_name": "Stage",
        },
    },
}


def lang() -> str:
    """The reader's language code."""
    value = st.session_state.get("lang", "zh")
    return value if value in LANGS else "zh"


def t(key: str, **kw: Any) -> str:
    """A UI string in the reader's language, formatted with kw."""
    text = STRINGS[lang()].get(key) or STRINGS["zh"].get(key) or key
    return text.format(**kw) if kw else text


def label(group: str, code: Any) -> str:
    """The name of a code (doc kind, 三公 item, rule id, column …) in the reader's language."""
    if code is None:
        return t("missing")
    table = LABELS[lang()].get(group, {})
    if str(code) in table:
        return table[str(code)]
    if lang() == "en" and group == "column":
        return str(code)
    return LABELS["zh"].get(group, {}).get(str(code), str(code))


def labels(group: str) -> dict[str, str]:
    """All names of a group in the reader's language (Chinese where no translation), for polars replace."""
    return {**LABELS["zh"].get(group, {}), **LABELS[lang()].get(group, {})}


def unit() -> str:
    """The amount unit as shown."""
    return "万元" if lang() == "zh" else "10k yuan"


def amount(x: float | None, digits: int = 2, with_unit: bool = True) -> str:
    """An amount in 万元 with thousands separators (— when unknown)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return t("missing")
    text = f"{x:,.{digits}f}"
    return f"{text} {unit()}" if with_unit else text


def pct(x: float | None, digits: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage (0.4786 → 47.9%)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return t("missing")
    return f"{x * 100:+.{digits}f}%" if signed else f"{x * 100:.{digits}f}%"


def years_text(years: list[int]) -> str:
    """A list of years as a compact range text (2021–2023, 2026)."""
    if not years:
        return t("missing")
    years = sorted(set(years))
    runs: list[list[int]] = [[years[0], years[0]]]
    for y in years[1:]:
        if y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)
