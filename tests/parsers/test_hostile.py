"""Every family, attacked: its own documents (real where the project has one, generated
otherwise) cut short and spliced with junk end in ``ok`` or a quarantine whose reason is the
document's, never a parser bug caught as "internal parser error".

A hostile test that passes whatever the parser does proves nothing, so the last test plants a
raise in each family's reader and checks that this file's check then fails.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

import parsers.api
from lab.corpus import corpus
from parsers import parse_report
from parsers.engine.evidence import Evidence
from parsers.engine.trace import Trace
from parsers.families import FAMILIES
from parsers.model import Report
from tests.parsers.conftest import assert_structured

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REAL = {
    "ctslink": FIXTURES / "seed_ter034he_nov.txt",
    "servicer_cert": FIXTURES / "real" / "carmax-2024-1-ex991-2025-06.htm",
}
LAYOUTS = [f.layout for f in FAMILIES]
JUNK = "0123456789,.()-$% \n<>/tdrTABLEClassTotal"


def sample(layout: str) -> str:
    """A document the family reads: the real one, else a generated one."""
    if layout in REAL:
        return REAL[layout].read_text(encoding="latin-1")
    [(_, text)] = list(corpus(layout, 1, seed=3))
    return text


def attacks(text: str, seed: int, count: int = 40) -> Iterator[str]:
    """``count`` truncations spread over the document, then ``count`` random splices."""
    step = max(1, len(text) // count)
    yield from (text[:cut] for cut in range(0, len(text), step))
    rng = random.Random(seed)
    for _ in range(count):
        mutated = text
        for _ in range(rng.randint(1, 6)):
            at, size = rng.randrange(len(mutated) + 1), rng.randrange(400)
            junk = "".join(rng.choice(JUNK) for _ in range(rng.randrange(40)))
            mutated = mutated[:at] + junk + mutated[at + size:]
        yield mutated


def check_family(layout: str) -> None:
    """The family reads its sample, and no attack on it ends in an internal error."""
    text = sample(layout)
    result = parse_report(text)
    assert result.layout == layout and result.report is not None, result.error
    for attacked in attacks(text, seed=len(layout)):
        assert_structured(attacked)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_attacks_on_each_family_end_in_ok_or_a_reasoned_quarantine(layout: str) -> None:
    check_family(layout)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_raise_planted_in_a_family_reader_fails_the_hostile_check(
        layout: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, trace: Trace | None = None) -> tuple[Report, Evidence]:
        raise IndexError("planted")

    planted = tuple(f._replace(parse=broken) if f.layout == layout else f for f in FAMILIES)
    monkeypatch.setattr(parsers.api, "FAMILIES", planted)
    with pytest.raises(AssertionError):
        check_family(layout)
    assert "internal parser error: IndexError: planted" in (
        parse_report(sample(layout)).error or "")
