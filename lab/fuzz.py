"""Structure-aware fuzzing of the parsers: mutate real and generated reports the ways a new
layout or a damaged file differs, and hold every parse to two rules.

1. **Nothing escapes**: ``parse_report`` returns, and never with an internal error caught.
2. **Nothing is invented**: every figure a parse loads as ``ok`` is printed in the (mutated)
   document, or is one of the few a family derives by a checked identity
   (:data:`DERIVED`). A misread row or column then shows up as a value printed nowhere.

Mutations (:data:`MUTATIONS`): a digit changed, spaces inserted into a figure, a digit dropped,
two figures swapped, spaces inserted or removed in a line, two lines swapped, a cut at a random
point, and for HTML a span changed, an extra cell, a table nested in a cell. Time and memory
per input are measured (the slowest input and its size; the process's peak RSS).

Used by ``benchmarks/fuzz.py`` (long form) and ``tests/parsers/test_fuzz_structured.py``
(short form, in CI).
"""

from __future__ import annotations

import html
import random
import re
import resource
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from decimal import Decimal
from pathlib import Path

from lab.corpus import available, corpus
from parsers import parse_report
from parsers.engine.numbers import parse_number
from parsers.model import Delinquency, Pool, Report, Tranche

__all__ = ["DERIVED", "MUTATIONS", "FuzzResult", "printed_nowhere", "run_fuzz", "seeds"]

#: Figures a family loads that are not printed as such but derived by an identity its checks
#: verify against printed figures: (layout, record, field) -> the identity.
DERIVED: dict[tuple[str, str, str], str] = {
    ("servicer_cert", "pool", "unscheduled_principal"): "prepayments + recoveries (roll-forward)",
    ("servicer_cert", "pool", "scheduled_principal"): "total principal - prepayments",
    ("servicer_cert", "pool", "realized_loss"): "gross charge-offs - recoveries (net_loss)",
    ("servicer_cert", "pool", "payoff_count"): "paid in full + defaulted (loan count check)",
    ("bankers_trust", "pool", "unscheduled_principal"): "prepayments + liquidations (sum)",
}
_NUMBER = re.compile(r"\(?-?\$?(?:\d[\d,]*)?\.?\d+(?:\s*%)?\)?")  # ".5075 %" too
_TAG = re.compile(r"<[^>]*>")
_FIGURE = re.compile(r"\d[\d,]*\.\d+")


def _printed(text: str) -> set[Decimal]:
    """Every number the document prints, by absolute value (signs are printed apart in HTML)."""
    plain = html.unescape(_TAG.sub(" ", text)) if "<td" in text.lower() else text
    out: set[Decimal] = set()
    for found in _NUMBER.findall(plain):
        token = re.sub(r"\s+%", "%", found)
        for candidate in (token, token.strip("()$"), token.rstrip("%")):
            value = parse_number(candidate)
            if value is not None:
                out.add(abs(value))
    return out


def printed_nowhere(layout: str, report: Report, text: str) -> list[str]:
    """The loaded figures of ``report`` that ``text`` does not print (nor derive)."""
    printed = _printed(text)
    wrong = []
    records: list[tuple[str, str, object]] = [
        *(("tranche", t.class_name, t) for t in report.tranches),
        *(("pool", p.pool, p) for p in report.pools),
        *(("delinquency", f"{d.pool}/{d.status}/{d.bucket}", d) for d in report.delinquencies)]
    for kind, name, record in records:
        for f in fields(record):  # type: ignore[arg-type]
            value = getattr(record, f.name)
            if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
                continue
            if (layout, kind, f.name) in DERIVED or abs(Decimal(value)) in printed:
                continue
            wrong.append(f"{kind} {name} {f.name} = {value}")
    return wrong


# -- mutations


def _digit(text: str, rng: random.Random) -> str:
    spots = [m.start() for m in re.finditer(r"\d", text)]
    if not spots:
        return text
    at = rng.choice(spots)
    return text[:at] + rng.choice("0123456789") + text[at + 1:]


def _split_figure(text: str, rng: random.Random) -> str:
    figures = list(_FIGURE.finditer(text))
    if not figures:
        return text
    m = rng.choice(figures)
    at = m.start() + rng.randrange(1, len(m.group()))
    return text[:at] + " " * rng.randint(1, 3) + text[at:]


def _drop_digit(text: str, rng: random.Random) -> str:
    spots = [m.start() for m in re.finditer(r"\d", text)]
    if not spots:
        return text
    at = rng.choice(spots)
    return text[:at] + text[at + 1:]


def _swap_figures(text: str, rng: random.Random) -> str:
    figures = list(_FIGURE.finditer(text))
    if len(figures) < 2:
        return text
    a, b = sorted(rng.sample(figures, 2), key=lambda m: m.start())
    return (text[:a.start()] + b.group() + text[a.end():b.start()] + a.group()
            + text[b.end():])


def _spacing(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    k = rng.randrange(len(lines))
    line = lines[k]
    if line and rng.random() < 0.5:
        at = rng.randrange(len(line))
        line = line[:at] + " " * rng.randint(1, 4) + line[at:]
    else:
        line = re.sub(r"  +", lambda m: m.group()[:-1], line, count=rng.randint(1, 3))
    lines[k] = line
    return "\n".join(lines)


def _swap_lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    if len(lines) < 3:
        return text
    k = rng.randrange(len(lines) - 1)
    lines[k], lines[k + 1] = lines[k + 1], lines[k]
    return "\n".join(lines)


def _truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randrange(len(text) + 1)]


def _span(text: str, rng: random.Random) -> str:
    cells = [m.start() for m in re.finditer(r"<t[dh]\b", text, re.I)]
    if not cells:
        return text
    at = rng.choice(cells) + 3
    span = f' {rng.choice(["colspan", "rowspan"])}="{rng.choice([0, 2, 3, 64, 9999])}"'
    return text[:at] + span + text[at:]


def _extra_cell(text: str, rng: random.Random) -> str:
    rows = [m.end() for m in re.finditer(r"<tr\b[^>]*>", text, re.I)]
    if not rows:
        return text
    at = rng.choice(rows)
    return text[:at] + f"<td>{rng.choice(['', '$', '1,000.00', 'x'])}</td>" + text[at:]


def _nest(text: str, rng: random.Random) -> str:
    cells = [m.end() for m in re.finditer(r"<td\b[^>]*>", text, re.I)]
    if not cells:
        return text
    at = rng.choice(cells)
    return text[:at] + "<table><tr><td>9.99</td><td>Class</td></tr></table>" + text[at:]


Mutation = Callable[[str, random.Random], str]
MUTATIONS: dict[str, Mutation] = {
    "digit": _digit, "split figure": _split_figure, "drop digit": _drop_digit,
    "swap figures": _swap_figures, "spacing": _spacing, "swap lines": _swap_lines,
    "truncate": _truncate, "span": _span, "extra cell": _extra_cell, "nest": _nest,
}
_HTML_ONLY = frozenset({"span", "extra cell", "nest"})


# -- the run


@dataclass
class FuzzResult:
    inputs: int = 0
    by_mutation: dict[str, int] = field(default_factory=dict)
    ok: int = 0
    escaped: list[str] = field(default_factory=list)
    printed_nowhere: list[str] = field(default_factory=list)
    slowest: tuple[float, int, str] = (0.0, 0, "")  # seconds, characters, name
    peak_rss_mb: float = 0.0

    def describe(self) -> str:
        seconds, size, name = self.slowest
        return "\n".join([
            f"inputs tried: {self.inputs:,} ({self.ok:,} parsed ok)",
            "by mutation: " + ", ".join(f"{k} {v}" for k, v in sorted(self.by_mutation.items())),
            f"escaped exceptions: {len(self.escaped)}",
            f"values printed nowhere: {len(self.printed_nowhere)}",
            f"slowest input: {seconds:.3f} s CPU for {size:,} characters ({name})",
            f"peak memory: {self.peak_rss_mb:.0f} MB RSS",
            *(f"  escaped: {e}" for e in self.escaped[:5]),
            *(f"  printed nowhere: {p}" for p in self.printed_nowhere[:5]),
        ])


def seeds(fixtures: Path, per_family: int) -> Iterator[tuple[str, str]]:
    """(name, text) of every real report fixture and ``per_family`` generated documents of
    each family with a renderer."""
    yield "seed", (fixtures / "seed_ter034he_nov.txt").read_text(encoding="latin-1")
    for path in sorted((fixtures / "real").iterdir()):
        if path.suffix in (".htm", ".html"):
            yield f"real/{path.name}", path.read_text(encoding="latin-1")
    from parsers import split_submission
    from parsers.exhibits import locate_report

    for path in sorted((fixtures / "real").glob("*.txt")):
        located = locate_report(split_submission(path.read_bytes())[1])
        if located is not None:
            yield f"real/{path.name}", located.text
    for layout in available():
        for n, (_, text) in enumerate(corpus(layout, per_family, seed=11)):
            yield f"{layout}/{n}", text


def run_fuzz(fixtures: Path, *, per_family: int = 3, mutants: int = 50, seed: int = 1,
             log: Callable[[str], None] = lambda line: None) -> FuzzResult:
    """``mutants`` mutated inputs of each seed document (1-3 mutations each)."""
    rng = random.Random(seed)
    result = FuzzResult()
    for name, original in seeds(fixtures, per_family):
        is_html = "<td" in original.lower()
        kinds = [k for k in MUTATIONS if is_html or k not in _HTML_ONLY]
        for n in range(mutants):
            text, applied = original, []
            for _ in range(rng.randint(1, 3)):
                kind = rng.choice(kinds)
                text = MUTATIONS[kind](text, rng)
                applied.append(kind)
            _one(result, f"{name}#{n} ({'+'.join(applied)})", text, applied)
        log(f"{name}: {result.inputs:,} inputs so far")
    result.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _one(result: FuzzResult, name: str, text: str, applied: list[str]) -> None:
    result.inputs += 1
    for kind in applied:
        result.by_mutation[kind] = result.by_mutation.get(kind, 0) + 1
    started = time.thread_time()
    try:
        parsed = parse_report(text)
    except Exception as exc:  # what the guarantee forbids: count it, keep going
        result.escaped.append(f"{name}: {type(exc).__name__}: {exc}"[:300])
        return
    spent = time.thread_time() - started
    if spent > result.slowest[0]:
        result.slowest = (spent, len(text), name)
    if parsed.error and "internal parser error" in parsed.error:
        result.escaped.append(f"{name}: {parsed.error}"[:300])
    if parsed.status == "ok" and parsed.report is not None:
        result.ok += 1
        result.printed_nowhere += [f"{name}: {w}"
                                   for w in printed_nowhere(parsed.layout, parsed.report, text)]


_RECORDS = (Tranche, Pool, Delinquency)  # what printed_nowhere inspects
