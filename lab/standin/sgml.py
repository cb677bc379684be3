"""The full submission ``{accession}.txt``: SGML header plus every document, as EDGAR serves it.

The layout (tag order, the tab runs after each label, blank lines between blocks) is copied
from real headers of ABS filers (``MultipleFilersHeader.txt``, ``BankOfAmerica.424B5.header.txt``
in the shared corpus) because crawlers and parsers key on exactly those bytes.
"""

from __future__ import annotations

from datetime import date

from lab.standin.model import Address, Filer, TreeDocument, TreeFiling, sic_description

__all__ = ["document_block", "full_submission_text", "sec_header"]

_ACT_NAMES = {"33": "1933 Act", "34": "1934 Act"}


def _ymd(d: date) -> str:
    return d.strftime("%Y%m%d")


def _address_block(title: str, a: Address, *, phone: bool) -> list[str]:
    lines = [f"\t{title}:", f"\t\tSTREET 1:\t\t{a.street1}"]
    if a.street2:
        lines.append(f"\t\tSTREET 2:\t\t{a.street2}")
    lines += [f"\t\tCITY:\t\t\t{a.city}", f"\t\tSTATE:\t\t\t{a.state}", f"\t\tZIP:\t\t\t{a.zip}"]
    if phone and a.phone:
        lines.append(f"\t\tBUSINESS PHONE:\t\t{a.phone}")
    return lines


def _filer_block(f: Filer, form: str, act: str) -> list[str]:
    """One ``FILER:`` block; lines whose value EDGAR does not hold are left out, as it does."""
    sic_label = f"{sic_description(f.sic).upper()} [{f.sic}]".lstrip()
    company = [
        "FILER:",
        "",
        "\tCOMPANY DATA:",
        f"\t\tCOMPANY CONFORMED NAME:\t\t\t{f.company}",
        f"\t\tCENTRAL INDEX KEY:\t\t\t{f.cik:010d}",
        f"\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\t{sic_label}",
    ]
    if f.irs_number:
        company.append(f"\t\tIRS NUMBER:\t\t\t\t{f.irs_number}")
    if f.state:
        company.append(f"\t\tSTATE OF INCORPORATION:\t\t\t{f.state}")
    if f.fiscal_year_end:
        company.append(f"\t\tFISCAL YEAR END:\t\t\t{f.fiscal_year_end}")
    values = ["", "\tFILING VALUES:", f"\t\tFORM TYPE:\t\t{form}",
              f"\t\tSEC ACT:\t\t{_ACT_NAMES.get(act, act)}"]
    if f.file_number:
        values.append(f"\t\tSEC FILE NUMBER:\t{f.file_number}")
    values.append(f"\t\tFILM NUMBER:\t\t{f.film}")
    addresses: list[str] = []
    if f.business_address is not None:
        addresses += ["", *_address_block("BUSINESS ADDRESS", f.business_address, phone=True)]
    if f.mail_address is not None:
        addresses += ["", *_address_block("MAIL ADDRESS", f.mail_address, phone=False)]
    return company + values + addresses


def _abs_lines(f: TreeFiling) -> list[str]:
    """The ABS header tags of Reg AB II filings (``<DEPOSITOR-CIK>`` ... ``ABS ASSET CLASS``)."""
    lines = []
    if f.depositor_cik is not None:
        lines.append(f"<DEPOSITOR-CIK>{f.depositor_cik:010d}")
    if f.sponsor_cik is not None:
        lines.append(f"<SPONSOR-CIK>{f.sponsor_cik:010d}")
    return lines


def sec_header(f: TreeFiling) -> str:
    """The ``<SEC-HEADER>...</SEC-HEADER>`` block (with its trailing newline)."""
    filed = _ymd(f.filed)
    lines = [
        f"<SEC-HEADER>{f.accession}.hdr.sgml : {filed}",
        f"<ACCEPTANCE-DATETIME>{f.accepted.strftime('%Y%m%d%H%M%S')}",
        f"ACCESSION NUMBER:\t\t{f.accession}",
        f"CONFORMED SUBMISSION TYPE:\t{f.form}",
        f"PUBLIC DOCUMENT COUNT:\t\t{len(f.documents)}",
    ]
    if f.period is not None:
        lines.append(f"CONFORMED PERIOD OF REPORT:\t{_ymd(f.period)}")
    lines += [f"ITEM INFORMATION:\t\t{item}" for item in f.items]
    lines += _abs_lines(f)
    lines += [f"FILED AS OF DATE:\t\t{filed}", f"DATE AS OF CHANGE:\t\t{filed}"]
    if f.abs_asset_class:  # EDGAR pads this label with spaces, then a tab (sic)
        lines.append(f"ABS ASSET CLASS:             \t{f.abs_asset_class}")
    for filer in f.filers:
        lines += ["", *_filer_block(filer, f.form, f.act_code)]
    lines.append("</SEC-HEADER>")
    return "\n".join(lines) + "\n"


def document_block(doc: TreeDocument, sequence: int) -> str:
    """One ``<DOCUMENT>``; the text goes in unchanged, ended by one newline before ``</TEXT>``."""
    head = [f"<TYPE>{doc.type}", f"<SEQUENCE>{sequence}", f"<FILENAME>{doc.filename}"]
    if doc.description:
        head.append(f"<DESCRIPTION>{doc.description}")
    text = doc.text if doc.text.endswith("\n") else doc.text + "\n"
    return "<DOCUMENT>\n" + "\n".join(head) + "\n<TEXT>\n" + text + "</TEXT>\n</DOCUMENT>\n"


def full_submission_text(f: TreeFiling) -> str:
    """The complete submission text file EDGAR serves at ``{cik}/{folder}/{accession}.txt``."""
    docs = "".join(document_block(d, i) for i, d in enumerate(f.documents, start=1))
    return (f"<SEC-DOCUMENT>{f.accession}.txt : {_ymd(f.filed)}\n" + sec_header(f) + docs
            + "</SEC-DOCUMENT>\n")
