"""``absdw parse``: re-parse one stored filing offline and lay out what each part mapped to.

:func:`explain_filing` finds the submission in the raw store (by accession, the CIK looked up
when not given) and returns :func:`parsers.explain_submission`'s explanation;
:func:`sections` turns it into named tables (columns, rows) for ``absdw.output.render``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from absdw.config import Settings
from absdw.errors import NotStoredError
from crawler import RawStore
from foundation.errors import InvalidIdentifier
from foundation.identifiers import normalize_accession
from parsers import Explanation, explain_submission

__all__ = ["Section", "explain_filing", "sections"]

#: (name, columns, rows): one table of the explanation.
Section = tuple[str, list[str], list[list[Any]]]


def explain_filing(settings: Settings, accession: str, cik: int | None = None) -> Explanation:
    """Parse the stored submission ``accession`` (of ``cik``, else whichever CIK holds it)."""
    store = RawStore(settings.raw_dir)
    try:
        accession = normalize_accession(accession)
    except InvalidIdentifier as exc:
        raise NotStoredError(str(exc)) from None
    holders = [c for c, a in store.list(cik) if a == accession]
    if not holders:
        where = f"CIK {cik}" if cik is not None else "any CIK"
        raise NotStoredError(
            f"accession {accession} is not in the raw store {store.root} for {where}; run "
            f"`absdw sync --cik {cik if cik is not None else 'N'}` for its trust first")
    return explain_submission(store.get(holders[0], accession), min_score=settings.min_score)


def sections(explanation: Explanation, *, debug: bool = False) -> list[Section]:
    """The filing, its checks, tranches, pools and delinquencies; with ``debug`` also each
    table's column -> field mapping and where each printed row went."""
    result = explanation.result
    report = result.report
    out: list[Section] = [("filing", ["item", "value"], _filing(explanation)),
                          ("checks", ["check", "passed", "explained", "subject", "detail"],
                           [[c.name, c.passed, c.explained, c.subject, c.detail]
                            for c in result.checks])]
    for name in ("tranches", "pools", "delinquencies"):
        records = [asdict(r) for r in getattr(report, name)] if report else []
        out.append((name, *_columns(records)))
    if debug:
        out += _debug(explanation)
    return out


def _filing(explanation: Explanation) -> list[list[Any]]:
    result, filing = explanation.result, explanation.filing
    rows: list[list[Any]] = []
    if filing is not None:
        rows += [["accession", filing.header.accession], ["form", filing.header.form],
                 ["filed_date", filing.header.filed_date],
                 ["exhibit_type", filing.exhibit_type], ["document", filing.document]]
    report = result.report
    rows += [["layout", result.layout], ["status", result.status],
             ["score", round(result.score, 4)], ["parser_version", result.parser_version],
             ["distribution_date", report.distribution_date if report else None],
             ["error", result.error]]
    return rows


def _columns(records: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """Only the fields some record printed (a report leaves most of them empty)."""
    if not records:
        return ["(none)"], []
    names = [k for k in records[0] if any(r[k] is not None for r in records)]
    return names, [[r[k] for k in names] for r in records]


def _debug(explanation: Explanation) -> list[Section]:
    if not explanation.traced:
        note = f"layout {explanation.result.layout!r} records no table trace"
        return [("tables", ["note"], [[note]])]
    columns = [[i, t.heading, t.kind, c.header, c.field]
               for i, t in enumerate(explanation.tables, 1) for c in t.columns]
    rows = [[i, t.heading, r.label or "(blank: continues the row above)", r.destination]
            for i, t in enumerate(explanation.tables, 1) for r in t.rows]
    pools = [[i, t.heading, ", ".join(t.pool_fields)]
             for i, t in enumerate(explanation.tables, 1) if t.pool_fields]
    return [("table columns", ["table", "heading", "kind", "column", "field"], columns),
            ("table rows", ["table", "heading", "row", "went to"], rows),
            ("pool fields set", ["table", "heading", "fields"], pools)]
