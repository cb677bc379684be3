"""Stand-in routes beyond the Archives basics: index files (checked line by line against real
EDGAR samples), their directory listings, browse-edgar Atom, -index-headers.html and joint 10-Ds,
all fetched over real HTTP."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import httpx
import pytest

from lab.standin.indexes import IndexRow, daily_index, quarterly_index
from lab.standin.model import CoFiler
from lab.standin.server import StandinServer
from lab.standin.tree import EdgarTree, TreeDocument, TreeFiling

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "edgar"
UA = "absdw tests absdw-tests@example.com"
ATOM = "{http://www.w3.org/2005/Atom}"
TRUST, DEPOSITOR = 1268747, 1171040


def real(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="latin-1").split("\n")


def filing(n: int, filed: date, form: str = "10-D", **kw: object) -> TreeFiling:
    fields: dict[str, object] = dict(
        cik=TRUST, company="TERWIN MORTGAGE TRUST SERIES 2003-4HE",
        accession=f"0001056404-03-{n:06d}", form=form, filed=filed,
        file_number="333-106175-06", acceptance=datetime.combine(filed, datetime.min.time()),
        documents=(TreeDocument(form, f"d{n}.txt", f"report {n}\n", "REPORT"),
                   TreeDocument("EX-99.1", f"ex{n}.txt", f"exhibit {n}\n")))
    fields.update(kw)
    return TreeFiling(**fields)  # type: ignore[arg-type]


JOINT = filing(3, date(2003, 12, 26), depositor_cik=DEPOSITOR, sponsor_cik=36644,
               abs_asset_class="Home equity",
               co_filers=(CoFiler(DEPOSITOR, "TERWIN SECURITIZATION LLC", "333-106175",
                                  state="DE"),))


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> EdgarTree:
    t = EdgarTree(tmp_path_factory.mktemp("edgar"))
    for f in (filing(1, date(2003, 12, 3), "8-K"), filing(2, date(2003, 12, 3)), JOINT,
              filing(4, date(2004, 1, 5), file_number="333-106175-07",
                     cik=1268748, company="TERWIN MORTGAGE TRUST SERIES 2003-5HE")):
        t.add_filing(f)
    t.write_submissions()
    t.write_indexes(date(2003, 12, 1), date(2004, 1, 6))
    return t


@pytest.fixture(scope="module")
def client(tree: EdgarTree) -> Iterator[httpx.Client]:
    with StandinServer(tree.root, tree=tree) as server, httpx.Client(
            base_url=server.url, headers={"User-Agent": UA}) as c:
        yield c


def get_lines(client: httpx.Client, path: str) -> list[str]:
    r = client.get(path)
    assert r.status_code == 200, path
    return r.content.decode("latin-1").split("\n")


# ------------------------------------------------------------------ index formats

def test_daily_form_index_header_is_byte_for_byte_edgars(client: httpx.Client) -> None:
    ours = get_lines(client, "/Archives/edgar/daily-index/2003/QTR4/form.20031203.idx")
    sample = real("form.20200318-head.idx")
    assert ours[0] == sample[0]
    assert ours[1] == "Last Data Received:    Dec  3, 2003"
    assert ours[2:10] == sample[2:10]  # comments, FTP, four " " lines, title, 141 dashes
    rows = ours[10:-1]
    assert [len(r) for r in rows] == [150, 150] == [len(sample[10])] * 2
    parsed = [(r[:12].rstrip(), r[12:74].rstrip(), r[74:86].rstrip(), r[86:98].rstrip(),
               r[98:].rstrip()) for r in rows]
    assert parsed == [
        ("10-D", "TERWIN MORTGAGE TRUST SERIES 2003-4HE", "1268747", "20031203",
         "edgar/data/1268747/0001056404-03-000002.txt"),
        ("8-K", "TERWIN MORTGAGE TRUST SERIES 2003-4HE", "1268747", "20031203",
         "edgar/data/1268747/0001056404-03-000001.txt")]
    assert ours[-1] == ""  # every line, the last too, ends with a newline


def test_daily_company_index_uses_the_wrapped_title_by_default(client: httpx.Client) -> None:
    ours = get_lines(client, "/Archives/edgar/daily-index/2003/QTR4/company.20031226.idx")
    sample = real("company.20221003-head.idx")
    assert ours[0] == sample[0] and ours[2:11] == sample[2:11]
    assert ours[8:10] == ["Company Name" + " " * 50 + "Form Type   CIK",
                          "      Date Filed  File Name"]
    assert len(ours[10]) == 145
    names = [r[:62].rstrip() for r in ours[11:-1]]
    cik_paths = [r[98:].rstrip() for r in ours[11:-1]]
    assert names == ["TERWIN MORTGAGE TRUST SERIES 2003-4HE", "TERWIN SECURITIZATION LLC"]
    assert cik_paths == ["edgar/data/1268747/0001056404-03-000003.txt",
                         "edgar/data/1171040/0001056404-03-000003.txt"]


def test_the_one_line_company_title_is_a_parameter() -> None:
    row = IndexRow("10-D", "X TRUST", 5, date(2010, 1, 4), "0000000005-10-000001")
    one_line = daily_index("company", date(2010, 1, 4), [row], wrapped=False).decode()
    lines = one_line.split("\n")
    assert lines[8] == "Company Name" + " " * 50 + "Form Type   CIK         Date Filed  File Name"
    assert lines[9] == "-" * 141
    assert lines[10].startswith("X TRUST" + " " * 55 + "10-D        5           20100104    ")
    with pytest.raises(ValueError, match="never wrapped"):
        daily_index("form", date(2010, 1, 4), [row], wrapped=True)


def test_daily_crawler_and_master_headers_match_the_samples(client: httpx.Client) -> None:
    crawler = get_lines(client, "/Archives/edgar/daily-index/2003/QTR4/crawler.20031226.idx")
    sample = real("crawler.20230703-head.idx")
    assert crawler[0] == sample[0] and crawler[2:10] == sample[2:10]
    assert len(crawler[10]) == len(sample[10]) == 184
    assert crawler[10][98:].rstrip() == (
        "http://www.sec.gov/Archives/edgar/data/1268747/0001056404-03-000003-index.htm")
    master = get_lines(client, "/Archives/edgar/daily-index/2003/QTR4/master.20031226.idx")
    real_master = real("master.20200103-head.idx")
    assert master[0] == real_master[0] and master[2:7] == real_master[2:7]
    assert master[7:-1] == [
        "1171040|TERWIN SECURITIZATION LLC|10-D|20031226|"
        "edgar/data/1171040/0001056404-03-000003.txt",
        "1268747|TERWIN MORTGAGE TRUST SERIES 2003-4HE|10-D|20031226|"
        "edgar/data/1268747/0001056404-03-000003.txt"]


def test_quarterly_indexes_follow_the_full_index_samples(client: httpx.Client) -> None:
    form = get_lines(client, "/Archives/edgar/full-index/2003/QTR4/form.idx")
    empty = real("empty-form.idx")
    assert form[0] == empty[0] and form[2:10] == empty[2:10]
    assert form[1] == "Last Data Received:    December 31, 2003"
    assert [(r[:12].rstrip(), r[86:98].rstrip()) for r in form[10:-1]] == [
        ("10-D", "2003-12-03"), ("10-D", "2003-12-26"), ("10-D", "2003-12-26"),
        ("8-K", "2003-12-03")]
    master = get_lines(client, "/Archives/edgar/full-index/2003/QTR4/master.idx")
    real_master = real("master.1993QTR4-head.idx")
    assert master[0] == real_master[0] and master[2:11] == real_master[2:11]
    assert master[11] == ("1171040|TERWIN SECURITIZATION LLC|10-D|2003-12-26|"
                          "edgar/data/1171040/0001056404-03-000003.txt")


def test_quarterly_index_rejects_the_crawler_kind() -> None:
    with pytest.raises(ValueError, match="crawler"):
        quarterly_index("crawler", [], date(2003, 12, 31))


def test_indexes_exist_only_for_business_days(tree: EdgarTree) -> None:
    folder = tree.root / "Archives/edgar/daily-index/2003/QTR4"
    days = sorted({p.name.split(".")[1] for p in folder.glob("form.*.idx")})
    assert "20031225" not in days and "20031206" not in days  # Christmas, a Saturday
    assert days[:3] == ["20031201", "20031202", "20031203"]
    assert len(days) == 22  # December 2003: 23 weekdays less Christmas
    assert (tree.root / "Archives/edgar/daily-index/2004/QTR1/form.20040102.idx").is_file()
    assert not (tree.root / "Archives/edgar/daily-index/2004/QTR1/form.20040101.idx").exists()


def test_listing_json_has_the_real_shape(client: httpx.Client) -> None:
    raw = client.get("/Archives/edgar/daily-index/2003/QTR4/index.json").content
    listing = json.loads(raw)["directory"]
    sample = json.loads((FIXTURES / "daily-index-2023.json").read_bytes())["directory"]
    assert list(listing) == list(sample)
    assert list(listing["item"][0]) == list(sample["item"][0])
    assert listing["name"] == "daily-index/2003/QTR4/" and listing["parent-dir"] == "../"
    first = listing["item"][0]
    assert first == {"last-modified": first["last-modified"], "name": "company.20031201.idx",
                     "type": "file", "href": "company.20031201.idx", "size": "1 KB"}
    assert re.fullmatch(r"12/01/2003 10:00:00 PM", first["last-modified"])
    assert b'"daily-index\\/2003\\/QTR4\\/"' in raw
    years = json.loads(client.get("/Archives/edgar/daily-index/index.json").content)
    assert [(i["name"], i["type"], i["href"]) for i in years["directory"]["item"]] == [
        ("2003", "dir", "2003/"), ("2004", "dir", "2004/")]


# ------------------------------------------------------------------ browse-edgar Atom

def atom(client: httpx.Client, query: str) -> ET.Element:
    r = client.get(f"/cgi-bin/browse-edgar?action=getcompany&{query}&output=atom")
    assert (r.status_code, r.headers["content-type"]) == (200, "application/atom+xml")
    return ET.fromstring(r.content)


def test_atom_by_cik_has_the_real_feed_layout(client: httpx.Client) -> None:
    feed = atom(client, "CIK=0001268747&type=10-D")
    sample = ET.fromstring((FIXTURES / "atom-getcompany.xml").read_bytes())
    assert [c.tag for c in feed] == [c.tag for c in sample][:2] + [f"{ATOM}entry"] * 2 + [
        c.tag for c in sample][-5:]
    entry = feed.find(f"{ATOM}entry")
    real_entry = sample.find(f"{ATOM}entry")
    assert entry is not None and real_entry is not None
    ours = [c.tag for c in entry.find(f"{ATOM}content") or []]
    theirs = [c.tag for c in real_entry.find(f"{ATOM}content") or []]
    assert ours == [t for t in theirs if not t.endswith("amend")]
    info = feed.find(f"{ATOM}company-info")
    assert info is not None and info.findtext(f"{ATOM}cik") == "0001268747"
    accessions = [e.findtext(f"{ATOM}content/{ATOM}accession-number")
                  for e in feed.iter(f"{ATOM}entry")]
    assert accessions == ["0001056404-03-000003", "0001056404-03-000002"]  # newest first


def test_atom_by_file_number_resolves_each_number_to_its_filer(client: httpx.Client) -> None:
    trust = atom(client, "filenum=333-106175-06")
    assert trust.findtext(f"{ATOM}company-info/{ATOM}cik") == "0001268747"
    assert len(trust.findall(f"{ATOM}entry")) == 3
    shelf = atom(client, "filenum=333-106175")
    assert shelf.findtext(f"{ATOM}company-info/{ATOM}conformed-name") == (
        "TERWIN SECURITIZATION LLC")
    assert [e.findtext(f"{ATOM}content/{ATOM}filing-href") for e in shelf.iter(f"{ATOM}entry")
            ] == ["https://www.sec.gov/Archives/edgar/data/1171040/000105640403000003/"
                  "0001056404-03-000003-index.htm"]


def test_atom_file_number_shared_by_several_filers_lists_them_all(tmp_path: Path) -> None:
    t = EdgarTree(tmp_path)
    t.add_filing(filing(1, date(2005, 3, 1)))
    t.add_filing(filing(2, date(2005, 3, 2), cik=1268799, company="OTHER TRUST"))
    with StandinServer(tmp_path, tree=t) as server, httpx.Client(
            base_url=server.url, headers={"User-Agent": UA}) as c:
        feed = atom(c, "filenum=333-106175-06")
    assert feed.find(f"{ATOM}company-info") is None
    hrefs = [e.findtext(f"{ATOM}content/{ATOM}filing-href") or ""
             for e in feed.iter(f"{ATOM}entry")]
    assert [h.split("/")[6] for h in hrefs] == ["1268799", "1268747"]


def test_no_match_answers_edgars_html_page(client: httpx.Client) -> None:
    sample = (FIXTURES / "browse-edgar-no-match.html").read_text()
    for query, phrase in (("filenum=333-999999", "No matching file number."),
                          ("CIK=0000000042", "No matching CIK."),
                          ("CIK=NOSUCH", "No matching Ticker Symbol.")):
        r = client.get(f"/cgi-bin/browse-edgar?action=getcompany&{query}&output=atom")
        assert (r.status_code, r.headers["content-type"]) == (200, "text/html")
        assert f"<h1>{phrase}</h1>" in r.text
        assert "<title>Company Information: </title>" in r.text and "<title>Company " \
            "Information: </title>" in sample


# ------------------------------------------------------------------ joint filings, headers page

def test_joint_10d_header_matches_the_real_multiple_filers_header(client: httpx.Client) -> None:
    text = client.get("/Archives/edgar/data/1171040/000105640403000003/"
                      "0001056404-03-000003.txt").text
    real_header = (FIXTURES / "MultipleFilersHeader.txt").read_text()
    for line in ("<DEPOSITOR-CIK>0001171040\n", "<SPONSOR-CIK>0000036644\n",
                 "ABS ASSET CLASS:             \tHome equity\n"):
        assert line.split(">")[0].split(":")[0] in real_header
        assert line in text
    assert text.count("\nFILER:\n") == 2 == real_header.count("\nFILER:\n")
    assert "\t\tSEC FILE NUMBER:\t333-106175\n" in text
    assert text.index("DATE AS OF CHANGE") < text.index("ABS ASSET CLASS") < text.index("FILER:")


def test_index_headers_page_has_the_real_structure(client: httpx.Client) -> None:
    r = client.get("/Archives/edgar/data/1268747/000105640403000003/"
                   "0001056404-03-000003-index-headers.html")
    sample = (FIXTURES / "index-headers.html").read_text()
    assert r.status_code == 200
    for marker in ("<HTML><HEAD><TITLE>SEC EDGAR Submission ", "\n<!--\n<SEC-HEADER>",
                   "\n</SEC-HEADER>\n-->\n</HEAD><BODY>\n<PRE>&lt;SEC-DOCUMENT&gt;",
                   "&lt;/SEC-DOCUMENT&gt;</PRE></BODY></HTML>"):
        assert marker in sample and marker in r.text
    assert r.text.count("<FILER>") == 2
    assert "<DEPOSITOR-CIK>0001171040\n" in r.text
    assert '<a href="ex3.txt">Document 2 - file: ex3.txt</a><br>' in r.text


def test_joint_filing_is_in_both_filers_submissions(client: httpx.Client) -> None:
    depositor = client.get("/submissions/CIK0001171040.json").json()
    assert depositor["name"] == "TERWIN SECURITIZATION LLC"
    assert depositor["filings"]["recent"]["accessionNumber"] == ["0001056404-03-000003"]
    assert depositor["filings"]["recent"]["fileNumber"] == ["333-106175"]
    trust = client.get("/submissions/CIK0001268747.json").json()
    assert "0001056404-03-000003" in trust["filings"]["recent"]["accessionNumber"]


def test_a_cik_cannot_file_twice_in_one_submission() -> None:
    with pytest.raises(ValueError, match="more than once"):
        filing(9, date(2005, 1, 3), co_filers=(CoFiler(TRUST, "SAME"),))
