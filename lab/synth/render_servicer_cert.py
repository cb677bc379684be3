"""Render a consumer deal's month as a plain-text "MONTHLY SERVICER'S CERTIFICATE".

The 1990s-2000s auto/equipment/card servicer certificate (EX-20 of an 8-K, later EX-99.1 of a
10-D): a centred masthead (trust, title, servicer), the report dates as key-value lines, then
roman-numbered sections of numbered line items (label, value right-aligned at one column),
a delinquency block with count and balance per bucket, and the notes either as key-value blocks
per class or as one table with a Total row. Lines come from :data:`lab.synth.consumer.CERT_LINES`.

Noise (:class:`CertOptions`, all independent):

* ``numbering``: line numbers ``Line 9``, ``(9)``, ``9.`` or none (numbering runs through the
  document, note blocks included; table rows are not numbered);
* ``dollars``: no sign, ``$1,234.56`` attached, or ``$`` in its own column left of the value;
* ``leaders``: dotted leaders from the label to the value (``Pool Factor ...... 0.2670057``);
* ``notes``: ``"blocks"`` (Class A-1 Notes, then its lines) or ``"table"`` (one row per class);
* ``page_break``: None, form feeds, or ``Page n of N`` footers; each new page repeats the
  masthead's three title lines; breaks fall before the sections in ``break_before``;
* ``split_principal``: print "Scheduled Principal Collections" (else only the total, and the
  parser derives it); ``open_90``: the last bucket prints ``91+ Days`` (truth bucket ``90+``);
  ``day_labels``: ``31-60 Days`` or ``30-59 Days``; ``record_date``: print a Record Date;
  ``roman``: number the section headings ``I.``, ``II.`` ...; ``title``: the document title.

:func:`printed_truth` is what such a document prints of the truth (the parser's contract).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from lab.synth.consumer import CERT_LINES
from lab.synth.cover import Masthead
from parsers.model import Delinquency, Report, Tranche

__all__ = ["CertOptions", "printed_truth", "render_report"]

VALUE_END = 78  # the column single values end at
COUNT_END = 58  # the count column of two-value (count, balance) lines
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_BUCKETS = {"30-59": ("31-60", "30-59"), "60-89": ("61-90", "60-89"),
            "90-119": ("91-120", "90-119")}
_NOTE_LINES = (("Note Rate", "pass_through_rate"), ("Original Note Balance", "original_balance"),
               ("Note Balance (beginning)", "beginning_balance"),
               ("Principal Distributable Amount", "principal_distribution"),
               ("Interest Distributable Amount", "interest_distribution"),
               ("Total Distribution", "total_distribution"),
               ("Note Balance (ending)", "ending_balance"), ("Note Factor", "factor"))
_TABLE_HEAD = (("", "Class"), ("Note", "Rate"), ("Original", "Balance"), ("Beginning", "Balance"),
               ("Principal", "Payment"), ("Interest", "Payment"), ("Total", "Payment"),
               ("Ending", "Balance"), ("Note", "Factor"))
_RATES = {"pass_through_rate", "wac"}
_COUNTS = {"beginning_loan_count", "ending_loan_count", "wam"}


@dataclass(frozen=True)
class CertOptions:
    """Noise toggles of the servicer-certificate renderer (see the module docstring)."""

    numbering: str = "paren"
    dollars: str = "none"
    leaders: bool = False
    notes: str = "blocks"
    page_break: str | None = None
    break_before: tuple[str, ...] = ("DELINQUENT RECEIVABLES", "NOTE INFORMATION")
    split_principal: bool = True
    open_90: bool = False
    day_labels: str = "31-60"
    record_date: bool = True
    roman: bool = True
    title: str = "MONTHLY SERVICER'S CERTIFICATE"

    def __post_init__(self) -> None:
        if (self.numbering not in ("line", "paren", "dot", "none")
                or self.dollars not in ("none", "attached", "column")
                or self.notes not in ("blocks", "table")
                or self.page_break not in (None, "formfeed", "numbered")
                or self.day_labels not in ("31-60", "30-59")):
            raise ValueError(f"unknown servicer certificate option in {self}")


def printed_truth(report: Report, options: CertOptions = CertOptions()) -> Report:
    """The truth a certificate rendered with ``options`` prints: no record date unless
    printed; a ``91+ Days`` bucket is the model's ``90+``."""
    cells = [replace(d, bucket="90+") if options.open_90 and d.bucket == "90-119" else d
             for d in report.delinquencies]
    return replace(report, record_date=report.record_date if options.record_date else None,
                   delinquencies=cells)


def render_report(report: Report, masthead: Masthead,
                  options: CertOptions = CertOptions()) -> str:
    """The certificate's text for one month of truth."""
    writer = _Writer(options)
    head = _masthead(masthead, options)
    pages: list[list[str]] = [[*head, *_dates(report, options), ""]]
    for number, (title, body) in enumerate(_sections(report, writer)):
        if options.page_break and title in options.break_before:
            pages.append([*head, ""])
        heading = f"{_ROMAN[number]}. {title}" if options.roman else title
        pages[-1].extend([heading, "", *body, ""])
    return _join_pages(pages, options.page_break)


def _masthead(m: Masthead, options: CertOptions) -> list[str]:
    lines = (m.trust, options.title, f"{m.depositor}, as Servicer")
    return [" " * max(0, 40 - len(line) // 2) + line for line in lines]


def _dates(report: Report, options: CertOptions) -> list[str]:
    period = next(i.text for i in report.items if i.label == "Collection Period")
    lines = [f"Collection Period:      {period}",
             f"Distribution Date:      {_mdy(report.distribution_date)}"]
    if options.record_date:
        lines.append(f"Record Date:            {_mdy(report.record_date)}")
    return lines


def _mdy(day: date | None) -> str:
    assert day is not None
    return f"{day.month:02d}/{day.day:02d}/{day.year}"


def _join_pages(pages: list[list[str]], style: str | None) -> str:
    if style == "numbered":
        for n, page in enumerate(pages, 1):
            page.extend(["", " " * 34 + f"Page {n} of {len(pages)}"])
    separator = "\n\f" if style == "formfeed" else "\n"
    return separator.join("\n".join(page) for page in pages) + "\n"


class _Writer:
    """Formats values and numbered lines the way the options say."""

    def __init__(self, options: CertOptions) -> None:
        self.options, self.number = options, 0

    def value(self, value: object, field: str = "") -> str:
        if isinstance(value, int) or field in _COUNTS:
            return f"{value:,d}"
        assert isinstance(value, Decimal)
        if field in _RATES:
            return f"{value * 100:.3f}%"
        if field in ("factor", "pool_factor"):
            return f"{value:.7f}"
        text = f"{value:,.2f}"
        return "$" + text if self.options.dollars == "attached" else text

    def line(self, label: str, *values: str, money: bool = False) -> str:
        """``(9) Label ....  value`` with the last value ending at VALUE_END."""
        self.number += 1
        prefix = {"line": f"Line {self.number}  ", "paren": f"({self.number}) ",
                  "dot": f"{self.number}. ", "none": ""}[self.options.numbering]
        places = [(values[0], COUNT_END)] if len(values) == 2 else []
        if money and self.options.dollars == "column":
            places.append(("$", VALUE_END - 16))
        places.append((values[-1], VALUE_END))
        text = prefix + label
        for i, (value, edge) in enumerate(places):
            text = _right(value, edge, text, self.options.leaders and i == 0)
        return text


def _right(value: str, edge: int, text: str, leaders: bool) -> str:
    """``text`` then ``value`` ending at column ``edge`` (at least two spaces apart)."""
    start = max(edge - len(value) + 1, len(text) + 2)
    if leaders and start - len(text) >= 5:  # room for " .. " at least
        return f"{text} ".ljust(start - 1, ".") + " " + value
    return text.ljust(start) + value


def _sections(report: Report, writer: _Writer) -> list[tuple[str, list[str]]]:
    pool = report.pools[0]
    items = {(i.section, i.label): i for i in report.items}
    out: dict[str, list[str]] = {}
    for title, label, source in CERT_LINES:
        if source == "pool.scheduled_principal" and not writer.options.split_principal:
            continue
        if source.startswith("pool."):
            field = source.removeprefix("pool.")
            value: object = getattr(pool, field)
        else:
            value = items[(title.lower(), label)].amount
            field = "pool_factor" if label == "Pool Factor" else (
                "count" if label.startswith("Number") else "")
        shown = f"{value:,.0f}" if field == "count" else writer.value(value, field)
        is_money = field not in _RATES | _COUNTS | {"count", "pool_factor"}
        out.setdefault(title, []).append(writer.line(label, shown, money=is_money))
        if title == "AVAILABLE FUNDS AND DISTRIBUTIONS" and source == "released":
            out["DELINQUENT RECEIVABLES"] = _delinquency(report.delinquencies, writer)
            out["NOTE INFORMATION"] = _notes(report.tranches, writer)
    return list(out.items())


def _delinquency(cells: list[Delinquency], writer: _Writer) -> list[str]:
    lines, count, balance = [], 0, Decimal(0)
    for d in cells:
        closed, credit = _BUCKETS[d.bucket]
        days = credit if writer.options.day_labels == "30-59" else closed
        if writer.options.open_90 and d.bucket == "90-119":
            days = days.split("-")[0] + "+"
        lines.append(writer.line(f"{days} Days Delinquent", f"{d.loan_count:,d}",
                                 writer.value(d.balance), money=True))
        count, balance = count + (d.loan_count or 0), balance + (d.balance or Decimal(0))
    lines.append(writer.line("Total Delinquent Receivables", f"{count:,d}",
                             writer.value(balance), money=True))
    return lines


def _notes(tranches: list[Tranche], writer: _Writer) -> list[str]:
    if writer.options.notes == "table":
        return _note_table(tranches, writer)
    lines = []
    for t in tranches:
        lines.extend([f"Class {t.class_name} Notes", ""])
        for label, field in _NOTE_LINES:
            value = writer.value(getattr(t, field), field)
            lines.append(writer.line(label, value, money=field not in ("factor", *_RATES)))
        lines.append("")
    return lines


def _note_table(tranches: list[Tranche], writer: _Writer) -> list[str]:
    rows = [[f"Class {t.class_name}", *(writer.value(getattr(t, f), f)
                                        for _, f in _NOTE_LINES)] for t in tranches]
    sums = [sum((getattr(t, f) for t in tranches), Decimal(0)) for _, f in _NOTE_LINES[1:-1]]
    rows.append(["Total", "", *(writer.value(s) for s in sums), ""])
    widths = [max(len(r[i]) for r in [*rows, *zip(*_TABLE_HEAD, strict=True)]) + 2
              for i in range(len(_TABLE_HEAD))]
    widths[0] = max(widths[0], 12)

    def place(cells: list[str] | tuple[str, ...]) -> str:
        text = cells[0].ljust(widths[0])
        for cell, width in zip(cells[1:], widths[1:], strict=True):
            text += cell.rjust(width)
        return text.rstrip()

    heads = [place([h[level] for h in _TABLE_HEAD]) for level in (0, 1)]
    return [*heads, "", *(place(r) for r in rows)]
