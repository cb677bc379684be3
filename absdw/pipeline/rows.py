"""The record contract: parser records -> warehouse rows, derived from the warehouse schema.

``warehouse.schema.SCHEMAS`` is the one column list. Each table's rows are built from its
columns: a column takes the field (or property) of the same name from the table's source
records (:data:`SOURCES`, first that has it), unless :data:`RENAMED` names another field;
:data:`KEYS` come from the filing being loaded, not from a record (the trust absdw crawled, the
requested accession); the warehouse stamps its :data:`~warehouse.schema.MAINTAINED` columns
itself. Every field of every source record is some column's source, a container of other
sources (:data:`CONTAINERS`), or listed in :data:`NOT_STORED` with the reason;
``tests/pipeline/test_record_contract.py`` checks all three directions, so a field added to a
parser record without a column (or the reverse) fails a test instead of vanishing.

This is the one place where the two stages' vocabularies meet, so neither imports the other.
Rates and factors stay ``Decimal`` here; the warehouse stores them as DOUBLE fractions.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from foundation.text import MAX_WARNINGS, bounded
from parsers.model import (
    Delinquency,
    Filer,
    ParsedFiling,
    ParseResult,
    Pool,
    Report,
    ReportItem,
    SubmissionHeader,
    Tranche,
)
from warehouse.schema import MAINTAINED, SCHEMAS, TABLES

__all__ = ["CONTAINERS", "KEYS", "NOT_STORED", "PLANS", "RENAMED", "SOURCES", "Rows",
           "filing_rows", "unreadable_filing_rows"]

Row = dict[str, Any]
#: table -> rows, the shape ``warehouse.Warehouse.append`` takes.
Rows = dict[str, list[Row]]

#: table -> the record types its rows are read from, in lookup order. A fact row is one record
#: (a class, a pool, a delinquency cell, an item) plus its report; the filing row joins the
#: crawled trust's FILER block, the header, where the report was found, the result, the report.
SOURCES: dict[str, tuple[type, ...]] = {
    "filings": (Filer, SubmissionHeader, ParsedFiling, ParseResult, Report),
    "tranches": (Tranche, Report),
    "pools": (Pool,),
    "delinquencies": (Delinquency,),
    "report_items": (ReportItem,),
}

#: (table, column) -> the source field it is read from, where the names differ.
RENAMED: dict[tuple[str, str], str] = {
    ("tranches", "class"): "class_name",
    ("filings", "parse_status"): "status",
    ("filings", "quality_score"): "score",
    ("filings", "parse_error"): "error",
    ("filings", "parse_warnings"): "warnings",
}

#: Columns given by the load itself: the trust crawled (a header may name the depositor
#: first), the accession requested, and the report's distribution date on every fact row.
KEYS: dict[str, tuple[str, ...]] = {
    "filings": ("cik", "accession"),
    **{table: ("cik", "accession", "distribution_date") for table in TABLES[1:]},
}

#: (record type, field) -> a record whose fields are sources of their own (or of other tables).
CONTAINERS: dict[tuple[type, str], str] = {
    (ParsedFiling, "header"): "SubmissionHeader: a source of filings",
    (ParsedFiling, "result"): "ParseResult: a source of filings",
    (ParseResult, "report"): "Report: a source of filings and tranches",
    (Report, "tranches"): "rows of tranches",
    (Report, "pools"): "rows of pools",
    (Report, "delinquencies"): "rows of delinquencies",
    (Report, "items"): "rows of report_items",
    (SubmissionHeader, "filers"): "the crawled trust's Filer is a source of filings",
}

#: (record type, field) -> why it has no column.
NOT_STORED: dict[tuple[type, str], str] = {
    (SubmissionHeader, "accession"): "must equal the accession requested, which is the key "
                                     "(absdw.pipeline.load quarantines a submission naming "
                                     "another)",
    (Filer, "cik"): "picks the crawled trust's block; the key is the trust crawled",
    (SubmissionHeader, "document_count"): "a property of the submission, not of the report",
    (Filer, "form_type"): "the form of the submission is filings.form",
    (ParseResult, "checks"): "the failed ones are filings.parse_warnings; passed ones are "
                             "re-derivable by `absdw parse --accession A`",
}


def _attributes(kind: type) -> set[str]:
    """A record type's dataclass fields and properties (``ParseResult.warnings``)."""
    names = {f.name for f in dataclasses.fields(kind)}
    return names | {n for n in dir(kind) if isinstance(getattr(kind, n, None), property)}


def _plan(table: str) -> list[tuple[str, int, str]]:
    """(column, index into SOURCES[table], attribute) for every column a record fills."""
    own = set(KEYS[table]) | set(MAINTAINED.get(table, ()))
    plan = []
    for column in SCHEMAS[table].names:
        if column in own:
            continue
        name = RENAMED.get((table, column), column)
        index = next((i for i, kind in enumerate(SOURCES[table]) if name in _attributes(kind)),
                     None)
        if index is None:
            raise TypeError(f"warehouse column {table}.{column} has no source: add a field "
                            f"{name!r} to one of {[k.__name__ for k in SOURCES[table]]}, or "
                            "an entry to RENAMED or KEYS in absdw/pipeline/rows.py")
        plan.append((column, index, name))
    return plan


#: The column plan of every table, derived once from the schema (and checked by it).
PLANS: dict[str, list[tuple[str, int, str]]] = {table: _plan(table) for table in TABLES}


def _row(table: str, keys: Row, records: tuple[Any, ...]) -> Row:
    row = dict(keys)
    for column, index, name in PLANS[table]:
        record = records[index]
        row[column] = getattr(record, name) if record is not None else None
    return row


def filing_rows(cik: int, accession: str, parsed: ParsedFiling) -> Rows:
    """Rows for every table from one parsed filing of trust ``cik`` fetched as ``accession``.
    A quarantined filing yields only its ``filings`` row, so nothing of it enters the facts."""
    result, report = parsed.result, parsed.result.report
    filer = _filer_for(cik, parsed.header)
    rows: Rows = {table: [] for table in TABLES}
    rows["filings"].append(_contained(_row("filings", {"cik": cik, "accession": accession},
                                           (filer, parsed.header, parsed, result, report))))
    if result.status == "ok" and report is not None:
        keys = {"cik": cik, "accession": accession, "distribution_date": report.distribution_date}
        rows["tranches"] = [_row("tranches", keys, (t, report)) for t in report.tranches]
        for table, records in (("pools", report.pools), ("delinquencies", report.delinquencies),
                               ("report_items", report.items)):
            rows[table] = [_row(table, keys, (record,)) for record in records]
    return rows


def _filer_for(cik: int, header: SubmissionHeader) -> Filer | None:
    """The FILER block of the trust we crawled (a 10-D may also list the depositor)."""
    return next((f for f in header.filers if f.cik == cik),
                header.filers[0] if header.filers else None)


def unreadable_filing_rows(cik: int, accession: str, reason: str) -> Rows:
    """The quarantine row of a stored submission whose SGML header could not be read."""
    rows: Rows = {table: [] for table in TABLES}
    rows["filings"].append({"cik": cik, "accession": accession, "parse_status": "quarantined",
                            "parse_error": bounded(reason), "parse_warnings": []})
    return rows


def _contained(filing: Row) -> Row:
    """A reason and warnings a person can read: each bounded, at most MAX_WARNINGS kept."""
    if filing.get("parse_error"):
        filing["parse_error"] = bounded(filing["parse_error"])
    warnings = [bounded(w, 500) for w in filing.get("parse_warnings") or []]
    if len(warnings) > MAX_WARNINGS:
        warnings = [*warnings[:MAX_WARNINGS], f"... (+{len(warnings) - MAX_WARNINGS:,} more "
                    "failed checks: `absdw parse --accession A` lists them all)"]
    filing["parse_warnings"] = warnings
    return filing

