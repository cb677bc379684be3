"""Fidelity check: an independent EDGAR client (edgartools) reads a trust from the stand-in.

Builds a small ABS trust with ``EdgarTree`` (8-K and 10-D filings carrying EX-99.1 reports,
one 10-D filed jointly with the depositor), serves it with ``StandinServer`` on 127.0.0.1 and
points edgartools at it through ``EDGAR_BASE_URL``/``EDGAR_DATA_URL`` (read by edgartools at
import time, so they are set before the import and edgartools runs in this process only).
edgartools then lists the company's filings from the submissions JSON and reads one filing's
documents and text from the Archives, exactly as it would from sec.gov. Run:

    .venv/bin/python benchmarks/edgartools_fidelity.py

Needs ``pip install edgartools`` (a benchmark-only dependency, never a runtime one).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass
from datetime import date, datetime, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lab.standin.model import CoFiler  # noqa: E402
from lab.standin.server import StandinServer  # noqa: E402
from lab.standin.tree import EdgarTree, TreeDocument, TreeFiling  # noqa: E402

TRUST_CIK = 1300001
TRUST = "TEST HOME EQUITY LOAN TRUST 2004-1"
DEPOSITOR_CIK = 1300000
IDENTITY = "absdw fidelity absdw-bench@example.com"


def _report(month: int) -> str:
    return (f"TEST HOME EQUITY LOAN TRUST 2004-1\nMONTHLY DISTRIBUTION REPORT {month:02d}/2007\n\n"
            "Class   Original Balance   Beginning Balance   Principal   Interest\n"
            f"A1      100,000,000.00     {90_000_000 - month * 1_000_000:,.2f}"
            f"       1,000,000.00  {375_000 - month * 1_000:,.2f}\n")


def trust_filings() -> list[TreeFiling]:
    """Two 8-Ks (cover + EX-99.1) and three 10-Ds (the last filed jointly with the depositor)."""
    filings = []
    for n, month in enumerate((1, 2), start=1):
        filings.append(TreeFiling(
            cik=TRUST_CIK, company=TRUST, accession=f"0000950123-07-{n:06d}", form="8-K",
            filed=date(2007, month, 26), period=date(2007, month, 25),
            file_number="333-110000-01", items=("Other Events",),
            acceptance=datetime(2007, month, 26, 10, 15, 0),
            documents=(TreeDocument("8-K", f"tst8k_{month:02d}.txt", "FORM 8-K\nSee 99.1\n",
                                    "CURRENT REPORT"),
                       TreeDocument("EX-99.1", f"tst991_{month:02d}.txt", _report(month),
                                    "MONTHLY DISTRIBUTION REPORT"))))
    for n, filed in enumerate((date(2007, 3, 26), date(2007, 4, 25), date(2007, 5, 25)), 3):
        month = filed.month
        joint = month == 5
        filings.append(TreeFiling(
            cik=TRUST_CIK, company=TRUST, accession=f"0000950123-07-{n:06d}", form="10-D",
            filed=filed, period=date(2007, month, 25),
            file_number="333-110000-01", acceptance=datetime.combine(filed, time(9, 30)),
            depositor_cik=DEPOSITOR_CIK if joint else None,
            co_filers=(CoFiler(DEPOSITOR_CIK, "TEST DEPOSITOR LLC", "333-110000",
                               state="DE"),) if joint else (),
            documents=(TreeDocument("10-D", f"d10d_{month:02d}.htm",
                                    f"<html><body>FORM 10-D for {month:02d}/2007</body></html>",
                                    "FORM 10-D"),
                       TreeDocument("EX-99.1", f"ex991_{month:02d}.txt", _report(month),
                                    "MONTHLY DISTRIBUTION REPORT"))))
    return filings


def build_tree(root: Path) -> EdgarTree:
    tree = EdgarTree(root)
    for f in trust_filings():
        tree.add_filing(f)
    tree.write_submissions()
    tree.write_indexes()
    return tree


@dataclass
class Observed:
    """What edgartools saw, for printing and for the test's assertions."""

    name: str
    cik: int
    filings: list[tuple[str, str, str]]  # (form, accession, filing date)
    attachments: list[tuple[str, str]]  # (document type, file name) of the read filing
    exhibit_text: str
    header_filers: list[str]
    quarter_index: list[tuple[str, str, int, str]]  # (form, company, cik, accession) of 2007Q2


def observe_with_edgartools(base_url: str, cache_dir: Path) -> Observed:
    """Point edgartools at ``base_url`` and read the trust (edgartools must not be imported yet)."""
    os.environ["EDGAR_BASE_URL"] = base_url
    os.environ["EDGAR_DATA_URL"] = base_url
    os.environ["EDGAR_LOCAL_DATA_DIR"] = str(cache_dir)
    os.environ["EDGAR_IDENTITY"] = IDENTITY
    import edgar

    edgar.set_identity(IDENTITY)
    company = edgar.Company(TRUST_CIK)
    filings = company.get_filings()
    listed = [(f.form, f.accession_no, str(f.filing_date)) for f in filings]
    joint = next(f for f in filings if f.accession_no == "0000950123-07-000005")
    attachments = [(a.document_type, a.document) for a in joint.attachments]
    exhibit = next(a for a in joint.attachments if a.document_type == "EX-99.1")
    header = joint.header
    quarter = edgar.get_filings(year=2007, quarter=2)  # parses full-index/2007/QTR2/form.idx
    indexed = [(f.form, f.company, f.cik, f.accession_no) for f in quarter]
    return Observed(company.name, company.cik, listed, attachments, exhibit.content,
                    [f.company_information.name for f in header.filers], indexed)


def main(argv: list[str]) -> int:
    """No arguments: build, serve, read and print. ``--observe URL CACHE``: print JSON only."""
    if argv[:1] == ["--observe"]:  # the test runs edgartools in a fresh process this way
        print(json.dumps(asdict(observe_with_edgartools(argv[1], Path(argv[2])))))
        return 0
    with tempfile.TemporaryDirectory(prefix="absdw-fidelity-") as tmp:
        tree = build_tree(Path(tmp) / "edgar")
        server = StandinServer.with_sec_behaviours(tree.root, tree=tree)
        with server:
            seen = observe_with_edgartools(server.url, Path(tmp) / "edgartools-cache")
        print(f"company: {seen.name} (CIK {seen.cik})")
        for form, accession, filed in seen.filings:
            print(f"  {filed}  {form:<6} {accession}")
        print("joint 10-D documents:", seen.attachments)
        print("joint 10-D header filers:", seen.header_filers)
        print("EX-99.1 text:\n" + seen.exhibit_text)
        print("2007 Q2 full index as edgartools parsed it:")
        for row in seen.quarter_index:
            print("  ", row)
        limiter = server.rate_limiter
        print(f"requests: {len(server.requests)}; statuses: "
              f"{sorted({r.status for r in server.requests})}; throttle violations: "
              f"{limiter.violations if limiter else 'n/a'}")
        for r in server.requests:
            print(f"  {r.status} {r.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
