"""Render a month's truth as a Bankers Trust / Deutsche Bank "STATEMENT TO CERTIFICATEHOLDERS".

Plain fixed-width text in the 1990s trustee style: a centred masthead (trustee, statement
title, trust, certificates, distribution and record dates) repeated at the top of every page;
"DISTRIBUTIONS IN DOLLARS" (one row per class, then TOTALS); "FACTOR INFORMATION PER $1000 OF
ORIGINAL FACE" (CUSIP, per-$1,000 figures, current pass-through rate); "COLLATERAL INFORMATION"
with one block per group; "DELINQUENCY INFORMATION" with, per group, stacked DELINQUENT /
FORECLOSURE / REO / BANKRUPTCY blocks counted in missed payments.

What is printed, and every noise option, is defined with the truth in
:mod:`lab.synth.truth_bankers_trust` (:class:`RenderOptions`, :func:`printed_truth`).
Values are right-aligned to their column's right edge and headers with them, as in the CTSLink
renderer; names and CUSIPs are left-aligned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from lab.synth.cover import Masthead
from lab.synth.textlayout import MIN_GAP, count, money, per_thousand, right
from lab.synth.truth_bankers_trust import (
    GroupFacts,
    RenderOptions,
    printed_groups,
    printed_tranches,
    printed_truth,
)
from parsers.model import Report, Tranche

__all__ = ["Block", "Col", "RenderOptions", "center", "class_block", "collateral_block",
           "delinquency_block", "factor_block", "heading", "layout", "page_header", "pct",
           "printed_truth", "render_report", "wrap"]

WIDTH = 110
_STATUSES = (("DELINQUENT", "delinquent"), ("FORECLOSURE", "foreclosure"), ("REO", "reo"),
             ("BANKRUPTCY", "bankruptcy"))
_BUCKETS = (("CURRENT", "current"), ("1 PAYMENT", "30-59"), ("2 PAYMENTS", "60-89"),
            ("3+ PAYMENTS", "90+"))


@dataclass(frozen=True)
class Col:
    """A column: header words (one per line when fully wrapped), alignment, minimum width."""

    words: tuple[str, ...]
    align: str = "right"
    width: int = 14


@dataclass(frozen=True)
class Block:
    """One printed table: caption lines (titles, headers, rule) and its rows."""

    caption: list[str]
    rows: list[str]


_CLASS_COLS = (Col(("CLASS",), "left", 10), Col(("ORIGINAL", "FACE", "VALUE")),
               Col(("BEGINNING", "PRINCIPAL", "BALANCE")), Col(("PRINCIPAL",)),
               Col(("INTEREST",)), Col(("TOTAL",)), Col(("REALIZED", "LOSSES")),
               Col(("DEFERRED", "INTEREST")), Col(("ENDING", "PRINCIPAL", "BALANCE")))
_FACTOR_COLS = (Col(("CLASS",), "left", 10), Col(("CUSIP",), "left", 13),
                Col(("BEGINNING", "PRINCIPAL")), Col(("PRINCIPAL",)), Col(("INTEREST",)),
                Col(("TOTAL",)), Col(("ENDING", "PRINCIPAL")),
                Col(("CURRENT", "PASS-THRU", "RATE")))
_DELINQUENCY_COLS = (Col(("",), "left", 14), Col(("",), "left", 16),
                     Col(("NUMBER", "OF", "LOANS")), Col(("PRINCIPAL", "BALANCE"), width=18))
_COLLATERAL_COLS = (Col(("",), "left", 36), Col(("",), width=18))


def wrap(words: tuple[str, ...], lines: int) -> tuple[str, ...]:
    """Header words over at most ``lines`` lines (the last word alone on the bottom line)."""
    if len(words) <= lines:
        return words
    if lines == 1:
        return (" ".join(words),)
    return (" ".join(words[:-1]), words[-1])


def layout(cols: Sequence[Col], rows: Sequence[Sequence[str]], lines: int) -> Block:
    """Header lines (bottom-aligned), a rule, and the body rows on shared column slots."""
    heads = [wrap(c.words, lines) for c in cols]
    widths = [max(c.width, max(len(t) for t in [*h, *(r[i] for r in rows)])
                  + (MIN_GAP if i else 1))
              for i, (c, h) in enumerate(zip(cols, heads, strict=True))]
    ends = [sum(widths[: i + 1]) for i in range(len(widths))]  # right edges; indent 1
    height = max(len(h) for h in heads)
    head = [_place(cols, ends, widths, [h[level - height + len(h)]
                                        if level >= height - len(h) else "" for h in heads])
            for level in range(height)]
    rule = " " + "-" * (ends[-1])
    head = [line for line in head if line.strip()]
    return Block([*head, rule] if head else [], [_place(cols, ends, widths, r) for r in rows])


def _place(cols: Sequence[Col], ends: list[int], widths: list[int], cells: Sequence[str]) -> str:
    text = " "
    for i, (col, cell) in enumerate(zip(cols, cells, strict=True)):
        if not cell:
            continue
        if col.align == "left":
            text = text.ljust(ends[i] - widths[i] + 1 + (2 if i else 0)) + cell
        else:
            text = right(cell, ends[i], text)
    return text.rstrip()


def center(text: str) -> str:
    return " " * max(0, (WIDTH - len(text)) // 2) + text


def pct(value: Decimal | None, space: bool) -> str:
    """A fraction as ``6.750000 %`` / ``6.750000%``; blank when not printed."""
    return "" if value is None else f"{value * 100:.6f}" + (" %" if space else "%")


def page_header(truth: Report, m: Masthead, opts: RenderOptions) -> list[str]:
    assert truth.distribution_date and truth.record_date, "a report needs its dates"
    trustee = "DEUTSCHE BANK NATIONAL TRUST COMPANY" if opts.deutsche else "BANKERS TRUST COMPANY"
    dates = (f" DISTRIBUTION DATE:  {truth.distribution_date:%m/%d/%Y}".ljust(WIDTH - 26)
             + f"RECORD DATE:  {truth.record_date:%m/%d/%Y}")
    return [center(trustee), center("STATEMENT TO CERTIFICATEHOLDERS"),
            center(f"{m.trust} {m.series}"), center(f"{m.product.upper()}, SERIES {m.series}"),
            "", dates, ""]


def class_block(tranches: list[Tranche], lines: int) -> Block:
    names = ("original_balance", "beginning_balance", "principal_distribution",
             "interest_distribution", "total_distribution", "realized_loss", "accretion",
             "ending_balance")
    rows = [[t.class_name, *(money(getattr(t, n)) for n in names)] for t in tranches]
    totals = [sum((getattr(t, n) for t in tranches), Decimal(0)) for n in names]
    block = layout(_CLASS_COLS, [*rows, ["TOTALS", *(money(v) for v in totals)]], lines)
    return Block([center("DISTRIBUTIONS IN DOLLARS"), "", *block.caption], block.rows)


def factor_block(tranches: list[Tranche], opts: RenderOptions) -> Block:
    names = ("beginning_balance", "principal_distribution", "interest_distribution",
             "total_distribution", "ending_balance")
    rows = [[t.class_name, t.cusip or "",
             *(per_thousand(getattr(t, n), t.original_balance or Decimal(0)) for n in names),
             pct(t.pass_through_rate, opts.rate_space)] for t in tranches]
    block = layout(_FACTOR_COLS, rows, opts.header_lines)
    return Block([center("FACTOR INFORMATION PER $1000 OF ORIGINAL FACE"), "", *block.caption],
                 block.rows)


def heading(group: GroupFacts) -> str:
    if group.name == "total":
        return " TOTAL ALL GROUPS"
    return f" {group.name}" + (f" ({group.description})" if group.description else "")


def collateral_block(group: GroupFacts, opts: RenderOptions) -> Block:
    p = group.pool
    prepayments = (p.unscheduled_principal or Decimal(0)) - group.liquidation
    rows = [("BEGINNING BALANCE", money(p.beginning_balance)),  # type: ignore[arg-type]
            ("SCHEDULED PRINCIPAL", money(p.scheduled_principal)),  # type: ignore[arg-type]
            ("PREPAYMENTS", money(prepayments)),
            ("LIQUIDATION PROCEEDS", money(group.liquidation)),
            ("REALIZED LOSSES", money(p.realized_loss)),  # type: ignore[arg-type]
            ("ENDING BALANCE", money(p.ending_balance)),  # type: ignore[arg-type]
            ("BEGINNING LOAN COUNT", count(p.beginning_loan_count)),  # type: ignore[arg-type]
            ("LOAN COUNT", count(p.ending_loan_count)),  # type: ignore[arg-type]
            ("WEIGHTED AVERAGE COUPON", pct(p.wac, opts.rate_space)),
            ("WEIGHTED AVERAGE REMAINING TERM", str(p.wam))]
    block = layout(_COLLATERAL_COLS, rows, 1)
    return Block([heading(group), ""], block.rows)


def delinquency_block(group: GroupFacts, opts: RenderOptions) -> Block:
    rows: list[list[str]] = []
    for label, status in _STATUSES:
        cells = [(name, group.cells[(status, b)]) for name, b in _BUCKETS
                 if (status, b) in group.cells]
        for i, (name, (n, balance)) in enumerate(cells):
            rows.append([label if i == 0 else "", name, count(n), money(balance)])
        rows.append(["", "TOTAL", count(sum(n for _, (n, _) in cells)),
                     money(sum((b for _, (_, b) in cells), Decimal(0)))])
    block = layout(_DELINQUENCY_COLS, rows, opts.header_lines)
    return Block([heading(group), "", *block.caption], block.rows)


def render_report(report: Report, masthead: Masthead,
                  options: RenderOptions | None = None) -> str:
    """The statement for ``report`` (the simulator's truth) with ``options``' noise."""
    opts = options or RenderOptions()
    tranches = printed_tranches(report, opts)
    groups = printed_groups(report, opts)
    header = page_header(report, masthead, opts)
    pages: list[list[str]] = [list(header)]
    for block in (class_block(tranches, opts.header_lines), factor_block(tranches, opts)):
        _emit(pages, block, header, opts, split=opts.break_after)
        pages[-1] += ["", ""]
    if opts.page_break:
        pages.append(list(header))
    pages[-1] += [center("COLLATERAL INFORMATION"), ""]
    for group in groups:
        _emit(pages, collateral_block(group, opts), header, opts, split=None)
        pages[-1].append("")
    pages[-1] += ["", center("DELINQUENCY INFORMATION"), ""]
    for group in groups:
        _emit(pages, delinquency_block(group, opts), header, opts, split=None)
        pages[-1].append("")
    return _paginate(pages, opts)


def _emit(pages: list[list[str]], block: Block, header: list[str], opts: RenderOptions,
          split: int | None) -> None:
    """The block on the current page; with page breaks, rows past ``split`` on a new page
    under the repeated page header, title and column headers."""
    cut = split if opts.page_break and split is not None and split < len(block.rows) else None
    parts = [block.rows] if cut is None else [block.rows[:cut], block.rows[cut:]]
    for i, rows in enumerate(parts):
        if i:
            pages.append(list(header))
        pages[-1] += _table(block.caption, rows, opts.markup)


def _table(caption: list[str], rows: list[str], markup: bool) -> list[str]:
    if not markup:
        return [*caption, *rows]
    return ["<TABLE>", "<CAPTION>", *caption, "<S>        <C>", *rows, "</TABLE>"]


def _paginate(pages: list[list[str]], opts: RenderOptions) -> str:
    if opts.page_break == "numbered":
        total = len(pages)
        pages = [[*page, "", f"Page {n} of {total}".rjust(WIDTH)]
                 for n, page in enumerate(pages, 1)]
    separator = "\n\f" if opts.page_break == "formfeed" else "\n"
    return separator.join("\n".join(page) for page in pages) + "\n"
