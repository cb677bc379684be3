"""EDGAR full-submission ``.txt`` (SGML) -> :class:`SubmissionHeader` + :class:`Document` list.

A submission is ``<SEC-DOCUMENT>`` (or ``<IMS-DOCUMENT>`` in the 1990s) holding a header of
``KEY:<tabs>value`` lines with nested ``FILER:`` / ``SERIAL COMPANY:`` blocks, then one
``<DOCUMENT>`` per file with ``<TYPE>``, ``<SEQUENCE>``, ``<FILENAME>``, ``<DESCRIPTION>`` and
the file's ``<TEXT>``. Bytes are decoded as UTF-8, falling back to Latin-1 (old filings are
not UTF-8), and CRLF is normalized. Only an unreadable header raises
(:class:`~parsers.errors.SubmissionFormatError`); missing documents are the caller's business.

:func:`read_filers` is the one reader of company blocks: the crawler is handed it to read
EDGAR's ``-index-headers.html`` page when it resolves a file number, and the orchestrator
teaches its file-number cache from the header :func:`split_submission` already read.
"""

from __future__ import annotations

import re
from html import unescape

from foundation.identifiers import is_accession
from parsers.engine.numbers import parse_date
from parsers.errors import SubmissionFormatError
from parsers.model import Document, Filer, SubmissionHeader

__all__ = ["decode", "read_filers", "split_submission"]

_HEADER = re.compile(r"<(SEC|IMS)-HEADER>(.*?)(?:</\1-HEADER>|(?=<DOCUMENT>)|\Z)", re.S | re.I)
_DOCUMENT = re.compile(r"<DOCUMENT>(.*?)(?:</DOCUMENT>|(?=<DOCUMENT>)|\Z)", re.S | re.I)
_TEXT = re.compile(r"<TEXT>\n?(.*?)(?:\n?</TEXT>|\Z)", re.S | re.I)
_FIELD = re.compile(r"^\s*([A-Z][A-Z0-9 /&-]*?):[ \t]*(.*?)\s*$")
_TOP_TAG = re.compile(r"^<(DEPOSITOR-CIK)>\s*(\d{1,10})\s*$", re.I | re.M)
_SIC = re.compile(r"\[(\d{4})\]\s*$")
_TAG = re.compile(r"^<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>(.*)$", re.I | re.M)
#: Blocks that name a company, FILER blocks first (``SubmissionHeader.cik`` is the filer's).
_BLOCKS = ("FILER", "SERIAL COMPANY", "SUBJECT COMPANY", "FILED BY")


def decode(raw: bytes) -> str:
    """UTF-8, else Latin-1 (never fails); line ends normalized to ``\\n``."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_submission(raw: bytes) -> tuple[SubmissionHeader, list[Document]]:
    """The header and every document of a full submission."""
    text = decode(raw)
    return _header(_header_text(text)), [_document(m.group(1)) for m in _DOCUMENT.finditer(text)]


def _header_text(text: str) -> str:
    match = _HEADER.search(text)
    if match:
        return match.group(2)
    head = text.split("<DOCUMENT>", 1)[0]
    if "ACCESSION NUMBER:" in head:  # a bare header (as EDGAR's .hdr.sgml files are)
        return head
    raise SubmissionFormatError("no <SEC-HEADER> in the submission: not an EDGAR .txt file?")


def _header(text: str) -> SubmissionHeader:
    top, blocks = _fields(text)
    accession = top.get("ACCESSION NUMBER", "")
    if not is_accession(accession):
        raise SubmissionFormatError(f"header has no valid ACCESSION NUMBER (got {accession!r})")
    form = top.get("CONFORMED SUBMISSION TYPE")
    filed = parse_date(top.get("FILED AS OF DATE"))
    if not form or filed is None:
        raise SubmissionFormatError(
            f"{accession}: header lacks CONFORMED SUBMISSION TYPE or FILED AS OF DATE")
    count = top.get("PUBLIC DOCUMENT COUNT", "")
    missing = next((kind for kind, block in blocks if _filer(block) is None), None)
    if missing is not None:
        raise SubmissionFormatError(f"{accession}: {missing} block without a CENTRAL INDEX KEY")
    filers = _filers(blocks)
    tags = {m.group(1).upper(): int(m.group(2)) for m in _TOP_TAG.finditer(text)}
    if not filers:
        raise SubmissionFormatError(f"{accession}: header names no FILER")
    return SubmissionHeader(
        accession=accession, form=form, filed_date=filed,
        period=parse_date(top.get("CONFORMED PERIOD OF REPORT")),
        document_count=int(count) if count.isdigit() else None, filers=filers,
        depositor_cik=tags.get("DEPOSITOR-CIK"), asset_class=top.get("ABS ASSET CLASS") or None,
    )


def _fields(text: str) -> tuple[dict[str, str], list[tuple[str, dict[str, str]]]]:
    """Top-level fields, and each company block's fields (first value of a key wins)."""
    top: dict[str, str] = {}
    blocks: list[tuple[str, dict[str, str]]] = []
    for line in text.split("\n"):
        match = _FIELD.match(line)
        if not match or line.lstrip().startswith("<"):
            continue
        key, value = match.group(1).strip(), match.group(2)
        if key in _BLOCKS and not value and not line[0].isspace():
            blocks.append((key, {}))
        elif value:
            target = blocks[-1][1] if blocks else top
            target.setdefault(key, value)
    return top, blocks


def read_filers(text: str) -> tuple[Filer, ...]:
    """The company blocks (FILER first) of the SGML header in ``text``: a full submission, a
    bare header, or EDGAR's ``-index-headers.html`` page (the header HTML-escaped in a
    ``<PRE>``). Blocks without a CENTRAL INDEX KEY are skipped; no header gives ``()``."""
    escaped = text.find("&lt;SEC-HEADER&gt;")
    if escaped >= 0:  # the page's comment holds an XML-like header first: read the <PRE>
        text = unescape(text[escaped:])
    try:
        header = _header_text(text)
    except SubmissionFormatError:
        return ()
    return _filers(_fields(header)[1])


def _filers(blocks: list[tuple[str, dict[str, str]]]) -> tuple[Filer, ...]:
    """The blocks' filers, FILER blocks first (``SubmissionHeader.cik`` is the filer's)."""
    return tuple(filer for kind in _BLOCKS for block_kind, block in blocks
                 if block_kind == kind and (filer := _filer(block)) is not None)


def _filer(block: dict[str, str]) -> Filer | None:
    cik = block.get("CENTRAL INDEX KEY", "")
    if not cik.isdigit():
        return None
    sic = _SIC.search(block.get("STANDARD INDUSTRIAL CLASSIFICATION", ""))
    return Filer(
        cik=int(cik), company=block.get("COMPANY CONFORMED NAME", ""),
        file_number=block.get("SEC FILE NUMBER"), form_type=block.get("FORM TYPE"),
        sic=int(sic[1]) if sic else None,
    )


def _document(body: str) -> Document:
    text_match = _TEXT.search(body)
    head = body[: text_match.start()] if text_match else body
    tags = {m.group(1).upper(): m.group(2).strip() for m in _TAG.finditer(head)}
    sequence = tags.get("SEQUENCE", "")
    return Document(
        type=tags.get("TYPE", "").upper(),
        sequence=int(sequence) if sequence.isdigit() else None,
        filename=tags.get("FILENAME") or None,
        description=tags.get("DESCRIPTION") or None,
        text=text_match.group(1) if text_match else "",
    )
