"""The names of codes in English: doc kinds, 三公 items, rules and what each finding says, evidence keys,
columns … (the UI strings: pages/_en.py)."""
# ruff: noqa: E501
# (one entry a line reads better than wrapped string literals)

from __future__ import annotations

from fiscal.rules.labels import RULE_NAMES
from fiscal.schema import PROJECT_FUND_LABELS

# Names of codes, per group.
LABELS: dict[str, dict[str, str]] = {
    # rule thresholds by name (the flags page's inputs)
    "param": {"slack": "Execution score slack (points)", "low_rate": "Low execution rate", "full_tolerance":
              "Full-marks tolerance (points)", "tolerance": "Tolerance", "min_total": "Minimum total (points)",
              "max_rate": "Maximum execution rate", "max_change": "Maximum adjustment", "max_growth": "Maximum growth",
              "rounding": "Rounding tolerance (10k yuan)", "minor_points": "Minor difference (points)",
              "min_similarity": "Minimum name similarity", "iqr_factor": "IQR factor", "min_peers": "Minimum peers"},
    # functional agency types (fiscal/data/agency_types.csv) by name, for peer groups
    "agency_type": {
    "交通运输": "Transport", "人力资源社会保障": "Human resources & social security", "人大": "People's congress",
    "住房城乡建设": "Housing & construction", "信访": "Petitions", "党委办公厅": "Party committee office",
    "党校": "Party school", "公安": "Public security", "农业农村": "Agriculture", "医疗保障": "Healthcare security",
    "医院": "Hospital", "卫生健康": "Health", "发展改革": "Development & reform", "司法": "Justice",
    "商务": "Commerce", "大数据与政务服务": "Big data & government services", "审计": "Audit", "宣传": "Publicity",
    "工业和信息化": "Industry & IT", "市场监管": "Market regulation", "应急管理": "Emergency management",
    "政协": "CPPCC", "政府办公厅": "Government office", "教育": "Education", "文化旅游体育": "Culture, tourism & sport",
    "机关事务": "Government affairs", "档案": "Archives", "检察院": "Procuratorate", "民政": "Civil affairs",
    "水利": "Water resources", "法院": "Court", "生态环境": "Ecology & environment", "科技": "Science & technology",
    "税务": "Taxation", "纪检监察": "Discipline inspection", "组织": "Organisation", "统战": "United front",
    "统计": "Statistics", "自然资源": "Natural resources", "街道/乡镇": "Sub-district / township", "财政": "Finance",
    "退役军人事务": "Veterans affairs",
    },
    # table families by name (the documents page)
    "family": {"summary": "Income and expenditure summary", "income": "Income table", "expenditure": "Expenditure table", "fiscal_summary": "Fiscal appropriation summary", "gpb_expenditure": "General public budget expenditure", "gpb_basic": "General public budget basic expenditure", "gov_fund": "Government fund budget", "soe_capital": "State capital operating budget", "sangong": "Three public expenses", "gov_fund_sangong": "Government fund three public expenses", "fiscal_economic": "Fiscal appropriation by economic class", "gpb_project": "General public budget projects", "fiscal_expenditure": "Fiscal appropriation expenditure", "fiscal_basic": "Fiscal appropriation basic expenditure", "operating_costs": "Agency operating costs", "procurement": "Government procurement", "project_targets": "Project performance targets", "overall_targets": "Overall performance targets", "project_selfeval": "Project self-evaluation", "overall_selfeval": "Overall self-evaluation", "overall_basic_data": "Overall evaluation basic data", "purchased_services": "Government-purchased services", "project_expenditure": "Project expenditure", "selfeval_list": "Project self-evaluation list"},
    "kind": {"final_account": "Final account", "budget": "Budget", "performance_report": "Self-evaluation"},
    "scope": {"department": "Department", "unit": "Unit"},
    "stage": {"budget": "Budget", "actual": "Actual", "mixed": "Actual (budget where no actual)"},  # in a sentence: i18n.word
    "sangong": {"total": "Total", "overseas": "Overseas travel", "vehicle_total": "Official vehicles",
                "vehicle_purchase": "Vehicle purchase", "vehicle_operation": "Vehicle operation",
                "reception": "Official reception"},
    "measure": {"basic": "Basic", "project": "Project", "total": "Total", "remit_superior": "Remitted to superior",
                "operating": "Operating", "affiliated_subsidy": "Subsidies to affiliated units",
                "fiscal": "Fiscal appropriation", "superior_subsidy": "Subsidy from above", "business": "Business income",
                "affiliated": "Remitted by affiliated units", "other": "Other", "opening": "Opening balance",
                "income": "Income this year", "closing": "Closing balance", "current_year": "Appropriated this year",
                "carried_over": "Carried over", "personnel": "Personnel", "public": "Public (office)",
                "unit_funds": "Own funds", "reserve": "Reserve"},
    "source": {"table": "Table", "prose": "Text", "prose_sum": "Sum of text items"},
    "reading": {"complete": "Complete", "partial": "Partial", "unread": "Unread"},
    "comparator": {"qualitative": "Qualitative"},
    "group": {"personnel": "Personnel", "public": "Public (office)", "other": "Other"},
    "severity": {"error": "Error", "warning": "Warning", "info": "Info"},  # a label, not a code
    "dataset": {"documents": "Documents", "summary": "Summary", "line_items": "Functional lines",
                "economic_items": "Economic lines", "sangong": "Three public expenses", "narrative": "Narrative figures",
                "projects": "Projects", "indicators": "Indicators",
                "project_goals": "Project performance goals"},
    "rule": RULE_NAMES["en"],  # one home with the quality problems: fiscal/rules/labels.py
    # a finding in English (pages/_messages.py), from its evidence; amounts in 10k yuan as published
    "rule_says": {
        "full_score_low_execution": ("project “{project}”: {executed} of a {budget_full_year} budget executed "
                                     "({exec_rate}, 10k yuan), yet the execution score is {exec_score} of {exec_weight}"),
        "exec_rate_misreported": ("project “{project}” reports an execution rate of {exec_rate_reported}, but "
                                  "{executed} / {budget_full_year} = {exec_rate}"),
        "exec_exceeds_budget": ("project “{project}”: executed {executed} exceeds the full-year budget "
                                "{budget_full_year} (10k yuan)"),
        "high_total_low_execution": "project “{project}” scores {total_score} in total at an execution rate of {exec_rate}",
        "total_score_mismatch": ("project “{project}”: total score {total_score}, but execution score {exec_score} + "
                                 "{indicators} indicator scores {indicator_scores} = {sum}"),
        "budget_adjusted_heavily": ("project “{project}”: initial budget {budget_initial} adjusted to {budget_full_year} "
                                    "(10k yuan, {change})"),
        "sangong_over_budget": "three public expenses ({item}): actual {actual} above the budget {budget} (10k yuan)",
        "sangong_yoy_increase": ("three public expenses ({series}) rose from {previous} in {previous_year} to {current} "
                                 "(10k yuan, {growth})"),
        "totals_mismatch": ("a printed total does not equal the sum of its parts: {total} ≠ {sum_of_parts} "
                            "(difference {difference}, 10k yuan)"),
        "cross_table_mismatch": "two tables print different figures: {first} ≠ {second} (difference {difference})",
        "percentage_misstated": "a percentage printed as {printed}% should be {computed}% by the text's own figures",
        "peer_outlier": ("{metric}: {value}, beyond the peer fence {fence} (median {median} of {peers} peers in the same "
                         "province and type)"),
        "comparison_wording_wrong": "the word “{word}” contradicts the figures it compares",
        "year_inconsistent": "a year in the text contradicts the document's year ({document_year})",
        "narrative_table_mismatch": ("the text states {narrative} where its table (p. {table_page}) prints {table} "
                                     "(difference {difference}, 10k yuan)"),
        "agency_name_inconsistent": "the agency is named “{name}” here and “{cover}” on the cover (or a template name)",
    },
    "rule_explain": {
        "full_score_low_execution": "a project executed little of its budget yet scored full marks for execution",
        "exec_rate_misreported": "a project's printed execution rate does not follow from its figures",
        "exec_exceeds_budget": "a project executed more than its full-year budget",
        "high_total_low_execution": "a project scored high in total despite low execution",
        "total_score_mismatch": "a project's total score does not equal the sum of its scores",
        "indicator_unmet_full_score": "an indicator not met still scored full marks",
        "budget_adjusted_heavily": "a project's budget was adjusted heavily during the year",
        "sangong_sum_mismatch": "the three public expenses total does not equal its items",
        "sangong_over_budget": "three public expenses spent above their budget",
        "sangong_yoy_increase": "three public expenses grew by more than the threshold over last year",
        "totals_mismatch": "a printed total does not equal the sum of its parts",
        "cross_table_mismatch": "two tables of the document print different figures for the same item",
        "narrative_table_mismatch": "the text states a figure its own table does not print",
        "missing_tables": "tables the disclosure must contain are missing",
        "reading_incomplete": "a table could not be read completely (a reading note, not a finding)",
        "agency_name_inconsistent": "the agency's name differs within the document",
        "unit_mismatch": "an amount is printed in the wrong unit (off by 10,000)",
        "year_inconsistent": "a year in the text contradicts the document's year",
        "percentage_misstated": "a printed percentage does not follow from the text's own figures",
        "comparison_wording_wrong": "a comparison word (increase/decrease) contradicts the figures",
        "template_residue": "template text was left in the published document",
        "code_name_mismatch": "a classification code does not match its printed name",
        "budget_final_mismatch": "the final account's initial budget differs from the agency's published budget",
        "peer_outlier": "far above its peers in the same province and agency type",
    },
    "metric": {"sangong_actual": "Three public expenses (actual)", "sangong_per_staff": "Three public expenses per staff", "sangong_growth": "Three public expenses growth",
               "exec_rate_mean": "Mean execution rate", "self_score_mean": "Mean self-score"},
    "quality": {"tables_present": "Tables present", "empty_explained": "Empty tables explained",
                "reconciliations": "Reconciliations", "prose_consistent": "Prose matches tables", "readable": "Readable",
                # the two components built on the findings and the prose
                "findings": "No other findings", "explained": "Prose explains"},
    "evidence": {
    # evidence keys shown raw before
    "word": "Wording", "labels": "Compared", "statement": "Text", "rounding": "Tolerance",
    "agency_type": "Agency type", "base_sentence": "Sentence relied on", "clause": "Clause", "computed": "Computed",
    "cover": "Cover", "cover_page": "Cover page", "current": "This year", "direction": "Direction",
    "document_year": "Document year", "expected": "Expected", "family": "Table family", "fence": "Fence",
    "figures": "Figures in the text", "formula": "Formula", "kind": "Kind", "listed_in_toc": "Listed in contents",
    "median": "Median", "note": "Note", "pages": "Pages", "peer_group": "Peer group", "peers": "Peers",
    "placeholder": "Placeholder", "previous": "Previous year", "previous_doc_id": "Previous document",
    "previous_page": "Previous page", "previous_year": "Previous year", "printed": "Printed", "q1": "Q1", "q3": "Q3",
    "reason": "Reason", "residues": "Residues", "rows_read": "Rows read", "sentences": "Sentences",
    "status": "Reading status", "table_name": "Table", "title_seen_on": "Title seen on", "year_printed": "Year printed",
    "上年": "Previous year", "合计": "Total", "增减额": "Change", "本年": "This year", "部分": "Parts",
    "budget_initial": "Initial budget", "budget_full_year": "Full-year budget", "executed": "Executed",
    "exec_rate": "Execution rate", "exec_rate_reported": "Rate (printed)", "exec_score": "Exec. score",
    "exec_weight": "Exec. weight", "total_score": "Total score", "expected_score": "Expected score",
    "indicator_scores": "Indicator scores", "indicators": "Indicators", "sum": "Sum of parts",
    "sum_of_parts": "Sum of parts", "parts": "Parts", "total": "Total", "difference": "Difference",
    "folded": "Other flags of the same figure",
    "change": "Change", "growth": "Growth", "sangong_growth": "Three public expenses growth", "share": "Share",
    "check": "Check", "checks": "Checks", "empty": "Empty", "files": "Files", "first": "First figure",
    "second": "Second figure", "second_page": "Second page", "table": "In the table",
    "table_page": "Table page", "table_doc_id": "Table document", "text": "Text", "narrative": "In the prose",
    "missing": "Missing tables", "none_found": "No required table recognised", "key": "Figure", "budget": "Budget",
    "actual": "Actual", "income": "Income", "expenditure": "Expenditure", "page": "Page", "year": "Year",
    "weight": "Weight", "score": "Score", "project": "Project", "agency": "Agency",
    "what": "Where", "tolerance": "Tolerance", "similarity": "Similarity", "series": "Series",
    "self_score_mean": "Mean self-score", "item": "Item", "code": "Code", "name": "Name", "value": "Value",
    "target": "Target", "target_value": "Target (number)", "actual_value": "Actual (number)", "unit_printed": "Unit printed",
    "total_item": "Total line", "budget_page": "Budget page", "budget_doc_id": "Budget document",
    "budget_document": "Budget document", "final_account": "Final account", "stage": "Stage", "metric": "Metric",
    "where": "Where", "source": "Source", "n": "Count", "figure": "Figure", "peer_median": "Peer median",
    "ratio": "Ratio", "overseas": "Overseas travel", "vehicle_purchase": "Vehicle purchase",
    "vehicle_operation": "Vehicle operation", "vehicle_total": "Official vehicles", "reception": "Official reception",
    "sangong": "Three public expenses", "sangong_actual": "Three public expenses (actual)",
    "fiscal_expenditure": "Fiscal appropriation expenditure", "gpb_expenditure": "General public budget expenditure",
    "superior_subsidy": "Subsidy from above", "soe_capital": "State capital operating budget", "summary": "Summary",
    },
    "evidence_rule": {"comparison_wording_wrong.actual": "Actual relation", "reading_incomplete.table": "Table",
                      "narrative_table_mismatch.item": "Line"},
    # codes, and the rules' own Chinese words and phrases (the document's printed text is not translated)
    "evidence_value": {
    "high": "above the fence", "low": "below the fence", "sentence": "the text", "agency_name_cover": "cover",
    "agency_name_table": "table header", "agency_name_prose": "explanatory text",
    "增长率": "growth rate", "增减幅度": "rate of change", "占比": "share", "完成率": "completion rate",
    "占“三公”经费比重": "share of the three public expenses", "增加": "increase", "减少": "decrease", "持平": "unchanged",
    "大于": "greater", "小于": "smaller", "方向矛盾": "directions contradict", "上年须为负数": "last year would have to be negative",
    "上年": "previous year", "本年": "this year", "预算": "budget", "决算": "final account", "增减额": "change",
    "比较用语": "comparison word", "占位符": "placeholder", "填写说明": "filling instruction",
    "未填的数字": "figure not filled in", "未选定的选项": "option not chosen", "重复标点": "repeated punctuation",
    "标题": "title", "日期": "date", "比较": "comparison", "实施周期": "implementation period",
    },
    "figure": {
    "item_amount": "Line amount", "item_planned": "Amount planned", "item_actual": "Amount spent",
    "class_amount": "Class amount", "grand_total": "Grand total", "income_total": "Income total",
    "expenditure_total": "Expenditure total", "fiscal_grand_total": "Fiscal appropriation grand total",
    "basic_total": "Basic spending", "project_total": "Project spending",
    "fiscal_basic_total": "General public budget basic spending", "personnel_total": "Personnel costs",
    "public_total": "Public (office) costs", "fiscal_income_total": "Fiscal appropriation income",
    },
    "column": {
    # columns of the page tables' downloads
    "n_problems": "Problems", "basic_share": "Basic share", "rank": "Rank", "index": "Inflation index",
    "full_weight_share": "Indicators at full marks", "score_spread": "Score spread",
    "score_exec_corr": "Score-execution correlation", "low_exec_full_score": "Low execution, full marks",
    "projects": "Projects", "indicators": "Indicators", "mean_score": "Mean self-score",
    "mean_exec_rate": "Mean execution rate", "tables_present": "Tables present",
    "empty_explained": "Empty tables explained", "reconciliations": "Reconciliations",
    "prose_consistent": "Prose matches tables", "readable": "Readable", "rules": "Rules", "copies": "Copies",
    "data": "Data", "peer_group": "Peer group", "peers": "Peers", "median": "Peer median",
    "q1": "Q1", "q3": "Q3", "fence": "Fence", "verdict": "Verdict", "metric": "Metric", "outlier": "Outlier",
    "agency_type": "Agency type", "finding_id": "Finding id", "rule_names": "Rules",
    "doc_id": "Document id", "region_code": "Region code", "region": "Region", "agency_id": "Agency id",
    "agency": "Agency", "year": "Year", "page": "Page", "bbox": "Position on page", "source_name": "Source file",
    "province": "Province",
    "city": "City", "scope": "Scope", "doc_kind": "Kind", "unit": "Unit", "pages": "Pages",
    "tables_found": "Tables found", "tables_expected": "Tables expected", "tables": "Tables",
    "checks_passed": "Checks passed", "checks_failed": "Checks failed", "parser_version": "Parser",
    "ingested_at": "Ingested", "seconds": "Seconds", "synthetic": "Demo data", "warnings": "Warnings",
    "table": "Table", "item": "Item", "label": "Printed label", "amount": "Amount", "code": "Code",
    "name": "Name", "level": "Level", "measure": "Measure", "group": "Group", "stage": "Stage",
    "source": "Source", "key": "Key", "text": "Text", "value": "Value", "project": "Project",
    "project_code": "Project code", "implementing_unit": "Implementing unit", "budget_initial": "Initial budget",
    "budget_full_year": "Full-year budget", "executed": "Executed", "exec_rate_reported": "Rate (printed)",
    "exec_rate": "Execution rate", "exec_weight": "Exec. weight", "exec_score": "Exec. score",
    "total_score": "Total", "grade": "Grade", "level1": "Level 1", "level2": "Level 2", "target": "Target",
    "actual": "Actual", "target_value": "Target (number)", "actual_value": "Actual (number)",
    "comparator": "Comparator", "reading": "Reading", "weight": "Weight", "score": "Score", "note": "Deviation reason",
    "flags": "Flags", "exec_score_share": "Exec. score share", "deviation": "Deviation",
    "points_lost": "Points lost", "rule": "Rule", "severity": "Severity", "message": "Message",
    "evidence": "Evidence", "basic": "Basic", "total": "Total", "budget": "Budget", "execution": "Execution",
    "yoy": "YoY", "class": "Class", "share": "Share", "stage_name": "Stage",
    },
}

# a self-evaluation's 年度资金总额 其中 lines: the kinds, and the projects columns of each kind (budget_initial_fiscal …)
LABELS["fund_kind"] = {"fiscal": "Fiscal appropriation", "carried_over": "Carried over", "other": "Other funds"}
LABELS["column"].update({f"{column}_{kind}": f"{LABELS['column'][column]} ({name.lower()})"
                         for column in PROJECT_FUND_LABELS
                         for kind, name in LABELS["fund_kind"].items()})
