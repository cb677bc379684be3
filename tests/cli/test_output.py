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
    assert lines[2].startswith("A1     157,824,262.08  0.98445733")  # separators: table only
    assert lines[3] == "RX               0.00"
    assert lines[-1] == "(2 rows)"


def test_empty_results() -> None:
    assert render(["a"], [], Format.json) == "[]\n"
    assert render(["a"], [], Format.csv) == "a\n"


def test_decimals_never_print_in_exponent_form_and_keep_two_places() -> None:
    rows = [(Decimal("0E-10"), Decimal("0.0525000000"), Decimal("1234.5000000000"),
             Decimal("-1234567.891"))]
    cols = ["zero", "rate", "amount", "neg"]
    assert render(cols, rows, Format.csv).splitlines()[1] == "0.00,0.0525,1234.50,-1234567.891"
    assert render(cols, rows, Format.table).splitlines()[2].split() == [
        "0.00", "0.0525", "1,234.50", "-1,234,567.891"]
    assert json.loads(render(cols, rows, Format.json), parse_float=Decimal) == [
        {"zero": Decimal("0.00"), "rate": Decimal("0.0525"), "amount": Decimal("1234.50"),
         "neg": Decimal("-1234567.891")}]


def test_json_is_valid_for_nan_infinity_paths_lists_and_nested_objects() -> None:
    from pathlib import Path
    rows = [(float("nan"), float("inf"), Decimal("NaN"), Path("/tmp/a b"),
             [Decimal("1.5"), None], {"k": date(2004, 1, 25)})]
    cols = ["nan", "inf", "dnan", "path", "list", "obj"]
    text = render(cols, rows, Format.json)
    assert json.loads(text) == [{"nan": None, "inf": None, "dnan": None, "path": "/tmp/a b",
                                 "list": [1.5, None], "obj": {"k": "2004-01-25"}}]
    assert "NaN" not in text and "Infinity" not in text


def test_a_columns_decimals_line_up() -> None:
    rows = [(Decimal("0.48947160"),), (Decimal("0.51780982"),), (Decimal("1.5"),)]
    assert render(["f"], rows, Format.csv).splitlines()[1:] == [
        "0.48947160", "0.51780982", "1.50000000"]
    assert [line.strip() for line in render(["f"], rows, Format.table).splitlines()[2:5]] == [
        "0.48947160", "0.51780982", "1.50000000"]
    assert json.loads(render(["f"], rows, Format.json), parse_float=Decimal)[0]["f"] == Decimal(
        "0.4894716")  # JSON: each number's own exact digits
