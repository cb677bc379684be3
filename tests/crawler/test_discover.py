"""Discovery over the real CARBO Ceramics submissions pair, served through MockTransport."""

import json
from datetime import date
from pathlib import Path

import httpx

from crawler.discover import discover_filings
from crawler.edgar import Endpoints
from crawler.fetch import EdgarClient
from crawler.limiter import RateLimiter
from lab.fakes import FakeClock

EDGAR = Path(__file__).resolve().parents[1] / "fixtures" / "edgar"
CARBO = 1009672


def client_for(files: dict[str, bytes], seen: list[str]) -> EdgarClient:
    """A client whose data.sec.gov serves ``files`` by URL path (404 otherwise)."""

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        body = files.get(request.url.path)
        return httpx.Response(200, content=body) if body is not None else httpx.Response(404)

    clock = FakeClock()
    return EdgarClient("Jane Analyst jane@example.com", Endpoints(),
                       limiter=RateLimiter(clock=clock, sleep=clock.sleep),
                       transport=httpx.MockTransport(handler), sleep=clock.sleep)


def carbo_files() -> dict[str, bytes]:
    return {
        f"/submissions/{name}": (EDGAR / name).read_bytes()
        for name in ("CIK0001009672.json", "CIK0001009672-submissions-001.json")
    }


def test_every_8k_of_carbo_is_found_across_both_pages_oldest_first() -> None:
    seen: list[str] = []
    refs = discover_filings(client_for(carbo_files(), seen), CARBO)
    assert seen == ["/submissions/CIK0001009672.json",
                    "/submissions/CIK0001009672-submissions-001.json"]
    assert len(refs) == 161  # 149 8-Ks in the recent list + 12 on the older page; no 10-D
    assert {r.form for r in refs} == {"8-K"}
    assert (refs[0].accession, refs[0].filed_date) == ("0001009672-01-500007", date(2001, 7, 13))
    assert (refs[-1].accession, refs[-1].filed_date) == ("0001564590-20-030074",
                                                         date(2020, 6, 22))
    assert refs == sorted(refs, key=lambda r: (r.filed_date, r.accession))


def test_no_form_filter_returns_every_filing_of_both_pages() -> None:
    refs = discover_filings(client_for(carbo_files(), []), CARBO, forms=None)
    assert len(refs) == 1000 + 205
    assert len({r.accession for r in refs}) == 1205


def test_other_forms_can_be_asked_for() -> None:
    refs = discover_filings(client_for(carbo_files(), []), CARBO, forms=["10-K", "10-K405"])
    assert [r.form for r in refs].count("10-K") == 21
    assert [r.form for r in refs].count("10-K405") == 3


def _columns(rows: list[tuple[str, str, str]]) -> dict[str, list[str]]:
    return {"accessionNumber": [r[0] for r in rows], "form": [r[1] for r in rows],
            "filingDate": [r[2] for r in rows]}


def test_an_accession_listed_on_two_pages_is_returned_once() -> None:
    dup = ("0000000042-06-000002", "10-D", "2006-02-25")
    main = {"cik": "0000000042", "filings": {
        "recent": _columns([("0000000042-06-000003", "10-D", "2006-03-25"), dup]),
        "files": [{"name": "CIK0000000042-submissions-001.json", "filingCount": 2}]}}
    page = _columns([dup, ("0000000042-06-000001", "10-D", "2006-01-25")])
    files = {"/submissions/CIK0000000042.json": json.dumps(main).encode(),
             "/submissions/CIK0000000042-submissions-001.json": json.dumps(page).encode()}
    refs = discover_filings(client_for(files, []), 42)
    assert [r.accession for r in refs] == ["0000000042-06-000001", "0000000042-06-000002",
                                           "0000000042-06-000003"]
