"""The EDGAR stand-in: the tree it writes (checked against real EDGAR samples) and the server
that answers over real HTTP on 127.0.0.1, as a crawler sees it."""

from __future__ import annotations

import dataclasses
import http.client
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from lab.standin.messages import Behaviour, Request, Response
from lab.standin.server import StandinServer
from lab.standin.submissions import COLUMNS, item_codes
from lab.standin.tree import EdgarTree, TreeDocument, TreeFiling, full_submission_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CORPUS = Path("/work/shared/corpus/edgar-samples")
# fixture copy name -> where it came from in the shared corpus
SAMPLES = {
    "CIK0000350001.json": "edgartools/submissions_from_cassettes/CIK0000350001.json",
    "CIK0001009672.json": "edgartools/submissions_from_cassettes/CIK0001009672.json",
    "CIK0001009672-submissions-001.json":
        "edgartools/submissions_from_cassettes/CIK0001009672-submissions-001.json",
    "MultipleFilersHeader.txt": "edgartools/MultipleFilersHeader.txt",
    "filing-folder-index.json": "edgarkit/submissions/directory.json",
}

SEED_CIK = 1268747
SEED_ACCESSION = "0001056404-03-002432"
SEED_COMPANY = "TERWIN MORTGAGE TRUST SERIES 2003-4HE"
EXHIBIT_CIK = 1300001
EXHIBIT_ACCESSION = "0000950123-04-001234"
UA = "absdw tests absdw-tests@example.com"


def sample_bytes(name: str) -> bytes:
    """A real EDGAR sample: the tests/fixtures copy, else the shared corpus, else skip."""
    for path in (FIXTURES / "edgar" / name, CORPUS / SAMPLES[name]):
        if path.is_file():
            return path.read_bytes()
    pytest.skip(f"real EDGAR sample {name} is not available")


def sample_json(name: str) -> Any:
    return json.loads(sample_bytes(name))


def seed_text() -> str:
    return (FIXTURES / "seed_ter034he_nov.txt").read_text(encoding="ascii")


def seed_filing() -> TreeFiling:
    """The real seed 8-K: one document of TYPE 8-K carrying the report inline."""
    return TreeFiling(
        cik=SEED_CIK, company=SEED_COMPANY, accession=SEED_ACCESSION, form="8-K",
        filed=date(2003, 12, 3), period=date(2003, 11, 25), file_number="333-106175-06",
        items=("Other events", "Financial statements and exhibits"),
        documents=(TreeDocument("8-K", "ter034he_nov.txt", seed_text(),
                                "TERWIN 2003-4HE NOVEMBER 2003 DISTRIBUTION REPORT"),),
    )


def exhibit_filing() -> TreeFiling:
    """The same report attached the other common way: a cover 8-K plus an EX-99.1 document."""
    cover = "FORM 8-K\n\nItem 8.01 Other Events.\n\nSee Exhibit 99.1.\n"
    return TreeFiling(
        cik=EXHIBIT_CIK, company="TEST HOME EQUITY LOAN TRUST 2004-1", accession=EXHIBIT_ACCESSION,
        form="8-K", filed=date(2004, 9, 27), period=date(2004, 9, 25),
        file_number="333-110000-01", acceptance=datetime(2004, 9, 27, 11, 42, 7),
        items=("Other Events", "Financial Statements and Exhibits"),
        documents=(TreeDocument("8-K", "tst041_8k.txt", cover, "MONTHLY REPORT"),
                   TreeDocument("EX-99.1", "tst041_ex991.txt", seed_text(),
                                "MONTHLY DISTRIBUTION REPORT")),
    )


def monthly_filing(month: int) -> TreeFiling:
    """One of a small trust's 10-D filings (month 1..12 of 2007), for ordering and paging."""
    return TreeFiling(
        cik=EXHIBIT_CIK, company="TEST HOME EQUITY LOAN TRUST 2004-1",
        accession=f"0000950123-07-{month:06d}", form="10-D", filed=date(2007, month, 27),
        period=date(2007, month, 25), file_number="333-110000-01",
        documents=(TreeDocument("10-D", f"d10d_{month:02d}.htm", f"<html>10-D {month}</html>"),
                   TreeDocument("EX-99.1", f"ex991_{month:02d}.htm", f"<pre>report {month}</pre>")),
    )

SEED_DIR = f"/Archives/edgar/data/{SEED_CIK}/000105640403002432"


# ------------------------------------------------------------------ the tree

def _labels(header: str) -> dict[str, str]:
    """Header label (with its indentation) -> the whitespace run between label and value."""
    found: dict[str, str] = {}
    for line in header.splitlines():
        m = re.match(r"^(\t*[A-Z][A-Z0-9 ]+:)([ \t]+)\S", line)
        if m:
            found.setdefault(m.group(1), m.group(2))
    return found


def test_full_submission_wraps_the_seed_like_edgar() -> None:
    text = full_submission_text(seed_filing())
    assert text.startswith(
        f"<SEC-DOCUMENT>{SEED_ACCESSION}.txt : 20031203\n"
        f"<SEC-HEADER>{SEED_ACCESSION}.hdr.sgml : 20031203\n"
        "<ACCEPTANCE-DATETIME>20031203160500\n"
        f"ACCESSION NUMBER:\t\t{SEED_ACCESSION}\n"
        "CONFORMED SUBMISSION TYPE:\t8-K\n"
        "PUBLIC DOCUMENT COUNT:\t\t1\n"
        "CONFORMED PERIOD OF REPORT:\t20031125\n"
        "ITEM INFORMATION:\t\tOther events\n"
        "ITEM INFORMATION:\t\tFinancial statements and exhibits\n"
        "FILED AS OF DATE:\t\t20031203\n"
        "DATE AS OF CHANGE:\t\t20031203\n\nFILER:\n\n\tCOMPANY DATA:\n"
        "\t\tCOMPANY CONFORMED NAME:\t\t\tTERWIN MORTGAGE TRUST SERIES 2003-4HE\n"
        "\t\tCENTRAL INDEX KEY:\t\t\t0001268747\n"
        "\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tASSET-BACKED SECURITIES [6189]\n"
    )
    assert "\t\tSEC FILE NUMBER:\t333-106175-06\n" in text
    assert "\t\tSEC ACT:\t\t1934 Act\n" in text
    assert text.endswith("</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n")
    assert text.count("<DOCUMENT>") == 1
    body = text.split("</SEC-HEADER>\n", 1)[1]
    assert body.startswith("<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>ter034he_nov.txt\n"
                           "<DESCRIPTION>TERWIN 2003-4HE NOVEMBER 2003 DISTRIBUTION REPORT\n"
                           "<TEXT>\n")
    inner = body.split("<TEXT>\n", 1)[1].rsplit("\n</TEXT>", 1)[0]
    assert inner == seed_text()  # byte for byte; EDGAR adds the newline before </TEXT>


def test_header_labels_and_tab_runs_match_a_real_abs_header() -> None:
    real = _labels(sample_bytes("MultipleFilersHeader.txt").decode("ascii"))
    ours = _labels(full_submission_text(seed_filing()).split("</SEC-HEADER>")[0])
    shared = set(real) & set(ours)
    assert len(shared) >= 18  # every label both headers carry, from ACCESSION NUMBER to ZIP
    assert {label: ours[label] for label in shared} == {label: real[label] for label in shared}


def test_exhibit_filing_has_two_sequenced_documents() -> None:
    text = full_submission_text(exhibit_filing())
    assert "PUBLIC DOCUMENT COUNT:\t\t2\n" in text
    assert "<ACCEPTANCE-DATETIME>20040927114207\n" in text
    assert re.findall(r"<TYPE>(.*)\n<SEQUENCE>(\d+)", text) == [("8-K", "1"), ("EX-99.1", "2")]
    assert text.count("</DOCUMENT>") == 2


def test_tree_writes_every_archive_file(tmp_path: Path) -> None:
    tree = EdgarTree(tmp_path)
    tree.add_filing(seed_filing())
    folder = tmp_path / SEED_DIR.lstrip("/")
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{SEED_ACCESSION}-index-headers.html", f"{SEED_ACCESSION}-index.htm",
        f"{SEED_ACCESSION}-index.html", f"{SEED_ACCESSION}.txt", "index.json", "ter034he_nov.txt"]
    assert (folder / "ter034he_nov.txt").read_bytes() == seed_text().encode("ascii")
    assert (folder / f"{SEED_ACCESSION}.txt").read_text() == full_submission_text(seed_filing())
    assert not (tmp_path / "submissions").exists()  # written only by write_submissions


def test_filing_index_json_has_the_real_shape_and_bytes_style(tmp_path: Path) -> None:
    EdgarTree(tmp_path).add_filing(seed_filing())
    raw = (tmp_path / SEED_DIR.lstrip("/") / "index.json").read_bytes()
    real_raw = sample_bytes("filing-folder-index.json")
    ours, real = json.loads(raw)["directory"], json.loads(real_raw)["directory"]
    assert list(ours) == list(real)
    assert [list(i) for i in ours["item"]] == [list(real["item"][0])] * 4
    assert [(i["name"], i["size"]) for i in ours["item"]] == [
        (f"{SEED_ACCESSION}-index-headers.html", ""), (f"{SEED_ACCESSION}-index.html", ""),
        (f"{SEED_ACCESSION}.txt", ""),
        ("ter034he_nov.txt", str(len(seed_text())))]
    assert ours["name"] == SEED_DIR
    assert ours["parent-dir"] == f"/Archives/edgar/data/{SEED_CIK}"
    for quirk in (b'{"last-modified": "', b'"type":"text.gif","size":""}', b'\\/Archives\\/'):
        assert quirk in raw and quirk in real_raw
    assert raw[:1] == real_raw[:1] == b"\n"


def test_submissions_json_matches_the_real_abs_entity_shape(tmp_path: Path) -> None:
    tree = EdgarTree(tmp_path)
    tree.add_filing(seed_filing())
    tree.write_submissions()
    raw = (tmp_path / "submissions" / "CIK0001268747.json").read_bytes()
    ours, real = json.loads(raw), sample_json("CIK0000350001.json")
    assert list(ours) == list(real)
    assert list(ours["addresses"]["business"]) == list(real["addresses"]["business"])
    assert list(ours["filings"]) == list(real["filings"]) == ["recent", "files"]
    assert list(ours["filings"]["recent"]) == list(real["filings"]["recent"]) == list(COLUMNS)
    assert (ours["cik"], ours["entityType"], ours["sic"], ours["sicDescription"]) == (
        "0001268747", real["entityType"], real["sic"], real["sicDescription"])
    assert raw == json.dumps(ours, separators=(",", ":")).encode()  # compact, like SEC
    recent = ours["filings"]["recent"]
    assert {k: v[0] for k, v in recent.items()} == {
        "accessionNumber": SEED_ACCESSION, "filingDate": "2003-12-03",
        "reportDate": "2003-11-25", "acceptanceDateTime": "2003-12-03T16:05:00.000Z",
        "act": "34", "form": "8-K", "fileNumber": "333-106175-06",
        "filmNumber": recent["filmNumber"][0], "items": "5,7", "core_type": "8-K",
        "size": len(full_submission_text(seed_filing())), "isXBRL": 0, "isInlineXBRL": 0,
        "primaryDocument": "ter034he_nov.txt",
        "primaryDocDescription": "TERWIN 2003-4HE NOVEMBER 2003 DISTRIBUTION REPORT"}
    assert re.fullmatch(r"03\d{7}", recent["filmNumber"][0])
    assert ours["filings"]["files"] == []


def test_pagination_moves_older_filings_to_numbered_pages(tmp_path: Path) -> None:
    tree = EdgarTree(tmp_path)
    for month in (3, 1, 2):
        tree.add_filing(monthly_filing(month))
    tree.write_submissions(page_size=2)
    main = json.loads((tmp_path / "submissions" / "CIK0001300001.json").read_bytes())
    page = json.loads((tmp_path / "submissions" / "CIK0001300001-submissions-001.json")
                      .read_bytes())
    real_main = sample_json("CIK0001009672.json")
    real_page = sample_json("CIK0001009672-submissions-001.json")
    assert main["filings"]["recent"]["filingDate"] == ["2007-03-27", "2007-02-27"]
    assert main["filings"]["files"] == [{"name": "CIK0001300001-submissions-001.json",
                                         "filingCount": 1, "filingFrom": "2007-01-27",
                                         "filingTo": "2007-01-27"}]
    assert list(main["filings"]["files"][0]) == list(real_main["filings"]["files"][0])
    assert list(page) == list(real_page) == list(COLUMNS)
    assert page["accessionNumber"] == ["0000950123-07-000001"]
    assert page["primaryDocument"] == ["d10d_01.htm"]


def test_rewriting_with_fewer_pages_removes_stale_pages(tmp_path: Path) -> None:
    tree = EdgarTree(tmp_path)
    for month in (1, 2, 3):
        tree.add_filing(monthly_filing(month))
    tree.write_submissions(page_size=1)
    assert len(list((tmp_path / "submissions").glob("*-submissions-*.json"))) == 2
    tree.write_submissions()
    assert sorted(p.name for p in (tmp_path / "submissions").iterdir()) == ["CIK0001300001.json"]


def test_cik_folder_listing_is_newest_first(tmp_path: Path) -> None:
    tree = EdgarTree(tmp_path)
    tree.add_filing(exhibit_filing())
    tree.add_filing(monthly_filing(5))
    tree.write_submissions()
    listing = json.loads((tmp_path / f"Archives/edgar/data/{EXHIBIT_CIK}/index.json").read_bytes())
    assert [i["name"] for i in listing["directory"]["item"]] == [
        "000095012307000005", EXHIBIT_ACCESSION.replace("-", "")]
    assert {i["type"] for i in listing["directory"]["item"]} == {"folder.gif"}


def test_readding_an_accession_replaces_it(tmp_path: Path) -> None:
    tree = EdgarTree(tmp_path)
    tree.add_filing(seed_filing())
    tree.add_filing(dataclasses.replace(seed_filing(), company="TERWIN RENAMED"))
    tree.write_submissions()
    main = json.loads((tmp_path / "submissions" / "CIK0001268747.json").read_bytes())
    assert (main["name"], main["filings"]["recent"]["accessionNumber"]) == (
        "TERWIN RENAMED", [SEED_ACCESSION])


@pytest.mark.parametrize("name", ["../x.txt", "a/b.txt", "..", "", f"{SEED_ACCESSION}.txt",
                                  "index.json"])
def test_unsafe_or_shadowing_document_names_are_refused(tmp_path: Path, name: str) -> None:
    bad = dataclasses.replace(seed_filing(), documents=(TreeDocument("8-K", name, "x"),))
    with pytest.raises(ValueError, match="document name"):
        EdgarTree(tmp_path).add_filing(bad)
    assert not (tmp_path / "x.txt").exists()


def test_malformed_accession_is_refused() -> None:
    with pytest.raises(ValueError, match="not shaped like"):
        dataclasses.replace(seed_filing(), accession="1056404-03-2432")


def test_item_codes_follow_the_2004_renumbering() -> None:
    assert item_codes(seed_filing()) == "5,7"
    assert item_codes(exhibit_filing()) == "8.01,9.01"
    assert item_codes(dataclasses.replace(exhibit_filing(), items=("6.07", "Something odd"))) \
        == "6.07"


# ---------------------------------------------------------------- over HTTP

SECRET = b"outside the EDGAR root"


@pytest.fixture
def edgar_root(tmp_path: Path) -> Path:
    """A tree with the seed 8-K and an 8-K + EX-99.1 filing, beside a file it must not leak."""
    (tmp_path / "secret.txt").write_bytes(SECRET)
    root = tmp_path / "edgar"
    tree = EdgarTree(root)
    tree.add_filing(seed_filing())
    tree.add_filing(exhibit_filing())
    tree.write_submissions()
    return root


@pytest.fixture
def server(edgar_root: Path) -> Iterator[StandinServer]:
    with StandinServer(edgar_root) as running:
        yield running


@pytest.fixture
def client(server: StandinServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, headers={"User-Agent": UA}) as c:
        yield c


def raw_get(server: StandinServer, path: str, headers: dict[str, str] | None = None,
            method: str = "GET") -> tuple[int, bytes]:
    """Send ``path`` exactly as written (no client-side normalisation of ``..``)."""
    host, port = server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request(method, path, headers=headers if headers is not None else {"User-Agent": UA})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_url_is_loopback_with_the_bound_port(server: StandinServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    assert int(server.url.rsplit(":", 1)[1]) > 0


def test_submissions_json_over_http(client: httpx.Client) -> None:
    r = client.get("/submissions/CIK0001268747.json")
    assert (r.status_code, r.headers["content-type"]) == (200, "application/json")
    body, real = r.json(), sample_json("CIK0000350001.json")
    assert list(body) == list(real)
    assert list(body["filings"]["recent"]) == list(real["filings"]["recent"])
    recent = body["filings"]["recent"]
    assert (body["name"], body["sic"], body["sicDescription"]) == (
        "TERWIN MORTGAGE TRUST SERIES 2003-4HE", "6189", "Asset-Backed Securities")
    assert (recent["accessionNumber"], recent["form"], recent["fileNumber"],
            recent["primaryDocument"]) == (
        [SEED_ACCESSION], ["8-K"], ["333-106175-06"], ["ter034he_nov.txt"])


def test_index_json_lists_files_that_are_served_with_those_sizes(client: httpx.Client) -> None:
    r = client.get(f"{SEED_DIR}/index.json")
    assert (r.status_code, r.headers["content-type"]) == (200, "application/json")
    items = r.json()["directory"]["item"]
    assert [i["name"] for i in items] == [
        f"{SEED_ACCESSION}-index-headers.html", f"{SEED_ACCESSION}-index.html",
        f"{SEED_ACCESSION}.txt", "ter034he_nov.txt"]
    for item in items:
        listed = client.get(f"{SEED_DIR}/{item['name']}")
        assert listed.status_code == 200, item["name"]
        if item["size"]:
            assert int(item["size"]) == len(listed.content)


def test_full_submission_carries_header_and_exact_document(client: httpx.Client) -> None:
    r = client.get(f"{SEED_DIR}/{SEED_ACCESSION}.txt")
    assert (r.status_code, r.headers["content-type"]) == (200, "text/plain")
    text = r.content.decode("ascii")
    for line in (f"ACCESSION NUMBER:\t\t{SEED_ACCESSION}", "CONFORMED SUBMISSION TYPE:\t8-K",
                 "PUBLIC DOCUMENT COUNT:\t\t1", "CONFORMED PERIOD OF REPORT:\t20031125",
                 "FILED AS OF DATE:\t\t20031203", "\t\tCENTRAL INDEX KEY:\t\t\t0001268747",
                 "\t\tSEC FILE NUMBER:\t333-106175-06"):
        assert f"\n{line}\n" in text, line
    inner = text.split("<TEXT>\n", 1)[1].rsplit("\n</TEXT>", 1)[0]
    assert inner == seed_text()
    document = client.get(f"{SEED_DIR}/ter034he_nov.txt")
    assert document.content == seed_text().encode("ascii")


def test_exhibit_filing_serves_both_documents(client: httpx.Client) -> None:
    folder = f"/Archives/edgar/data/{EXHIBIT_CIK}/{EXHIBIT_ACCESSION.replace('-', '')}"
    text = client.get(f"{folder}/{EXHIBIT_ACCESSION}.txt").text
    assert "<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>tst041_ex991.txt\n" in text
    assert client.get(f"{folder}/tst041_ex991.txt").content == seed_text().encode("ascii")
    recent = client.get(f"/submissions/CIK{EXHIBIT_CIK:010d}.json").json()["filings"]["recent"]
    assert (recent["items"], recent["primaryDocument"]) == (["8.01,9.01"], ["tst041_8k.txt"])


def test_filing_index_page_is_html_with_the_document_table(client: httpx.Client) -> None:
    r = client.get(f"{SEED_DIR}/{SEED_ACCESSION}-index.htm")
    assert (r.status_code, r.headers["content-type"]) == (200, "text/html")
    assert f"<title>EDGAR Filing Documents for {SEED_ACCESSION}</title>" in r.text
    assert f'<a href="{SEED_DIR}/ter034he_nov.txt">ter034he_nov.txt</a>' in r.text
    assert client.get(f"{SEED_DIR}/{SEED_ACCESSION}-index.html").content == r.content


def test_folder_url_with_a_listing_answers_html(client: httpx.Client) -> None:
    r = client.get(f"{SEED_DIR}/")
    assert r.status_code == 200
    assert f'href="{SEED_DIR}/ter034he_nov.txt"' in r.text


@pytest.mark.parametrize("path", [
    f"/Archives/edgar/data/{SEED_CIK}/000105640403009999/0001056404-03-009999.txt",
    f"{SEED_DIR}/missing.txt",
    "/Archives/edgar/data/",  # a folder without index.json
    "/x",
    "/",
])
def test_missing_www_paths_get_sec_404_page(client: httpx.Client, path: str) -> None:
    r = client.get(path)
    assert (r.status_code, r.headers["content-type"]) == (404, "text/html")
    assert "<title>SEC.gov | File Not Found Error Alert (404)</title>" in r.text


def test_missing_cik_gets_data_host_404(client: httpx.Client) -> None:
    r = client.get("/submissions/CIK0009999999.json")
    assert r.status_code == 404
    assert "<Code>NoSuchKey</Code>" in r.text


@pytest.mark.parametrize("path", [
    "/Archives/../secret.txt",
    "/Archives/../../secret.txt",
    "/Archives/%2e%2e/%2e%2e/secret.txt",
    "/Archives/%2E%2E%2F%2E%2E%2Fsecret.txt",
    "/submissions/..%2F..%2Fsecret.txt",
    "/Archives/..\\..\\secret.txt",
    "/Archives/edgar/%00/secret.txt",
])
def test_traversal_never_leaves_the_root(server: StandinServer, path: str) -> None:
    status, body = raw_get(server, path)
    assert status == 404
    assert SECRET not in body


def test_traversal_check_holds_for_the_encoded_form_through_httpx(client: httpx.Client) -> None:
    r = client.get("/Archives/edgar/%2e%2e/%2e%2e/%2e%2e/secret.txt")
    assert r.status_code == 404
    assert SECRET not in r.content


@pytest.mark.parametrize("headers", [{}, {"User-Agent": "python-httpx/0.27"},
                                     {"User-Agent": "Mozilla/5.0 no contact"}])
def test_undeclared_tools_are_refused(server: StandinServer, headers: dict[str, str]) -> None:
    status, body = raw_get(server, f"{SEED_DIR}/ter034he_nov.txt", headers=headers)
    assert status == 403
    assert b"Your Request Originates from an Undeclared Automated Tool" in body
    assert seed_text().encode()[:200] not in body


def test_user_agent_gate_can_be_switched_off(edgar_root: Path) -> None:
    with StandinServer(edgar_root, require_user_agent=False) as open_server:
        status, _ = raw_get(open_server, f"{SEED_DIR}/ter034he_nov.txt", headers={})
    assert status == 200


def test_head_has_length_but_no_body(server: StandinServer) -> None:
    host, port = server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("HEAD", f"{SEED_DIR}/ter034he_nov.txt", headers={"User-Agent": UA})
    response = conn.getresponse()
    assert (response.status, response.read()) == (200, b"")
    assert int(response.headers["Content-Length"]) == len(seed_text())
    conn.close()


def test_request_log_counts_every_request(server: StandinServer, client: httpx.Client) -> None:
    client.get("/submissions/CIK0001268747.json")
    client.get(f"{SEED_DIR}/missing.txt")
    raw_get(server, "/submissions/CIK0001268747.json?x=1", headers={})
    log = server.requests
    assert [(r.method, r.path, r.status, r.user_agent) for r in log] == [
        ("GET", "/submissions/CIK0001268747.json", 200, UA),
        ("GET", f"{SEED_DIR}/missing.txt", 404, UA),
        ("GET", "/submissions/CIK0001268747.json?x=1", 403, None),
    ]
    assert [r.time for r in log] == sorted(r.time for r in log)
    server.clear_requests()
    assert server.requests == []


def test_keep_alive_connection_serves_many_requests(client: httpx.Client,
                                                    server: StandinServer) -> None:
    statuses = [client.get(f"{SEED_DIR}/index.json").status_code for _ in range(25)]
    assert statuses == [200] * 25
    assert len(server.requests) == 25


class _Outage(Behaviour):
    """Answers 503 for one path and stamps every other response: the hook later work uses."""

    def before(self, request: Request) -> Response | None:
        if request.path.endswith(".txt"):
            return Response(503, b"busy", "text/plain", {"Retry-After": "1"})
        return None

    def after(self, request: Request, response: Response) -> Response:
        response.headers["X-Seen"] = request.path
        return response


def test_behaviours_and_routes_are_pluggable(edgar_root: Path) -> None:
    with StandinServer(edgar_root, behaviours=[_Outage()]) as srv:
        srv.add_route("/cgi-bin/browse-edgar", lambda req: Response(200, b"<feed/>",
                                                                    "application/atom+xml"))
        with httpx.Client(base_url=srv.url, headers={"User-Agent": UA}) as c:
            busy = c.get(f"{SEED_DIR}/ter034he_nov.txt")
            atom = c.get("/cgi-bin/browse-edgar?action=getcompany")
            listing = c.get(f"{SEED_DIR}/index.json")
            refused = c.get(f"{SEED_DIR}/index.json", headers={"User-Agent": "no contact"})
    assert (busy.status_code, busy.headers["retry-after"]) == (503, "1")
    assert (atom.status_code, atom.content) == (200, b"<feed/>")
    assert listing.headers["x-seen"] == f"{SEED_DIR}/index.json"
    assert refused.status_code == 403  # the User-Agent gate runs before added behaviours
    assert [r.status for r in srv.requests] == [503, 200, 200, 403]


def test_a_failing_handler_answers_500(edgar_root: Path) -> None:
    def broken(request: Request) -> Response:
        raise RuntimeError("boom")

    with StandinServer(edgar_root) as srv:
        srv.add_route("/cgi-bin/", broken)
        status, body = raw_get(srv, "/cgi-bin/anything")
    assert (status, body) == (500, b"Internal Server Error\n")


def test_stop_releases_the_port_and_url_needs_a_running_server(edgar_root: Path) -> None:
    srv = StandinServer(edgar_root)
    with pytest.raises(RuntimeError, match="not running"):
        _ = srv.url
    url = srv.start().url
    srv.stop()
    srv.stop()  # idempotent
    with pytest.raises(httpx.ConnectError):
        httpx.get(url, headers={"User-Agent": UA}, timeout=2)


def test_module_entry_point_serves_until_stopped(edgar_root: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "lab.standin", "--root", str(edgar_root),
                             "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("EDGAR stand-in at http://127.0.0.1:")
        url = line.split()[3]
        r = httpx.get(f"{url}/submissions/CIK0001268747.json", headers={"User-Agent": UA})
        assert r.json()["cik"] == "0001268747"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


def test_module_entry_point_refuses_a_missing_root(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "lab.standin", "--root",
                           str(tmp_path / "nope")], capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "is not a directory" in done.stderr


def test_index_json_bytes_are_valid_json_everywhere(client: httpx.Client) -> None:
    listing = client.get(f"/Archives/edgar/data/{SEED_CIK}/index.json")
    assert json.loads(listing.content)["directory"]["item"][0]["name"] == "000105640403002432"
