"""CTSLink variants: Notes wording, the 10-D era's market heading, and several loan groups.

All off by default (:class:`~lab.synth.render_ctslink.RenderOptions` and a truth without
groups render the seed's layout).

* **Notes** (``wording="notes"``): class-table titles and headers say Note/Noteholder where the
  seed says Certificate/Certificateholder ("Noteholder Distribution Summary", "Note Rate",
  "Beginning Note Balance"), and the account table is the "NOTE ACCOUNT" (its items' section
  follows: :func:`printed_sections`).
* **Market heading** (``market_heading=True``): the summary is titled "Current Market
  Distribution Summary".
* **Groups** (:func:`split_groups` on the truth): the collateral statement gets one column per
  group plus ``Total`` (typed lines per group, the other lines for the deal only), and each
  group its own delinquency matrix titled ``DELINQUENCY STATUS - GROUP n`` before the deal's.
  Pools and delinquencies are named as the parser names them: ``"1"``, ``"2"``, ``"total"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from lab.synth.money import ZERO, cents
from lab.synth.render_accounts import delinquency_table
from lab.synth.render_classes import ClassTable
from lab.synth.textlayout import count, money, pct, right
from lab.synth.truth import COLLATERAL_LINES, COLLATERAL_SECTION, actual_balance_label
from parsers.model import Delinquency, Pool, Report

__all__ = ["GROUP_FIELDS", "group_collateral", "group_matrices", "market_title",
           "note_account", "note_wording", "printed_sections", "split_groups"]

_SUMMARY = "Certificateholder Distribution Summary"
#: additive Pool fields split between groups (the rest of the deal-level ones stay on total)
_ADDITIVE = ("beginning_balance", "scheduled_principal", "unscheduled_principal",
             "realized_loss", "ending_actual_balance")
#: Pool fields each group prints (the Total column prints every field)
GROUP_FIELDS = frozenset({*_ADDITIVE, "ending_balance", "beginning_loan_count", "payoff_count",
                          "ending_loan_count", "wac", "net_wac", "wam",
                          "collateral_description"})


# --------------------------------------------------------------------------- wording


def _note_words(text: str) -> str:
    return text.replace("Certificateholder", "Noteholder").replace("Certificate", "Note")


def note_wording(table: ClassTable) -> ClassTable:
    """The class table with Note wording; "Certificate Pass-Through Rate" -> "Note Rate"."""
    cols = tuple(replace(col, head=tuple(_note_words(h) for h in col.head
                                         if h != "Pass-Through")) for col in table.cols)
    return replace(table, title=_note_words(table.title), cols=cols)


def market_title(table: ClassTable) -> ClassTable:
    title = table.title.replace(_SUMMARY, "Current Market Distribution Summary")
    return replace(table, title=title, title_at=max(0, table.title_at - 1))


def note_account(lines: list[str]) -> list[str]:
    return [line.replace("CERTIFICATEHOLDER ACCOUNT STATEMENT", "NOTEHOLDER ACCOUNT STATEMENT")
            .replace("CERTIFICATE ACCOUNT", "NOTE ACCOUNT") for line in lines]


def printed_sections(section: str, wording: str) -> str:
    """An item's section as the document printed with ``wording`` names it."""
    return "note account" if wording == "notes" and section == "certificate account" else section


# --------------------------------------------------------------------------- groups


def split_groups(report: Report, share: Decimal = Decimal("0.6"),
                 names: tuple[str, str] = ("1", "2")) -> Report:
    """The truth of a two-group deal: the collateral split ``share`` / rest into groups
    ``names`` (each rolling forward exactly, loan counts too), every delinquency cell split by
    loan count, the deal's total pool and cells kept."""
    total = next(p for p in report.pools if p.pool == "total")
    first = _group(total, share, names[0])
    second = _rest(total, first, names[1])
    cells = [*report.delinquencies]
    for d in (d for d in report.delinquencies if d.pool == "total"):
        part = round((d.loan_count or 0) * share)
        balance = cents((d.balance or ZERO) * part / d.loan_count) if d.loan_count else ZERO
        for name, n, amount in ((names[0], part, balance),
                                (names[1], (d.loan_count or 0) - part, (d.balance or ZERO)
                                 - balance)):
            if n:
                cells.append(Delinquency(name, d.status, d.bucket, n, amount))
    return replace(report, pools=[*report.pools, first, second], delinquencies=cells)


def _group(total: Pool, share: Decimal, name: str) -> Pool:
    p = Pool(pool=name, wac=total.wac, net_wac=total.net_wac, wam=total.wam,
             collateral_description=total.collateral_description)
    for field in _ADDITIVE:
        value = getattr(total, field)
        setattr(p, field, None if value is None else cents(value * share))
    p.ending_balance = (p.beginning_balance - p.scheduled_principal  # type: ignore[operator]
                        - p.unscheduled_principal - (p.realized_loss or ZERO))
    p.beginning_loan_count = round((total.beginning_loan_count or 0) * share)
    p.payoff_count = min(round((total.payoff_count or 0) * share), p.beginning_loan_count)
    p.ending_loan_count = p.beginning_loan_count - p.payoff_count
    return p


def _rest(total: Pool, first: Pool, name: str) -> Pool:
    p = replace(first, pool=name)
    for field in (*_ADDITIVE, "ending_balance", "beginning_loan_count", "payoff_count",
                  "ending_loan_count"):
        whole, part = getattr(total, field), getattr(first, field)
        setattr(p, field, None if whole is None else whole - part)
    return p


def group_matrices(report: Report, extra: int = 0) -> list[str]:
    """One delinquency matrix per group, titled with its group, in pool order."""
    out: list[str] = []
    for pool in (p for p in report.pools if p.pool != "total"):
        title = f"DELINQUENCY STATUS - GROUP {pool.pool}"
        out += [line.replace("DELINQUENCY STATUS", title) if line.strip() ==
                "DELINQUENCY STATUS" else line for line in delinquency_table(report, pool, extra)]
        out.append("")
    return out


def group_collateral(report: Report, extra: int = 0) -> list[str]:
    """The collateral statement with a column per group and the Total column."""
    pools = [*(p for p in report.pools if p.pool != "total"),
             next(p for p in report.pools if p.pool == "total")]
    rows = _collateral_rows(report, pools)
    label_width = max(len(r[0]) for r in rows if r) + 3
    width = max([18, *(len(c) for r in rows if r for c in r[1])]) + 3 + extra
    edges = [label_width + width * (i + 1) - 1 for i in range(len(pools))]
    head = ""
    for edge, pool in zip(edges, pools, strict=True):
        head = right("Total" if pool.pool == "total" else f"Group {pool.pool}", edge, head)
    marker = " <S>"
    for edge in edges:
        marker = marker.ljust(edge - 8) + "<C>"
    out = [" <TABLE>", " <CAPTION>", " " * 45 + "COLLATERAL STATEMENT", "", head, marker]
    for row in rows:
        if row is None:
            out.append("")
            continue
        text = " " + row[0]
        for edge, cell in zip(edges, row[1], strict=True):
            text = right(cell, edge, text) if cell else text
        out.append(text.rstrip())
    return [*out, " </TABLE>"]


def _collateral_rows(report: Report, pools: Sequence[Pool]
                     ) -> list[tuple[str, list[str]] | None]:
    items = {i.label: i.amount or ZERO for i in report.items
             if i.section == COLLATERAL_SECTION and i.subject is None}
    rows: list[tuple[str, list[str]] | None] = []
    for label, attr in COLLATERAL_LINES:
        if not label:
            rows.append(None)
        elif attr is None:  # deal-level lines: the Total column only
            value = items[label]
            printed = pct(value) if "Rate" in label else money(value)
            rows.append((label, [""] * (len(pools) - 1) + [printed]))
        else:
            shown = (actual_balance_label(report.record_date)  # type: ignore[arg-type]
                     if attr == "ending_actual_balance" else label)
            rows.append((shown, [_value(getattr(p, attr), attr) if p.pool == "total"
                                 or attr in GROUP_FIELDS else "" for p in pools]))
    return rows


def _value(value: object, attr: str) -> str:
    if value is None:
        return ""
    if attr in ("wac", "net_wac"):
        return pct(value)  # type: ignore[arg-type]
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return count(value)
    return money(value)  # type: ignore[arg-type]
