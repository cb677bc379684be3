"""The bundled sample EDGAR content: the real seed filing plus synthetic trusts.

Written into a directory laid out like EDGAR (``lab.standin.tree``) for the offline demo,
for ``absdw standin --samples`` and for end-to-end tests. Deterministic: the same arguments
always write the same bytes.
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

from lab.standin.tree import EdgarTree, TreeDocument, TreeFiling
from lab.synth.deals import SyntheticTrust, synthetic_trusts
from parsers import split_submission

__all__ = [
    "SEED_CIK",
    "recorded_filing",
    "sample_tree",
    "seed_filing",
    "seed_report_text",
    "trust_filings",
    "write_sample_tree",
]

SEED_CIK = 1268747


def seed_report_text() -> str:
    """The real 8-K document of TERWIN MORTGAGE TRUST 2003-4HE (report inline, EX-99.1)."""
    return (resources.files("lab") / "sample_data" / "ter034he_nov.txt").read_text("ascii")


def seed_filing() -> TreeFiling:
    """The seed wrapped as the real filing it is: one 8-K document carrying the report."""
    return TreeFiling(
        cik=SEED_CIK,
        company="TERWIN MORTGAGE TRUST SERIES 2003-4HE",
        accession="0001056404-03-002432",
        form="8-K",
        filed=date(2003, 12, 3),
        period=date(2003, 11, 25),
        file_number="333-106175-06",
        items=("Other events", "Financial statements and exhibits"),
        documents=(
            TreeDocument(
                type="8-K",
                filename="ter034he_nov.txt",
                text=seed_report_text(),
                description="TERWIN 2003-4HE NOVEMBER 2003 DISTRIBUTION REPORT",
            ),
        ),
    )


def recorded_filing(raw: bytes) -> TreeFiling:
    """A real submission's own header and documents in the stand-in's terms, for
    ``EdgarTree.add_filing(recorded_filing(raw), recorded=raw)``: the listings describe it and
    its ``{accession}.txt`` is served byte for byte."""
    header, documents = split_submission(raw)
    first = header.filers[0]
    return TreeFiling(
        cik=first.cik, company=first.company, accession=header.accession, form=header.form,
        filed=header.filed_date, period=header.period, file_number=first.file_number,
        documents=tuple(
            TreeDocument(type=d.type, filename=d.filename or f"{header.accession}-{n}.txt",
                         text=d.text, description=d.description)
            for n, d in enumerate(documents, start=1)),
    )


def trust_filings(trust: SyntheticTrust) -> list[TreeFiling]:
    """A synthetic trust's filings in the stand-in's terms."""
    return [
        TreeFiling(
            cik=trust.cik,
            company=trust.company,
            accession=f.accession,
            form=f.form,
            filed=f.filed_date,
            period=f.period,
            file_number=trust.file_number,
            documents=tuple(
                TreeDocument(type=t, filename=name, text=text, description=desc)
                for t, name, desc, text in f.documents
            ),
        )
        for f in trust.filings
    ]


def sample_tree(root: Path, *, trusts: int = 2, months: int = 24) -> tuple[EdgarTree, list[int]]:
    """Write the seed filing and ``trusts`` synthetic trusts under ``root`` with everything
    EDGAR serves of them (submissions, folder listings, daily and full indexes); return the
    tree (browse-edgar answers from it) and the trusts' CIKs."""
    tree = EdgarTree(root)
    tree.add_filing(seed_filing())
    ciks = [SEED_CIK]
    for trust in synthetic_trusts(trusts, months=months):
        for filing in trust_filings(trust):
            tree.add_filing(filing)
        ciks.append(trust.cik)
    tree.write_submissions()
    tree.write_indexes()
    return tree, ciks


def write_sample_tree(root: Path, *, trusts: int = 2, months: int = 24) -> list[int]:
    """:func:`sample_tree`'s files; return the trusts' CIKs."""
    return sample_tree(root, trusts=trusts, months=months)[1]
