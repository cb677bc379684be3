"""The layout families of monthly distribution reports: one module each, and their registry.

A family module defines ``LAYOUT`` (its name, stored as ``filings.layout``), ``detect(text)``
(cheap: is this document mine?) and ``parse(text, trace=None) -> (Report, Evidence)`` (raises
``ReportLayoutError`` when it cannot read the structure; records each table's reading in
``trace`` for ``absdw parse --debug``). Adding a family is that module, one line in
:data:`FAMILIES`, and its tests (docs/parsers.md, "Adding a family").
"""

from __future__ import annotations

import typing
from collections.abc import Callable

from parsers.families import bankers_trust, ctslink, generic, html_tables, servicer_cert

if typing.TYPE_CHECKING:
    from parsers.engine.evidence import Evidence
    from parsers.engine.trace import Trace
    from parsers.model import Report

__all__ = ["FAMILIES", "Family"]


class Family(typing.NamedTuple):
    """A layout family: its name, a cheap detector and its parser. ``traced``: its parse
    records how each table was read (False: ``absdw parse --debug`` says it records none)."""

    layout: str
    detect: Callable[[str], bool]
    parse: Callable[[str, Trace | None], tuple[Report, Evidence]]
    traced: bool = True


#: Tried in order; the first whose detector accepts the text parses it.
FAMILIES: tuple[Family, ...] = (
    Family(ctslink.LAYOUT, ctslink.detect, ctslink.parse),
    Family(bankers_trust.LAYOUT, bankers_trust.detect, bankers_trust.parse),
    # before html_tables: a servicer's certificate in HTML is line items, not trustee tables
    Family(servicer_cert.LAYOUT, servicer_cert.detect, servicer_cert.parse, traced=False),
    Family(html_tables.LAYOUT, html_tables.detect, html_tables.parse),
    Family(generic.LAYOUT, generic.detect, generic.parse),  # the fallback: always last
)
