"""Synthetic deals with known truth, rendered in real layout families (tests, demo).

``simulate`` runs a loan-level home-equity trust month by month and returns the TRUTH
(``parsers.model.Report`` per distribution); ``render_ctslink`` prints a month as a Wells Fargo
CTSLink report structured like the seed; ``deals.synthetic_trusts`` packages both as EDGAR-like
monthly 8-K filings (one 8-K/A restatement per trust).
"""

from lab.synth.deals import SyntheticFiling, SyntheticTrust, synthetic_trusts
from lab.synth.render_ctslink import (
    Masthead,
    RenderOptions,
    render_cover,
    render_document,
    render_report,
)
from lab.synth.simulate import DealSpec, simulate

__all__ = [
    "DealSpec",
    "Masthead",
    "RenderOptions",
    "SyntheticFiling",
    "SyntheticTrust",
    "render_cover",
    "render_document",
    "render_report",
    "simulate",
    "synthetic_trusts",
]
