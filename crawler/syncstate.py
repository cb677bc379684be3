"""What a watch-list sync has already seen, kept in one small JSON file under ABSDW_HOME.

``sources["daily-index"]`` is the last day whose index was read and whose matching filings are
all durable in the raw store; ``backfilled`` records when each CIK's full history was fetched
from its submissions JSON. The caller saves a new state only AFTER the documents it covers are
stored (the raw store fsyncs each one), so a crash at any moment costs at most a re-read of a
few index files, and never loses a filing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from crawler.errors import CorruptStateFile
from crawler.statefile import read_json, write_json

__all__ = ["DAILY_INDEX", "SyncState", "load_state", "save_state"]

DAILY_INDEX = "daily-index"
_REMEDY = ("delete it to start over: every watched trust is then backfilled from its "
           "submissions JSON again (one request per trust; stored filings are not refetched)")


@dataclass
class SyncState:
    """Cursor per discovery source, and the backfill date of each CIK."""

    sources: dict[str, date] = field(default_factory=dict)
    backfilled: dict[int, date] = field(default_factory=dict)


def load_state(path: Path) -> SyncState:
    """The saved state, or an empty one if there is no file yet."""
    doc = read_json(path, _REMEDY)
    try:
        return SyncState(
            sources={k: date.fromisoformat(v) for k, v in doc.get("sources", {}).items()},
            backfilled={int(k): date.fromisoformat(v)
                        for k, v in doc.get("backfilled", {}).items()},
        )
    except (AttributeError, TypeError, ValueError) as exc:
        raise CorruptStateFile(f"{path}: unexpected content ({exc}); {_REMEDY}") from exc


def save_state(path: Path, state: SyncState) -> None:
    """Write atomically; call only once the filings the state covers are durable."""
    write_json(path, {
        "version": 1,
        "sources": {k: v.isoformat() for k, v in sorted(state.sources.items())},
        "backfilled": {str(k): v.isoformat() for k, v in sorted(state.backfilled.items())},
    })
