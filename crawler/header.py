"""The FILER blocks of a filing's SGML header: who filed it, under which SEC file number.

Discovery needs only three lines of each block (``COMPANY CONFORMED NAME``, ``CENTRAL INDEX
KEY``, ``SEC FILE NUMBER``) to map a file number to its filer, both from the small
``-index-headers.html`` page and from a full submission already in the raw store (so every
stored filing teaches the file-number cache for free). Reading reports is the parsers' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["HeaderFiler", "filers_in_header"]

_BLOCK_START = re.compile(r"^(FILER|SUBJECT COMPANY):\s*$")
_FIELD = re.compile(r"^\s*(COMPANY CONFORMED NAME|CENTRAL INDEX KEY|SEC FILE NUMBER):\s*(.*?)\s*$")
_HEADER_ENDS = ("</SEC-HEADER>", "&lt;/SEC-HEADER&gt;")
_SCAN_LIMIT = 200_000  # headers are a few kB; never scan a whole 50 MB submission


@dataclass(frozen=True)
class HeaderFiler:
    """One FILER block; ``file_number`` is "" when the block states none."""

    cik: int
    company: str
    file_number: str


def filers_in_header(text: str) -> list[HeaderFiler]:
    """Every FILER / SUBJECT COMPANY block of the header at the start of ``text``."""
    blocks: list[dict[str, str]] = []
    for line in text[:_SCAN_LIMIT].splitlines():
        if blocks and line.strip().startswith(_HEADER_ENDS):
            break  # documents follow: their text may quote other headers
        if _BLOCK_START.match(line.strip()):
            blocks.append({})
            continue
        match = _FIELD.match(line)
        if match and blocks:
            blocks[-1].setdefault(match.group(1), match.group(2))
    return [
        HeaderFiler(int(b["CENTRAL INDEX KEY"]), b.get("COMPANY CONFORMED NAME", ""),
                    b.get("SEC FILE NUMBER", ""))
        for b in blocks
        if b.get("CENTRAL INDEX KEY", "").isdigit()
    ]
