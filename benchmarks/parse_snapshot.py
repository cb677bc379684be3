"""Parse-output snapshot: proves a refactor left every parse byte-identical (not a timing).

Run by hand before and after a change and compare the two files::

    .venv/bin/python benchmarks/parse_snapshot.py --out /tmp/before.jsonl
    ... change the code ...
    .venv/bin/python benchmarks/parse_snapshot.py --out /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl && echo identical

One JSON line per document: its name, the SHA-256 of its input bytes (so a moved generator is
seen to render the same documents), and a canonical dump of everything the parser returns:
the header and report location of a submission, layout, status, score, error, every check,
every record of the report in order (Decimals with their printed exponent, so ``0.0155`` and
``0.015500`` differ), and the ``absdw parse --debug`` table trace. Documents: every real
fixture under ``tests/fixtures`` and ``--deals`` generated deals per layout family (the
generic family's are CTSLink reports reworded, with and without markup).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from lab.corpus import available, corpus
from lab.synth.render_generic import reword
from parsers import explain_report, explain_submission

ROOT = Path(__file__).resolve().parents[1]

FIXTURES = ROOT / "tests" / "fixtures"


def canonical(value: Any) -> Any:
    """A JSON-able dump that keeps every distinction a parse can make."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"@": type(value).__name__,
                **{f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # NamedTuple
        return {"@": type(value).__name__,
                **{name: canonical(getattr(value, name)) for name in value._fields}}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return f"D:{value}"
    if isinstance(value, date):
        return f"d:{value.isoformat()}"
    if isinstance(value, float):
        return f"f:{value!r}"
    return value


def explained(explanation: Any) -> dict[str, Any]:
    """The explanation's parts that output can depend on (field names change, content not)."""
    filing = getattr(explanation, "filing", None)
    return {
        "filing": canonical(filing) if filing is not None else None,
        "result": canonical(explanation.result),
        "traced": explanation.traced,
        "tables": canonical(explanation.tables),
    }


def real_documents() -> Iterator[tuple[str, bytes, bool]]:
    """(name, bytes, is a whole submission) of every real fixture."""
    yield "seed", (FIXTURES / "seed_ter034he_nov.txt").read_bytes(), False
    for path in sorted((FIXTURES / "real").iterdir()):
        yield f"real/{path.name}", path.read_bytes(), path.suffix == ".txt"


def generated_documents(deals: int) -> Iterator[tuple[str, bytes, bool]]:
    for layout in [*(name for name in available() if name != "generic"), "generic"]:
        source = reworded(deals) if layout == "generic" else (
            text for _, text in corpus(layout, deals, seed=7))
        for n, text in enumerate(source):
            yield f"{layout}/{n}", text.encode("utf-8"), False


def reworded(deals: int) -> Iterator[str]:
    """CTSLink reports with every CTSLink marker reworded (half without markup): generic.
    (Kept as first written, not ``corpus("generic")``, so the inputs stay the same.)"""
    for n, (_, text) in enumerate(corpus("ctslink", deals, seed=9)):
        yield reword(text, markup=n % 2 == 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=200)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    count = 0
    digest = hashlib.sha256()
    with args.out.open("w", encoding="utf-8") as out:
        for name, data, whole in [*real_documents(), *generated_documents(args.deals)]:
            if whole:
                explanation = explain_submission(data, min_score=0.9)
            else:
                explanation = explain_report(data.decode("utf-8"), min_score=0.9)
            line = json.dumps({"name": name, "input": hashlib.sha256(data).hexdigest(),
                               **explained(explanation)}, sort_keys=True)
            out.write(line + "\n")
            digest.update(line.encode("utf-8"))
            count += 1
    print(f"{count} documents, snapshot sha256 {digest.hexdigest()} -> {args.out}")


if __name__ == "__main__":
    main()
