"""EDGAR URLs and the submissions JSON, checked against real responses (tests/fixtures/edgar)."""

from datetime import date
from pathlib import Path

import pytest

from crawler.edgar import Endpoints, FilingRef, parse_submissions
from crawler.errors import MalformedResponse
from foundation.errors import ConfigError

EDGAR = Path(__file__).resolve().parents[1] / "fixtures" / "edgar"
CARBO = 1009672


def test_endpoints_build_edgar_urls() -> None:
    e = Endpoints()
    assert e.submissions(CARBO) == "https://data.sec.gov/submissions/CIK0001009672.json"
    assert (e.submissions_page("CIK0001009672-submissions-001.json")
            == "https://data.sec.gov/submissions/CIK0001009672-submissions-001.json")
    assert (e.filing_index(1268747, "0001056404-03-002432")
            == "https://www.sec.gov/Archives/edgar/data/1268747/000105640403002432/index.json")
    assert (e.full_submission(1268747, "000105640403002432")
            == "https://www.sec.gov/Archives/edgar/data/1268747/000105640403002432/"
               "0001056404-03-002432.txt")


def test_endpoints_accept_a_standin_base_and_drop_a_trailing_slash() -> None:
    e = Endpoints(www="http://127.0.0.1:8123/", data="http://127.0.0.1:8123")
    assert e.submissions(1) == "http://127.0.0.1:8123/submissions/CIK0000000001.json"
    assert e.origins() == {("http", "127.0.0.1", 8123)}


@pytest.mark.parametrize("base", ["ftp://sec.gov", "www.sec.gov", "https://"])
def test_endpoints_refuse_a_base_that_is_not_http(base: str) -> None:
    with pytest.raises(ConfigError, match="base URL"):
        Endpoints(www=base)


@pytest.mark.parametrize("name", ["../CIK0001009672.json", "CIK1-submissions-001.json",
                                  "CIK0001009672-submissions-001.json/../x"])
def test_page_names_from_the_wire_are_checked(name: str) -> None:
    with pytest.raises(MalformedResponse, match="submissions page name"):
        Endpoints().submissions_page(name)


@pytest.mark.parametrize("cik", [0, -5, 10**10, True])
def test_ciks_must_be_positive_ints(cik: int) -> None:
    with pytest.raises(ConfigError, match="invalid CIK"):
        Endpoints().submissions(cik)


def test_carbo_recent_list_has_1000_filings_and_names_its_older_page() -> None:
    refs, pages = parse_submissions((EDGAR / "CIK0001009672.json").read_bytes(), CARBO)
    assert len(refs) == 1000
    assert pages == ["CIK0001009672-submissions-001.json"]
    assert refs[0] == FilingRef(
        cik=CARBO, accession="0001193125-20-329449", form="15-12B",
        filed_date=date(2020, 12, 30), report_date=None, file_number="001-15903",
        primary_document="d86171d1512b.htm",
    )
    assert FilingRef(
        cik=CARBO, accession="0001564590-20-030074", form="8-K",
        filed_date=date(2020, 6, 22), report_date=date(2020, 6, 18), file_number="001-15903",
        primary_document="crr-8k_20200618.htm",
    ) in refs


def test_carbo_older_page_holds_the_205_filings_its_main_file_promises() -> None:
    main = EDGAR / "CIK0001009672.json"
    refs, pages = parse_submissions((EDGAR / "CIK0001009672-submissions-001.json").read_bytes(),
                                    CARBO)
    assert len(refs) == 205  # filings.files[0].filingCount in the main file
    assert '"filingCount":205' in main.read_text().replace(" ", "")
    assert pages == []
    by_accession = {r.accession: r for r in refs}
    ref = by_accession["0001009672-03-000014"]
    assert (ref.form, ref.filed_date, ref.report_date) == ("8-K", date(2003, 10, 20),
                                                           date(2003, 10, 20))
    assert min(r.filed_date for r in refs) == date(1996, 6, 3)  # filingFrom
    assert max(r.filed_date for r in refs) == date(2003, 12, 8)  # filingTo


def test_an_entity_with_no_filings_parses_to_nothing() -> None:
    assert parse_submissions((EDGAR / "CIK0000350001.json").read_bytes(), 350001) == ([], [])


def test_a_json_for_another_cik_is_refused() -> None:
    with pytest.raises(MalformedResponse, match="CIK 0001009672 served when asking for 42"):
        parse_submissions((EDGAR / "CIK0001009672.json").read_bytes(), 42)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>oops</html>", "not JSON"),
        (b"[]", "not an object"),
        (b'{"filings": {"recent": {"accessionNumber": ["0001056404-03-002432"], '
         b'"form": ["8-K"], "filingDate": []}, "files": []}}', "'filingDate' does not have 1"),
        (b'{"filings": {"recent": {"form": []}, "files": []}}', "lacks columns"),
        (b'{"accessionNumber": ["0001056404-03-002432"], "form": ["8-K"], '
         b'"filingDate": ["2003-13-01"]}', "not YYYY-MM-DD"),
    ],
)
def test_malformed_submissions_are_refused_with_the_reason(body: bytes, message: str) -> None:
    with pytest.raises(MalformedResponse, match=message):
        parse_submissions(body, 1268747)


def test_optional_columns_may_be_absent_and_odd_report_dates_become_none() -> None:
    body = (b'{"accessionNumber": ["000105640403002432"], "form": ["8-K"], '
            b'"filingDate": ["2003-12-01"], "reportDate": ["2003-11-00"]}')
    (ref,), pages = parse_submissions(body, 1268747)
    assert ref == FilingRef(1268747, "0001056404-03-002432", "8-K", date(2003, 12, 1), None, "",
                            "")
    assert pages == []
