"""A layout of no known family: a CTSLink report with every CTSLink marker reworded.

Captions become another trustee's synonyms (no "CTSLink", no "Certificateholder Distribution
Summary"), with or without the ``<TABLE>`` markup, so only the ``generic`` fallback family can
claim it; the numbers and their arithmetic are the CTSLink renderer's, so the truth is known.
The collateral statement's items change section with its caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lab.synth import render_ctslink
from lab.synth.cover import Masthead
from parsers.model import Report

__all__ = ["RENAMES", "RenderOptions", "printed_truth", "render_report", "reword"]

#: CTSLink wording -> another trustee's
RENAMES = {
    "Certificateholder Distribution Summary": "Holder Payment Summary",
    "Customer Service - CTSLink": "Investor Relations Desk",
    "Principal Distribution Statement": "Principal Payments",
    "Interest Distribution Statement": "Interest Payments",
    "COLLATERAL STATEMENT": "MORTGAGE POOL INFORMATION",
    "LOAN STATUS STRATIFICATION/CREDIT ENHANCEMENT STATEMENT": "PERFORMANCE",
}
_MARKUP = re.compile(r"^\s*(?:</?TABLE>|<CAPTION>|</?FN>|<S>.*)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class RenderOptions:
    """The CTSLink rendering underneath, and whether the ``<TABLE>`` markup stays."""

    ctslink: render_ctslink.RenderOptions = field(default_factory=render_ctslink.RenderOptions)
    markup: bool = True


def reword(text: str, markup: bool = True) -> str:
    """A CTSLink document with its markers renamed (and its markup dropped unless ``markup``)."""
    for old, new in RENAMES.items():
        text = text.replace(old, new)
    if not markup:
        text = "\n".join(line for line in text.splitlines() if not _MARKUP.match(line))
    return text


def render_report(report: Report, masthead: Masthead,
                  options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    return reword(render_ctslink.render_report(report, masthead, options.ctslink),
                  options.markup)


def printed_truth(report: Report, options: RenderOptions | None = None) -> Report:
    """The CTSLink truth, the collateral statement's items under their renamed section."""
    truth = render_ctslink.printed_truth(report, (options or RenderOptions()).ctslink)
    items = [replace(i, section="mortgage pool information")
             if i.section == "collateral statement" else i for i in truth.items]
    return replace(truth, items=items)
