"""Rule from the issue: every printed figure of the seed report lands somewhere in the parse,
except percentages and totals derived from other printed numbers (the delinquency matrix's
percentage half, its Totals row and its Total column)."""

from __future__ import annotations

import re
from dataclasses import fields
from decimal import Decimal

from parsers import parse_report
from parsers.model import Report

# A whitespace-delimited figure: 1,234.56  (1.00)  1.55000%  36  1000.00000000
FIGURE = re.compile(r"(?<!\S)\(?-?\d[\d,]*(?:\.\d+)?%?\)?(?!\S)")
# Derived delinquency totals (Totals row and Total column), not stored by design.
DERIVED = {Decimal(v) for v in ("43", "45", "38", "5586705.26", "5111773.57", "5802339.52")}


def _table_bodies(text: str) -> list[tuple[str, str]]:
    """(table text, body line) for every line after a table's <S> line, footnotes excluded."""
    out = []
    for table in re.findall(r"<TABLE>(.*?)</TABLE>", text, flags=re.S | re.I):
        body = re.split(r"^\s*<S>.*$", table, maxsplit=1, flags=re.M | re.I)[-1]
        body = re.sub(r"<FN>.*?</FN>", "", body, flags=re.S | re.I)
        out.extend((table, line) for line in body.splitlines())
    return out


def _value(token: str) -> Decimal:
    negative = token.startswith("(")
    token = token.strip("()").replace(",", "")
    value = Decimal(token[:-1]) / 100 if token.endswith("%") else Decimal(token)
    return -value if negative else value


def _printed_figures(text: str) -> list[Decimal]:
    figures = []
    for table, line in _table_bodies(text):
        delinquency = "DELINQUENCY STATUS" in table
        for m in FIGURE.finditer(line):
            if re.match(r"\+? ?Days", line[m.end():].lstrip()[:6]) and m.start() < 9:
                continue  # a bucket label such as "30 Days"
            if delinquency and (m.group().endswith("%") or _value(m.group()) in DERIVED):
                continue
            figures.append(_value(m.group()))
    return figures


def _parsed_values(report: Report) -> set[Decimal]:
    values: set[Decimal] = set()
    records = [*report.tranches, *report.pools, *report.delinquencies, *report.items]
    for record in records:
        for f in fields(record):
            value = getattr(record, f.name)
            if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
                values.add(Decimal(value))
    return values


def test_every_printed_figure_of_the_seed_is_parsed(seed_report_text: str) -> None:
    report = parse_report(seed_report_text).report
    assert report is not None
    figures = _printed_figures(seed_report_text)
    assert len(figures) > 600  # the scan itself works: the seed prints hundreds of figures
    parsed = _parsed_values(report)
    assert [f for f in figures if f not in parsed] == []


def test_the_scan_would_catch_a_missing_figure(seed_report_text: str) -> None:
    """Guard against a vacuous test: drop the servicing fees table from the parse only."""
    report = parse_report(seed_report_text).report
    assert report is not None
    report.items = [i for i in report.items if i.section != "servicing fees"]
    missing = set(_printed_figures(seed_report_text)) - _parsed_values(report)
    assert missing == {Decimal("98669.27"), Decimal("5602.28"), Decimal("2466.68")}
