"""Locating the monthly report: inline after an EX-99.1 line, separate EX-99.x / EX-20.x."""

from __future__ import annotations

from collections.abc import Callable

from parsers import parse_submission
from parsers.exhibits import locate_report
from parsers.model import Document

COVER = "FORM 8-K\nItem 7. Exhibits\n  EX-99.1   Monthly report to holders\n"


def _doc(kind: str, name: str, text: str, sequence: int = 1) -> Document:
    return Document(kind, sequence, name, None, text)


def test_seed_report_is_inline_after_the_lone_marker_line(seed_submission: bytes) -> None:
    filing = parse_submission(seed_submission)
    assert (filing.exhibit_type, filing.document) == ("EX-99.1", "ter034he_nov.txt")
    assert filing.result.status == "ok" and filing.result.layout == "ctslink"
    assert filing.result.report is not None and len(filing.result.report.tranches) == 10


def test_inline_report_excludes_the_cover_text(seed_document: str) -> None:
    located = locate_report([_doc("8-K", "ter.txt", seed_document)])
    assert located is not None
    assert "SECURITIES AND EXCHANGE COMMISSION" not in located.text
    assert located.text.lstrip().startswith("<TABLE>")


def test_separate_ex_99_1_document(
    make_submission: Callable[..., bytes], seed_report_text: str
) -> None:
    raw = make_submission([("8-K", "cover.txt", COVER), ("EX-99.1", "ex991.txt",
                                                          seed_report_text)])
    filing = parse_submission(raw)
    assert (filing.exhibit_type, filing.document) == ("EX-99.1", "ex991.txt")
    assert filing.result.status == "ok"


def test_old_ex_20_exhibit_preferred_by_report_likeness(seed_report_text: str) -> None:
    documents = [
        _doc("10-K", "k.txt", COVER),
        _doc("EX-20", "letter.txt", "Letter to holders: nothing to report.", 2),
        _doc("EX-20.1", "report.txt", seed_report_text, 3),
    ]
    located = locate_report(documents)
    assert located is not None
    assert (located.exhibit_type, located.filename) == ("EX-20.1", "report.txt")


def test_missing_report_is_quarantined_with_the_document_list(
    make_submission: Callable[..., bytes],
) -> None:
    raw = make_submission([("8-K", "ter.txt", COVER), ("GRAPHIC", "logo.jpg", "begin 644")])
    filing = parse_submission(raw)
    assert filing.header.accession == "0001056404-03-002432"
    assert (filing.exhibit_type, filing.document, filing.result.report) == (None, None, None)
    assert filing.result.status == "quarantined"
    assert filing.result.error == (
        "no EX-99/EX-20 report found among documents: 8-K ter.txt, GRAPHIC logo.jpg")
