"""Render a month's truth as a Wells Fargo CTSLink monthly report, structured like the seed.

Pure functions returning ``str``. :func:`render_document` gives the seed's style (8-K cover,
then "EX-99.1" and the report inline, one document); :func:`render_cover` plus
:func:`render_report` give the two-document style (8-K cover + a separate EX-99.1).

Tables, in the seed's order: Certificateholder Distribution Summary (+ continued), Principal
Distribution Statement (+ continued), Principal Distribution Factors Statement (+ continued),
Interest Distribution Statement (+ continued), Interest Distribution Factors Statement
(+ continued), Certificateholder Account Statement, Prepayment/Curtailment Interest Shortfall,
Servicing Fees, Other Accounts, Loan Status Stratification, Other Information, Collateral
Statement, an empty table, Miscellaneous Reporting.

Noise (:class:`RenderOptions`, all off by default, so the default output is the clean layout):

* ``extra_width`` - every value column this many characters wider (headers move with it);
* ``duplicate_classes`` - repeat those classes' rows in the Principal Distribution Statement
  (blank class label) and its continuation (same label), the seed's R/RX quirk; the totals of
  those two tables then count the copies, as the seed's do;
* ``omit_tables`` - leave out optional tables: any of :data:`OPTIONAL_TABLES`.

Variants (:mod:`lab.synth.render_variants`, also off by default): ``wording="notes"``
(Note/Noteholder captions and headers), ``market_heading`` ("Current Market Distribution
Summary"), and several loan groups, printed whenever the truth has group pools
(:func:`~lab.synth.render_variants.split_groups`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from lab.synth.cover import Masthead, render_cover
from lab.synth.render_accounts import account_tables, collateral_tables, delinquency_table
from lab.synth.render_classes import CLASS_TABLES, render_class_table
from lab.synth.render_variants import (
    group_collateral,
    group_matrices,
    market_title,
    note_account,
    note_wording,
    printed_sections,
)
from lab.synth.textlayout import mmddyy
from parsers.model import Report

__all__ = ["OPTIONAL_TABLES", "Masthead", "RenderOptions", "printed_truth", "render_cover",
           "render_document", "render_report", "report_masthead"]

#: tables ``RenderOptions.omit_tables`` may drop
OPTIONAL_TABLES = frozenset({
    "principal_factors", "interest_factors", "prepayment/curtailment interest shortfall",
    "other accounts", "miscellaneous reporting",
})


@dataclass(frozen=True)
class RenderOptions:
    """Noise toggles; the defaults render the clean seed layout."""

    extra_width: int = 0
    duplicate_classes: tuple[str, ...] = ()
    omit_tables: frozenset[str] = field(default_factory=frozenset)
    wording: str = "certificates"  # or "notes"
    market_heading: bool = False

    def __post_init__(self) -> None:
        if self.wording not in ("certificates", "notes"):
            raise ValueError(f"wording {self.wording!r}: 'certificates' or 'notes'")
        unknown = set(self.omit_tables) - OPTIONAL_TABLES
        if unknown:
            raise ValueError(f"cannot omit {sorted(unknown)}; optional: {sorted(OPTIONAL_TABLES)}")


#: report-item sections each optional table prints (the factor tables print derived figures)
_OMITTED_SECTIONS = {
    "prepayment/curtailment interest shortfall": "prepayment/curtailment interest shortfall",
    "other accounts": "other accounts",
    "miscellaneous reporting": "miscellaneous reporting",
}


def printed_truth(report: Report, options: RenderOptions | None = None) -> Report:
    """The truth as the document rendered with ``options`` prints it: items of omitted tables
    dropped, and ``trigger_event`` None when "Miscellaneous Reporting" (its only print) is
    left out. The simulation's report is not modified."""
    opts = options or RenderOptions()
    omit = opts.omit_tables
    if opts.wording == "notes":
        report = replace(report, items=[replace(i, section=printed_sections(i.section, "notes"))
                                        for i in report.items])
    if not omit:
        return report
    gone = {_OMITTED_SECTIONS[key] for key in omit if key in _OMITTED_SECTIONS}
    pools = [replace(p, trigger_event=None) if "miscellaneous reporting" in omit else p
             for p in report.pools]
    return replace(report, pools=pools, items=[i for i in report.items if i.section not in gone])


def report_masthead(report: Report, m: Masthead) -> list[str]:
    """The lines that open the first table's caption (depositor, dates, series, contact)."""
    assert report.record_date and report.distribution_date, "a report needs its dates"
    return [m.depositor, m.product, "", "", "",
            f"Record Date:             {mmddyy(report.record_date)}", "",
            f"Distribution Date:       {mmddyy(report.distribution_date)}", "",
            f"{m.ticker}  Series: {m.series}", "",
            "Contact: Customer Service - CTSLink", f"         {m.trustee}",
            "         Securities Administration Services", "         7485 New Horizon Way",
            "         Frederick, MD 21703", "         Telephone: (301) 815-6600",
            "         Fax:       (301) 815-6660", *[""] * 8]


def render_report(report: Report, masthead: Masthead,
                  options: RenderOptions | None = None) -> str:
    """The EX-99.1 report: every table, from the first ``<TABLE>`` to the last ``</TABLE>``."""
    opts = options or RenderOptions()
    pool = next(p for p in report.pools if p.pool == "total")
    lines: list[str] = []
    for i, table in enumerate(CLASS_TABLES):
        if table.key in opts.omit_tables:
            continue
        if opts.wording == "notes":
            table = note_wording(table)
        if opts.market_heading:
            table = market_title(table)
        lines += render_class_table(
            table, report.tranches, extra=opts.extra_width,
            duplicates=opts.duplicate_classes,
            masthead=report_masthead(report, masthead) if i == 0 else ())
    accounts = account_tables(report, opts.extra_width, opts.omit_tables)
    lines += note_account(accounts) if opts.wording == "notes" else accounts
    grouped = any(p.pool != "total" for p in report.pools)
    lines += group_matrices(report, opts.extra_width) if grouped else []
    lines += delinquency_table(report, pool, opts.extra_width)
    lines.append("")
    lines += collateral_tables(report, pool, opts.extra_width, opts.omit_tables,
                               group_collateral(report, opts.extra_width) if grouped else None)
    return "\n".join(lines)


def render_document(report: Report, masthead: Masthead, signed: date,
                    options: RenderOptions | None = None, form: str = "8-K") -> str:
    """The seed's single-document style: 8-K cover, the 'EX-99.1' marker, the report inline."""
    assert report.distribution_date, "a report needs its distribution date"
    cover = render_cover(masthead, report.distribution_date, signed, form)
    return _join([cover.rstrip("\n"), "", "", "", "", "", " " * 19 + "EX-99.1", "",
                  render_report(report, masthead, options)])


def _join(parts: Iterable[str]) -> str:
    return "\n".join(parts)
