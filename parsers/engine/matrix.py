"""Delinquency matrices in either orientation, read from labelled headers.

HTML (and spreadsheet-born) reports print the matrix as a grid whose every column has a full
header, in one of two orientations::

                  Delinquent      Bankruptcy   ...  Total           <- group headers
                  #   Balance     #   Balance       #   Balance     <- leaf headers
    30-59 Days    36  4,896.31    2   215.26        38  5,111.57
    ...
    Total         43  ...

or transposed: buckets across (``30-59 Days`` over ``# | Balance``), statuses down. The axis
printing at least two statuses is the status axis; the other holds the day buckets. A cell's
measure (loan count or balance) comes from its column header (``#``, ``Count``, ``Number of
Loans`` / ``Balance``, ``Amount``, ``$``), else its row label, else the stacked shape (a
bucket's count row, then an unlabelled or same-labelled balance row). ``Total`` on the status
axis is the Total column/row of each bucket; on the bucket axis the Totals of each status; both
are derived, so they go to :class:`DelinquencyEvidence` for the checks. Share (``%``) columns
are not read.

Buckets: ``Current``/``0-29 Days`` -> current, each printed start up to the next printed
start (``30 Days`` .. ``60 Days`` -> 30-59), the last -> ``N+`` (``90+`` when not split).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.engine.buckets import printed_bounds
from parsers.engine.evidence import DelinquencyEvidence
from parsers.engine.numbers import parse_amount, parse_count
from parsers.model import Delinquency

__all__ = ["MatrixAxes", "find_axes", "measure_of", "read_matrix", "status_of"]

_DAYS = re.compile(r"^(\d+)\s*(?:(?:-|to|\u2013)\s*\d+|\+)?\s*(?:days?\b.*)?$", re.I)
_COUNT = {"#", "count", "number", "no.", "no", "loans", "units", "num"}
_BALANCE = {"balance", "balances", "amount", "$", "dollars"}
_STATUS_STEMS = (("delinquen", "delinquent"), ("bankrupt", "bankruptcy"),
                 ("foreclos", "foreclosure"), ("reo", "reo"), ("total", "total"))
Cells = dict[tuple[str, str], list]


@dataclass
class MatrixAxes:
    """Which axis carries the statuses, and each label's status / bucket start / measure."""

    statuses_across: bool
    columns: list[tuple[str | None, str | None, str | None]]
    rows: list[tuple[str | None, str | None, str | None]]


def status_of(text: str) -> str | None:
    """``Bankruptcies`` -> bankruptcy, ``REO Property`` -> reo, ``Totals`` -> total."""
    for word in re.findall(r"[a-z]+", text.lower()):
        for stem, status in _STATUS_STEMS:
            if word.startswith(stem) and (stem != "reo" or word == "reo"):
                return status
    return None


def measure_of(text: str) -> str | None:
    lowered = text.lower()
    if "%" in lowered or "percent" in lowered:
        return "share"
    words = set(lowered.replace("(", " ").replace(")", " ").split())
    if words & _BALANCE:
        return "balance"
    if words & _COUNT or "#" in lowered:
        return "count"
    return None


def _day_start(text: str) -> str | None:
    """Bucket key on the bucket axis: a start day as text, ``current`` or ``totals``."""
    cleaned = " ".join(text.replace("Days Delinquent", "Days").split())
    if cleaned.lower().startswith("current"):
        return "current"
    if status_of(cleaned) == "total" and not _DAYS.match(cleaned):
        return "totals"
    m = _DAYS.match(cleaned)
    return m.group(1) if m else None


def find_axes(headers: list[str], labels: list[str]) -> MatrixAxes | None:
    """The matrix's axes from its column headers (label column first) and row labels, or
    None when neither axis prints two statuses or the other prints no day bucket."""
    across = {status_of(h) for h in headers[1:]} - {None, "total"}
    down = {status_of(label) for label in labels} - {None, "total"}
    if len(across) < 2 and len(down) < 2:
        return None
    statuses_across = len(across) >= len(down)
    bucket_texts = labels if statuses_across else headers[1:]
    if not any(_day_start(t) not in (None, "totals") for t in bucket_texts):
        return None

    def key(text: str, status_axis: bool) -> tuple[str | None, str | None, str | None]:
        return (status_of(text) if status_axis else None,
                None if status_axis else _day_start(text), measure_of(text))

    return MatrixAxes(statuses_across,
                      [key(h, statuses_across) for h in headers[1:]],
                      [key(label, not statuses_across) for label in labels])


def read_matrix(headers: list[str], rows: list[list[str | None]], pool: str = "total"
                ) -> tuple[list[Delinquency], DelinquencyEvidence] | None:
    """Records and derived totals of a matrix, or None when the table is not one."""
    axes = find_axes(headers, [(row[0] or "").strip() for row in rows])
    if axes is None:
        return None
    names = _bucket_names([k[1] for k in (axes.rows if axes.statuses_across else axes.columns)])
    texts = [(row[0] or "").strip() for row in rows] if axes.statuses_across else headers[1:]
    keys = axes.rows if axes.statuses_across else axes.columns
    printed = {names[k[1]]: " ".join(t.split()) for t, k in zip(texts, keys, strict=False)
               if k[1] in names and t.strip()}
    cells: Cells = {}
    last: tuple[str | None, str | None] | None = None  # the previous row, if a first line
    for row, (r_status, r_start, r_measure) in zip(rows, axes.rows, strict=True):
        label = (row[0] or "").strip()
        key = (r_status, r_start)
        second = last is not None and (not label or key == last)
        key = last if second and not label else key  # type: ignore[assignment]
        for text, (c_status, c_start, c_measure) in zip(row[1:], axes.columns, strict=False):
            status, bucket = c_status or key[0], names.get(c_start or key[1] or "")
            measure = c_measure or r_measure or ("balance" if second else "count")
            if text and status and bucket and measure in ("count", "balance"):
                slot = cells.setdefault((status, bucket), [None, None])
                slot[0 if measure == "count" else 1] = text
        last = None if second else key
    return _records(cells, pool, printed)


def _bucket_names(starts: list[str | None]) -> dict[str, str]:
    days = sorted({int(s) for s in starts if s and s.isdigit()})
    names = {"current": "current", "totals": "totals", "0": "current"}
    for day in (d for d in days if d):
        later = [d for d in days if d > day]
        names[str(day)] = f"{day}-{later[0] - 1}" if later else f"{day}+"
    return names


def _records(cells: Cells, pool: str, printed: dict[str, str]
             ) -> tuple[list[Delinquency], DelinquencyEvidence] | None:
    records: list[Delinquency] = []
    evidence = DelinquencyEvidence(pool=pool)
    for (status, bucket), (count_text, balance_text) in cells.items():
        count, balance = parse_count(count_text), parse_amount(balance_text)
        if count is None and balance is None:
            continue
        if status == "total":
            evidence.bucket_totals[bucket] = (count, balance)
        elif bucket == "totals":
            evidence.status_totals[status] = (count, balance)
        else:
            label = printed.get(bucket)
            bounds = printed_bounds(label) if label else (None, None)
            records.append(Delinquency(pool, status, bucket, count, balance,  # type: ignore[arg-type]
                                       label, *bounds))
    return (records, evidence) if records else None
