"""The bodies SEC answers with when it does not serve the file.

Clients recognise these pages by their titles (``SEC.gov | File Not Found Error Alert (404)``,
``Your Request Originates from an Undeclared Automated Tool``, ``SEC.gov | Request Rate
Threshold Exceeded``), so the titles and headline sentences are SEC's own words; the page
chrome around them is trimmed.
"""

from __future__ import annotations

from html import escape

__all__ = [
    "directory_html",
    "no_such_key_xml",
    "not_found_html",
    "rate_limited_html",
    "undeclared_tool_html",
]

_PAGE = """<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>{title}</title>
  </head>
  <body>
    <main id="main-content">
{body}
    </main>
  </body>
</html>
"""

_SEC_DEVELOPER = ('For best practices on efficiently downloading information from SEC.gov, '
                  'including the latest EDGAR filings, visit <a href="https://www.sec.gov/developer"'
                  ' id="developer-link">sec.gov/developer</a>.')


def not_found_html(path: str) -> bytes:
    """www.sec.gov's 404 page."""
    body = ("      <h1>We can\u2019t find the page you\u2019re looking for.</h1>\n"
            f"      <p>The requested URL {escape(path)} was not found on this server.</p>\n"
            '      <p><a href="/">SEC.gov home</a></p>')
    return _PAGE.format(title="SEC.gov | File Not Found Error Alert (404)", body=body).encode()


def no_such_key_xml(path: str) -> bytes:
    """data.sec.gov's 404: its object store's ``NoSuchKey`` error (e.g. an unknown CIK)."""
    key = escape(path.lstrip("/"))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code>'
            f"<Message>The specified key does not exist.</Message><Key>{key}</Key></Error>"
            ).encode()


def undeclared_tool_html(reference: str) -> bytes:
    """The 403 for a request whose User-Agent declares no contact e-mail."""
    body = ("      <h1>Your Request Originates from an Undeclared Automated Tool</h1>\n"
            "      <p>To allow for equitable access to all users, SEC reserves the right to limit "
            "requests originating from undeclared automated tools. Your request has been "
            "identified as part of a network of automated tools outside of the acceptable "
            "policy and will be managed until action is taken to declare your traffic.</p>\n"
            "      <p>Please declare your traffic by updating your user agent to include company "
            "specific information.</p>\n"
            f"      <p>{_SEC_DEVELOPER}</p>\n"
            f"      <p>Reference ID: {escape(reference)}</p>")
    title = "SEC.gov | Your Request Originates from an Undeclared Automated Tool"
    return _PAGE.format(title=title, body=body).encode()


def rate_limited_html(reference: str) -> bytes:
    """The 403 SEC sends while a client is blocked for exceeding 10 requests per second."""
    body = ("      <h1>Your Request Rate Threshold Has Been Exceeded</h1>\n"
            "      <p>To allow for equitable access to all users, SEC reserves the right to limit "
            "requests originating from undeclared automated tools. Your request has been "
            "identified as part of a network of automated tools outside of the acceptable "
            "policy and will be managed until action is taken to declare your traffic.</p>\n"
            "      <p>Please declare your traffic by updating your user agent to include company "
            "specific information.</p>\n"
            f"      <p>{_SEC_DEVELOPER}</p>\n"
            f"      <p>Reference ID: {escape(reference)}</p>")
    return _PAGE.format(title="SEC.gov | Request Rate Threshold Exceeded", body=body).encode()


def directory_html(path: str, names: list[str]) -> bytes:
    """A plain directory page for a folder URL that has an ``index.json`` listing."""
    base = path if path.endswith("/") else path + "/"
    rows = "\n".join(f'      <tr><td><a href="{escape(base + n)}">{escape(n)}</a></td></tr>'
                     for n in names)
    body = (f"      <h1>Directory Listing for {escape(path)}</h1>\n"
            f"      <table>\n{rows}\n      </table>")
    return _PAGE.format(title=f"Index of {escape(path)}", body=body).encode()
