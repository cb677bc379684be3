"""Which trusts a sync is about: CIKs given, and SEC file numbers resolved to CIKs.

A file number that matches nothing, or several filers, is the user's decision, not ours: the
error lists what EDGAR answered and the option that settles it.
"""

from __future__ import annotations

from collections.abc import Iterable

from crawler import EdgarClient, FileNumberCache, FileNumberMatch, resolve_file_number
from foundation.errors import ConfigError
from parsers import read_filers

__all__ = ["resolve_targets"]


def resolve_targets(
    client: EdgarClient,
    cache: FileNumberCache,
    ciks: Iterable[int],
    file_numbers: Iterable[str],
    *,
    all_matches: bool = False,
) -> tuple[list[int], dict[str, tuple[int, ...]]]:
    """(CIKs to sync, file number -> its CIKs); raises ConfigError for none or several."""
    targets = list(dict.fromkeys(ciks))
    resolved: dict[str, tuple[int, ...]] = {}
    for number in dict.fromkeys(file_numbers):
        match = resolve_file_number(client, number, cache, read_filers=read_filers)
        _check(match, all_matches)
        resolved[number] = match.ciks
        targets += [c for c in match.ciks if c not in targets]
    return targets, resolved


def _check(match: FileNumberMatch, all_matches: bool) -> None:
    if not match.ciks:
        raise ConfigError(
            f"SEC file number {match.file_number} matches no filer on EDGAR. Check the number "
            "(a trust's is its depositor's shelf plus a series, e.g. 333-106175-06), or sync "
            "the trust by --cik."
        )
    if len(match.ciks) > 1 and not all_matches:
        raise ConfigError(
            f"SEC file number {match.file_number} matches {len(match.ciks)} filers: "
            f"{match.describe()}. Pass --cik for the one you mean, or add --all-matches "
            "to sync all of them."
        )
