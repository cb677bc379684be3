"""What a sync, a load pass and a re-parse did: counts for the CLI, cron logs and notebooks."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from absdw.errors import FilingsQuarantined, SyncIncomplete
from parsers import PARSER_VERSION

__all__ = ["LoadSummary", "ReparseSummary", "SyncSummary"]


@dataclass
class LoadSummary:
    """What one load pass committed."""

    loaded: int = 0
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (accession, reason)
    #: stored documents that failed verification: set aside, fetched again by the next sync
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: how many of ``failed`` each trust has
    failed_by_cik: Counter[int] = field(default_factory=Counter)


@dataclass
class SyncSummary:
    """The outcome of one sync: counts, requests and time, for the CLI and for cron logs."""

    ciks: list[int]
    discovered: int = 0
    fetched: int = 0
    skipped: int = 0
    requests: int = 0
    bytes: int = 0
    seconds: float = 0.0
    blocked_seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)  # crawl failures
    #: trusts whose filings could not be listed (the others were synced): cik -> reason
    trust_failures: dict[int, str] = field(default_factory=dict)
    #: how many of ``failed`` each trust has
    failed_by_cik: Counter[int] = field(default_factory=Counter)
    file_numbers: dict[str, tuple[int, ...]] = field(default_factory=dict)
    load: LoadSummary = field(default_factory=LoadSummary)

    @property
    def problems(self) -> list[tuple[str, str]]:
        """Every trust or filing that could not be fetched or read: (what, reason)."""
        return [*((f"CIK {cik}", why) for cik, why in self.trust_failures.items()),
                *self.failed, *self.load.failed]

    @property
    def ok(self) -> bool:
        return not self.problems

    def check(self) -> None:
        """Raise what the run's outcome means for a scheduler: SyncIncomplete (exit 5) when
        a trust or a filing failed, FilingsQuarantined (exit 8) when new filings were
        quarantined; return when all is good (exit 0)."""
        if self.problems:
            what, why = self.problems[0]
            raise SyncIncomplete(f"{len(self.problems)} trust(s) or filing(s) failed, e.g. "
                                 f"{what}: {why}; run the same sync again to retry them")
        if self.load.quarantined:
            raise FilingsQuarantined(
                f"{len(self.load.quarantined)} new filing(s) quarantined (not read), e.g. "
                f"{self.load.quarantined[0][0]}; see `absdw quarantine list`")

    def failures_of(self, cik: int) -> int:
        """Filings of ``cik`` that could not be fetched or read in this run."""
        return self.failed_by_cik[cik] + self.load.failed_by_cik[cik]

    @property
    def rate(self) -> float:
        """Average requests per second over the whole run. A run shorter than a second is
        one 1-second window (SEC's unit), so it divides by one second, not its duration:
        2 requests 0.1 s apart are 2 requests in that second, not 20 req/s."""
        return self.requests / max(self.seconds, 1.0)

    def describe(self) -> str:
        """The one-paragraph report the CLI prints on stderr."""
        lines = [
            f"synced {len(self.ciks)} trust(s): {self.discovered} discovered, {self.fetched} "
            f"fetched, {self.skipped} already stored, {self.load.loaded} committed, "
            f"{len(self.load.quarantined)} quarantined, {len(self.problems)} failed; "
            f"{self.requests} requests, {self.bytes / 1e6:.1f} MB, {self.rate:.1f} req/s, "
            f"{self.blocked_seconds:.0f} s blocked, {self.seconds:.1f} s"
        ]
        lines += [f"  quarantined {acc}: {why}" for acc, why in self.load.quarantined]
        lines += [f"  failed {acc}: {why}" for acc, why in self.problems]
        return "\n".join(lines)


@dataclass
class ReparseSummary:
    """What one re-parse did. ``changed`` holds (accession, old status, new status)."""

    reparsed: list[str] = field(default_factory=list)
    changed: list[tuple[str, str, str]] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (accession, reason)
    up_to_date: int = 0
    missing_raw: list[str] = field(default_factory=list)  # committed, but not in the raw store
    corrupt_raw: list[tuple[str, str]] = field(default_factory=list)  # set aside, rows kept

    def describe(self) -> str:
        """The summary the CLI prints on stderr."""
        lines = [f"re-parsed {len(self.reparsed)} filing(s) with parser {PARSER_VERSION}: "
                 f"{len(self.changed)} changed status, {len(self.quarantined)} quarantined; "
                 f"{self.up_to_date} already current, {len(self.missing_raw)} not in the raw "
                 "store"]
        lines += [f"  {acc}: {old} -> {new}" for acc, old, new in self.changed]
        lines += [f"  quarantined {acc}: {why}" for acc, why in self.quarantined]
        lines += [f"  missing raw {acc}: run `absdw sync --cik N` to fetch it again"
                  for acc in self.missing_raw]
        lines += [f"  corrupt raw {acc} (its rows kept): {why}" for acc, why in self.corrupt_raw]
        return "\n".join(lines)
