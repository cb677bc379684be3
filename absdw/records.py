"""Map parser records (``parsers.model``) to warehouse rows (plain dicts keyed by column name).

This is the one place where the two stages' vocabularies meet, so neither imports the other.
Rates and factors stay ``Decimal`` here; the warehouse stores them as DOUBLE fractions.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from parsers.model import ParsedFiling, Report

__all__ = ["filing_rows", "unreadable_filing_rows"]

Row = dict[str, Any]


def filing_rows(cik: int, parsed: ParsedFiling) -> dict[str, list[Row]]:
    """Rows for every table from one parsed filing. A quarantined filing yields only its
    ``filings`` row, so nothing from it enters the fact tables."""
    result = parsed.result
    report = result.report
    ok = result.status == "ok" and report is not None
    rows: dict[str, list[Row]] = {
        "filings": [_filing_row(cik, parsed)],
        "tranches": [],
        "pools": [],
        "delinquencies": [],
        "report_items": [],
    }
    if ok and report is not None:
        keys = _keys(cik, parsed.header.accession, report)
        rows["tranches"] = [_tranche_row(keys, report, t) for t in report.tranches]
        rows["pools"] = [{**keys, **asdict(p)} for p in report.pools]
        rows["delinquencies"] = [{**keys, **asdict(d)} for d in report.delinquencies]
        rows["report_items"] = [{**keys, **asdict(i)} for i in report.items]
    return rows


def _keys(cik: int, accession: str, report: Report) -> Row:
    return {"cik": cik, "accession": accession, "distribution_date": report.distribution_date}


def _tranche_row(keys: Row, report: Report, tranche: Any) -> Row:
    row = {**keys, "record_date": report.record_date, **asdict(tranche)}
    row["class"] = row.pop("class_name")
    return row


def _filing_row(cik: int, parsed: ParsedFiling) -> Row:
    header, result = parsed.header, parsed.result
    report = result.report
    return {
        "cik": cik,
        "accession": header.accession,
        "form": header.form,
        "filed_date": header.filed_date,
        "company": _company_for(cik, parsed),
        "file_number": _file_number_for(cik, parsed),
        "exhibit_type": parsed.exhibit_type,
        "layout": result.layout,
        "parse_status": result.status,
        "parse_warnings": result.warnings,
        "document": parsed.document,
        "period": header.period,
        "distribution_date": report.distribution_date if report else None,
        "record_date": report.record_date if report else None,
        "parser_version": result.parser_version,
        "quality_score": result.score,
        "parse_error": result.error,
        "loaded_at": datetime.now(UTC).replace(tzinfo=None),
    }


def _filer_for(cik: int, parsed: ParsedFiling) -> Any:
    """The FILER block of the trust we crawled (a 10-D may also list the depositor)."""
    for filer in parsed.header.filers:
        if filer.cik == cik:
            return filer
    return parsed.header.filers[0] if parsed.header.filers else None


def _company_for(cik: int, parsed: ParsedFiling) -> str | None:
    filer = _filer_for(cik, parsed)
    return filer.company if filer else None


def _file_number_for(cik: int, parsed: ParsedFiling) -> str | None:
    filer = _filer_for(cik, parsed)
    return filer.file_number if filer else None


def unreadable_filing_rows(cik: int, accession: str, reason: str) -> dict[str, list[Row]]:
    """The quarantine row of a stored submission whose SGML header could not be read."""
    filing: Row = {
        "cik": cik,
        "accession": accession,
        "parse_status": "quarantined",
        "parse_error": reason,
        "parse_warnings": [],
        "loaded_at": datetime.now(UTC).replace(tzinfo=None),
    }
    return {
        "filings": [filing],
        "tranches": [],
        "pools": [],
        "delinquencies": [],
        "report_items": [],
    }
