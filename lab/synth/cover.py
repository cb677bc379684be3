"""The 8-K cover text Wells Fargo wrapped around each monthly report (the seed's, templated)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["Masthead", "long_date", "render_cover"]


@dataclass(frozen=True)
class Masthead:
    """Who and what a deal's documents name; defaults mirror the seed's trustee block."""

    trust: str  # "ABSDW SYNTHETIC HOME EQUITY TRUST"
    series: str  # "2004-1"
    ticker: str  # "ASH": the report prints "ASH  Series: 2004-1"
    file_number: str  # "333-990001-01"
    depositor: str = "ABSDW Synthetic Securitization LLC."
    product: str = "Asset-Backed Certificates"
    eins: tuple[str, ...] = ("54-9900001", "54-9900002", "54-9900003")
    trustee: str = "Wells Fargo Bank Minnesota, N.A."
    signer: str = "Beth Belfield"

    @property
    def title(self) -> str:
        """'Asset-Backed Certificates, Series 2004-1 Trust' (the registrant's second line)."""
        return f"{self.product}, Series {self.series} Trust"


def long_date(day: date) -> str:
    """'November 25, 2003'."""
    return f"{day:%B} {day.day}, {day.year}"


def _center(text: str, middle: int = 41) -> str:
    return " " * max(0, middle - len(text) // 2) + text


def render_cover(m: Masthead, distribution: date, signed: date, form: str = "8-K") -> str:
    """The cover of the 8-K: registrant, file number, items 5 and 7, signature, exhibit index."""
    eins = list(m.eins) + [""] * (3 - len(m.eins))
    when = long_date(distribution)
    return f"""UNITED STATES
                       SECURITIES AND EXCHANGE COMMISSION
                             Washington D. C. 20549

                                    Form {form}

                Current Report Pursuant to Section 13 or 15(d) of
                       The Securities Exchange Act of 1934




       Date of Report (Date of earliest event reported):  {when}


{_center(m.trust)}
{_center(m.title)}
              (Exact name of registrant as specified in its charter)

New York (governing law of            {m.file_number}
Pooling and Servicing Agreement)      (Commission         {eins[0]}
(State or other                       File Number)        {eins[1]}
jurisdiction                                              {eins[2]}
of Incorporation)                                         IRS EIN




       c/o {m.trustee}
       9062 Old Annapolis Road
       Columbia, Maryland                                   21045
       (Address of principal executive offices)             (Zip Code)

       Registrant's telephone number, including area code:  (410) 884-2000


       (Former name or former address, if changed since last report)


ITEM 5.  Other Events

 On {when} a distribution was made to holders of {m.trust},
 {m.title}.



ITEM 7.  Financial Statements and Exhibits

      (c)  Exhibits furnished in accordance with Item 601(a) of Regulation S-K


           Exhibit Number               Description

           EX-99.1                      Monthly report distributed to holders of
                                        {m.product},
                                        Series {m.series} Trust, relating to the
                                        {when} distribution.



Pursuant to the requirements of the Securities Exchange Act of 1934, the
registrant has duly caused this report to be signed on its behalf by the
undersigned hereunto duly authorized.



{_center(m.trust, 42)}
{_center(m.title, 42)}

              By:    {m.trustee} as Trustee
              By:   /s/   {m.signer} as Assistant Vice President
              By:    {m.signer} as Assistant Vice President

              Date:  {signed.month}/{signed.day}/{signed:%y}
                                INDEX TO EXHIBITS


Exhibit Number            Description

EX-99.1                   Monthly report distributed to holders of {m.product},
                          Series {m.series} Trust,
                          relating to the {when} distribution.
"""
