"""The ten class tables of a CTSLink report (summary, principal, interest and their factors).

Each table is data: its title, its columns as the seed prints them (header words, width), how
to turn a ``Tranche`` into cells, which columns get a Totals cell, its footnote and the blank
lines around it. Per-$1,000 factor tables are derived from the truth here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from lab.synth.money import ZERO, fraction
from lab.synth.textlayout import Col, factor, grid, line, money, per_thousand, rate
from parsers.model import Tranche

__all__ = ["CLASS_TABLES", "ClassTable", "render_class_table"]

Cells = Callable[[Tranche], list[str]]


def _m(value: Decimal | None) -> str:
    return money(value if value is not None else ZERO)


def _k(t: Tranche, value: Decimal | None, commas: bool = False) -> str:
    return per_thousand(value or ZERO, t.original_balance or ZERO, commas)


def _class(width: int = 15, align: str = "left", head: str = "Class") -> Col:
    return Col((head,), width, align, head_at=0 if align == "right" else None)


def _c(width: int, *head: str) -> Col:
    return Col(tuple(head), width)


@dataclass(frozen=True)
class ClassTable:
    """One class table of the layout."""

    key: str  # option name ("summary", "principal_factors" ...)
    title: str
    title_at: int
    cols: tuple[Col, ...]
    cells: Cells
    totals: Callable[[Sequence[Tranche]], list[str]] | None
    caption: tuple[str, ...] = ("",)  # lines between <CAPTION> and the title
    indent: int = 0
    blank_after_title: int = 1
    blanks_after_head: int = 1
    blank_before_body: int = 0
    blank_before_totals: int = 0
    footnote: tuple[str, ...] = ()
    after: tuple[str, ...] = ()  # lines after </TABLE>


def _sum(ts: Sequence[Tranche], attr: str) -> Decimal:
    return sum((getattr(t, attr) or ZERO for t in ts), ZERO)


def _totals(*attrs: str | None) -> Callable[[Sequence[Tranche]], list[str]]:
    """Totals row: 'Totals' then the money sum of each named field ('' for None)."""
    def build(ts: Sequence[Tranche]) -> list[str]:
        return ["Totals", *(money(_sum(ts, a)) if a else "" for a in attrs)]
    return build


def _principal_totals(ts: Sequence[Tranche]) -> list[str]:
    original = _sum(ts, "original_balance")
    ending = _sum(ts, "ending_balance")
    share = fraction(ending / original) if original else ZERO
    return ["Totals", money(_sum(ts, "total_principal_reduction")), money(ending),
            factor(share), money(_sum(ts, "principal_distribution"))]


_FN_LOSS = ("Amount Does Not Include Excess Special Hazard, Bankruptcy, or Fraud Losses Unless "
            "Otherwise Disclosed.", "    Please Refer to the Prospectus Supplement for a Full "
            "Description.")

CLASS_TABLES: tuple[ClassTable, ...] = (
    ClassTable(
        "summary", "Certificateholder Distribution Summary", 42,
        (_class(8, "right"), Col(("CUSIP",), 18, head_at=10),
         Col(("Certificate", "Class", "Description"), 17, head_at=3),
         Col(("Certificate", "Pass-Through", "Rate"), 21, head_at=1),
         _c(19, "Beginning", "Certificate", "Balance"), _c(19, "Interest", "Distribution"),
         _c(19, "Principal", "Distribution")),
        lambda t: [t.class_name, t.cusip or "", t.class_type or "",
                   rate(t.pass_through_rate or ZERO), _m(t.beginning_balance),
                   _m(t.interest_distribution), _m(t.principal_distribution)],
        _totals(None, None, None, "beginning_balance", "interest_distribution",
                "principal_distribution"),
        caption=(), blanks_after_head=1),
    ClassTable(
        "summary", "Certificateholder Distribution Summary (continued)", 21,
        (_class(), _c(19, "Current", "Realized", "Loss"),
         _c(19, "Ending", "Certificate", "Balance"), _c(19, "Total", "Distribution"),
         _c(19, "Cumulative", "Realized", "Losses")),
        lambda t: [t.class_name, _m(t.realized_loss), _m(t.ending_balance),
                   _m(t.total_distribution), _m(t.cumulative_realized_loss)],
        _totals("realized_loss", "ending_balance", "total_distribution",
                "cumulative_realized_loss"),
        footnote=("All distributions required by the Pooling and Servicing Agreement have been "
                  "calculated by the", "Certificate Administrator on behalf of the Trustee.",
                  "", "", "", "")),
    ClassTable(
        "principal", "Principal Distribution Statement", 48,
        (_class(), _c(19, "Original", "Face", "Amount"),
         _c(21, "Beginning", "Certificate", "Balance"),
         _c(19, "Scheduled", "Principal", "Distribution"),
         _c(18, "Unscheduled", "Principal", "Distribution"), _c(17, "Accretion"),
         _c(15, "Realized", "Loss (1)")),
        lambda t: [t.class_name, _m(t.original_balance), _m(t.beginning_balance),
                   _m(t.scheduled_principal), _m(t.unscheduled_principal), _m(t.accretion),
                   _m(t.realized_loss)],
        _totals("original_balance", "beginning_balance", "scheduled_principal",
                "unscheduled_principal", "accretion", "realized_loss"),
        footnote=("(1) " + _FN_LOSS[0], _FN_LOSS[1], "")),
    ClassTable(
        "principal", "Principal Distribution Statement (continued)", 46,
        (_class(), _c(19, "Total", "Principal", "Reduction"),
         _c(21, "Ending", "Certificate", "Balance"), _c(17, "Ending", "Certificate",
                                                        "Percentage"),
         _c(20, "Total", "Principal", "Distribution")),
        lambda t: [t.class_name, _m(t.total_principal_reduction), _m(t.ending_balance),
                   factor(t.factor or ZERO), _m(t.principal_distribution)],
        _principal_totals, indent=1, blank_before_totals=1),
    ClassTable(
        "principal_factors", "Principal Distribution Factors Statement", 37,
        (_class(head="Class (2)"), _c(23, "Original", "Face", "Amount"),
         _c(19, "Beginning", "Certificate", "Balance"),
         _c(18, "Scheduled", "Principal", "Distribution"),
         _c(19, "Unscheduled", "Principal", "Distribution"), _c(19, "Accretion")),
        lambda t: [t.class_name, _m(t.original_balance), _k(t, t.beginning_balance),
                   _k(t, t.scheduled_principal), _k(t, t.unscheduled_principal),
                   _k(t, t.accretion)],
        None, blanks_after_head=2, footnote=("All classes are per $1,000 denomination.",),
        after=("", "", "")),
    ClassTable(
        "principal_factors", "Principal Distribution Factors Statement (continued)", 32,
        (_class(), _c(19, "Realized", "Loss (3)"), _c(19, "Total", "Principal", "Reduction"),
         _c(19, "Ending", "Certificate", "Balance"), _c(18, "Ending", "Certificate",
                                                        "Percentage"),
         _c(19, "Total", "Principal", "Distribution")),
        lambda t: [t.class_name, _k(t, t.realized_loss), _k(t, t.total_principal_reduction,
                                                               True),
                   _k(t, t.ending_balance, True), factor(t.factor or ZERO),
                   _k(t, t.principal_distribution, True)],
        None, footnote=("(3) Amount Does Not Include Excess Special Hazard, Bankruptcy, or Fraud "
                        "Losses", "    Unless Otherwise Disclosed.", _FN_LOSS[1]),
        after=("", "", "", "", "")),
    ClassTable(
        "interest", "Interest Distribution Statement", 48,
        (_class(), _c(19, "Original", "Face", "Amount"), _c(17, "Current", "Certificate",
                                                            "Rate"),
         _c(19, "Beginning", "Certificate/", "Notional", "Balance"),
         _c(19, "Current", "Accrued", "Interest"),
         _c(18, "Payment of", "Unpaid", "Interest", "Shortfall"),
         _c(19, "Current", "Interest", "Shortfall")),
        lambda t: [t.class_name, _m(t.original_balance), rate(t.pass_through_rate or ZERO),
                   _m(t.beginning_notional), _m(t.accrued_interest),
                   _m(t.unpaid_interest_shortfall_paid), _m(t.current_interest_shortfall)],
        _totals("original_balance", None, None, "accrued_interest",
                "unpaid_interest_shortfall_paid", "current_interest_shortfall"),
        blank_before_body=1, footnote=(), after=()),
    ClassTable(
        "interest", "Interest Distribution Statement (continued)", 38,
        (_class(), _c(19, "Non-Supported", "Interest", "Shortfall"),
         _c(19, "Realized", "Losses (4)"), _c(21, "Total", "Interest", "Distribution"),
         _c(18, "Remaining", "Unpaid", "Interest", "Shortfall"),
         _c(22, "Ending", "Certificate/", "Notional", "Balance")),
        lambda t: [t.class_name, _m(t.non_supported_interest_shortfall),
                   _m(t.interest_realized_loss), _m(t.interest_distribution),
                   _m(t.remaining_unpaid_interest_shortfall), _m(t.ending_notional)],
        _totals("non_supported_interest_shortfall", "interest_realized_loss",
                "interest_distribution", "remaining_unpaid_interest_shortfall", None),
        indent=1, blanks_after_head=2,
        footnote=("(4) " + _FN_LOSS[0], _FN_LOSS[1], "", ""), after=("",)),
    ClassTable(
        "interest_factors", "Interest Distribution Factors Statement", 47,
        (_class(14, head="Class (5)"), _c(22, "Original", "Face", "Amount"),
         _c(17, "Current", "Certificate", "Rate"),
         _c(19, "Beginning", "Certificate/", "Notional", "Balance"),
         _c(18, "Current", "Accrued", "Interest"),
         _c(19, "Payment of", "Unpaid", "Interest", "Shortfall"),
         _c(19, "Current", "Interest", "Shortfall")),
        lambda t: [t.class_name, _m(t.original_balance), rate(t.pass_through_rate or ZERO),
                   _k(t, t.beginning_notional), _k(t, t.accrued_interest),
                   _k(t, t.unpaid_interest_shortfall_paid),
                   _k(t, t.current_interest_shortfall)],
        None, blank_after_title=0, blanks_after_head=2,
        footnote=("", "All Classes are per $1,000 denomination.", ""), after=()),
    ClassTable(
        "interest_factors", "Interest Distribution Factors Statement (continued)", 33,
        (_class(), _c(19, "Non-Supported", "Interest", "Shortfall"),
         _c(19, "Realized", "Losses (6)"), _c(19, "Total", "Interest", "Distribution"),
         _c(18, "Remaining", "Unpaid", "Interest", "Shortfall"),
         _c(19, "Ending", "Certificate/", "Notional", "Balance")),
        lambda t: [t.class_name, _k(t, t.non_supported_interest_shortfall),
                   _k(t, t.interest_realized_loss), _k(t, t.interest_distribution),
                   _k(t, t.remaining_unpaid_interest_shortfall), _k(t, t.ending_notional)],
        None, caption=(), blanks_after_head=2,
        footnote=("(6) Amount Does Not Include Excess Special Hazard, Bankruptcy,or Fraud Losses "
                  "Unless", "    Otherwise Disclosed. Please Refer to the Prospectus Supplement "
                  "for a Full Description."), after=("", "", "", "")),
)


def render_class_table(table: ClassTable, tranches: Sequence[Tranche], *, extra: int = 0,
                       duplicates: Sequence[str] = (), masthead: Sequence[str] = ()) -> list[str]:
    """The table's lines from ``<TABLE>`` to ``</TABLE>`` (and the blank lines after it).

    ``duplicates`` repeats those classes' rows (a blank-class copy in the Principal Distribution
    Statement, a same-name copy in its continuation: the seed's R/RX quirk); the totals then
    include the copies, as in the seed.
    """
    rows, counted = [], []
    for t in tranches:
        rows.append(table.cells(t))
        counted.append(t)
        if t.class_name in duplicates and table.key == "principal":
            copy = table.cells(t)
            rows.append(["" if table.indent == 0 else copy[0], *copy[1:]])
            counted.append(t)
    totals = table.totals(counted) if table.totals else None
    measure = [totals] if totals else []
    head, body = grid(table.cols, rows, extra=extra, indent=table.indent,
                      blanks_after_head=table.blanks_after_head, measure=measure)
    pad = " " * table.indent
    out = [pad + "<TABLE>", pad + "<CAPTION>", *masthead, *table.caption,
           " " * table.title_at + table.title, *[""] * table.blank_after_title, *head,
           *[""] * table.blank_before_body, *body]
    if totals:
        out += [""] * table.blank_before_totals
        out.append(line(table.cols, [*rows, totals], totals, extra=extra, indent=table.indent))
    if table.footnote:
        out += [pad + "<FN>", *(pad + f if f else "" for f in table.footnote), pad + "</FN>"]
    return [*out, pad + "</TABLE>", *table.after]
