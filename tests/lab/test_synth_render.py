"""Rendered CTSLink reports: the seed's structure, exact figures, aligned columns, determinism."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import cache

import pytest

from lab.synth.collateral import CollateralParams
from lab.synth.render_ctslink import Masthead, RenderOptions, render_document, render_report
from lab.synth.simulate import DealSpec, simulate
from parsers.model import Report

MASTHEAD = Masthead("ABSDW SYNTHETIC HOME EQUITY TRUST", "2004-1", "ASH", "333-990001-01")
NUMBER = re.compile(r"^-?[\d,]*\d\.\d+%?$")
CLASS_TITLES = [
    "Certificateholder Distribution Summary", "Certificateholder Distribution Summary (continued)",
    "Principal Distribution Statement", "Principal Distribution Statement (continued)",
    "Principal Distribution Factors Statement",
    "Principal Distribution Factors Statement (continued)", "Interest Distribution Statement",
    "Interest Distribution Statement (continued)", "Interest Distribution Factors Statement",
    "Interest Distribution Factors Statement (continued)",
]
OTHER_TITLES = ["CERTIFICATEHOLDER ACCOUNT STATEMENT", "PREPAYMENT/CURTAILMENT INTEREST SHORTFALL",
                "SERVICING FEES", "OTHER ACCOUNTS",
                "LOAN STATUS STRATIFICATION/CREDIT ENHANCEMENT STATEMENT", "OTHER INFORMATION",
                "COLLATERAL STATEMENT", "Miscellaneous Reporting"]


@cache
def reports(seed: int = 7, average: str = "170000") -> tuple[Report, ...]:
    spec = DealSpec(seed=seed, months=14, collateral=CollateralParams(
        loan_count=1200, average_balance=Decimal(average)))
    return tuple(simulate(spec))


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def blocks(text: str) -> list[list[str]]:
    """The lines of each <TABLE> ... </TABLE> block."""
    out: list[list[str]] = []
    current: list[str] | None = None
    for line in text.split("\n"):
        if line.strip() == "<TABLE>":
            current = []
        elif line.strip() == "</TABLE>" and current is not None:
            out.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return out


def titles(text: str) -> list[str]:
    wanted = set(CLASS_TITLES + OTHER_TITLES)
    return [line.strip() for line in text.split("\n") if line.strip() in wanted]


def split_table(block: list[str], title: str) -> tuple[list[str], list[str]]:
    """(header lines between the title and the <s> marker, body lines up to <FN>)."""
    start = next(i for i, line in enumerate(block) if line.strip() == title)
    marker = next(i for i, line in enumerate(block) if line.strip().lower().startswith("<s>"))
    body = []
    for line in block[marker + 1:]:
        if line.strip() == "<FN>":
            break
        body.append(line)
    return block[start + 1:marker], body


def tokens(line: str) -> list[tuple[str, int]]:
    """(token, end column) of each whitespace-separated token."""
    return [(m.group(), m.end() - 1) for m in re.finditer(r"\S+", line)]


def kv_labels(text: str) -> list[str]:
    """Labels of the label/amount lines after the class tables (matrix rows excluded)."""
    tail = text[text.index("CERTIFICATEHOLDER ACCOUNT STATEMENT"):]
    labels = []
    for line in tail.split("\n"):
        m = re.match(r"^\s*([A-Za-z#][^\n]*?)\s{2,}(\S+)$", line)
        if m and not m.group(1).startswith(("Totals", "No of", "Principal Balance", "0-29")):
            label = " ".join(m.group(1).split())
            labels.append(re.sub(r"\d\d-\w\w\w-\d{4}", "DATE", label))
    return labels


def test_document_has_the_seeds_tables_in_the_seeds_order(seed_text: str) -> None:
    text = render_document(reports()[0], MASTHEAD, date(2004, 3, 2))
    assert titles(text) == titles(seed_text) == CLASS_TITLES + OTHER_TITLES
    assert len(blocks(text)) == len(blocks(seed_text)) == 19
    assert text.count("<TABLE>") == seed_text.count("<TABLE>")
    assert "\n                   EX-99.1\n\n<TABLE>\n<CAPTION>\n" in text
    assert "ABSDW SYNTHETIC HOME EQUITY TRUST" in text and "333-990001-01" in text


def test_class_table_headers_are_the_seeds(seed_text: str) -> None:
    ours, theirs = blocks(render_report(reports()[0], MASTHEAD)), blocks(seed_text)
    for title, mine, seed in zip(CLASS_TITLES, ours, theirs, strict=False):
        head_mine, _ = split_table(mine, title)
        head_seed, _ = split_table(seed, title)
        assert " ".join(head_mine).split() == " ".join(head_seed).split(), title


def test_label_lines_are_the_seeds(seed_text: str) -> None:
    text = render_report(reports()[0], MASTHEAD)
    assert kv_labels(text) == kv_labels(seed_text)


@pytest.mark.parametrize("month", [0, 5, 13])
def test_each_class_ending_balance_is_printed_on_its_row(month: int) -> None:
    report = reports()[month]
    text = render_report(report, MASTHEAD)
    summary_continued = blocks(text)[1]
    for t in report.tranches:
        row = next(line for line in summary_continued if line.split()[:1] == [t.class_name])
        assert t.ending_balance is not None
        assert row.split()[2] == money(t.ending_balance), t.class_name
    assert f"Distribution Date:       {report.distribution_date:%m/%d/%y}" in text
    flag = "YES" if report.pools[0].trigger_event else "NO"
    assert re.search(rf"Trigger Event\s+{flag}\n", text)


@pytest.mark.parametrize(("average", "extra"), [("170000", 0), ("170000", 5),
                                                 ("2500000", 0)])
def test_numbers_are_right_aligned_to_header_column_edges(average: str, extra: int) -> None:
    report = reports(7, average)[2]
    text = render_report(report, MASTHEAD, RenderOptions(extra_width=extra))
    if average != "170000":
        assert re.search(r"\d,\d{3},\d{3},\d{3}\.\d\d", text)  # billion-dollar figures
    for title, block in zip(CLASS_TITLES, blocks(text), strict=False):
        head, body = split_table(block, title)
        edges = {end for line in head for _, end in tokens(line)}
        checked = 0
        for line in body:
            for token, end in tokens(line):
                if NUMBER.match(token) and not (title == CLASS_TITLES[0] and "%" in token):
                    assert end in edges, (title, line)
                    checked += 1
        assert checked >= len(report.tranches) * 2, title


def matrix(text: str) -> dict[str, list[tuple[int, Decimal]]]:
    """The count/balance half of the delinquency matrix: row label -> 5 (count, balance)."""
    block = next(b for b in blocks(text) if any("DELINQUENCY STATUS" in line for line in b))
    rows: dict[str, list[tuple[int, Decimal]]] = {}
    for i, line in enumerate(block):
        label = re.match(r"^(0-29 Days|\d+\+? Days|Totals)", line)
        if label and label.group() not in rows and "%" not in line:
            counts = line[len(label.group()):].split()
            amounts = block[i + 1].split()
            if len(counts) == 4:  # 0-29 Days: no 'delinquent' cell
                counts, amounts = ["0", *counts], ["0.00", *amounts]
            rows[label.group()] = [(int(c), Decimal(a.replace(",", "")))
                                   for c, a in zip(counts, amounts, strict=True)]
    return rows


@pytest.mark.parametrize("month", [3, 13])
def test_delinquency_cells_sum_to_the_printed_totals(month: int) -> None:
    report = reports()[month]
    rows = matrix(render_report(report, MASTHEAD))
    assert list(rows) == ["0-29 Days", "30 Days", "60 Days", "90 Days", "120 Days",
                          "150 Days", "180+ Days", "Totals"]
    for label, cells in rows.items():
        assert cells[4] == (sum(c for c, _ in cells[:4]), sum(b for _, b in cells[:4])), label
    for col in range(5):
        body = [rows[label][col] for label in list(rows)[:-1]]
        assert rows["Totals"][col] == (sum(c for c, _ in body), sum(b for _, b in body))
    truth = {(d.status, d.bucket): (d.loan_count, d.balance) for d in report.delinquencies}
    assert rows["60 Days"][0] == truth[("delinquent", "60-89")]
    assert rows["0-29 Days"][3] == truth[("reo", "current")]
    assert rows["Totals"][4][0] == sum(d.loan_count or 0 for d in report.delinquencies) > 0


def test_rendering_is_deterministic() -> None:
    one = render_document(reports()[4], MASTHEAD, date(2004, 7, 1))
    again = render_document(simulate(DealSpec(seed=7, months=14, collateral=CollateralParams(
        loan_count=1200)))[4], MASTHEAD, date(2004, 7, 1))
    assert one == again
    assert one != render_document(reports(8)[4], MASTHEAD, date(2004, 7, 1))


def test_noise_duplicates_rows_widens_columns_and_drops_tables() -> None:
    report = reports()[0]
    clean = render_report(report, MASTHEAD)
    noisy = render_report(report, MASTHEAD, RenderOptions(
        extra_width=4, duplicate_classes=("R", "RX"),
        omit_tables=frozenset({"principal_factors", "other accounts"})))
    principal = blocks(noisy)[2]
    assert sum(1 for line in principal if line.startswith(" ") and "100.00" in line) == 1
    continued = blocks(noisy)[3]
    assert [line.split()[0] for line in continued if line.strip().startswith("R ")] == ["R", "R"]
    totals = lambda b: next(x for x in b if x.strip().startswith("Totals")).split()  # noqa: E731
    assert Decimal(totals(principal)[1].replace(",", "")) - Decimal(
        totals(blocks(clean)[2])[1].replace(",", "")) == Decimal("100.00")
    assert "Principal Distribution Factors Statement" not in noisy
    assert "OTHER ACCOUNTS" not in noisy and "OTHER ACCOUNTS" in clean
    widest = max(len(line) for line in blocks(noisy)[0])
    assert widest == max(len(line) for line in blocks(clean)[0]) + 4 * 6
    with pytest.raises(ValueError, match="cannot omit"):
        RenderOptions(omit_tables=frozenset({"servicing fees"}))
