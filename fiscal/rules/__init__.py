"""Anomaly rules: each rule is data (id, default severity, Chinese description, thresholds)
plus one small polars function over the lake's frames (`Frames`); `evaluate` runs them.
Adding a rule is adding one `@rule(...)` function to the module of its kind.

Severities: `error` — the document contradicts itself (sums, cross-table, prose vs
table, units) beyond published rounding; `warning` — a figure a reviewer should look
at (self-scoring, over budget, growth, peers, missing tables); `info` — a note, e.g.
a difference within 尾数误差 (0.01 万元 per summed line), which is never an error.

Modules: `engine` (Frames, Rule, RULES, @rule, evaluate, building flags), `labels`, `lookups`
(selections several rule modules share), and the rules by kind: `projects`, `sangong`,
`tables` (with `selfeval_lists`: a 自评结果汇总表 line against its project's form), `reading`, `narrative`,
`prose` (with `prose_hints`: what a misstated rate does fit), `disclosure`, `across`.
"""

from __future__ import annotations

# isort: off
# The rule modules register their rules on import: this order is the order of RULES
# (and of the dashboard's rule table). Keep it; do not let an import sorter reorder it.
from fiscal.rules.projects import (budget_adjusted_heavily, exec_exceeds_budget, exec_rate_misreported,
                                   full_score_low_execution, high_total_low_execution, indicator_unmet_full_score,
                                   total_score_mismatch)
from fiscal.rules.sangong import sangong_over_budget, sangong_sum_mismatch, sangong_yoy_increase
from fiscal.rules.tables import cross_table_mismatch, totals_mismatch
from fiscal.rules.reading import reading_incomplete
from fiscal.rules.narrative import narrative_table_mismatch, unit_mismatch
from fiscal.rules.prose import comparison_wording_wrong, percentage_misstated, template_residue, year_inconsistent
from fiscal.rules.disclosure import (REQUIRED_TABLES, agency_name_inconsistent, code_name_mismatch, missing_tables,
                                     same_agency)
from fiscal.rules.across import budget_final_mismatch, peer_outlier
# isort: on

from fiscal.naming import agency_key
from fiscal.rules.engine import (
    COMMON,
    FLAG_SCHEMA,
    ROUNDING,
    RULES,
    SEVERITIES,
    SEVERITY_RANK,
    Check,
    Frames,
    Rule,
    at_least,
    describe,
    empty_flags,
    evaluate,
    rule,
)
from fiscal.rules.labels import MEASURE_LABELS, NARRATIVE_LABELS, SANGONG_ITEMS, STAGES, TABLE_LABELS
from fiscal.rules.lookups import FUNCTION_CODES, national_codes

# Everything imported above is the package's API (the rule functions too: tests call them directly).
__all__ = [
    "COMMON", "Check", "FLAG_SCHEMA", "FUNCTION_CODES", "Frames", "MEASURE_LABELS", "NARRATIVE_LABELS",
    "REQUIRED_TABLES", "ROUNDING", "RULES", "Rule", "SANGONG_ITEMS", "SEVERITIES", "SEVERITY_RANK", "STAGES",
    "TABLE_LABELS", "agency_key", "agency_name_inconsistent", "at_least", "budget_adjusted_heavily",
    "budget_final_mismatch", "code_name_mismatch", "comparison_wording_wrong", "cross_table_mismatch", "describe",
    "empty_flags", "evaluate", "exec_exceeds_budget", "exec_rate_misreported", "full_score_low_execution",
    "high_total_low_execution", "indicator_unmet_full_score", "missing_tables", "narrative_table_mismatch",
    "national_codes", "peer_outlier", "percentage_misstated", "reading_incomplete", "rule", "same_agency",
    "sangong_over_budget", "sangong_sum_mismatch", "sangong_yoy_increase", "template_residue",
    "total_score_mismatch", "totals_mismatch", "unit_mismatch", "year_inconsistent",
]
