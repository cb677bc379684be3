"""One printed line of a servicer's certificate -> its parts (number, label, values, kind).

Servicer certificates are lists of numbered key-value lines, not tables. A line is read as:

* an optional **line number** (``Line 9``, ``(9)``, ``9.``, also ``9a``) and sub-item letter
  (``a.``) — dropped: issuers number differently and renumber between deals, so the label
  alone identifies a figure; so is a formula note ending the label (``(Ln 76 - Ln 77)``);
* **dollar signs** attached (``$1,234.56``) or in their own column (``$     1,234.56``) and
  **dotted leaders** (``Pool Balance ...... 1,234.56``, also spaced ``. . . .``) — dropped;
* the remaining phrases (runs separated by two or more spaces): the trailing ones that read as
  numbers are the **values** (one, or count then balance), the rest is the **label**.

A line without values is a **heading** (roman-numbered ``IV. COLLECTIONS`` or all capitals,
the numeral dropped), a **class header** (``Class A-2a Notes``) or text to skip.
Delinquency labels map by their printed start day (:func:`delinquency_bucket`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from foundation.vocabulary import DelinquencyBucket
from parsers.engine.numbers import is_number

__all__ = ["CertLine", "class_header", "class_name", "delinquency_bucket", "heading",
           "read_line"]

_NUMBER = re.compile(r"^\s*(?:Line\s+\d+[A-Za-z]?\b\.?|\(\d+[A-Za-z]?\)|\d+[A-Za-z]?\.(?=\s))",
                     re.I)
#: A sub-item letter (``a.``, ``b.`` ... ``aa.``) after or instead of the line number.
_LETTER = re.compile(r"^\s*[a-z]{1,2}\.(?=\s)")
#: A formula note ending a label: ``(Ln 76 - Ln 77)``, ``(sum a - h)``, ``(Ln1 - Ln2)``.
_FORMULA = re.compile(r"\s*\((?:Ln|Line|sum)(?=[\s\d])[^()]*\)\s*$", re.I)
_LEADERS = re.compile(r"(?:\s*\.){2,}\s*")
_DOLLAR = re.compile(r"\$\s*(?=[\d(.\-])")
_SPLIT = re.compile(r"\s{2,}")
_ROMAN = re.compile(r"^[IVXL]+\.\s+(\S.*)$")
_CLASS_HEADER = re.compile(r"^Class\s+([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?)"
                           r"(?:\s+(?:Notes?|Certificates?))?\s*:?$", re.I)
_CLASS_ROW = re.compile(r"^(?:Class\s+)?([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?)"
                        r"(?:\s+(?:Notes?|Certificates?))?$", re.I)
_CLOSED = re.compile(r"^(\d+)\s*(?:-|to)\s*(\d+)\s+days?\b", re.I)
_OPEN = re.compile(r"^(?:(\d+)\s*\+\s*days?|(?:over|more than|greater than)\s+(\d+)\s+days?"
                   r"|(\d+)\s+(?:days?\s+)?or more)", re.I)
#: printed start day -> model bucket, for closed ranges (31-60) and open ones (91+)
_CLOSED_BUCKETS: dict[int, DelinquencyBucket] = {
    30: "30-59", 31: "30-59", 60: "60-89", 61: "60-89", 90: "90-119", 91: "90-119",
    120: "120-149", 121: "120-149", 150: "150-179", 151: "150-179"}
_OPEN_BUCKETS: dict[int, DelinquencyBucket] = {90: "90+", 91: "90+", 120: "120+", 121: "120+",
                                               180: "180+", 181: "180+"}


@dataclass(frozen=True)
class CertLine:
    """A key-value line: its label (number, leaders and ``$`` removed) and printed values."""

    label: str
    values: tuple[str, ...]


def read_line(line: str) -> CertLine | None:
    """The label and values of a key-value line; None when the line prints no value."""
    text = _LETTER.sub("", _NUMBER.sub("", line, count=1), count=1)
    text = _LEADERS.sub("  ", _DOLLAR.sub(" ", text))
    parts = [p for p in _SPLIT.split(text.strip()) if p]
    values: list[str] = []
    while len(parts) > 1 and is_number(parts[-1]):
        values.insert(0, parts.pop())
    if not values:
        return None
    return CertLine(_FORMULA.sub("", " ".join(parts)), tuple(values))


def heading(line: str) -> str | None:
    """``"IV. COLLECTIONS"`` / ``"COLLECTIONS"`` -> ``"collections"``; None for other text."""
    text = " ".join(line.split())
    roman = _ROMAN.match(text)
    if roman:
        return roman.group(1).lower().rstrip(":")
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 3 and text.upper() == text and class_header(text) is None:
        return text.lower().rstrip(":")
    return None


def class_header(line: str) -> str | None:
    """``"Class A-2a Notes"`` -> ``"A-2a"`` (a line that opens a class's block)."""
    m = _CLASS_HEADER.match(" ".join(line.split()))
    return m.group(1) if m else None


def class_name(label: str) -> str | None:
    """A note table's row label -> class name: ``"Class A-1"``, ``"A-1 Notes"``, ``"B"``."""
    m = _CLASS_ROW.match(" ".join(label.split()))
    return m.group(1) if m else None


def delinquency_bucket(label: str) -> DelinquencyBucket | None:
    """The model bucket a delinquency label's printed start day names: ``31-60 Days`` ->
    ``30-59`` ... ``121-150 Days`` -> ``120-149``; open ``91+ Days`` / ``over 90 days`` ->
    ``90+``, ``121+`` -> ``120+``, ``181+`` -> ``180+``. Other open buckets (``151+``) have no
    model bucket: None."""
    text = " ".join(label.split())
    closed = _CLOSED.match(text)
    if closed:
        return _CLOSED_BUCKETS.get(int(closed.group(1)))
    opened = _OPEN.match(text)
    if opened:
        start = next(g for g in opened.groups() if g)
        return _OPEN_BUCKETS.get(int(start))
    return None
