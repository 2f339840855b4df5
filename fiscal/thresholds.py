"""Rule thresholds in one frozen, hashable value: the rules' defaults plus the reader's overrides.

The defaults live once, in each rule's `@rule(..., param=value)` declaration (fiscal/rules/).
Everything that depends on a threshold — the flags, the 项目绩效 chart's highlighted corner,
the overview's low-execution count, the 自评虚高指数 — takes a `Thresholds`, so changing one
on any page changes every figure that depends on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl

Overrides = tuple[tuple[str, tuple[tuple[str, float], ...]], ...]


class ThresholdError(ValueError):
    """An override names an unknown rule or parameter, or an impossible value."""


def defaults() -> dict[str, dict[str, float]]:
    """rule id → parameter → default value, for the rules that have parameters."""
    import fiscal.rules  # noqa: F401 - registers every rule (and its defaults) in RULES
    from fiscal.rules.engine import RULES

    return {r.id: dict(r.params) for r in RULES.values() if r.params}


@dataclass(frozen=True)
class Thresholds:
    """The thresholds in force: defaults, with `overrides` (only the values that differ)."""

    overrides: Overrides = ()

    @classmethod
    def of(cls, values: Thresholds | Mapping[str, Mapping[str, float]] | Iterable[Any] | None = None) -> Thresholds:
        """Validated thresholds from rule → parameter → value (a mapping or its item pairs)."""
        if isinstance(values, Thresholds):
            return values
        known = defaults()
        items: Iterable[Any] = values.items() if isinstance(values, Mapping) else (values or ())
        changed: dict[str, dict[str, float]] = {}
        for rule, params in items:
            if rule not in known:
                raise ThresholdError(f"unknown rule {rule!r}")
            pairs: Iterable[Any] = params.items() if isinstance(params, Mapping) else params
            for param, value in pairs:
                if param not in known[rule]:
                    raise ThresholdError(f"rule {rule!r} has no threshold {param!r}")
                v = float(value)
                if v != v or v < 0:
                    raise ThresholdError(f"{rule}.{param} must be a number ≥ 0, not {value!r}")
                if v != known[rule][param]:
                    changed.setdefault(rule, {})[param] = v
        return cls(tuple(sorted((r, tuple(sorted(p.items()))) for r, p in changed.items())))

    def get(self, rule: str, param: str) -> float:
        for r, params in self.overrides:
            if r == rule:
                for p, v in params:
                    if p == param:
                        return v
        return defaults()[rule][param]

    def changed(self) -> dict[str, dict[str, float]]:
        """Only the overridden values: rule → parameter → value."""
        return {r: dict(p) for r, p in self.overrides}

    def params(self, rule: str) -> dict[str, float]:
        """Every parameter of one rule, overrides applied."""
        return {**defaults().get(rule, {}), **self.changed().get(rule, {})}

    @classmethod
    def parse(cls, items: Iterable[str]) -> Thresholds:
        """Thresholds from "RULE.PARAM=VALUE" strings (command line, URL); ThresholdError says what is wrong."""
        values: dict[str, dict[str, float]] = {}
        for item in items:
            key, sep, value = item.partition("=")
            rule, dot, param = key.strip().partition(".")
            if not (sep and dot and rule and param):
                raise ThresholdError(f"{item!r}: expected RULE.PARAM=VALUE")
            try:
                values.setdefault(rule, {})[param] = float(value)
            except ValueError as exc:
                raise ThresholdError(f"{item!r}: {value!r} is not a number") from exc
        return cls.of(values)

    def as_strings(self) -> list[str]:
        """The overrides as "RULE.PARAM=VALUE" strings (the inverse of `parse`)."""
        return [f"{rule}.{param}={value:g}" for rule, params in self.overrides for param, value in params]

    def only(self, rules: Iterable[str]) -> Thresholds:
        """These thresholds with the overrides of other rules dropped (a cache key for what reads only `rules`)."""
        keep = set(rules)
        return Thresholds(tuple(o for o in self.overrides if o[0] in keep))

    def with_value(self, rule: str, param: str, value: float) -> Thresholds:
        changed = self.changed()
        changed.setdefault(rule, {})[param] = value
        return Thresholds.of(changed)

    # Figures outside the flags that share a rule's threshold.
    @property
    def low_execution(self) -> float:
        """Below this execution rate a full execution score is blatant (full_score_low_execution)."""
        return self.get("full_score_low_execution", "low_rate")

    @property
    def high_total_score(self) -> float:
        """A self-score at or above this is "high" (high_total_low_execution)."""
        return self.get("high_total_low_execution", "min_total")

    @property
    def low_rate_for_high_score(self) -> float:
        """An execution rate below this is "low" beside a high self-score (high_total_low_execution)."""
        return self.get("high_total_low_execution", "max_rate")


DEFAULT = Thresholds()


def full_score_at_low_execution(thresholds: Thresholds = DEFAULT, rate: str = "exec_rate") -> pl.Expr:
    """True for a project that scores (near) its full execution weight while its execution rate is
    below `thresholds.low_execution`: the canonical 0%-executed, 10/10 case. One home for the flags,
    the 自评虚高指数 and the 项目绩效 chart."""
    tolerance = thresholds.get("full_score_low_execution", "full_tolerance")
    full = (pl.col("exec_weight") > 0) & (pl.col("exec_score") >= pl.col("exec_weight") - tolerance)
    return (full & (pl.col(rate) < thresholds.low_execution)).fill_null(False)
