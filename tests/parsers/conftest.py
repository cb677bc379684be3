"""Parser fixtures: the seed report and submissions built around it the way EDGAR wraps them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from parsers import parse_report
from parsers.model import ParseResult

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

SEED_HEADER = (
    "<SEC-DOCUMENT>0001056404-03-002432.txt : 20031203\n"
    "<SEC-HEADER>0001056404-03-002432.hdr.sgml : 20031203\n"
    "<ACCEPTANCE-DATETIME>20031203143005\n"
    "ACCESSION NUMBER:\t\t0001056404-03-002432\n"
    "CONFORMED SUBMISSION TYPE:\t8-K\n"
    "PUBLIC DOCUMENT COUNT:\t\t{count}\n"
    "CONFORMED PERIOD OF REPORT:\t20031125\n"
    "ITEM INFORMATION:\t\tOther events\n"
    "FILED AS OF DATE:\t\t20031203\n"
    "\n"
    "FILER:\n"
    "\n"
    "\tCOMPANY DATA:\t\n"
    "\t\tCOMPANY CONFORMED NAME:\t\t\tTERWIN MORTGAGE TRUST SERIES 2003-4HE\n"
    "\t\tCENTRAL INDEX KEY:\t\t\t0001268747\n"
    "\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tASSET-BACKED SECURITIES [6189]\n"
    "\n"
    "\tFILING VALUES:\n"
    "\t\tFORM TYPE:\t\t8-K\n"
    "\t\tSEC ACT:\t\t1934 Act\n"
    "\t\tSEC FILE NUMBER:\t333-106175-06\n"
    "\t\tFILM NUMBER:\t\t031033777\n"
    "</SEC-HEADER>\n"
)

Doc = tuple[str, str, str]  # (type, filename, text)


def build_submission(documents: list[Doc], *, crlf: bool = False) -> bytes:
    """A full submission .txt around ``documents`` (EDGAR's shape, as the stand-in makes it)."""
    parts = [SEED_HEADER.format(count=len(documents))]
    for sequence, (kind, filename, text) in enumerate(documents, start=1):
        parts.append(
            f"<DOCUMENT>\n<TYPE>{kind}\n<SEQUENCE>{sequence}\n<FILENAME>{filename}\n"
            f"<DESCRIPTION>{kind} document\n<TEXT>\n{text}\n</TEXT>\n</DOCUMENT>\n"
        )
    parts.append("</SEC-DOCUMENT>\n")
    raw = "".join(parts)
    return (raw.replace("\n", "\r\n") if crlf else raw).encode("latin-1")


@pytest.fixture(scope="session")
def seed_document() -> str:
    """The real seed document: 8-K cover text, then the EX-99.1 report inline."""
    return (FIXTURES / "seed_ter034he_nov.txt").read_text(encoding="ascii")


@pytest.fixture(scope="session")
def seed_report_text(seed_document: str) -> str:
    """The report part of the seed (after its lone ``EX-99.1`` line)."""
    marker = "\n                   EX-99.1\n"
    return seed_document[seed_document.index(marker) + len(marker):]


@pytest.fixture(scope="session")
def seed_submission(seed_document: str) -> bytes:
    return build_submission([("8-K", "ter034he_nov.txt", seed_document)])


@pytest.fixture
def make_submission() -> Callable[..., bytes]:
    return build_submission


INTERNAL = "internal parser error"


def assert_structured(text: str) -> ParseResult:
    """``parse_report(text)`` ends in ``ok`` or a quarantine with a reason that is the
    document's, never an exception and never a parser bug caught as "internal parser error"
    (which ``parsers.api`` keeps as data so a sync goes on, and a hostile test must reject)."""
    result = parse_report(text)
    assert result.status in ("ok", "quarantined")
    if result.status == "quarantined":
        assert result.error and INTERNAL not in result.error, result.error
    return result
