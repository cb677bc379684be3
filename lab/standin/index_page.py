"""The filing index page ``{accession}-index.htm`` ("EDGAR Filing Documents for ...").

Trimmed from the real page captured in the corpus (edgarWebR ``...-index.htm.html``): the same
element ids and classes (``formDiv``, ``formGrouping``/``infoHead``/``info``, ``tableFile``,
``filerDiv``, ``companyName``, ``identInfo``) and the same document-table columns, so scrapers
written against EDGAR find what they look for. Analytics scripts and banners are left out.
"""

from __future__ import annotations

from html import escape

from lab.standin.model import Address, Filer, TreeFiling, sic_description

__all__ = ["FORM_NAMES", "filing_index_html"]

FORM_NAMES = {
    "8-K": "Current report", "8-K/A": "[Amend] Current report",
    "10-D": "Asset-Backed Issuer Distribution Report", "10-D/A": "[Amend] Asset-Backed Issuer "
    "Distribution Report", "10-K": "Annual report", "15-15D": "Suspension of duty to report",
    "424B5": "Prospectus", "ABS-15G": "Asset-backed securitizer report",
}

_HEAD = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" \
"http://www.w3.org/TR/html4/loose.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="Last-Modified" content="{modified}" />
<title>EDGAR Filing Documents for {acc}</title>
<link rel="stylesheet" type="text/css" href="/include/interactive.css" />
</head>
<body style="margin: 0">
<div id="headerBottom">
   <div id="PageTitle">Filing Detail</div>
</div>
<div id="contentDiv">
"""


def _info(head: str, value: str) -> str:
    return (f'         <div class="infoHead">{head}</div>\n'
            f'         <div class="info">{value}</div>\n')


def _form_div(f: TreeFiling) -> str:
    accepted = f.accepted.strftime("%Y-%m-%d %H:%M:%S")
    groups = [_info("Filing Date", f.filed.isoformat()) + _info("Accepted", accepted)
              + _info("Documents", str(len(f.documents)))]
    if f.period is not None:
        groups.append(_info("Period of Report", f.period.isoformat()))
    if f.items:
        groups.append(_info("Items", "<br />".join(escape(i) for i in f.items)))
    body = "".join(f'      <div class="formGrouping">\n{g}      </div>\n' for g in groups)
    return (f'<div id="formDiv">\n   <div id="formHeader">\n      <div id="formName">\n'
            f"         <strong>Form {escape(f.form)}</strong> - "
            f"{escape(FORM_NAMES.get(f.form, ''))}: \n      </div>\n"
            f'      <div id="secNum">\n         <strong><acronym title="Securities and Exchange '
            f'Commission">SEC</acronym> Accession <acronym title="Number">No.</acronym></strong>'
            f" {f.accession}\n      </div>\n   </div>\n"
            f'   <div class="formContent">\n{body}      <div style="clear:both"></div>\n   </div>\n'
            "</div>\n")


def _row(cells: list[str], shaded: bool) -> str:
    tds = "".join(f'            <td scope="row">{c}</td>\n' for c in cells)
    attrs = ' class="blueRow"' if shaded else ""
    return f"         <tr{attrs}>\n{tds}         </tr>\n"


def _documents_div(f: TreeFiling, sizes: dict[str, int], full_size: int) -> str:
    base = f"/Archives/edgar/data/{f.cik}/{f.folder}"
    rows = [
        _row([str(seq), escape(d.description or ""),
              f'<a href="{base}/{escape(d.filename)}">{escape(d.filename)}</a>',
              escape(d.type), str(sizes[d.filename])], shaded=seq % 2 == 0)
        for seq, d in enumerate(f.documents, start=1)
    ]
    txt = f"{f.accession}.txt"
    rows.append(_row(["&nbsp;", "Complete submission text file",
                      f'<a href="{base}/{txt}">{txt}</a>', "&nbsp;", str(full_size)],
                     shaded=len(rows) % 2 == 1))
    header = "".join(f'            <th scope="col"{w}>{h}</th>\n' for h, w in (
        ('<acronym title="Sequence Number">Seq</acronym>', ' style="width: 5%;"'),
        ("Description", ' style="width: 40%;"'), ("Document", ' style="width: 20%;"'),
        ("Type", ' style="width: 10%;"'), ("Size", "")))
    return ('<div id="formDiv">\n   <div style="padding: 0px 0px 4px 0px; font-size: 12px; '
            'margin: 0px 2px 0px 5px; width: 100%; overflow:hidden">\n'
            "      <p>Document Format Files</p>\n"
            '      <table class="tableFile" summary="Document Format Files">\n'
            f"         <tr>\n{header}         </tr>\n{''.join(rows)}      </table>\n"
            "   </div>\n</div>\n")


def _mailer(title: str, a: Address) -> str:
    lines = [a.street1] + ([a.street2] if a.street2 else [])
    spans = "".join(f'      <span class="mailerAddress">{escape(s)}</span>\n' for s in lines)
    spans += f'      <span class="mailerAddress">\n{escape(f"{a.city} {a.state} {a.zip}")}' \
             "      </span>\n"
    if a.phone:
        spans += f'      <span class="mailerAddress">{escape(a.phone)}</span>\n'
    return f'   <div class="mailer">{title}\n{spans}   </div>\n'


def _filer_div(f: TreeFiling, filer: Filer) -> str:
    """One filer's box; a joint 10-D (trust + depositor) gets one box per filer, as on EDGAR."""
    cik = f"{filer.cik:010d}"
    file_no = (f'<a href="/cgi-bin/browse-edgar?filenum={filer.file_number}&amp;action=getcompany">'
               f"<strong>{filer.file_number}</strong></a>") if filer.file_number else ""
    mailers = "".join(_mailer(title, a) for title, a in (
        ("Mailing Address", filer.mail_address), ("Business Address", filer.business_address))
        if a is not None)
    return ('<div id="filerDiv">\n' + mailers
            + '<div class="companyInfo">\n'
            f'  <span class="companyName">{escape(filer.company)} (Filer)\n'
            f' <acronym title="Central Index Key">CIK</acronym>: <a href="/cgi-bin/browse-edgar?'
            f'CIK={cik}&amp;action=getcompany">{cik} (see all company filings)</a></span>\n'
            f'<p class="identInfo">State of Incorp.: <strong>{escape(filer.state or "")}'
            "</strong> | "
            f"Fiscal Year End: <strong>{filer.fiscal_year_end or ''}</strong><br />"
            f'<acronym title="Standard Industrial Code">SIC</acronym>: <b><a href="/cgi-bin/'
            f'browse-edgar?action=getcompany&amp;SIC={filer.sic}&amp;owner=include">{filer.sic}'
            f"</a></b> {escape(sic_description(filer.sic))}<br />Office of Structured Finance<br />"
            f"Type: <strong>{escape(f.form)}</strong> | Act: <strong>{f.act_code}</strong> | "
            f"File No.: {file_no} | Film No.: <strong>{filer.film}</strong></p>\n"
            '</div>\n<div class="clear"></div>\n</div>\n')


def filing_index_html(f: TreeFiling, sizes: dict[str, int], full_size: int) -> bytes:
    """The page; ``sizes`` maps document name -> bytes, ``full_size`` is the ``.txt``'s size."""
    modified = f.accepted.strftime("%a, %d %b %Y %H:%M:%S GMT")
    page = (_HEAD.format(modified=modified, acc=f.accession) + _form_div(f)
            + _documents_div(f, sizes, full_size)
            + "".join(_filer_div(f, x) for x in f.filers) + "</div>\n</body>\n</html>\n")
    return page.encode("utf-8")
