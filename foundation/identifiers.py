"""The rule of each identifier absdw accepts, in one place: config, crawler and parsers agree.

* **CIK**: a positive integer of at most 10 digits (``1268747``; EDGAR pads it to 10 in URLs);
* **accession**: ``##########-##-######`` (filer id, year, sequence), or its 18 bare digits;
* **SEC file number**: ``333-106175-06`` (shelf, serial, optional series);
* **User-Agent**: SEC's fair-access rule wants a name and a contact e-mail
  (``"Jane Analyst jane@example.com"``); an e-mail whose domain ends in a word of two or more
  letters is required, and checked before any request is sent;
* **EDGAR base URL**: ``http(s)://host[:port]``, no trailing slash.

Each ``check_*`` returns the normalized value or raises
:class:`~foundation.errors.InvalidIdentifier` naming the value and the expected shape.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from foundation.errors import InvalidIdentifier

__all__ = [
    "ACCESSION_PATTERN",
    "USER_AGENT_REMEDY",
    "accession_digits",
    "check_base_url",
    "check_cik",
    "check_file_number",
    "check_user_agent",
    "is_accession",
    "normalize_accession",
]

#: A dashed accession, for building larger patterns (``ACCESSION_PATTERN + r"\.txt"``).
ACCESSION_PATTERN = r"\d{10}-\d{2}-\d{6}"
_DASHED = re.compile(ACCESSION_PATTERN)
_PLAIN = re.compile(r"\d{18}")
_FILE_NUMBER = re.compile(r"\d{1,4}-\d{1,6}(-\d{1,3})?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}(?![\w-])")
_MAX_CIK = 10**10

USER_AGENT_REMEDY = (
    'set ABSDW_USER_AGENT="Your Name your.email@example.com", or user_agent under [edgar] in '
    "config.toml, or pass --user-agent (SEC requires a name and a contact e-mail)"
)


def is_accession(value: str) -> bool:
    """True for a dashed accession ``0001056404-03-002432``."""
    return isinstance(value, str) and _DASHED.fullmatch(value) is not None


def normalize_accession(value: str) -> str:
    """The dashed form ``0001056404-03-002432``, from it or from its 18 bare digits."""
    if not isinstance(value, str):
        raise InvalidIdentifier(f"accession must be a string, got {type(value).__name__}")
    if _DASHED.fullmatch(value):
        return value
    if _PLAIN.fullmatch(value):
        return f"{value[:10]}-{value[10:12]}-{value[12:]}"
    raise InvalidIdentifier(
        f"invalid accession {value!r}: expected ##########-##-###### "
        "(e.g. 0001056404-03-002432) or its 18 digits without dashes"
    )


def accession_digits(value: str) -> str:
    """The 18-digit form EDGAR uses for a filing's archive folder."""
    return normalize_accession(value).replace("-", "")


def check_cik(cik: object) -> int:
    """A CIK: an ``int`` (``bool`` is refused though it is one; text is converted by whoever
    reads it, e.g. configuration), positive, of at most 10 digits."""
    if isinstance(cik, bool) or not isinstance(cik, int) or not 0 < cik < _MAX_CIK:
        raise InvalidIdentifier(
            f"invalid CIK {cik!r}: expected a positive integer of at most 10 digits")
    return cik


def check_file_number(value: object) -> str:
    """An SEC file number ``333-106175-06`` (surrounding blanks dropped)."""
    text = value.strip() if isinstance(value, str) else ""
    if not _FILE_NUMBER.fullmatch(text):
        raise InvalidIdentifier(
            f"invalid SEC file number {value!r}: expected digits-digits[-digits], "
            "e.g. 333-106175-06"
        )
    return text


def check_user_agent(value: object) -> str:
    """A User-Agent SEC accepts: a name and a contact e-mail (blanks around it dropped)."""
    text = value.strip() if isinstance(value, str) else ""
    if not _EMAIL.search(text):
        raise InvalidIdentifier(
            f"EDGAR requires a declared User-Agent with a contact e-mail (got {text!r}): "
            f"{USER_AGENT_REMEDY}"
        )
    return text


def check_base_url(value: object, what: str = "EDGAR") -> str:
    """``http(s)://host[:port][/path]`` without its trailing slash."""
    url = value.rstrip("/") if isinstance(value, str) else ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(
            c.isspace() for c in url):
        raise InvalidIdentifier(
            f"invalid {what} base URL {value!r}: expected http(s)://host[:port]")
    return url
