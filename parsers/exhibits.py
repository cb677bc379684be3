"""Which document of a submission holds the monthly report.

In order of preference:

1. a separate document of TYPE ``EX-99.x`` or (1990s) ``EX-20.x``; with several, the one whose
   text looks most like a distribution report (keyword count), earliest sequence on a tie;
2. inline in the primary 8-K / 10-D text after a line that is only an exhibit marker
   (``EX-99.1``) — the seed's shape; the cover text before the marker is not the report.

Nothing found -> ``None``; :func:`missing_reason` says what the submission did hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.model import Document

__all__ = ["LocatedReport", "locate_report", "missing_reason"]

_EXHIBIT_TYPE = re.compile(r"^EX-(99|20)(\.[0-9A-Z]+)*$", re.I)
_INLINE_MARKER = re.compile(r"^[ \t]*(EX-(?:99|20)(?:\.[0-9A-Z]+)*)[ \t]*$", re.I | re.M)
_PRIMARY_TYPES = ("8-K", "10-D", "10-K", "8-K/A", "10-D/A")
_KEYWORDS = ("distribution", "certificateholder", "class", "principal", "interest",
             "delinquen", "record date", "pool", "collateral", "<table>")


@dataclass(frozen=True)
class LocatedReport:
    exhibit_type: str  # "EX-99.1", "EX-20" ...
    filename: str | None
    text: str


def locate_report(documents: list[Document]) -> LocatedReport | None:
    """The report's exhibit type, carrying document and text, or None."""
    exhibits = [d for d in documents if _EXHIBIT_TYPE.match(d.type) and d.text.strip()]
    if exhibits:
        best = max(exhibits, key=lambda d: (_likeness(d.text), -(d.sequence or 0)))
        return LocatedReport(best.type.upper(), best.filename, best.text)
    for document in documents:
        if document.type.upper().startswith(_PRIMARY_TYPES):
            markers = list(_INLINE_MARKER.finditer(document.text))
            if markers:
                last = markers[-1]
                return LocatedReport(last.group(1).upper(), document.filename,
                                     document.text[last.end():].lstrip("\n"))
    return None


def missing_reason(documents: list[Document]) -> str:
    """``"no EX-99/EX-20 report found among documents: 8-K ter.txt, GRAPHIC a.jpg"`` (the
    first 20; a submission may hold thousands)."""
    listed = ", ".join(f"{d.type or '?'} {d.filename or '(unnamed)'}"[:80] for d in documents[:20])
    more = f" (+{len(documents) - 20:,} more)" if len(documents) > 20 else ""
    return f"no EX-99/EX-20 report found among documents: {listed or '(none)'}{more}"


def _likeness(text: str) -> int:
    lowered = text[:200_000].lower()
    return sum(lowered.count(word) > 0 for word in _KEYWORDS)
