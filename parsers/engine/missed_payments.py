"""Delinquency printed as stacked status blocks of count + balance rows, by missed payments.

Layout (Bankers Trust / Deutsche Bank statements, one block per status, one table per group)::

                                         NUMBER OF      PRINCIPAL
                                             LOANS        BALANCE
    DELINQUENT      1 PAYMENT                   12   1,234,567.89
                    2 PAYMENTS                   3     345,678.90
                    3+ PAYMENTS                  2     123,456.78
                    TOTAL                       17   1,703,703.57
    FORECLOSURE     CURRENT                      0           0.00
                    1 PAYMENT ...

The status is printed on the first row of its block and carried down; a ``TOTAL`` row is the
block's derived sum and goes to :class:`DelinquencyEvidence` for the checks.

Bucket convention: these reports count *missed monthly payments*, not days past due. A loan one
payment behind is 30-59 days delinquent, two payments 60-89, and so on; an open-ended
``3+ PAYMENTS`` is the ``'90+'`` bucket, which exists in the model for exactly such reports
(``6+`` -> ``'180+'``; other open ends have no bucket and are left out). ``CURRENT`` (or
``0 PAYMENTS``) is a bankrupt / foreclosed / REO loan that is up to date. Whether the count is
MBA- or OTS-like is *not* inferred from this: a family reading these tables records
``Report.delinquency_method = "missed_payments"`` (what is printed), and MBA or OTS only when
the text names the convention.
"""

from __future__ import annotations

import re
from decimal import Decimal

from parsers.engine.columns import Grid, Row
from parsers.engine.delinquency import STATUS_WORDS
from parsers.engine.evidence import DelinquencyEvidence
from parsers.engine.numbers import is_number, parse_amount, parse_count
from parsers.model import Delinquency

__all__ = ["block_group", "block_measure", "bucket_columns", "missed_payment_bucket",
           "read_bucket_columns", "read_stacked_delinquency", "status_of_block"]

_MISSED = re.compile(r"^(\d+)\s*(\+)?\s*(?:MISSED\s+)?PAYMENTS?$", re.I)
_CLOSED = {0: "current", 1: "30-59", 2: "60-89", 3: "90-119", 4: "120-149", 5: "150-179"}
_OPEN = {3: "90+", 6: "180+"}
_TOTAL = "total"


def missed_payment_bucket(label: str) -> str | None:
    """``1 PAYMENT`` -> ``30-59``, ``2 PAYMENTS`` -> ``60-89``, ``3+ PAYMENTS`` -> ``90+``,
    ``CURRENT`` -> ``current``; None for anything else."""
    text = " ".join(label.split())
    if text.lower() == "current":
        return "current"
    m = _MISSED.match(text)
    if m is None:
        return None
    missed = int(m.group(1))
    return _OPEN.get(missed) if m.group(2) else _CLOSED.get(missed)


def read_stacked_delinquency(
    grid: Grid, pool: str
) -> tuple[list[Delinquency], DelinquencyEvidence]:
    """Records for every status x bucket row of ``grid`` and the printed per-status totals."""
    records: list[Delinquency] = []
    evidence = DelinquencyEvidence(pool=pool)
    status: str | None = None
    for row in grid.rows:
        cells = [c for c in row.cells if c and c.strip()]
        status = _status(cells) or status
        found = _bucket_and_figures(cells)
        if status is None or found is None:
            continue
        bucket, count, balance = found
        if bucket == _TOTAL:
            evidence.status_totals[status] = (count, balance)
        else:
            records.append(Delinquency(pool, status, bucket, count, balance))  # type: ignore[arg-type]
    return records, evidence


def _status(cells: list[str]) -> str | None:
    """The status a row's label names (``IN FORECLOSURE`` -> foreclosure), if any."""
    for cell in cells:
        for word in cell.lower().split():
            status = STATUS_WORDS.get(word)
            if status is not None and status != _TOTAL:
                return status
    return None


def _bucket_and_figures(cells: list[str]) -> tuple[str, int | None, Decimal | None] | None:
    """(bucket or 'total', count, balance) from the first bucket cell and the figures after."""
    for i, cell in enumerate(cells):
        label = _strip_status(cell)
        bucket = _TOTAL if label.lower() in ("total", "totals") else missed_payment_bucket(label)
        if bucket is None:
            continue
        figures = [c for c in cells[i + 1:] if is_number(c)]
        if len(figures) < 2:
            return None
        return bucket, parse_count(figures[0]), parse_amount(figures[1])
    return None


def _strip_status(cell: str) -> str:
    """``DELINQUENT 1 PAYMENT`` (status and bucket printed one space apart) -> ``1 PAYMENT``."""
    words = cell.split()
    while words and (STATUS_WORDS.get(words[0].lower()) not in (None, _TOTAL)
                     or words[0].lower() == "in"):
        words = words[1:]
    return " ".join(words)


# The other printed orientation (Bankers Trust statements of the late 1990s), one table per
# status, buckets across, a block of measure rows per group::
#
#                                                  1          2         3+
#                 DELINQUENT LOAN INFORMATION   Payment   Payments   Payments      Total
#   Fixed Group   PRINCIPAL BALANCE          8,802,302.47  ...                10,777,409.07
#                 PERCENTAGE OF POOL BALANCE     2.28827%  ...
#                 NUMBER OF LOANS                     158  ...                        188
#   ADJ GROUP     PRINCIPAL BALANCE ...
#
# The bucket headers are printed above the first status table only; the next tables
# (FORECLOSURE / REO / BANKRUPTCY LOAN INFORMATION) reuse them. A TOTAL table (every status
# together) is derived and not read.

_BALANCE = re.compile(r"^principal\s+balance$", re.I)
_COUNT = re.compile(r"^number\s+of\s+loans$", re.I)


def status_of_block(grid: Grid) -> str | None:
    """The status a bucket-column table is about, from the header over its measure column
    (``DELINQUENT LOAN INFORMATION`` -> delinquent); None when it is no such table."""
    if len(grid.columns) < 4 or not any(block_measure(r) == "count" for r in grid.rows):
        return None
    return _status([grid.headers[1]])


def block_measure(row: Row) -> str | None:
    """``count`` / ``balance`` for a bucket-column table's NUMBER OF LOANS / PRINCIPAL
    BALANCE row; None for the rest (the printed percentages are derived and not read)."""
    measure = _label(row, 1)
    return "count" if _COUNT.match(measure) else "balance" if _BALANCE.match(measure) else None


def block_group(row: Row, above: str | None) -> str | None:
    """The group a bucket-column table's row belongs to: its label, else the one above."""
    return " ".join((row.cells[0] or "").split()).upper() or above


def bucket_columns(grid: Grid) -> list[str] | None:
    """Each value column's bucket (``total`` for Total) when the headers name them."""
    out = []
    for header in grid.headers[2:]:
        text = " ".join(header.split())
        bucket = _TOTAL if text.lower() in ("total", "totals") else missed_payment_bucket(text)
        if bucket is None:
            return None
        out.append(bucket)
    return out


def read_bucket_columns(grid: Grid, status: str, buckets: list[str],
                        evidence: dict[str, DelinquencyEvidence]) -> list[Delinquency]:
    """Records per group x bucket of one status table; each group's Total column goes to
    its :class:`DelinquencyEvidence` (created in ``evidence`` when new)."""
    figures: dict[str, dict[str, list[str | None]]] = {}
    group = None
    for row in grid.rows:
        group = block_group(row, group)
        measure = block_measure(row)
        if group is None or measure is None:
            continue
        figures.setdefault(group, {})[measure] = row.cells[2:]
    records = []
    for group, measures in figures.items():
        counts = measures.get("count", [None] * len(buckets))
        balances = measures.get("balance", [None] * len(buckets))
        for bucket, count, balance in zip(buckets, counts, balances, strict=False):
            pair = (parse_count(count), parse_amount(balance))
            if bucket == _TOTAL:
                found = evidence.setdefault(group, DelinquencyEvidence(pool=group))
                found.status_totals[status] = pair
            else:
                records.append(Delinquency(group, status, bucket, *pair))  # type: ignore[arg-type]
    return records


def _label(row: Row, index: int) -> str:
    return " ".join((row.cells[index] or "").split()) if len(row.cells) > index else ""
