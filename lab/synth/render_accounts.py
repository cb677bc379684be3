"""The label/amount tables and the delinquency matrix of a CTSLink report.

Certificate account, prepayment interest shortfall, servicing fees, other accounts, loan status
stratification, other information, collateral statement and miscellaneous reporting, in the
seed's order, with its labels, indents and blank lines. The value column's right edge is the
seed's, moved right when a long label or a long number needs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from lab.synth.collateral import BUCKETS
from lab.synth.money import ZERO
from lab.synth.textlayout import Col, count, grid, money, pct, right
from lab.synth.truth import COLLATERAL_LINES, COLLATERAL_SECTION, actual_balance_label
from parsers.model import Pool, Report

__all__ = ["account_tables", "collateral_tables", "delinquency_table", "kv_table"]

Cell = tuple[int, Decimal]  # (loan count, balance) of one matrix cell
Row = tuple[str, str] | None  # (label as printed incl. indent, value); None = blank line
STATUSES = ("delinquent", "bankruptcy", "foreclosure", "reo")
_ROW_LABELS = ("0-29 Days", "30 Days", "60 Days", "90 Days", "120 Days", "150 Days",
               "180+ Days")


def _items(report: Report, section: str) -> dict[str, Decimal]:
    return {i.label: i.amount or ZERO for i in report.items
            if i.section == section and i.subject is None}


def kv_table(caption: Sequence[str], rows: Sequence[Row], *, edge: int, mark_at: int,
             indent: int = 0, marker: tuple[str, str] = ("<s>", "<c>"), extra: int = 0,
             tail: Sequence[str] = ()) -> list[str]:
    """A two-column table: labels at the left, amounts right-aligned at ``edge`` (widened)."""
    need = max([indent + len(r[0]) + 3 + len(r[1]) - 1 for r in rows if r] + [0])
    edge = max(edge, need) + extra
    pad = " " * indent
    out = [pad + "<TABLE>", pad + "<CAPTION>", *caption,
           (pad + marker[0]).ljust(mark_at) + marker[1]]
    for row in rows:
        out.append("" if row is None else right(row[1], edge, pad + row[0]).rstrip())
    return [*out, *tail, pad + "</TABLE>"]


def account_tables(report: Report, extra: int = 0, omit: frozenset[str] = frozenset()
                   ) -> list[str]:
    """Certificate account, prepayment shortfall, servicing fees and other accounts."""
    acct = _items(report, "certificate account")
    sub = "     "

    def a(label: str, indent: str = "") -> Row:
        return (indent + label, money(acct[label]))

    rows: list[Row] = [
        a("Beginning Balance"), ("Deposits", ""),
        *(a(k, sub) for k in ("Payments of Interest and Principal",
                              "Liquidations, Insurance Proceeds, Reserve Funds",
                              "Proceeds from Repurchased Loans",
                              "Other Amounts (Servicer Advances)",
                              "Realized Loss (Gains, Subsequent Expenses & Recoveries)")),
        None, a("Prepayment Penalties", sub), a("Total Deposits"), None, ("Withdrawals", ""),
        *(a(k, sub) for k in ("Reimbursement for Servicer Advances", "Payment of Service Fee",
                              "Payment of Interest and Principal")),
        a("Total Withdrawals (Pool Distribution Amount)"), None, None, a("Ending Balance")]
    out = kv_table(["", " " * 50 + "CERTIFICATEHOLDER ACCOUNT STATEMENT",
                    " " * 58 + "CERTIFICATE ACCOUNT", ""], rows, edge=114, mark_at=89,
                   extra=extra)
    out.append("")
    if "prepayment/curtailment interest shortfall" not in omit:
        ppis = _items(report, "prepayment/curtailment interest shortfall")
        labels = list(ppis)
        out += kv_table(["", "", " " * 48 + "PREPAYMENT/CURTAILMENT INTEREST SHORTFALL"],
                        [(labels[0], money(ppis[labels[0]])), None,
                         *((k, money(ppis[k])) for k in labels[1:])],
                        edge=114, mark_at=90, extra=extra, tail=["", ""])
        out.append("")
    fees = _items(report, "servicing fees")
    out += kv_table(["", "", " " * 61 + "SERVICING FEES"],
                    [(k, money(v)) for k, v in fees.items()], edge=114, mark_at=90,
                    extra=extra, tail=["", ""])
    out.append("")
    if "other accounts" not in omit:
        out += _other_accounts(report, extra)
    return out


def _other_accounts(report: Report, extra: int) -> list[str]:
    """Other accounts: one row per account (``subject``), one column per balance label."""
    accounts: dict[str, dict[str, Decimal]] = {}
    for i in report.items:
        if i.section == "other accounts" and i.subject:
            accounts.setdefault(i.subject, {})[i.label] = i.amount or ZERO
    cols = (Col(("Account Type",), 43, "left"), Col(("Beginning", "Balance"), 19),
            Col(("Current", "Withdrawals"), 19), Col(("Current", "Deposits"), 18),
            Col(("Ending", "Balance"), 18))
    rows = [[name, *(money(v) for v in values.values())] for name, values in accounts.items()]
    head, body = grid(cols, rows, extra=extra)
    return ["<TABLE>", "<CAPTION>", "", " " * 61 + "OTHER ACCOUNTS", "", *head, *body, "",
            "</TABLE>"]


def delinquency_table(report: Report, pool: Pool, extra: int = 0) -> list[str]:
    """Loan status stratification: counts and balances, then the same as percentages."""
    cells: dict[tuple[str, str], Cell] = {
        (d.status, d.bucket): (d.loan_count or 0, d.balance or ZERO)
        for d in report.delinquencies if d.pool == pool.pool}
    grid_rows = []  # (label, [(count, balance) per status + total])
    for label, bucket in zip([*_ROW_LABELS, "Totals"], [*BUCKETS, None], strict=True):
        by_status = [_cell(cells, status, bucket) for status in STATUSES]
        grid_rows.append((label, [*by_status, _add(c for c in by_status if c)]))
    loans = Decimal(pool.ending_loan_count or 0)
    balance = pool.ending_actual_balance or pool.ending_balance or ZERO
    amounts = [[(str(c[0]), money(c[1])) if c else None for c in cs] for _, cs in grid_rows]
    shares = [[(pct(c[0] / loans if loans else ZERO), pct(c[1] / balance if balance else ZERO))
               if c else None for c in cs] for _, cs in grid_rows]
    starts = _matrix_starts([*amounts, *shares], extra)
    out = ["<TABLE>", "<CAPTION>",
           " " * 37 + "LOAN STATUS STRATIFICATION/CREDIT ENHANCEMENT STATEMENT",
           " " * 59 + "DELINQUENCY STATUS", "",
           _at(starts[1:], ["BANKRUPTCY", "FORECLOSURE", "REO", "Total"],
               label=" " * (starts[0] - 1) + "DELINQUENT"), "", _marker(starts)]
    for half in (amounts, shares):
        out += ["", _at(starts, ["No of Loans"] * 5), _at(starts, ["Principal Balance"] * 5)]
        for (label, _), printed in zip(grid_rows, half, strict=True):
            out.append(_at(starts, [c[0] if c else "" for c in printed], label=label))
            out.append(_at(starts, [c[1] if c else "" for c in printed]))
            out.append("")
        out.pop()
        out.append("")
    return [*out, "</TABLE>"]


def _marker(starts: Sequence[int]) -> str:
    """``<s>`` then a ``<c>`` over each column (a little inside it, as the seed has them)."""
    mark = "<s>".ljust(starts[0] + 3) + "<c>"
    for start in starts[1:]:
        mark = mark.ljust(start + 2) + "<c>"
    return mark


def _cell(cells: dict[tuple[str, str], Cell], status: str, bucket: str | None) -> Cell | None:
    if bucket is None:  # the Totals row
        return _add(cells[(status, b)] for b in BUCKETS if (status, b) in cells)
    return cells.get((status, bucket))


def _add(pairs: Iterable[Cell]) -> Cell:
    n, bal = 0, ZERO
    for c, b in pairs:
        n, bal = n + c, bal + b
    return n, bal


def _matrix_starts(rows: list[list[tuple[str, str] | None]], extra: int) -> list[int]:
    """Left edges of the five value columns: the seed's, pushed right for long values."""
    starts, edge = [], 10
    for i, base in enumerate((24, 23, 24, 24, 0)):
        starts.append(edge)
        longest = max([len(v) for r in rows if r[i] for v in r[i]] + [17])  # type: ignore[union-attr]
        edge += max(base, longest + 3) + extra
    return starts


def _at(starts: Sequence[int], values: Sequence[str], shift: int = 0, label: str = "") -> str:
    text = label
    for start, value in zip(starts, values, strict=False):
        if value:
            text = text.ljust(max(start + shift, len(text) + 1)) + value
    return text.rstrip()


def collateral_tables(report: Report, pool: Pool, extra: int = 0,
                      omit: frozenset[str] = frozenset(),
                      statement: Sequence[str] | None = None) -> list[str]:
    """Other information, collateral statement, the empty table and miscellaneous reporting;
    ``statement`` replaces the two-column collateral statement (the per-group one)."""
    other = _items(report, "other information")
    labels = list(other)
    out = kv_table(["", " " * 60 + "OTHER INFORMATION", ""],
                   [*((k, money(other[k])) for k in labels[:2]), None,
                    *((k, money(other[k])) for k in labels[2:]), None],
                   edge=114, mark_at=84, extra=extra)
    out += [""] * 6
    out += list(statement) if statement is not None else kv_table(
        [" " * 35 + "COLLATERAL STATEMENT"], _collateral_rows(report, pool), edge=85,
        mark_at=78, indent=1, marker=("<S>", "<C>"), extra=extra)
    out += [" <TABLE>", " <CAPTION>", " " * 13 + "<S>".ljust(45) + "<C>", "", "",
            " </TABLE>"]  # the seed's empty table
    if "miscellaneous reporting" not in omit:
        misc = _items(report, "miscellaneous reporting")
        rows: list[Row] = [(k, f"{v:.0f}" if k.startswith("#") else f"{v:.2f}")
                           for k, v in misc.items()]  # the seed prints these without commas
        rows += [("Trigger Event", "YES" if pool.trigger_event else "NO"), None]
        out += kv_table(["", " " * 15 + "Miscellaneous Reporting"], rows, edge=76, mark_at=62,
                        indent=3, marker=("<S>", "<C>"), extra=extra)
    return out


def _collateral_rows(report: Report, pool: Pool) -> list[Row]:
    items = _items(report, COLLATERAL_SECTION)
    rows: list[Row] = []
    for label, attr in COLLATERAL_LINES:
        if not label:
            rows.append(None)
        elif attr is None:
            value = items[label]
            rows.append((label, pct(value) if "Rate" in label else money(value)))
        else:
            printed = (actual_balance_label(report.record_date)  # type: ignore[arg-type]
                       if attr == "ending_actual_balance" else label)
            value = getattr(pool, attr)
            rows.append((printed, pct(value) if attr in ("wac", "net_wac")
                         else _pool_value(value)))
    return rows


def _pool_value(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return count(value)
    assert isinstance(value, Decimal)
    return money(value)
