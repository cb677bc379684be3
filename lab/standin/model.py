"""What the stand-in is told about a filing: the facts EDGAR would hold for one submission.

Everything the tree writes (SGML header, index pages, submissions JSON) is derived from these
frozen records, so one ``TreeFiling`` renders the same bytes every time. Derived values that
EDGAR assigns itself (film number, acceptance time, SEC act) get deterministic defaults here so
that no writer has to invent them twice.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, datetime, time

__all__ = [
    "DEFAULT_ADDRESS", "Address", "CoFiler", "Filer", "TreeDocument", "TreeFiling",
    "sic_description",
]

# Forms filed under the Securities Act of 1933 (registration and prospectus material);
# everything else an ABS trust files (8-K, 10-D, 10-K, 15-15D, ABS-15G ...) is 1934 Act.
_ACT_1933_PREFIXES = ("424B", "S-3", "S-1", "FWP", "POS AM", "SF-1", "SF-3")

# SIC codes ABS issuers and their depositors file under, as data.sec.gov spells them.
_SIC_NAMES = {
    6189: "Asset-Backed Securities",
    6111: "Federal & Federally-Sponsored Credit Agencies",
    6153: "Short-Term Business Credit Institutions",
    6162: "Mortgage Bankers & Loan Correspondents",
    6798: "Real Estate Investment Trusts",
}


def sic_description(sic: int) -> str:
    """data.sec.gov's ``sicDescription`` ("" for a code this stand-in does not know)."""
    return _SIC_NAMES.get(sic, "")


@dataclass(frozen=True)
class Address:
    """A BUSINESS or MAIL ADDRESS block, spelled as EDGAR stores it (upper case, no commas)."""

    street1: str
    city: str
    state: str
    zip: str
    street2: str | None = None
    phone: str | None = None


# The trustee's address printed on the seed document (Wells Fargo's CTSLink desk), which is
# what EDGAR carried for the TERWIN trust and for many trusts administered there.
DEFAULT_ADDRESS = Address(
    street1="9062 OLD ANNAPOLIS ROAD",
    city="COLUMBIA",
    state="MD",
    zip="21045",
    phone="4108842000",
)


@dataclass(frozen=True)
class TreeDocument:
    """One ``<DOCUMENT>`` of a submission; also served alone as ``{filename}``."""

    type: str  # "8-K", "EX-99.1", "10-D", "EX-20" ...
    filename: str  # "ter034he_nov.txt"
    text: str
    description: str | None = None


@dataclass(frozen=True)
class CoFiler:
    """Another FILER block of a joint submission, e.g. the depositor filing a 10-D with its trust.

    Only the name and CIK are required: EDGAR's header for a depositor often has no fiscal year
    end or business address (``MultipleFilersHeader.txt``), and absent lines are left out.
    """

    cik: int
    company: str
    file_number: str | None = None
    state: str | None = None
    sic: int = 6189
    fiscal_year_end: str | None = None
    irs_number: str | None = None
    business_address: Address | None = None
    mail_address: Address | None = None
    film_number: str | None = None  # default: the primary filer's film number + its position


@dataclass(frozen=True)
class Filer:
    """One resolved FILER block: what every writer needs to render a filer of a submission."""

    cik: int
    company: str
    file_number: str | None
    state: str | None
    sic: int
    fiscal_year_end: str | None
    irs_number: str | None
    business_address: Address | None
    mail_address: Address | None
    film: str


@dataclass(frozen=True)
class TreeFiling:
    """One EDGAR submission by one filer (ABS trusts file alone; the agent is in the accession)."""

    cik: int
    company: str  # COMPANY CONFORMED NAME
    accession: str  # "0001056404-03-002432"
    form: str  # CONFORMED SUBMISSION TYPE
    filed: date  # FILED AS OF DATE
    documents: tuple[TreeDocument, ...]
    period: date | None = None  # CONFORMED PERIOD OF REPORT
    file_number: str | None = None  # SEC FILE NUMBER, e.g. "333-106175-06"
    acceptance: datetime | None = None  # default: filed at 16:05:00
    items: tuple[str, ...] = ()  # ITEM INFORMATION lines, e.g. "Other events"
    state: str = "NY"  # STATE OF INCORPORATION (the governing law of the trust)
    sic: int = 6189
    fiscal_year_end: str = "1231"
    business_address: Address = DEFAULT_ADDRESS
    mail_address: Address | None = None  # default: the business address without the phone
    irs_number: str | None = None
    film_number: str | None = None  # default: derived from the accession
    act: str | None = None  # "34" / "33"; default from the form
    co_filers: tuple[CoFiler, ...] = ()  # further FILER blocks (trust + depositor 10-Ds)
    depositor_cik: int | None = None  # <DEPOSITOR-CIK> header line (ABS filings since 2016)
    sponsor_cik: int | None = None  # <SPONSOR-CIK>
    abs_asset_class: str | None = None  # ABS ASSET CLASS, e.g. "Credit card"

    def __post_init__(self) -> None:
        if not self.documents:
            raise ValueError(f"filing {self.accession} has no documents; EDGAR requires one")
        parts = self.accession.split("-")
        if [len(p) for p in parts] != [10, 2, 6] or not all(p.isdigit() for p in parts):
            raise ValueError(
                f"accession {self.accession!r} is not shaped like 0001056404-03-002432")
        ciks = [self.cik, *(c.cik for c in self.co_filers)]
        if len(set(ciks)) != len(ciks):
            raise ValueError(f"filing {self.accession} names CIK {ciks} more than once as filer")

    @property
    def folder(self) -> str:
        """The accession without dashes: the filing's folder name under the CIK."""
        return self.accession.replace("-", "")

    @property
    def accepted(self) -> datetime:
        """Acceptance time; EDGAR's afternoon default keeps it on the filing date."""
        return self.acceptance or datetime.combine(self.filed, time(16, 5, 0))

    @property
    def act_code(self) -> str:
        """The submissions-JSON ``act`` value ("33" or "34")."""
        if self.act is not None:
            return self.act
        return "33" if self.form.upper().startswith(_ACT_1933_PREFIXES) else "34"

    @property
    def film(self) -> str:
        """FILM NUMBER: EDGAR's is opaque; a stable two-digit-year + 7-digit number stands in."""
        if self.film_number is not None:
            return self.film_number
        return f"{self.filed.year % 100:02d}{zlib.crc32(self.accession.encode()) % 10**7:07d}"

    @property
    def mailing(self) -> Address:
        """MAIL ADDRESS block (EDGAR prints no phone there)."""
        if self.mail_address is not None:
            return self.mail_address
        b = self.business_address
        return Address(b.street1, b.city, b.state, b.zip, street2=b.street2)

    @property
    def filers(self) -> tuple[Filer, ...]:
        """Every FILER block in header order: this record's own filer first, then co-filers."""
        own = Filer(self.cik, self.company, self.file_number, self.state, self.sic,
                    self.fiscal_year_end, self.irs_number, self.business_address, self.mailing,
                    self.film)
        return (own, *(_resolve(c, self.film, n) for n, c in enumerate(self.co_filers, 1)))

    def filer(self, cik: int) -> Filer:
        """The FILER block of ``cik`` (KeyError if it is not a filer of this submission)."""
        for f in self.filers:
            if f.cik == cik:
                return f
        raise KeyError(f"CIK {cik} is not a filer of {self.accession}")


def _resolve(c: CoFiler, primary_film: str, position: int) -> Filer:
    """EDGAR numbers the films of one joint submission consecutively (231004915, ...916)."""
    film = c.film_number
    if film is None:
        film = str(int(primary_film) + position).zfill(len(primary_film))
    mail = c.mail_address
    if mail is None and c.business_address is not None:
        b = c.business_address
        mail = Address(b.street1, b.city, b.state, b.zip, street2=b.street2)
    return Filer(c.cik, c.company, c.file_number, c.state, c.sic, c.fiscal_year_end,
                 c.irs_number, c.business_address, mail, film)
