"""SGML submission splitting against real EDGAR headers and the seed's own submission."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from parsers import read_filers, split_submission
from parsers.errors import ParseError, SubmissionFormatError
from parsers.model import Filer

EDGAR = Path(__file__).resolve().parents[1] / "fixtures" / "edgar"


def test_seed_submission_header_and_document(seed_submission: bytes, seed_document: str) -> None:
    header, documents = split_submission(seed_submission)
    assert header.accession == "0001056404-03-002432"
    assert (header.form, header.filed_date, header.period) == (
        "8-K", date(2003, 12, 3), date(2003, 11, 25))
    assert header.document_count == 1
    assert header.filers == (Filer(1268747, "TERWIN MORTGAGE TRUST SERIES 2003-4HE",
                                   "333-106175-06", "8-K", 6189),)
    assert (header.depositor_cik, header.asset_class) == (None, None)  # a pre-Reg AB 8-K
    assert (header.cik, header.file_number) == (1268747, "333-106175-06")
    [document] = documents
    assert (document.type, document.sequence, document.filename) == (
        "8-K", 1, "ter034he_nov.txt")
    assert document.description == "8-K document"
    assert document.text == seed_document


def test_crlf_submission_reads_the_same(
    make_submission: Callable[..., bytes], seed_document: str
) -> None:
    raw = make_submission([("8-K", "ter034he_nov.txt", seed_document)], crlf=True)
    header, [document] = split_submission(raw)
    assert header.accession == "0001056404-03-002432"
    assert document.text == seed_document


def test_latin1_bytes_fall_back(make_submission: Callable[..., bytes]) -> None:
    raw = make_submission([("EX-99.1", "ex.txt", "Soci\xe9t\xe9 G\xe9n\xe9rale")])
    _, [document] = split_submission(raw)
    assert document.text == "Société Générale"


def test_multiple_filers_10d_header_with_tabs() -> None:
    header, documents = split_submission((EDGAR / "MultipleFilersHeader.txt").read_bytes())
    assert documents == []
    assert (header.accession, header.form) == ("0001104659-23-069855", "10-D")
    assert (header.period, header.filed_date) == (date(2023, 5, 31), date(2023, 6, 9))
    assert header.document_count == 2
    assert header.filers == (
        Filer(1396730, "First National Master Note Trust", "333-140273-01", "10-D", 6189),
        Filer(1171040, "FIRST NATIONAL FUNDING LLC", "000-50139", "10-D", 6189),
    )
    # Reg AB headers print the depositor's CIK as a tag line and the asset class as a field
    assert (header.depositor_cik, header.asset_class) == (1171040, "Credit card")


def test_serial_company_block_follows_the_filer() -> None:
    raw = (EDGAR / "BankOfAmerica.424B5.header.txt").read_bytes()
    header, _ = split_submission(raw)
    assert (header.accession, header.form, header.period) == (
        "0000928385-00-003420", "424B5", None)
    assert header.filers == (
        Filer(1014956, "BANK OF AMERICA MORTGAGE SECURITIES INC", "333-80941", "424B5", 6189),
        Filer(1130269, "BANK OF AMERICA MORT SEC INC MORT PASS THRU CERTS SER 2000 8",
              "333-80941-08", "424B5", 6189),
    )


@pytest.mark.parametrize("raw", [
    b"",
    b"\x00\xff\xfe garbage \x89PNG\r\n\x1a\n",
    b"<SEC-DOCUMENT>\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\t8-K\n</SEC-HEADER>\n",
    b"<SEC-HEADER>\nACCESSION NUMBER:\t0001056404-03-002432\nFILED AS OF DATE:\t2003\n",
])
def test_unreadable_header_raises_submission_format_error(raw: bytes) -> None:
    with pytest.raises(SubmissionFormatError) as caught:
        split_submission(raw)
    assert isinstance(caught.value, ParseError)


def test_truncated_submission_keeps_what_it_has(seed_submission: bytes) -> None:
    header, [document] = split_submission(seed_submission[: len(seed_submission) // 2])
    assert header.accession == "0001056404-03-002432"
    assert document.type == "8-K" and "Certificateholder Distribution Summary" in document.text


def test_filer_blocks_of_a_real_joint_10d_header() -> None:
    assert read_filers((EDGAR / "MultipleFilersHeader.txt").read_text()) == (
        Filer(1396730, "First National Master Note Trust", "333-140273-01", "10-D", 6189),
        Filer(1171040, "FIRST NATIONAL FUNDING LLC", "000-50139", "10-D", 6189),
    )


def test_filer_block_of_a_real_index_headers_page() -> None:
    """The page's HTML comment holds an XML-like header first; the escaped <PRE> is read."""
    assert read_filers((EDGAR / "index-headers.html").read_text()) == (
        Filer(803164, "CHOICEONE FINANCIAL SERVICES INC", "001-39209", "8-K", 6022),)


def test_read_filers_agrees_with_the_submission_header(seed_submission: bytes) -> None:
    header, _ = split_submission(seed_submission)
    assert read_filers(seed_submission.decode("latin-1")) == header.filers


def test_text_without_a_header_has_no_filers() -> None:
    assert read_filers("<html><body>No matching Ticker Symbol.</body></html>") == ()
