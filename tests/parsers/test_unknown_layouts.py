"""The guarantee for layouts never seen: correct numbers or a quarantine with a reason, never
wrong numbers with status 'ok'.

Generated CTSLink reports are corrupted the way an unfamiliar trustee layout would differ: a
column shifted, two columns' headers swapped, a header line dropped, two columns merged, a table
printed across (transposed), a label changed to an unknown synonym, a column scaled by 1,000.
Each parse must be quarantined with a reason, or be exactly right. "Right" is the truth, or,
where the corrupted document consistently says something else, what it says: swapped headers
with no other table to contradict them mean swapped fields, and a collateral line under an
unknown label is no typed field (its figure kept as an item).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lab.strategies import mortgage_deals
from lab.synth.collateral import CollateralParams
from lab.synth.compare import roundtrip_fields
from lab.synth.render_ctslink import (
    OPTIONAL_TABLES,
    Masthead,
    RenderOptions,
    printed_truth,
    render_report,
)
from lab.synth.simulate import DealSpec, simulate
from parsers import parse_report
from parsers.engine.columns import build_grid
from parsers.engine.delinquency import STATUS_WORDS
from parsers.engine.tables import split_tables
from parsers.engine.vocabulary import POOL_FIELDS, TRANCHE_FIELDS
from parsers.model import Report

MASTHEAD = Masthead(trust="ABSDW CORRUPTED TRUST", series="2004-1", ticker="ASH",
                    file_number="333-990001-01", eins=("54-9900001", "54-9900002", "54-9900003"))
_NUMBER = re.compile(r"(?<!\S)\(?[\d,]*\d(?:\.\d+)?%?\)?(?!\S)")


@dataclass
class Block:
    """One ``<TABLE>``: line indexes of its caption lines and body lines in the document."""

    caption: list[int]
    body: list[int]


def blocks(lines: list[str]) -> list[Block]:
    out: list[Block] = []
    current: Block | None = None
    in_body = False
    for i, line in enumerate(lines):
        tag = line.strip().upper()
        if tag == "<TABLE>":
            current, in_body = Block([], []), False
            out.append(current)
        elif tag == "</TABLE>":
            current = None
        elif current is not None and tag.startswith("<S>"):
            in_body = True
        elif current is not None and tag not in ("<CAPTION>", "<FN>", "</FN>"):
            (current.body if in_body else current.caption).append(i)
    return [b for b in out if any(lines[i].strip() for i in b.body)]


def grid_of(lines: list[str], block: Block):  # type: ignore[no-untyped-def]
    first, last = min(block.caption + block.body), max(block.caption + block.body)
    return build_grid(split_tables("\n".join(["<TABLE>", *lines[first - 1:last + 1],
                                              "</TABLE>"]))[0])


# --------------------------------------------------------------------------- corruptions
# Each takes (document lines, the chosen table, a random source of ints) and returns the new
# lines and the "as printed" truth transform (None: only the original truth is right).

Transform = Callable[[Report], Report] | None
Corruption = Callable[[list[str], Block, st.DataObject, Report], tuple[list[str], Transform]]


def shift_column(lines: list[str], block: Block, data: st.DataObject,
                 truth: Report) -> tuple[list[str], Transform]:
    """Body lines shifted right of a position by a few characters, headers left in place."""
    width = max(len(lines[i]) for i in block.body)
    at = data.draw(st.integers(1, width - 1))
    by = data.draw(st.integers(1, 12))
    out = list(lines)
    for i in block.body:
        line = out[i]
        if line[at - 1:at + 1].strip():  # inside a word: shift from the gap after it
            gap = line.find("  ", at)
            at_here = len(line) if gap < 0 else gap + 1
        else:
            at_here = at
        out[i] = line[:at_here] + " " * by + line[at_here:]
    return out, None


def swap_headers(lines: list[str], block: Block, data: st.DataObject,
                 truth: Report) -> tuple[list[str], Transform]:
    """Two value columns' header phrases exchanged on every header line."""
    grid = grid_of(lines, block)
    assume(len(grid.columns) >= 3)
    a, b = sorted(data.draw(st.lists(st.integers(1, len(grid.columns) - 1), min_size=2,
                                     max_size=2, unique=True)))
    ca, cb = grid.columns[a], grid.columns[b]
    out = list(lines)
    header_lines = [i for i in block.caption if lines[i].strip()][-3:]
    for i in header_lines:
        out[i] = _swap_spans(out[i], (ca.start, ca.end), (cb.start, cb.end))
    return out, _field_swap(grid.headers[a], grid.headers[b], grid.title)


def _swap_spans(line: str, a: tuple[int, int], b: tuple[int, int]) -> str:
    """Exchange the words overlapping column ``a`` with those overlapping column ``b``."""
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", line)]

    def inside(span: tuple[int, int]) -> list[tuple[int, int, str]]:
        return [w for w in words if min(w[1], span[1]) > max(w[0], span[0])]

    left, right = inside(a), inside(b)
    if not left or not right:
        return line
    chars = list(line.ljust(max(len(line), right[-1][1])))
    lspan = (left[0][0], left[-1][1])
    rspan = (right[0][0], right[-1][1])
    ltext, rtext = line[lspan[0]:lspan[1]], line[rspan[0]:rspan[1]]
    for start, end in (lspan, rspan):
        chars[start:end] = " " * (end - start)
    text = "".join(chars)
    text = text[:lspan[0]] + rtext + text[lspan[0] + len(rtext):] if len(rtext) <= (
        rspan[0] - lspan[0] - 1) else text
    return text[:rspan[1] - len(ltext)] + ltext + text[rspan[1]:]


def _field_swap(head_a: str, head_b: str, title: str) -> Transform:
    status_a, status_b = STATUS_WORDS.get(head_a.lower()), STATUS_WORDS.get(head_b.lower())
    if status_a and status_b:
        def swap_status(report: Report) -> Report:
            out = copy.deepcopy(report)
            for d in out.delinquencies:
                d.status = {status_a: status_b, status_b: status_a}.get(  # type: ignore[assignment]
                    d.status, d.status)
            return out

        return swap_status
    vocabulary = POOL_FIELDS if "COLLATERAL" in title.upper() else TRANCHE_FIELDS
    spec_a, spec_b = vocabulary.lookup(head_a), vocabulary.lookup(head_b)
    if spec_a is None or spec_b is None:
        return None

    def swap(report: Report) -> Report:
        out = copy.deepcopy(report)
        for t in out.tranches:
            va, vb = getattr(t, spec_a.name), getattr(t, spec_b.name)
            setattr(t, spec_a.name, vb)
            setattr(t, spec_b.name, va)
        return out

    return swap


def drop_header_line(lines: list[str], block: Block, data: st.DataObject,
                     truth: Report) -> tuple[list[str], Transform]:
    printed = [i for i in block.caption if lines[i].strip()]
    assume(printed)
    gone = data.draw(st.sampled_from(printed))
    return [line for i, line in enumerate(lines) if i != gone], None


def merge_columns(lines: list[str], block: Block, data: st.DataObject,
                  truth: Report) -> tuple[list[str], Transform]:
    """The blank gap between two adjacent columns removed from every body line."""
    grid = grid_of(lines, block)
    assume(len(grid.columns) >= 2)
    k = data.draw(st.integers(1, len(grid.columns) - 1))
    gap = (grid.columns[k - 1].end, grid.columns[k].start)
    keep = data.draw(st.integers(0, 1))
    out = list(lines)
    for i in block.body:
        line = out[i]
        if not line[gap[0]:gap[1]].strip():  # text running through the gap stays whole
            out[i] = line[:gap[0]] + " " * keep + line[gap[1]:]
    return out, None


def transpose(lines: list[str], block: Block, data: st.DataObject,
              truth: Report) -> tuple[list[str], Transform]:
    """The table printed across: its columns become rows under the row labels."""
    grid = grid_of(lines, block)
    labels = [r.label for r in grid.rows if r.label.strip()]
    assume(2 <= len(labels) <= 14 and len(grid.columns) >= 2)
    return transposed(lines, block), None


def transposed(lines: list[str], block: Block) -> list[str]:
    grid = grid_of(lines, block)
    labels = [r.label for r in grid.rows if r.label.strip()]
    rows = [r for r in grid.rows if r.label.strip()]
    head = " " * 40 + "".join(f"{label:>18}" for label in labels)
    body = [f"{grid.headers[c][:38]:<40}" + "".join(f"{(r.cells[c] or ''):>18}" for r in rows)
            for c in range(1, len(grid.columns))]
    title = " " * 30 + (grid.title or "TABLE")
    new = ["<TABLE>", "<CAPTION>", title, "", head, "<S>" + " " * 37 + "<C>" * len(labels),
           *body, "</TABLE>"]
    first, last = min(block.caption + block.body), max(block.caption + block.body)
    return [*lines[:first - 2], *new, *lines[last + 2:]]


def rename_label(lines: list[str], block: Block, data: st.DataObject,
                 truth: Report) -> tuple[list[str], Transform]:
    """One header word or row label replaced by a word no vocabulary knows."""
    header = [i for i in block.caption if lines[i].strip()][-3:]
    targets = [(i, m) for i in header + block.body
               for m in re.finditer(r"[A-Za-z]{4,}", lines[i])
               if i in header or m.start() < 40]  # header words and row labels
    assume(targets)
    i, m = data.draw(st.sampled_from(targets))
    out = list(lines)
    out[i] = lines[i][:m.start()] + "Zqx" + m.group()[3:] + lines[i][m.end():]
    label = " ".join(lines[i][:40].split()) if i in block.body else ""
    spec = POOL_FIELDS.lookup(label) if label else None
    if spec is None or not truth.pools:
        return out, None

    def unknown_label(report: Report) -> Report:
        return replace(report, pools=[replace(p, **{spec.name: None}) for p in report.pools])

    return out, unknown_label


def scale_column(lines: list[str], block: Block, data: st.DataObject,
                 truth: Report) -> tuple[list[str], Transform]:
    """Every figure of one column printed 1,000 times larger (right edge kept)."""
    grid = grid_of(lines, block)
    assume(len(grid.columns) >= 2)
    column = grid.columns[data.draw(st.integers(1, len(grid.columns) - 1))]
    out = list(lines)
    for i in block.body:
        line = out[i]
        for m in _NUMBER.finditer(line):
            if min(m.end(), column.end) > max(m.start(), column.start):
                bigger = _times_1000(m.group())
                start = max(0, m.end() - len(bigger))
                line = line[:start] + bigger + line[m.end():]
                break
        out[i] = line
    return out, None


def _times_1000(token: str) -> str:
    body = token.strip("()%").replace(",", "")
    value = Decimal(body) * 1000
    text = f"{value:,.{max(0, -value.as_tuple().exponent)}f}"  # type: ignore[operator]
    return token.replace(token.strip("()%"), text)


CORRUPTIONS: dict[str, Corruption] = {
    "shift": shift_column, "swap": swap_headers, "drop_header": drop_header_line,
    "merge": merge_columns, "transpose": transpose, "rename": rename_label,
    "scale": scale_column,
}


# --------------------------------------------------------------------------- the guarantee


def _outcome(truth: Report, text: str, transform: Transform) -> str:
    result = parse_report(text)
    if result.status == "quarantined":
        assert result.error and len(result.error) > 20, "a quarantine must say why"
        return "quarantined"
    assert result.report is not None
    candidates = [truth] + ([transform(truth)] if transform else [])
    verdicts = [[m for m in roundtrip_fields(c, result.report)[2] if not _lost_text(m)]
                 for c in candidates]
    assert [] in verdicts, f"ok with wrong values: {verdicts[0][:6]}"
    return "exact"


def _lost_text(mismatch: str) -> bool:
    """A text field (description, CUSIP) not found: no number is wrong, the words are kept
    as an item. Any wrong or missing figure still fails."""
    return bool(re.search(r": truth '[^']*', parsed None$", mismatch))


deals = mortgage_deals(max_months=6)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(deal=deals, kind=st.sampled_from(sorted(CORRUPTIONS)), data=st.data(),
       omit=st.frozensets(st.sampled_from(sorted(OPTIONAL_TABLES))))
def test_a_corrupted_layout_is_exact_or_quarantined(deal: DealSpec, kind: str,
                                                    data: st.DataObject,
                                                    omit: frozenset[str]) -> None:
    options = RenderOptions(omit_tables=omit)
    truth = simulate(deal)[-1]
    lines = render_report(truth, MASTHEAD, options).splitlines()
    found = blocks(lines)
    block = found[data.draw(st.integers(0, len(found) - 1))]
    corrupted, transform = CORRUPTIONS[kind](lines, block, data, truth)
    _outcome(printed_truth(truth, options), "\n".join(corrupted), transform)


def _one(kind: str, title: str, pick: Callable[[list[str], Block], tuple[list[str], Transform]]
         ) -> tuple[Report, str, Transform]:
    truth = simulate(DealSpec(months=3, seed=11, collateral=CollateralParams(loan_count=300)))[-1]
    lines = render_report(truth, MASTHEAD).splitlines()
    block = next(b for b in blocks(lines) if title in grid_of(lines, b).title)
    corrupted, transform = pick(lines, block)
    return truth, "\n".join(corrupted), transform


def test_swapped_interest_and_principal_headers_are_quarantined() -> None:
    def swap(lines: list[str], block: Block) -> tuple[list[str], Transform]:
        grid = grid_of(lines, block)
        a = grid.headers.index("Interest Distribution")
        b = grid.headers.index("Principal Distribution")
        out = list(lines)
        for i in block.caption:
            out[i] = _swap_spans(out[i], (grid.columns[a].start, grid.columns[a].end),
                                 (grid.columns[b].start, grid.columns[b].end))
        return out, None

    _, text, _ = _one("swap", "Certificateholder Distribution Summary", swap)
    result = parse_report(text)
    assert result.status == "quarantined"
    assert result.error is not None and "tranche_rollforward" in result.error


def test_a_scaled_balance_column_is_quarantined() -> None:
    def scale(lines: list[str], block: Block) -> tuple[list[str], Transform]:
        grid = grid_of(lines, block)
        column = grid.columns[grid.headers.index("Ending Certificate Balance")]
        out = list(lines)
        for i in block.body:
            m = next((m for m in _NUMBER.finditer(out[i])
                      if min(m.end(), column.end) > max(m.start(), column.start)), None)
            if m:
                out[i] = out[i][:m.start()] + _times_1000(m.group()) + out[i][m.end():]
        return out, None

    _, text, _ = _one("scale", "Distribution Summary (continued)", scale)
    result = parse_report(text)
    assert result.status == "quarantined"
    assert result.error is not None and "tranche_rollforward" in result.error


def test_a_class_table_printed_across_is_quarantined() -> None:
    _, text, _ = _one("transpose", "Principal Distribution Statement",
                      lambda lines, block: (transposed(lines, block), None))
    result = parse_report(text)
    assert result.status == "quarantined"
    assert result.error is not None and "unmapped_table" in result.error

