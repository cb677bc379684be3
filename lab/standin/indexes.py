"""EDGAR's index files: daily ``{kind}.YYYYMMDD.idx`` and quarterly ``full-index`` ``{kind}.idx``.

Byte layout copied from the real files in the shared corpus (``edgar-samples/``):

* daily ``form`` (form.20200318.idx): four header lines, four lines holding one space, the
  one-line column title, 141 dashes; rows are fixed width (form 12, company 62, CIK 12,
  date 12, file name padded to 52), dates ``YYYYMMDD``.
* daily ``company`` (company.20200102/20221003.idx, edgarkit company.idx 2023-07-03): the
  *wrapped* column title (``... Form Type   CIK`` then ``      Date Filed  File Name``) over
  145 dashes. Every daily company index in the corpus (2020-2023) is wrapped and no older one
  is, so the start date is unknown: company indexes are wrapped by default, ``wrapped=False``
  gives the one-line title.
* daily ``crawler`` (edgarkit crawler.idx): no "Anonymous FTP" line, wrapped title ending
  ``URL ``, 179 dashes, ``-index.htm`` URLs padded to 86.
* daily ``master`` (freed_finance master.20200103.idx): one blank line (a space), pipe rows.
* quarterly ``form``/``company`` (edgartools empty-form.idx, a 1995 form.idx): "Master Index",
  full month name in "Last Data Received", four empty lines, dates ``YYYY-MM-DD``.
* quarterly ``master`` (secedgar 1993 master.idx, a 2016 one): an extra ``Cloud HTTP:`` line and
  the title says ``Filename``.

Company names are cut to 60 characters in fixed-width files (no real row has a longer one).
A joint submission is listed once per filer, under that filer's CIK.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from lab.standin.model import TreeFiling

__all__ = ["DAILY_KINDS", "QUARTERLY_KINDS", "IndexRow", "daily_index", "index_rows",
           "quarterly_index"]

Kind = Literal["form", "company", "master", "crawler"]
DAILY_KINDS: tuple[Kind, ...] = ("company", "crawler", "form", "master")
QUARTERLY_KINDS: tuple[Kind, ...] = ("company", "form", "master")

_DESCRIPTIONS = {
    "form": "Index of EDGAR Dissemination Feed by Form Type",
    "company": "Index of EDGAR Dissemination Feed by Company Name",
    "master": "Index of EDGAR Dissemination Feed",
    "crawler": "Crawler Index of EDGAR Dissemination Feed by Company Name",
}
_COMMENTS = "Comments:              webmaster@sec.gov"
_FTP = "Anonymous FTP:         ftp://ftp.sec.gov/edgar/"
_CLOUD = "Cloud HTTP:            https://www.sec.gov/Archives/"
_ONE_LINE = {
    "form": "Form Type   Company Name" + " " * 50 + "CIK         Date Filed  File Name",
    "company": "Company Name" + " " * 50 + "Form Type   CIK         Date Filed  File Name",
}
_WRAPPED_HEAD = "Company Name" + " " * 50 + "Form Type   CIK"
_WRAPPED_TAIL = {"company": "      Date Filed  File Name", "crawler": "      Date Filed  URL "}
_DASHES = {"one-line": 141, "company": 145, "crawler": 179, "master": 80}
_ARCHIVES = "http://www.sec.gov/Archives/"


@dataclass(frozen=True)
class IndexRow:
    """One line of an index: one filer of one submission."""

    form: str
    company: str
    cik: int
    filed: date
    accession: str

    @property
    def file_name(self) -> str:
        return f"edgar/data/{self.cik}/{self.accession}.txt"

    @property
    def url(self) -> str:
        """The crawler index's column: the filing index page."""
        return f"{_ARCHIVES}edgar/data/{self.cik}/{self.accession}-index.htm"


def index_rows(filings: Iterable[TreeFiling]) -> list[IndexRow]:
    """One row per filer of each filing (joint 10-Ds appear under the trust and the depositor)."""
    return [IndexRow(f.form, filer.company, filer.cik, f.filed, f.accession)
            for f in filings for filer in f.filers]


def _sorted(kind: Kind, rows: Iterable[IndexRow]) -> list[IndexRow]:
    """form: by form then company; company/crawler: by company; master: by CIK as text."""
    if kind == "form":
        return sorted(rows, key=lambda r: (r.form, r.company.upper(), r.cik, r.accession))
    if kind == "master":
        return sorted(rows, key=lambda r: (str(r.cik), r.form, r.accession))
    return sorted(rows, key=lambda r: (r.company.upper(), r.form, r.cik, r.accession))


def _fixed(kind: Kind, r: IndexRow, when: str) -> str:
    name = r.company[:60]
    last = r.url.ljust(86) if kind == "crawler" else r.file_name.ljust(52)
    first = (r.form.ljust(12) + name.ljust(62)) if kind == "form" else (
        name.ljust(62) + r.form.ljust(12))
    return first + str(r.cik).ljust(12) + when.ljust(12) + last


def _pipe(r: IndexRow, when: str) -> str:
    return f"{r.cik}|{r.company}|{r.form}|{when}|{r.file_name}"


def _title(kind: Kind, wrapped: bool, filename_word: str) -> list[str]:
    if kind == "master":
        return [f"CIK|Company Name|Form Type|Date Filed|{filename_word}", "-" * _DASHES["master"]]
    if wrapped and kind in _WRAPPED_TAIL:
        return [_WRAPPED_HEAD, _WRAPPED_TAIL[kind], "-" * _DASHES[kind]]
    return [_ONE_LINE[kind], "-" * _DASHES["one-line"]]


def _text(head: list[str], kind: Kind, rows: Sequence[IndexRow], when: str) -> bytes:
    body = [_pipe(r, when) if kind == "master" else _fixed(kind, r, when) for r in rows]
    return ("\n".join(head + body) + "\n").encode("latin-1", errors="replace")


def daily_index(kind: Kind, day: date, rows: Iterable[IndexRow], *,
                wrapped: bool | None = None) -> bytes:
    """``{kind}.YYYYMMDD.idx``; ``wrapped`` defaults to EDGAR's recent layout for the kind."""
    if kind == "form" and wrapped:
        raise ValueError("EDGAR never wrapped the form index's column title")
    received = f"Last Data Received:    {day:%b} {day.day:2d}, {day.year}"
    head = [f"Description:           Daily {_DESCRIPTIONS[kind]}", received, _COMMENTS]
    if kind != "crawler":
        head.append(_FTP)
    head += [" "] * (1 if kind == "master" else 4)
    head += _title(kind, kind in _WRAPPED_TAIL if wrapped is None else wrapped, "File Name")
    mine = [r for r in rows if r.filed == day]
    return _text(head, kind, _sorted(kind, mine), f"{day:%Y%m%d}")


def quarterly_index(kind: Kind, rows: Iterable[IndexRow], received: date) -> bytes:
    """``full-index/{Y}/QTR{q}/{kind}.idx`` with every row given (the caller picks the quarter)."""
    if kind == "crawler":
        raise ValueError("the stand-in writes no quarterly crawler.idx")
    head = [f"Description:           Master {_DESCRIPTIONS[kind]}",
            f"Last Data Received:    {received:%B} {received.day}, {received.year}",
            _COMMENTS, _FTP]
    if kind == "master":
        head.append(_CLOUD)
    head += [""] * 4 + _title(kind, False, "Filename" if kind == "master" else "File Name")
    rows = list(rows)
    ordered = _sorted(kind, rows)
    body = [_pipe(r, r.filed.isoformat()) if kind == "master"
            else _fixed(kind, r, r.filed.isoformat()) for r in ordered]
    return ("\n".join(head + body) + "\n").encode("latin-1", errors="replace")
