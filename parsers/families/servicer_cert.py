"""Servicer's certificates of consumer ABS (auto loans and leases, cards, equipment, student
loans): "MONTHLY SERVICER'S CERTIFICATE" (EX-20 of 1990s 8-Ks), "Monthly Servicer Report"
(EX-99.1 of 10-Ds), in plain text.

Lines are read one at a time (:mod:`parsers.families.servicer_lines`), page furniture removed
first (:func:`parsers.engine.plaintext.plain_lines`). Mapping onto the model:

* notes -> ``Tranche`` named as printed without "Class"/"Notes" (``A-1``, ``A-2a``, ``B``):
  note rate -> ``pass_through_rate``, note factor -> ``factor``; read from key-value blocks
  under ``Class A-1 Notes`` headers or from a table whose first column is headed ``Class``
  (its Total row is checked, and kept as items of subject ``Totals``);
* the receivables pool -> ``Pool("total")``: pool balance and receivable count at the
  beginning / end, weighted average APR -> ``wac``, remaining term -> ``wam``, net losses
  (gross charge-offs - recoveries) -> ``realized_loss``, cumulative net losses,
  overcollateralization amount / target -> ``oc_amount`` / ``oc_target``;
  ``scheduled_principal`` = principal collections other than prepayments in full (the printed
  line, else total principal collections - prepayments in full); ``unscheduled_principal`` =
  prepayments in full + recoveries (liquidation proceeds): the receivables' analogue of the
  mortgage convention, so beginning - scheduled - unscheduled - net losses = ending;
  ``payoff_count`` = receivables paid in full + defaulted receivables;
* delinquency lines (count and balance) -> ``Delinquency(status="delinquent")`` by the printed
  start day: 31-60 -> ``30-59``, 61-90 -> ``60-89``, 91-120 -> ``90-119``, 121-150 ->
  ``120-149``, 151-180 -> ``150-179``; open buckets 91+ -> ``90+``, 121+ -> ``120+`` and
  181+ -> ``180+``; the printed label and its day bounds are kept (``printed_bucket``,
  ``days_from``, ``days_to``); a "Total Delinquent" line is checked;
* every other line -> ``ReportItem``: ``section`` = the heading in force, lower-cased, roman
  numeral dropped; ``label`` = the line's text without its line number; ``subject`` = the
  class inside a class block. Lines that feed a derived field (prepayments, recoveries, gross
  charge-offs, total principal collections, paid-in-full and defaulted counts) are items too;
  Collection Period / Determination Date are text items of section ``report dates``.

HTML documents are left to the HTML family (a ``<td``/``<html`` tag means "not mine").
"""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

from foundation.vocabulary import DelinquencyBucket
from parsers.engine.buckets import printed_bounds
from parsers.engine.budget import check
from parsers.engine.class_items import totals_items
from parsers.engine.classes import ClassTable, merge_tranches, read_class_table
from parsers.engine.columns import build_grid
from parsers.engine.evidence import DelinquencyEvidence, Evidence
from parsers.engine.html import looks_like_html, read_html
from parsers.engine.items import item
from parsers.engine.numbers import parse_amount, parse_count
from parsers.engine.plaintext import plain_lines
from parsers.engine.report_header import distribution_date, record_date, series
from parsers.engine.tables import TextTable
from parsers.engine.trace import Trace
from parsers.engine.vocabulary import FieldSpec, Kind, Vocabulary, convert, normalize_label
from parsers.errors import ReportLayoutError
from parsers.families.servicer_lines import (
    class_header,
    class_name,
    delinquency_bucket,
    heading,
    read_line,
)
from parsers.families.servicer_vocabulary import NOTE_VOCABULARY, PARTS, POOL_VOCABULARY
from parsers.model import Check, Delinquency, Pool, Report
from parsers.sanity import completeness_checks

__all__ = ["LAYOUT", "NOTES_SECTION", "detect", "html_lines", "parse"]

LAYOUT = "servicer_cert"
NOTES_SECTION = "note information"
DATES_SECTION = "report dates"
ALWAYS_TRANCHE_FIELDS = ("beginning_balance", "principal_distribution",
                         "interest_distribution", "ending_balance")
ALWAYS_POOL_FIELDS = ("beginning_balance", "ending_balance")

_TITLE = re.compile(r"servicer'?s?\s+(?:monthly\s+)?(?:certificate|report)|servicing\s+report")
_DATE_KEY = re.compile(r"(Collection Period|Distribution Date|Payment Date|Record Date|"
                       r"Determination Date)\s*:\s*(\S.*?)(?=\s{2,}|$)", re.I)
_SPLIT = re.compile(r"\s{2,}")


def detect(text: str) -> bool:
    """A servicer's certificate/report title and a "Collection Period", in plain text or in
    HTML (tags dropped for the test)."""
    head, window = text[:400_000], 20_000
    if looks_like_html(head):  # an HTML trustee report may name a servicer report further down:
        head = unescape(_TAG.sub(" ", head)).replace("\u2019", "'")
        window = 2_000  # the certificate's title is the document's own
    lowered = " ".join(head.lower().split())
    return _TITLE.search(lowered[:window]) is not None and "collection period" in lowered


def parse(text: str, trace: Trace | None = None) -> tuple[Report, Evidence]:
    """Read every line. Raises ReportLayoutError without a distribution date, or with neither
    a note class nor a pool balance. A certificate is line items, not tables: ``trace`` is
    accepted like every family's and records nothing (registered ``traced=False``)."""
    reader = _Reader()
    lines = html_lines(text) if looks_like_html(text) else plain_lines(text)
    for number, line in enumerate(lines):
        if number % 512 == 0:
            check()
        reader.feed(line)
    return reader.finish(text)


#: ``Class A-2a Note Balance`` -> ("A-2a", "Note Balance").
_CLASS_FIELD = re.compile(r"^Class\s+([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?)\s+(\S.*)$")
#: What a class's own line prints (its class named in the label, not in a block header).
CLASS_LINE_VOCABULARY = Vocabulary({
    **dict.fromkeys(("Note Balance", "Floating Rate Note Balance", "Fixed Rate Note Balance"),
                    FieldSpec("ending_balance")),
    **dict.fromkeys(("Note Pool Factor", "Floating Rate Note Pool Factor",
                     "Fixed Rate Note Pool Factor", "Note Factor"),
                    FieldSpec("factor", "decimal")),
    "Interest Distribution": FieldSpec("interest_distribution"),
    "Principal Distribution": FieldSpec("principal_distribution"),
    "Distribution": FieldSpec("total_distribution"),
})
#: A two-value class line: the field of its beginning-of-period value (None: kept as an item).
_PERIOD_PAIRS = {"ending_balance": ("beginning_balance", "ending_balance"),
                 "factor": (None, "factor")}
_TOTAL_DELINQUENT = ("total delinquen", "total past due")
_TAG = re.compile(r"<[^>]*>")
_DATE_KEYS = frozenset({"collection period", "distribution date", "payment date", "record date",
                        "determination date"})


def html_lines(text: str) -> list[str]:
    """An HTML certificate as the text lines this family reads: each table row one line, its
    cells two spaces apart (a ``%`` cell joined to its figure), a date row as ``Key: value``;
    the text between tables as printed."""
    lines: list[str] = []
    for table in read_html(text).tables:
        lines.extend(table.heading)
        for row in table.rows:
            cells: list[str] = []
            for cell in (c.text.strip() for c in row):
                if cell == "%" and cells:
                    cells[-1] += "%"
                elif cell:
                    cells.append(cell)
            if len(cells) == 2 and cells[0].lower().rstrip(":") in _DATE_KEYS:
                cells = [cells[0].rstrip(":") + ":", cells[1]]
            lines.append("  ".join(cells))
    return lines


class _Reader:
    """The line-by-line state: heading in force, open class block or note table."""

    def __init__(self) -> None:
        self.report, self.evidence = Report(), Evidence()
        self.pool = Pool(pool="total")
        self.section: str = "untitled"
        self.subject: str | None = None  # the class whose key-value block is open
        self.tables: list[ClassTable] = []
        self.parts: dict[str, Decimal] = {}
        self.head: list[str] = []  # no-value lines that may head a note table
        self.table: tuple[list[str], list[str]] | None = None  # (caption, body)

    def feed(self, line: str) -> None:
        if self.table is not None and self._table_row(line):
            return
        if _DATE_KEY.search(line):
            self._dates(line)
            return
        found = read_line(line)
        if found is None:
            self._text(line)
            return
        self.head = []
        if self.subject is not None:
            self._class_line(found.label, found.values)
        else:
            self._deal_line(found.label, found.values)

    def _text(self, line: str) -> None:
        """Headings, class headers, note-table headers; other text is skipped."""
        if not line.strip():
            self.head = []
            return
        phrases = _SPLIT.split(line.strip())
        if len(phrases) >= 3 and phrases[0].lower() == "class":
            self.table, self.head = ([*self.head, line], []), []
            self.subject = None
            return
        if len(phrases) >= 3:
            self.head.append(line)
        elif (name := class_header(line)) is not None:
            self.subject = name
            self.tables.append(ClassTable(self.section, f"Class {name}", [], [], [(name, [])]))
        elif (section := heading(line)) is not None:
            self.section, self.subject = section, None

    def _dates(self, line: str) -> None:
        """A line of ``Key: value`` dates: the report's own through the shared header reader
        (first readable one wins), the collection period and determination date as items."""
        report = self.report
        report.distribution_date = report.distribution_date or distribution_date(line)
        report.record_date = report.record_date or record_date(line)
        for m in _DATE_KEY.finditer(line):
            key, value = " ".join(m.group(1).title().split()), m.group(2).strip()
            if key not in ("Distribution Date", "Payment Date", "Record Date"):
                report.items.append(item(DATES_SECTION, key, value))

    def _class_line(self, label: str, values: tuple[str, ...]) -> None:
        """One line of a class block: a note field (as a one-row class table) or an item."""
        spec = NOTE_VOCABULARY.lookup(label, exact=True)
        if spec is None or len(values) != 1:
            self._items(label, values, self.subject)
            return
        block = self.tables[-1]
        block.headers.append(label)
        block.specs.append(spec)
        block.rows[0][1].append(values[0])

    def _deal_line(self, label: str, values: tuple[str, ...]) -> None:
        bucket = delinquency_bucket(label)
        if bucket is not None and self._delinquency(label, bucket, values):
            return
        if self._class_in_label(label, values):
            return
        if normalize_label(label).startswith(_TOTAL_DELINQUENT) and len(values) == 2:
            self._matrix().status_totals.setdefault(
                "delinquent", (parse_count(values[0]), parse_amount(values[1])))
            return
        cumulative = self._cumulative(label)
        spec = _period_or_cumulative(POOL_VOCABULARY.lookup(label, exact=True), cumulative)
        if spec is not None and len(values) == 1 and getattr(self.pool, spec.name) is None:
            value = _convert(values[0], spec.kind)
            if value is not None:
                setattr(self.pool, spec.name, value)
                return
        part = None if cumulative else PARTS.get(normalize_label(label))
        if part is not None and (amount := _part_value(part, values)) is not None:
            self.parts.setdefault(part, amount)
        self._items(label, values, None)

    def _cumulative(self, label: str) -> bool:
        """A figure since the deal closed, not of this period: under a cumulative heading,
        or labelled so (``Cumulative Net Losses``)."""
        return "cumulative" in self.section or normalize_label(label).startswith("cumulative")

    def _class_in_label(self, label: str, values: tuple[str, ...]) -> bool:
        """A deal-level line naming its class (``Class A-2a Note Balance  97,028,984.23
        76,913,848.48``, ``Class B Principal Distribution  0.00``): the figure goes to that
        class. Two values are the period's beginning and end, as the column heads print."""
        found = _CLASS_FIELD.match(" ".join(label.split()))
        spec = CLASS_LINE_VOCABULARY.lookup(found.group(2), exact=True) if found else None
        if found is None or spec is None or len(values) > 2:
            return False
        name = found.group(1)
        block = next((t for t in self.tables if t.rows and t.rows[0][0] == name
                      and t.title == f"Class {name}"), None)
        if block is None:
            block = ClassTable(self.section, f"Class {name}", [], [], [(name, [])])
            self.tables.append(block)
        if len(values) == 2:  # beginning and end of the period
            start, end = _PERIOD_PAIRS.get(spec.name, (None, spec.name))
            pairs = [(start, values[0]), (end, values[1])]
        else:
            pairs = [(spec.name, values[0])]
        for field_name, value in pairs:
            if field_name is None:
                self._items(f"{label} (beginning)", (value,), name)
                continue
            block.headers.append(f"{label} ({field_name})")
            block.specs.append(FieldSpec(field_name, spec.kind))
            block.rows[0][1].append(value)
        return True

    def _delinquency(self, label: str, bucket: DelinquencyBucket, values: tuple[str, ...]
                     ) -> bool:
        """A (count, balance) or balance-only bucket line; False when it reads otherwise."""
        balance = parse_amount(values[-1])
        count = parse_count(values[0]) if len(values) == 2 else None
        known = {d.bucket for d in self.report.delinquencies}
        if balance is None or len(values) > 2 or (len(values) == 2 and count is None) \
                or bucket in known:
            return False
        self.report.delinquencies.append(Delinquency(
            "total", "delinquent", bucket, count, balance, " ".join(label.split()),
            *printed_bounds(label)))
        self._matrix()
        return True

    def _matrix(self) -> DelinquencyEvidence:
        if not self.evidence.delinquency:
            self.evidence.delinquency.append(DelinquencyEvidence(pool="total"))
        return self.evidence.delinquency[0]

    def _items(self, label: str, values: tuple[str, ...], subject: str | None) -> None:
        self.report.items.extend(item(self.section, label, v, subject) for v in values)

    def _table_row(self, line: str) -> bool:
        """Collect a note-table row; False (and the table read) at its first other line."""
        assert self.table is not None
        caption, body = self.table
        found = read_line(line)
        if found is None and not body:  # blank, or a further header line above the rows
            if line.strip():
                caption.append(line)
            return True
        if found is not None and (class_name(found.label) or found.label.lower() == "total"):
            body.append(line)
            return True
        self._read_table(caption, body)
        self.table = None
        return False

    def _read_table(self, caption: list[str], body: list[str]) -> None:
        if not body:
            return
        grid = build_grid(TextTable(line=0, caption=caption, body=body))
        table = read_class_table(grid, NOTE_VOCABULARY, NOTES_SECTION)
        table.rows = [(class_name(name) or name, cells) for name, cells in table.rows]
        self.tables.append(table)
        self.evidence.class_tables.append(table.evidence())
        self.report.items.extend(totals_items(table))

    def finish(self, text: str) -> tuple[Report, Evidence]:
        if self.table is not None:
            self._read_table(*self.table)
        report = self.report
        if report.distribution_date is None:
            raise ReportLayoutError("no readable 'Distribution Date:' in the certificate")
        report.series = series(text, words=("Series", "Trust"), end=5000)
        report.tranches, notes = merge_tranches([t for t in self.tables if t.headers])
        self.evidence.notes.extend(notes)
        self.evidence.notes.extend(_net_loss_check(self.pool, self.parts))
        _derive(self.pool, self.parts)
        if self.pool.beginning_balance is not None or self.pool.ending_balance is not None:
            report.pools.append(self.pool)
        if not report.tranches and not report.pools:
            raise ReportLayoutError("no note class and no pool balance found")
        self.evidence.notes.extend(
            completeness_checks(report, ALWAYS_TRANCHE_FIELDS, ALWAYS_POOL_FIELDS))
        return report, self.evidence


#: Period pool fields and the field the same label means under a cumulative heading (None:
#: no cumulative field, the figure stays an item).
_CUMULATIVE_OF = {"realized_loss": "cumulative_realized_loss",
                  "cumulative_realized_loss": "cumulative_realized_loss"}
#: Parts counted in receivables, not money.
_COUNT_PARTS = frozenset({"paid_count", "defaulted_count"})
_CENTS = re.compile(r"\.\d{2}\)?$")


def _period_or_cumulative(spec: FieldSpec | None, cumulative: bool) -> FieldSpec | None:
    """A period field's spec, or under a cumulative heading the cumulative field it means."""
    if spec is None or not cumulative:
        return spec
    name = _CUMULATIVE_OF.get(spec.name)
    return FieldSpec(name, spec.kind) if name else None


def _part_value(part: str, values: tuple[str, ...]) -> Decimal | None:
    """The figure of a part line: the last of ``(count,) amount``; money must print its
    cents (a bare integer under a money label is a count, not the amount)."""
    if len(values) not in (1, 2):
        return None
    text = values[-1]
    if part in _COUNT_PARTS:
        count = parse_count(text)
        return None if count is None else Decimal(count)
    return parse_amount(text) if _CENTS.search(text.strip()) else None


def _convert(text: str, kind: Kind) -> Decimal | int | None:
    value = convert(text, kind)
    return value if isinstance(value, (Decimal, int)) and not isinstance(value, bool) else None


def _net_loss_check(pool: Pool, parts: dict[str, Decimal]) -> list[Check]:
    """A printed net loss against the printed gross charge-offs minus recoveries: which of
    the lines is the period's is proven, not assumed (``net_loss``)."""
    gross, recovered = parts.get("gross_charge_offs"), parts.get("recoveries")
    if pool.realized_loss is None or gross is None or recovered is None:
        return []
    expected = gross - recovered
    return [Check("net_loss", abs(expected - pool.realized_loss) <= Decimal("0.01"),
                  f"gross charge-offs {gross} - recoveries {recovered} = {expected} vs "
                  f"printed net losses {pool.realized_loss}", pool.pool)]


def _derive(pool: Pool, parts: dict[str, Decimal]) -> None:
    """Fields printed as parts (see the module docstring)."""
    prepaid, recovered = parts.get("prepayments"), parts.get("recoveries", Decimal(0))
    if pool.unscheduled_principal is None and prepaid is not None:
        pool.unscheduled_principal = prepaid + recovered
    total = parts.get("total_principal")
    if pool.scheduled_principal is None and total is not None:
        pool.scheduled_principal = total - (prepaid or Decimal(0))
    gross = parts.get("gross_charge_offs")
    if pool.realized_loss is None and gross is not None:
        pool.realized_loss = gross - recovered
    paid, defaulted = parts.get("paid_count"), parts.get("defaulted_count")
    if pool.payoff_count is None and paid is not None:
        pool.payoff_count = int(paid + (defaulted or 0))
