"""``{accession}-index-headers.html``: the SGML header twice, as EDGAR's page carries it.

Copied in shape from the real pages in the corpus (edgartools ``index-headers.html``,
``0001971857-23-000246-index-headers.html``): an HTML comment holding the tagged header
(``<ACCESSION-NUMBER>``, ``<FILER>``/``<COMPANY-DATA>`` ...), then a ``<PRE>`` with the
escaped plain-text header and one link per document in place of its text. Crawlers read the
comment to get the header without downloading the documents.
"""

from __future__ import annotations

from html import escape

from lab.standin.model import Address, Filer, TreeFiling
from lab.standin.sgml import sec_header
from lab.standin.submissions import item_codes

__all__ = ["index_headers_html"]


def _address(tag: str, a: Address | None, phone: bool) -> list[str]:
    if a is None:
        return []
    lines = [f"<{tag}>", f"<STREET1>{a.street1}"]
    if a.street2:
        lines.append(f"<STREET2>{a.street2}")
    lines += [f"<CITY>{a.city}", f"<STATE>{a.state}", f"<ZIP>{a.zip}"]
    if phone and a.phone:
        lines.append(f"<PHONE>{a.phone}")
    return [*lines, f"</{tag}>"]


def _filer(f: TreeFiling, x: Filer) -> list[str]:
    company = ["<FILER>", "<COMPANY-DATA>", f"<CONFORMED-NAME>{x.company}",
               f"<CIK>{x.cik:010d}", f"<ASSIGNED-SIC>{x.sic}"]
    company += [f"<IRS-NUMBER>{x.irs_number}"] if x.irs_number else []
    company += [f"<STATE-OF-INCORPORATION>{x.state}"] if x.state else []
    company += [f"<FISCAL-YEAR-END>{x.fiscal_year_end}"] if x.fiscal_year_end else []
    values = ["</COMPANY-DATA>", "<FILING-VALUES>", f"<FORM-TYPE>{f.form}", f"<ACT>{f.act_code}"]
    values += [f"<FILE-NUMBER>{x.file_number}"] if x.file_number else []
    values += [f"<FILM-NUMBER>{x.film}", "</FILING-VALUES>"]
    return (company + values + _address("BUSINESS-ADDRESS", x.business_address, True)
            + _address("MAIL-ADDRESS", x.mail_address, False) + ["</FILER>"])


def _tagged_header(f: TreeFiling) -> list[str]:
    filed = f"{f.filed:%Y%m%d}"
    lines = [f"<SEC-HEADER>{f.accession}.hdr.sgml : {filed}",
             f"<ACCEPTANCE-DATETIME>{f.accepted:%Y%m%d%H%M%S}",
             f"<ACCESSION-NUMBER>{f.accession}", f"<TYPE>{f.form}",
             f"<PUBLIC-DOCUMENT-COUNT>{len(f.documents)}"]
    if f.period is not None:
        lines.append(f"<PERIOD>{f.period:%Y%m%d}")
    lines += [f"<ITEMS>{code}" for code in item_codes(f).split(",") if code]
    lines += [f"<FILING-DATE>{filed}", f"<DATE-OF-FILING-DATE-CHANGE>{filed}"]
    lines += [f"<DEPOSITOR-CIK>{f.depositor_cik:010d}"] if f.depositor_cik is not None else []
    lines += [f"<SPONSOR-CIK>{f.sponsor_cik:010d}"] if f.sponsor_cik is not None else []
    lines += [f"<ABS-ASSET-CLASS>{f.abs_asset_class}"] if f.abs_asset_class else []
    for filer in f.filers:
        lines += _filer(f, filer)
    return [*lines, "</SEC-HEADER>"]


def _documents(f: TreeFiling) -> list[str]:
    lines = []
    for seq, d in enumerate(f.documents, start=1):
        head = [f"<TYPE>{d.type}", f"<SEQUENCE>{seq}", f"<FILENAME>{d.filename}"]
        head += [f"<DESCRIPTION>{d.description}"] if d.description else []
        lines += [escape(x, quote=False) for x in ["<DOCUMENT>", *head, "<TEXT>"]]
        lines.append(f'<a href="{escape(d.filename)}">Document {seq} - file: '
                     f"{escape(d.filename)}</a><br>")
        lines.append(escape("</DOCUMENT>", quote=False))
    return lines


def index_headers_html(f: TreeFiling) -> bytes:
    """The page for one filing (UTF-8)."""
    plain = escape(sec_header(f), quote=False).rstrip("\n").split("\n")
    first = escape(f"<SEC-DOCUMENT>{f.accession}-index.html : {f.filed:%Y%m%d}", quote=False)
    lines = [f"<HTML><HEAD><TITLE>SEC EDGAR Submission {f.accession}</TITLE>", "<!--",
             *_tagged_header(f), "-->", "</HEAD><BODY>", f"<PRE>{first}", *plain,
             *_documents(f)]
    lines.append(escape("</SEC-DOCUMENT>", quote=False) + "</PRE></BODY></HTML>")
    return ("\n".join(lines) + "\n").encode("utf-8")
