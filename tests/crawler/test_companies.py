"""EDGAR's company search pages read into matches: real captures, and the stand-in's copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler import UnexpectedSearchPage, parse_company_search
from lab.standin.company_search import company_page, matching_companies, search_results_page
from lab.standin.model import Filer

EDGAR = Path(__file__).resolve().parents[1] / "fixtures" / "edgar"


def test_real_results_page_gives_every_row_with_cik_name_state_and_more() -> None:
    found = parse_company_search((EDGAR / "company-search-paper.html").read_bytes())
    assert len(found.matches) == 40
    assert found.more  # the page has a "Next 40" button
    first, last = found.matches[0], found.matches[-1]
    assert (first.cik, first.name, first.state) == (1599969, "Paper Battery Company, Inc.", "NY")
    assert (last.cik, last.name, last.state) == (1671312, "Paperspace Co.", "NY")
    by_cik = {m.cik: m for m in found.matches}
    assert by_cik[1157926].name == "PAPERNICK ALAN"
    assert by_cik[1157926].state is None  # a row with an empty state cell
    assert all(m.name for m in found.matches)


def test_real_single_company_page_gives_its_cik_name_and_former_names() -> None:
    found = parse_company_search((EDGAR / "company-search-one-apple.html").read_bytes())
    [apple] = found.matches
    assert (apple.cik, apple.name, apple.state) == (320193, "Apple Inc.", "CA")
    assert apple.former_names == ("APPLE COMPUTER INC", "APPLE COMPUTER INC/ FA", "APPLE INC")
    assert not found.more


def test_real_no_match_page_is_an_empty_answer() -> None:
    found = parse_company_search((EDGAR / "company-search-none.html").read_bytes())
    assert found.matches == [] and not found.more


def test_a_page_of_another_shape_is_an_error_not_an_empty_answer() -> None:
    page = b"<html><title>Service Unavailable</title><body>Try later</body></html>"
    with pytest.raises(UnexpectedSearchPage, match="Service Unavailable"):
        parse_company_search(page)


def _filer(cik: int, name: str) -> Filer:
    return Filer(cik, name, None, "DE", 6189, None, None, None, None, "03000001")


TRUSTS = [_filer(1268747, "TERWIN MORTGAGE TRUST SERIES 2003-4HE"),
          _filer(1300001, "TERWIN MORTGAGE TRUST SERIES 2004-1"),
          _filer(1400002, "AMERIQUEST MORTGAGE SECURITIES INC"),
          _filer(1268747, "TERWIN MORTGAGE TRUST SERIES 2003-4HE")]


def test_standin_pages_read_back_as_what_they_list() -> None:
    found = matching_companies(TRUSTS, "terwin   mortgage", contains=True)
    assert [x.cik for x in found] == [1268747, 1300001]  # one per CIK, by name
    page = parse_company_search(search_results_page("terwin", found, 0, 40))
    assert [(m.cik, m.name) for m in page.matches] == [(x.cik, x.company) for x in found]
    assert not page.more
    first = parse_company_search(search_results_page("terwin", found, 0, 1))
    assert [m.cik for m in first.matches] == [1268747] and first.more
    [one] = parse_company_search(company_page(TRUSTS[2])).matches
    assert (one.cik, one.name) == (1400002, "AMERIQUEST MORTGAGE SECURITIES INC")


def test_standin_matching_is_begins_with_unless_contains() -> None:
    assert matching_companies(TRUSTS, "mortgage trust", contains=False) == []
    assert [x.cik for x in matching_companies(TRUSTS, "mortgage trust", contains=True)] == [
        1268747, 1300001]
    assert [x.cik for x in matching_companies(TRUSTS, "ameri", contains=False)] == [1400002]
