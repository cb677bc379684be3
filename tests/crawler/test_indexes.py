"""crawler.indexes against real EDGAR index files of every layout (tests/fixtures/edgar/)."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

import pytest

from crawler.errors import MalformedResponse
from crawler.indexes import IndexEntry, parse_index

EDGAR = Path(__file__).resolve().parents[1] / "fixtures" / "edgar"


def _parse(name: str):  # type: ignore[no-untyped-def]
    return parse_index((EDGAR / name).read_bytes(), name)


def test_daily_form_index_reads_every_row_of_the_real_file() -> None:
    index = _parse("form.20200318.idx")
    rows = (EDGAR / "form.20200318.idx").read_bytes().count(b"edgar/data/")
    assert (index.layout, len(index.entries), index.unreadable) == ("form", rows, 0)
    assert rows == 4084
    assert index.received == date(2020, 3, 18)
    assert index.entries[0] == IndexEntry("1-A", "DLP Positive Note Fund LLC", 1806014,
                                          date(2020, 3, 18), "0001140361-20-006155")


def test_abs_forms_and_amendments_are_found_in_the_daily_form_index() -> None:
    entries = _parse("form.20200318.idx").entries
    ten_d_a = [e for e in entries if e.form == "10-D/A"]
    assert ten_d_a == [IndexEntry("10-D/A", "BENCHMARK 2019-B12 MORTGAGE TRUST", 1781089,
                                  date(2020, 3, 18), "0001628297-20-000181")]
    eight_k_a = [e for e in entries if e.form == "8-K/A"]
    assert len(eight_k_a) == 13  # grep -c "^8-K/A " of the file
    assert eight_k_a[0] == IndexEntry("8-K/A", "BRP Group, Inc.", 1781755, date(2020, 3, 18),
                                      "0001781755-20-000017")
    assert {e.form for e in entries} >= {"8-K", "1-A POS", "SC 13G/A"}


def test_wrapped_column_title_of_recent_company_indexes() -> None:
    index = _parse("company.20221003-head.idx")
    assert (index.layout, index.unreadable, index.received) == ("company", 0, date(2022, 10, 3))
    assert index.entries[:2] == [
        IndexEntry("1-A POS", "1st stREIT Office Inc.", 1700461, date(2022, 10, 3),
                   "0001104659-22-105357"),
        IndexEntry("D", "3456 Devils Lake Investment, LLC", 1949340, date(2022, 10, 3),
                   "0001949340-22-000001"),
    ]


def test_crawler_index_urls_give_the_accession() -> None:
    index = _parse("crawler.20230703-head.idx")
    assert index.unreadable == 0 and index.entries
    assert index.entries[0].accession == "0001975393-23-000001"
    assert index.entries[0].cik == 1975393


@pytest.mark.parametrize("name, first", [
    ("master.20200103-head.idx", IndexEntry("4", "CORE LABORATORIES N V", 1000229,
                                            date(2020, 1, 3), "0001209191-20-000788")),
    ("master.20181231.idx", IndexEntry("4", "HENRY SCHEIN INC", 1000228, date(2018, 12, 31),
                                       "0001209191-18-064398")),
])
def test_daily_master_pipe_rows(name: str, first: IndexEntry) -> None:
    index = _parse(name)
    assert (index.layout, index.unreadable, index.entries[0]) == ("master", 0, first)


def test_quarterly_index_dates_and_an_overflowing_company_name() -> None:
    index = _parse("badform.idx")
    assert (index.layout, len(index.entries), index.unreadable) == ("form", 10, 0)
    assert index.received == date(2021, 3, 31)
    overflow = next(e for e in index.entries if e.cik == 820694)
    assert overflow.company == "UNITED PLANNERS' FINANCIAL SERVICES OF AMERICA A LIMITED PARTNER"
    assert (overflow.form, overflow.filed) == ("X-17A-5", date(2021, 2, 24))


def test_quarterly_master_with_cloud_line_and_an_empty_index() -> None:
    master = _parse("master.1993QTR4-head.idx")
    assert master.layout == "master" and master.unreadable == 0 and master.entries
    assert all(e.filed.year == 1993 for e in master.entries)
    empty = _parse("empty-form.idx")
    assert (empty.entries, empty.unreadable, empty.received) == ([], 0, date(2025, 3, 29))


def test_a_garbled_row_is_counted_not_invented() -> None:
    data = (EDGAR / "form.20200318-head.idx").read_bytes() + b"10-D        NO CIK HERE\n"
    index = parse_index(data)
    assert index.unreadable == 1
    assert len(index.entries) == 3


def test_an_error_page_served_as_200_is_refused() -> None:
    with pytest.raises(MalformedResponse, match="not an EDGAR index file"):
        parse_index(b"<html><body>Service Unavailable</body></html>", "form.20240102.idx")


def test_an_index_is_read_line_by_line_keeping_only_what_is_asked(tmp_path: Path) -> None:
    """A quarterly index of half a million rows costs memory for the rows kept, not for every
    row: parse_index takes the open file and a filter. The lines are consumed lazily: the
    reader never asks for the whole file at once."""
    data = (EDGAR / "form.20200318.idx").read_bytes()
    everything = parse_index(data, "form.20200318.idx")
    wanted = everything.entries[100]
    path = tmp_path / "form.idx"
    path.write_bytes(data)

    class LinesOnly:
        """A file that can only be iterated line by line (no read() of the whole)."""

        def __init__(self, handle: BinaryIO) -> None:
            self.handle, self.taken = handle, 0

        def __iter__(self) -> Iterator[bytes]:
            for line in self.handle:
                self.taken += 1
                yield line

    with path.open("rb") as handle:
        lines = LinesOnly(handle)
        kept = parse_index(lines, "form.idx", lambda e: e.cik == wanted.cik)
    assert kept.entries == [e for e in everything.entries if e.cik == wanted.cik]
    assert (kept.layout, kept.received, kept.unreadable) == (
        everything.layout, everything.received, everything.unreadable)
    assert lines.taken == data.count(b"\n") + (not data.endswith(b"\n"))
