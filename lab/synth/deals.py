"""Synthetic trusts as EDGAR would hold them: monthly 8-Ks carrying CTSLink reports + truth.

``synthetic_trusts(n, months, seed)`` is deterministic. Trust ``k`` (0-based) has CIK
``1900001 + k``, series ``2004-{k+1}``, file number ``333-99000{k+1}-01``; even trusts file in
the seed's style (one 8-K document, report inline after the cover), odd trusts attach the
report as a separate EX-99.1 document. One month per trust (when ``months >= 3``) is first filed
with a wrong delinquency balance and later restated by an 8-K/A.

``SyntheticFiling.truth`` is always what *that* filing's document prints: the original of the
amended month carries the wrong number, its 8-K/A the corrected one (``amends`` names the
original's accession), so a warehouse that lets the latest filing win ends on the simulation.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from lab.synth.collateral import CollateralParams
from lab.synth.render_ctslink import (
    Masthead,
    RenderOptions,
    printed_truth,
    render_cover,
    render_document,
    render_report,
)
from lab.synth.simulate import DealSpec, simulate
from parsers.model import Report

__all__ = ["SyntheticFiling", "SyntheticTrust", "synthetic_trusts"]

Doc = tuple[str, str, str, str]  # (type, filename, description, text)


@dataclass(frozen=True)
class SyntheticFiling:
    """One submission: its EDGAR identity, its documents and the truth its report prints."""

    accession: str  # 0009999999-YY-NNNNNN
    form: str  # "8-K" or "8-K/A"
    filed_date: date
    period: date  # the distribution date
    documents: list[Doc]
    truth: Report
    amends: str | None = None


@dataclass(frozen=True)
class SyntheticTrust:
    """A trust with its monthly filings (in filing order)."""

    cik: int
    company: str
    file_number: str
    spec: DealSpec
    filings: list[SyntheticFiling] = field(default_factory=list)


def synthetic_trusts(n: int = 2, months: int = 24, seed: int = 7,
                     noise: RenderOptions | None = None) -> list[SyntheticTrust]:
    """``n`` trusts of ``months`` monthly filings each, rendered with ``noise`` (default off)."""
    counter = iter(range(1, 1_000_000))
    return [_trust(k, months, seed, noise, counter) for k in range(n)]


def _trust(k: int, months: int, seed: int, noise: RenderOptions | None,
           counter: Iterator[int]) -> SyntheticTrust:
    rng = random.Random(seed * 7919 + k)
    series = f"2004-{k + 1}"
    spec = DealSpec(
        series=series, ticker=f"AS{'ABCDEFGHJKLMNPQRSTUVWXYZ'[k % 24]}",
        closing_date=date(2004, 1 + (k * 2) % 12, 27), months=months, seed=rng.randrange(10**9),
        collateral=CollateralParams(loan_count=rng.randrange(900, 2600)),
        senior_pro_rata=k % 2 == 0, stepdown_month=min(13, max(months - 6, 2)))
    masthead = Masthead(trust="ABSDW SYNTHETIC HOME EQUITY TRUST", series=series,
                        ticker=spec.ticker, file_number=f"333-99{k + 1:04d}-01",
                        eins=(f"54-99{k:02d}001", f"54-99{k:02d}002", f"54-99{k:02d}003"))
    inline = k % 2 == 0
    plan = []  # (filed, form, printed report, period index)
    reports = simulate(spec)
    amended = rng.randrange(1, months - 1) if months >= 3 else -1
    for i, truth in enumerate(reports):
        assert truth.distribution_date is not None
        filed = _business_days_after(truth.distribution_date, rng.randrange(3, 7))
        plan.append((filed, "8-K", _misprint(truth) if i == amended else truth, i))
        if i == amended:
            plan.append((filed + timedelta(days=rng.randrange(20, 40)), "8-K/A", truth, i))
    plan.sort(key=lambda p: (p[0], p[1]))
    filings: list[SyntheticFiling] = []
    first_of: dict[int, str] = {}
    for filed, form, printed, i in plan:  # accessions follow filing order, as EDGAR's do
        filing = _filing(masthead, printed, filed, form, inline, noise, counter)
        if form == "8-K/A":
            filing = replace(filing, amends=first_of[i])
        first_of.setdefault(i, filing.accession)
        filings.append(filing)
    return SyntheticTrust(1900001 + k, f"{masthead.trust} {series}", masthead.file_number,
                          spec, filings)


def _filing(m: Masthead, truth: Report, filed: date, form: str, inline: bool,
            noise: RenderOptions | None, counter: Iterator[int]) -> SyntheticFiling:
    period = truth.distribution_date
    assert period is not None
    seq = next(counter)
    accession = f"0009999999-{filed:%y}-{seq:06d}"
    stem = f"{m.ticker.lower()}{m.series.replace('-', '')[2:]}he_{period:%b}{period:%y}".lower()
    label = f"{m.trust} {m.series} {period:%B %Y} DISTRIBUTION REPORT".upper()
    if inline:
        text = render_document(truth, m, filed, noise, form)
        docs: list[Doc] = [(form, f"{stem}.txt", label, text)]
    else:
        docs = [(form, f"{stem}_8k.txt", f"FORM {form}",
                 render_cover(m, period, filed, form)),
                ("EX-99.1", f"{stem}_ex991.txt", label, render_report(truth, m, noise))]
    return SyntheticFiling(accession, form, filed, period, docs, printed_truth(truth, noise))


def _business_days_after(day: date, n: int) -> date:
    while n:
        day += timedelta(days=1)
        n -= day.weekday() < 5
    return day


def _misprint(truth: Report) -> Report:
    """The report as first (wrongly) filed: the largest delinquent cell's balance is off."""
    wrong = copy.deepcopy(truth)
    cells = [d for d in wrong.delinquencies if d.status == "delinquent" and d.loan_count]
    if cells:
        cell = max(cells, key=lambda d: (d.loan_count, d.bucket))
        cell.balance = (cell.balance or Decimal(0)) + Decimal("9000.00")
    else:
        item = next(i for i in wrong.items if i.label == "Periodic Advance")
        item.amount = (item.amount or Decimal(0)) + Decimal("9000.00")
    return wrong
