"""Render a month's truth as a Deutsche-Bank-style HTML "Certificate Payment Report".

Pure functions returning ``str``. The document: trustee masthead paragraphs, a date table
(Distribution Date, Record Date), then sections, each a heading and a ``<table>``:

* **Distribution Summary** - the class table: Class, CUSIP, Pass-Through Rate, Original,
  Beginning Balance, Interest / Principal / Total Distribution (under "Distribution in
  Dollars" when grouped), Realized Loss / Deferred Interest (under "Current Period"), Ending
  Balance, Total Principal Reduction (negative when a class grows: the X class rebuilding OC),
  Ending Factor, optionally per-$1,000 factors; a Total row;
* **Collateral Summary** - label / value rows for every :class:`~parsers.model.Pool` field plus
  two collateral items;
* **Delinquency Information** - statuses (Delinquent, Bankruptcy, Foreclosure, REO, Total) by
  day buckets, ``#`` and ``Balance`` under each; optionally transposed, optionally 90+ unsplit;
* **Servicing Fees** - label / value rows.

Noise (:class:`RenderOptions`, every option documented there; the defaults are a clean
report). :func:`printed_truth` is the truth restricted to what this layout prints: the
contract the ``html_tables`` parser is tested against.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from lab.synth.cover import Masthead, long_date
from lab.synth.html_truth import (
    BUCKET_LABELS,
    COLLATERAL_ITEMS,
    COLLATERAL_ROWS,
    FEES_SECTION,
    STATUSES,
    delinquency_cells,
    printed_truth,
)
from lab.synth.htmlcells import Column, HtmlNoise, Writer
from parsers.model import Report, Tranche

__all__ = ["Masthead", "RenderOptions", "printed_truth", "render_report"]

TRUSTEE = "Deutsche Bank National Trust Company"
_ZERO = Decimal(0)


@dataclass(frozen=True)
class RenderOptions:
    """Structure noise; ``noise`` holds the cell and tag noise (:class:`HtmlNoise`).

    ``group_headers``: colspan group headers "Distribution in Dollars" and "Current Period"
    over the class table's columns; ``footnotes``: ``<sup>(1)</sup>`` on the first class and
    on the rate header, ``*`` after the X class, footnote paragraphs under the table;
    ``page_break_after``: close the class table after that many classes and continue in a new
    ``<table>`` (``repeat_header``: the continuation reprints the header rows, else none);
    ``repeat_header_every``: reprint the header rows inside the table every n classes;
    ``nested_layout``: each section inside a one-cell layout table holding its heading;
    ``transpose_delinquency``: statuses as rows and buckets as columns; ``collapse_90``: one
    ``90+ Days`` bucket instead of 90-119 .. 180+; ``per_thousand``: Principal and Interest per
    $1,000 columns (derived, checked by the parser, not truth).
    """

    noise: HtmlNoise = field(default_factory=HtmlNoise)
    group_headers: bool = False
    footnotes: bool = False
    page_break_after: int | None = None
    repeat_header: bool = True
    repeat_header_every: int | None = None
    nested_layout: bool = False
    transpose_delinquency: bool = False
    collapse_90: bool = False
    per_thousand: bool = False


def render_report(report: Report, masthead: Masthead,
                  options: RenderOptions | None = None) -> str:
    """The EX-99.1 document: a complete HTML page."""
    opts = options or RenderOptions()
    w = Writer(opts.noise)
    assert report.distribution_date and report.record_date, "a report needs its dates"
    parts = [w.tag("html"), w.tag("head"), f"{w.tag('title')}Certificate Payment Report"
             f"{w.tag('/title')}", w.tag("/head"), w.tag("body"),
             f"{w.tag('p', 'align=center')}{w.tag('b')}{TRUSTEE}{w.tag('/b')}",
             f"{w.tag('p', 'align=center')}{masthead.trust}",
             f"{w.tag('p', 'align=center')}{masthead.product}, Series {masthead.series}",
             f"{w.tag('p')}{w.tag('b')}Certificate Payment Report{w.tag('/b')}{w.tag('/p')}",
             w.tag("table", "border=0"),
             w.row([w.cell("Distribution Date:"), w.cell(long_date(report.distribution_date))]),
             w.row([w.cell("Record Date:"), w.cell(f"{report.record_date:%m/%d/%Y}")]),
             w.tag("/table")]
    parts += _class_tables(w, report.tranches, opts)
    pool = next(p for p in report.pools if p.pool == "total")
    parts += _section(w, opts, "Collateral Summary", _kv_rows(w, [
        *((label, kind, getattr(pool, name)) for label, name, kind in COLLATERAL_ROWS),
        *((label, "money", _item(report, section, label))
          for section, label in COLLATERAL_ITEMS)]))
    parts += _section(w, opts, "Delinquency Information", _matrix(w, report, opts))
    fees = [(i.label, "money", i.amount) for i in report.items if i.section == FEES_SECTION]
    parts += _section(w, opts, "Servicing Fees", _kv_rows(w, fees))
    parts += [w.tag("/body"), w.tag("/html"), ""]
    return "\n".join(parts)


def _item(report: Report, section: str, label: str) -> Decimal | None:
    return next((i.amount for i in report.items if (i.section, i.label) == (section, label)),
                None)


def _section(w: Writer, opts: RenderOptions, title: str, rows: list[str]) -> list[str]:
    """A heading and its table, inside a layout table when ``nested_layout``."""
    heading = f"{w.tag('b')}{title}{w.tag('/b')}"
    table = [w.tag("table", 'border="1" cellpadding="2"'), *rows, w.tag("/table")]
    if not opts.nested_layout:
        return [f"{w.tag('p')}{heading}{w.tag('/p')}", *table]
    return [w.tag("table", 'width="100%" border="0"'), w.tag("tr"),
            f"{w.tag('td')}{heading}{w.tag('br')}", *table, w.end("td"), w.end("tr"),
            w.tag("/table")]


# ----------------------------------------------------------------------------- class table

def _class_columns(opts: RenderOptions) -> list[Column]:
    dist = "Distribution in Dollars" if opts.group_headers else ""
    period = "Current Period" if opts.group_headers else ""
    note = "<sup>(2)</sup>" if opts.footnotes else ""
    columns = [Column("Class", "text"), Column("CUSIP", "text"),
               Column("Pass-Through Rate", "rate", note=note),
               Column("Original Balance"), Column("Beginning Balance"),
               Column("Interest", group=dist), Column("Principal", group=dist),
               Column("Total Distribution", group=dist),
               Column("Realized Loss", group=period), Column("Deferred Interest", group=period),
               Column("Ending Balance"), Column("Total Principal Reduction"),
               Column("Ending Factor", "factor")]
    if opts.per_thousand:
        columns += [Column("Principal per $1,000", "factor"),
                    Column("Interest per $1,000", "factor")]
    return columns


def _class_values(t: Tranche, opts: RenderOptions) -> list[Decimal | str | None]:
    values: list[Decimal | str | None] = [
        t.class_name + ("*" if opts.footnotes and t.class_name == "X" else ""), t.cusip,
        t.pass_through_rate, t.original_balance, t.beginning_balance, t.interest_distribution,
        t.principal_distribution, t.total_distribution, t.realized_loss, t.accretion,
        t.ending_balance, t.total_principal_reduction, t.factor]
    if opts.per_thousand:
        values += [_per_thousand(t.principal_distribution, t.original_balance),
                   _per_thousand(t.interest_distribution, t.original_balance)]
    return values


def _per_thousand(amount: Decimal | None, original: Decimal | None) -> Decimal:
    if not original or amount is None:
        return _ZERO
    return (amount * 1000 / original).quantize(Decimal("1E-8"), rounding="ROUND_HALF_UP")


_TOTALLED = range(3, 12)  # Original Balance .. Total Principal Reduction


def _class_tables(w: Writer, tranches: list[Tranche], opts: RenderOptions) -> list[str]:
    columns = _class_columns(opts)
    head = w.header_rows(columns)
    rows: list[list[str]] = [[*head]]
    for n, t in enumerate(tranches):
        if opts.page_break_after and n == opts.page_break_after:
            rows.append([*head] if opts.repeat_header else [])
        elif opts.repeat_header_every and n and n % opts.repeat_header_every == 0:
            rows[-1] += head
        note = "<sup>(1)</sup>" if opts.footnotes and n == 0 else ""
        rows[-1].append(w.values(columns, _class_values(t, opts), note=note))
    totals: list[Decimal | str | None] = [None] * len(columns)
    totals[0] = "Total"
    for i in _TOTALLED:
        totals[i] = sum((v for t in tranches
                         if isinstance(v := _class_values(t, opts)[i], Decimal)), _ZERO)
    rows[-1].append(w.values(columns, totals))
    out: list[str] = []
    for part, body in enumerate(rows):
        title = "Distribution Summary" + (" (continued)" if part else "")
        out += _section(w, opts, title, body)
    if opts.footnotes:
        out += [f"{w.tag('p')}{w.tag('font', 'size=1')}(1) Senior class. (2) The pass-through "
                f"rate is capped at the net WAC. * Class X is the overcollateralization class."
                f"{w.tag('/font')}{w.tag('/p')}"]
    return out


# ----------------------------------------------------------------------------- other tables

def _kv_rows(w: Writer, rows: Sequence[tuple[str, str, object]]) -> list[str]:
    columns = [Column("", "text"), Column("", "money")]
    out = []
    for label, kind, value in rows:
        value_column = Column("", kind)  # type: ignore[arg-type]
        shown = ("Yes" if value else "No") if isinstance(value, bool) else value
        out.append(w.values([columns[0], value_column], [label, shown]))  # type: ignore[list-item]
    return out


def _matrix(w: Writer, report: Report, opts: RenderOptions) -> list[str]:
    """Statuses across (or down, transposed), buckets the other way, ``#``/``Balance`` pairs."""
    cells, buckets = delinquency_cells(report, opts.collapse_90)
    statuses = [*STATUSES, "total"]
    keys = [*buckets, "totals"]
    across, down = (keys, statuses) if opts.transpose_delinquency else (statuses, keys)
    columns = [Column("Status" if opts.transpose_delinquency else "Days", "text")]
    for key in across:
        title = _title(key)
        columns += [Column("#", "count", group=title), Column("Balance", "money", group=title)]
    rows = w.header_rows(columns)
    for key in down:
        values: list[Decimal | int | str | None] = [_title(key)]
        for other in across:
            status, bucket = (key, other) if opts.transpose_delinquency else (other, key)
            count, balance = cells.get((status, bucket), (None, None))
            values += [count, balance]
        rows.append(w.values(columns, values))
    return rows


def _title(key: str) -> str:
    if key in ("total", "totals"):
        return "Total"
    return BUCKET_LABELS.get(key) or {"reo": "REO"}.get(key, key.title())
