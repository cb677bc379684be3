"""What the last sync did for each trust: when it ran, and what failed (``ABSDW_HOME/
trusts.json``), so ``absdw status`` can say it per trust and the nightly job's failures are
visible the morning after, not only in a log.

A trust that failed (its submissions JSON unreadable, filings not fetched) keeps its reason
until a later sync of it succeeds; the failure is retried by the next run of the same job
(the watch-list cursor never passes an unfetched filing, and a trust not fully backfilled is
backfilled again).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from foundation.durable import atomic_write
from foundation.text import bounded

__all__ = ["TrustRun", "load_runs", "record_runs"]


@dataclass(frozen=True)
class TrustRun:
    """One trust's last sync: ``at`` (UTC, ISO), its failure if any, filings that failed."""

    at: str
    failure: str | None = None
    failed_filings: int = 0


def load_runs(path: Path) -> dict[int, TrustRun]:
    """The recorded runs (empty when none, or when the file is unreadable: it is a report,
    and the next sync writes it again)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return {int(cik): TrustRun(**run) for cik, run in doc.get("trusts", {}).items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def record_runs(path: Path, outcomes: dict[int, tuple[str | None, int]],
                now: datetime | None = None) -> None:
    """Record ``outcomes`` (cik -> (failure or None, failed filings)) as the trusts' last run."""
    at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    runs = load_runs(path)
    for cik, (failure, failed) in outcomes.items():
        runs[cik] = TrustRun(at, bounded(failure) if failure else None, failed)
    doc = {"version": 1, "trusts": {str(c): asdict(r) for c, r in sorted(runs.items())}}
    atomic_write(path, (json.dumps(doc, indent=1) + "\n").encode("utf-8"))
