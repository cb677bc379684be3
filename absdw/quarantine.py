"""Quarantined filings: which, why, and the commands that retry them
(``absdw quarantine list|show``).

A quarantined filing is kept in ``filings`` with ``parse_status = 'quarantined'``, its reason
(``parse_error``) and the checks that failed (``parse_warnings``, bounded at load); its raw
document stays in the raw store. Two retries exist: re-read the stored copy with the current
parser (``absdw reparse --cik N --force``: after an upgrade) or download it again
(``absdw refetch ACCESSION``: a bad stored copy, a corrected filing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from absdw.config import Settings
from absdw.errors import NotStoredError
from foundation.errors import InvalidIdentifier
from foundation.identifiers import normalize_accession
from foundation.text import bounded
from warehouse import query

__all__ = ["LIST_COLUMNS", "QuarantinedFiling", "quarantined", "quarantined_filing"]

#: Columns of ``absdw quarantine list``.
LIST_COLUMNS = ["cik", "accession", "form", "filed_date", "distribution_date", "reason",
                "month_covered"]
#: Longest reason line shown in a list (``show`` prints the whole, bounded at load).
LIST_REASON_CHARS = 160


def quarantined(settings: Settings, ciks: list[int] | None = None) -> list[list[object]]:
    """One row per quarantined filing, oldest first; ``month_covered`` is true when another
    filing of that trust-month was read (an amendment or original supersedes the gap)."""
    where = "" if not ciks else f"AND q.cik IN ({', '.join(str(int(c)) for c in ciks)})"
    _, rows = query(settings.warehouse_dir, f"""
        SELECT q.cik, q.accession, q.form, q.filed_date, q.distribution_date, q.parse_error,
               EXISTS (SELECT 1 FROM filings ok WHERE ok.cik = q.cik
                       AND ok.distribution_date = q.distribution_date
                       AND ok.parse_status = 'ok') AS month_covered
        FROM filings q WHERE q.parse_status = 'quarantined' {where}
        ORDER BY q.filed_date, q.accession""")
    return [[*r[:5], bounded((r[5] or "quarantined").splitlines()[0], LIST_REASON_CHARS), r[6]]
            for r in rows]


@dataclass(frozen=True)
class QuarantinedFiling:
    """One quarantined filing as ``absdw quarantine show`` explains it."""

    cik: int
    accession: str
    trust: str | None
    form: str | None
    filed_date: date | None
    distribution_date: date | None
    document: str | None
    parser_version: str | None
    reasons: tuple[str, ...]

    def retry_commands(self) -> list[tuple[str, str]]:
        """(command, when to use it)."""
        return [(f"absdw reparse --cik {self.cik} --force",
                 "re-read the stored copy with this parser (after an upgrade)"),
                (f"absdw refetch {self.accession} --cik {self.cik}",
                 "download it again (a bad stored copy, or a filing EDGAR corrected)"),
                (f"absdw parse --accession {self.accession} --trace",
                 "see every check and where each printed row went")]


def quarantined_filing(settings: Settings, accession: str) -> QuarantinedFiling:
    """The quarantined filing ``accession``; NotStoredError if no such filing is quarantined."""
    try:
        accession = normalize_accession(accession)
    except InvalidIdentifier as exc:
        raise NotStoredError(str(exc)) from None
    _, rows = query(settings.warehouse_dir, f"""
        SELECT cik, accession, company, form, filed_date, distribution_date, document,
               parser_version, parse_error, parse_warnings, parse_status
        FROM filings WHERE accession = '{accession}'""")
    if not rows:
        raise NotStoredError(f"{accession} is not in the warehouse of {settings.home}: "
                             "`absdw quarantine list` shows the quarantined filings")
    cik, acc, trust, form, filed, dist, document, version, error, warnings, status = rows[0]
    if status != "quarantined":
        raise NotStoredError(f"{accession} is not quarantined (its status is {status!r})")
    reasons = [line for line in (error or "").splitlines() if line.strip()]
    reasons += [w for w in (warnings or []) if w not in reasons]
    return QuarantinedFiling(cik, acc, trust, form, filed, dist, document, version,
                             tuple(reasons or ["quarantined (no reason recorded)"]))
