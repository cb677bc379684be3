"""Quality score and quarantine policy: which parses may become facts.

A parse is loaded only when its checks say the numbers were read right. Two rules, both
documented to users as ``parse.min_score`` (``ABSDW_MIN_SCORE``):

1. **Critical failures quarantine.** A failed check of a *reading* identity that the report's
   own figures do not explain quarantines the filing whatever the score: a class roll-forward,
   a Totals row, a factor, a per-$1,000 factor, a delinquency total, a pool roll-forward ...
   and the reading problems (two tables disagreeing on a value, an unreadable cell, an
   implausible value, an always-printed field not found). A failure is *explained* when the
   difference equals a printed figure or rows printed twice (the seed's pool roll-forward is off
   by exactly class N's original balance): a real inconsistency of the trustee's report, which
   is reported with the filing but does not stop it.
2. **Score floor.** score = weighted share of checks passed; weights below. An explained
   failure counts half passed. A parse scoring under ``min_score`` is quarantined.

A stricter layout (``generic``: a document of no known family) also requires every class to
pass its roll-forward and at least one Totals row to be checked and to foot, and counts
explained failures as critical: an unknown layout gets no benefit of the doubt.

Weights: identities that prove the numbers were read right (class roll-forward, Totals, factor,
per-$1,000 factor, delinquency totals) and reading problems weigh 3; the other identities 2;
informational notes (a class printed twice with identical figures) 0.25; unknown names 1.
"""

from __future__ import annotations

from collections.abc import Iterable

from parsers.model import Check

__all__ = ["CRITICAL", "WEIGHTS", "judge", "quality_score"]

WEIGHTS: dict[str, float] = {
    **dict.fromkeys(("tranche_rollforward", "class_totals", "tranche_factor", "factor_per_1000",
                     "delinquency_totals"), 3.0),
    **dict.fromkeys(("class_field_conflict", "conflicting_class_row", "unreadable_cell",
                     "value_shape", "missing_field", "unmapped_column", "unmapped_table",
                     "class_set_mismatch"), 3.0),
    **dict.fromkeys(("tranche_principal", "tranche_distribution", "tranche_notional",
                     "tranche_reduction",
                     "tranche_interest", "pool_rollforward", "net_loss",
                     "pool_loan_count", "delinquency_percentages"), 2.0),
    "duplicate_class_row": 0.25,
}
#: Checks whose unexplained failure quarantines regardless of the score.
CRITICAL = frozenset(name for name, weight in WEIGHTS.items() if weight >= 2.0)
#: Layouts held to the strict rule (see the module docstring).
STRICT_LAYOUTS = frozenset({"generic"})


def quality_score(checks: Iterable[Check]) -> float:
    """Weighted share of checks passed (explained failures count half); 0.0 with no check."""
    total = earned = 0.0
    for check in checks:
        weight = WEIGHTS.get(check.name, 1.0)
        total += weight
        earned += weight if check.passed else weight / 2 if check.explained else 0.0
    return earned / total if total else 0.0


def judge(layout: str, checks: list[Check], min_score: float,
          classes: Iterable[str] = ()) -> tuple[float, str | None]:
    """(score, quarantine reason or None). The reason lists the failed checks that decided;
    ``classes`` are the report's class names (the strict rule wants each one verified)."""
    score = quality_score(checks)
    strict = layout in STRICT_LAYOUTS
    critical = [c for c in checks if not c.passed and c.name in CRITICAL
                and (strict or not c.explained)]
    if critical:
        return score, "failed checks: " + "; ".join(_show(c) for c in critical[:8]) + (
            f" (+{len(critical) - 8} more)" if len(critical) > 8 else "")
    if strict and (problem := _strict_gaps(checks, classes)):
        return score, problem
    if score < min_score:
        failed = [c for c in checks if not c.passed]
        return score, (f"quality score {score:.3f} below threshold {min_score:.3f}; failed: "
                       + "; ".join(_show(c) for c in failed[:8]))
    if not checks:
        return score, "nothing could be verified: no cross-foot identity applies"
    return score, None


def _strict_gaps(checks: list[Check], classes: Iterable[str]) -> str | None:
    if not any(c.name == "class_totals" for c in checks):
        return "generic layout: no printed Totals row to verify the classes against"
    rolled = {c.subject for c in checks if c.name == "tranche_rollforward" and c.passed}
    unverified = [name for name in classes if name not in rolled]
    if unverified or not rolled:
        return ("generic layout: no class roll-forward verified for "
                + (", ".join(unverified) or "any class"))
    return None


def _show(check: Check) -> str:
    return f"{check.name}: {check.detail}"
