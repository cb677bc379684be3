"""What the HTML "Certificate Payment Report" prints of a simulated month: its rows, and the
truth restricted to them (:func:`printed_truth`, the ``html_tables`` parser's contract).

Printed, and so compared: both dates; per class the CUSIP, pass-through rate, original /
beginning / ending balance, interest, principal, total distribution, realized loss, deferred
interest (``accretion``), total principal reduction and factor; every field of the total pool;
every delinquency cell (with ``collapse_90`` the 90-119 .. 180+ cells summed into ``90+``); the
servicing fees and two collateral figures as items. Everything else the simulation knows
(interest statement details, certificate account ...) is not printed, so it is ``None`` / left
out here.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from parsers.model import Delinquency, Report, ReportItem, Tranche

if TYPE_CHECKING:
    from lab.synth.render_html import RenderOptions

__all__ = ["BUCKET_LABELS", "COLLATERAL_ITEMS", "COLLATERAL_ROWS", "COLLATERAL_SECTION",
           "FEES_SECTION", "STATUSES", "TRANCHE_FIELDS", "delinquency_cells", "printed_truth"]

COLLATERAL_SECTION = "collateral summary"
FEES_SECTION = "servicing fees"
STATUSES = ("delinquent", "bankruptcy", "foreclosure", "reo")
_OPEN = ("90-119", "120-149", "150-179", "180+")
BUCKET_LABELS = {"current": "Current", "30-59": "30-59 Days", "60-89": "60-89 Days",
                 "90+": "90+ Days", "90-119": "90-119 Days", "120-149": "120-149 Days",
                 "150-179": "150-179 Days", "180+": "180+ Days"}
#: the class table's truth fields
TRANCHE_FIELDS = ("cusip", "pass_through_rate", "original_balance", "beginning_balance",
                  "interest_distribution", "principal_distribution", "total_distribution",
                  "realized_loss", "accretion", "ending_balance", "total_principal_reduction",
                  "factor")
#: the collateral summary's typed rows: (label, Pool field, kind)
COLLATERAL_ROWS = (
    ("Collateral Description", "collateral_description", "text"),
    ("Beginning Loan Count", "beginning_loan_count", "count"),
    ("Number of Loans Paid in Full", "payoff_count", "count"),
    ("Ending Loan Count", "ending_loan_count", "count"),
    ("Beginning Pool Balance", "beginning_balance", "money"),
    ("Scheduled Principal", "scheduled_principal", "money"),
    ("Unscheduled Principal", "unscheduled_principal", "money"),
    ("Realized Loss Amount", "realized_loss", "money"),
    ("Cumulative Realized Loss", "cumulative_realized_loss", "money"),
    ("Ending Pool Balance", "ending_balance", "money"),
    ("Ending Actual Balance", "ending_actual_balance", "money"),
    ("Prepayment Penalties", "prepayment_penalties", "money"),
    ("Weighted Average Gross Coupon", "wac", "pct6"),
    ("Weighted Average Net Coupon", "net_wac", "pct6"),
    ("Weighted Average Remaining Term", "wam", "count"),
    ("Overcollateralization Amount", "oc_amount", "money"),
    ("Target Overcollateralization Amount", "oc_target", "money"),
    ("Overcollateralization Deficiency Amount", "oc_deficiency", "money"),
    ("Trigger Event", "trigger_event", "text"),
)
#: (truth section, label) of the collateral items the summary also prints
COLLATERAL_ITEMS = (("collateral statement", "Excess Cash Amount"),
                    ("collateral statement", "Extra principal distribution Amount"))


def delinquency_cells(report: Report, collapse_90: bool
                      ) -> tuple[dict[tuple[str, str], tuple[int, Decimal]], list[str]]:
    """Printed cells by (status, bucket), with the Total column ("total", bucket) and Totals
    row (status, "totals") added; and the printed buckets in order."""
    cells: dict[tuple[str, str], tuple[int, Decimal]] = {}
    for d in _cells(report, collapse_90):
        cells[(d.status, d.bucket)] = (d.loan_count or 0, d.balance or Decimal(0))
    buckets = ["current", "30-59", "60-89", *(["90+"] if collapse_90 else _OPEN)]
    for status in STATUSES:
        _total(cells, (status, "totals"), [cells.get((status, b)) for b in buckets])
    for bucket in [*buckets, "totals"]:
        _total(cells, ("total", bucket), [cells.get((s, bucket)) for s in STATUSES])
    return cells, buckets


def _total(cells: dict, key: tuple[str, str], parts: list) -> None:
    printed = [p for p in parts if p is not None]
    cells[key] = (sum(c for c, _ in printed), sum((b for _, b in printed), Decimal(0)))


def _cells(report: Report, collapse_90: bool) -> list[Delinquency]:
    """The truth's delinquency cells, the open buckets summed into 90+ when collapsed."""
    if not collapse_90:
        return list(report.delinquencies)
    out: dict[tuple[str, str, str], Delinquency] = {}
    for d in report.delinquencies:
        bucket = "90+" if d.bucket in _OPEN else d.bucket
        key = (d.pool, d.status, bucket)
        if key in out:
            known = out[key]
            out[key] = replace(known, loan_count=(known.loan_count or 0) + (d.loan_count or 0),
                               balance=(known.balance or Decimal(0)) + (d.balance or Decimal(0)))
        else:
            out[key] = replace(d, bucket=bucket)  # type: ignore[arg-type]
    return list(out.values())


def printed_truth(report: Report, options: RenderOptions | None = None) -> Report:
    """The truth as an HTML report rendered with ``options`` prints it (see the module
    docstring). The simulation's report is not modified."""
    collapse = bool(options and options.collapse_90)
    tranches = [Tranche(t.class_name, **{f: getattr(t, f) for f in TRANCHE_FIELDS})
                for t in report.tranches]
    items = [ReportItem(COLLATERAL_SECTION, i.label, i.amount) for i in report.items
             if (i.section, i.label) in COLLATERAL_ITEMS]
    items += [replace(i) for i in report.items if i.section == FEES_SECTION]
    return Report(distribution_date=report.distribution_date, record_date=report.record_date,
                  series=report.series, tranches=tranches,
                  pools=[replace(p) for p in report.pools if p.pool == "total"],
                  delinquencies=_cells(report, collapse), items=items)
