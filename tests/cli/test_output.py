"""Output formats keep values exact."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

from absdw.output import Format, render

COLUMNS = ["class", "ending_balance", "factor", "distribution_date"]
ROWS = [
    ("A1", Decimal("157824262.08"), 0.98445733, date(2003, 11, 25)),
    ("RX", Decimal("0.00"), None, None),
]


def test_csv_prints_exact_decimals_and_iso_dates() -> None:
    text = render(COLUMNS, ROWS, Format.csv)
    assert text.splitlines()[1] == "A1,157824262.08,0.98445733,2003-11-25"
    assert list(csv.reader(io.StringIO(text)))[2] == ["RX", "0.00", "", ""]


def test_json_numbers_are_exact_not_floats() -> None:
    text = render(COLUMNS, ROWS, Format.json)
    assert '"ending_balance": 157824262.08' in text
    data = json.loads(text, parse_float=Decimal)
    assert data[0]["ending_balance"] == Decimal("157824262.08")
    assert data[1] == {
        "class": "RX",
        "ending_balance": Decimal("0.00"),
        "factor": None,
        "distribution_date": None,
    }


def test_table_right_aligns_numbers_and_counts_rows() -> None:
    lines = render(COLUMNS, ROWS, Format.table).splitlines()
    assert lines[0].split() == COLUMNS
    assert lines[2].startswith("A1       157824262.08  0.98445733")
    assert lines[3] == "RX               0.00"
    assert lines[-1] == "(2 rows)"


def test_empty_results() -> None:
    assert render(["a"], [], Format.json) == "[]\n"
    assert render(["a"], [], Format.csv) == "a\n"
