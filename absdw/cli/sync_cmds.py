"""``absdw sync``, ``refetch`` and ``reparse``: the commands that change the warehouse."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from absdw.cli.root import STATE, CikOpt, HomeOpt, app, examples, log, settings_for
from foundation.errors import ConfigError

__all__ = ["refetch", "reparse", "sync"]


@app.command(epilog=examples(
    "absdw sync --cik 1268747",
    "absdw sync --file-number 333-106175-06",
    "absdw sync --all                    # every watched trust; exit codes: docs/scheduling.md",
    "absdw sync --all --wait --quiet     # under cron: wait for a running sync, log warnings"))
def sync(
    cik: CikOpt = None,
    file_number: Annotated[
        list[str] | None,
        typer.Option("--file-number", help="SEC file number, e.g. 333-106175-06 (repeatable)."),
    ] = None,
    all_matches: Annotated[
        bool, typer.Option("--all-matches", help="Sync every trust a file number matches.")
    ] = False,
    all_: Annotated[
        bool, typer.Option("--all", help="Every watched trust, new filings via daily indexes.")
    ] = False,
    home: HomeOpt = None,
    user_agent: Annotated[str | None, typer.Option(help="Declared User-Agent.")] = None,
    edgar_url: Annotated[str | None, typer.Option(help="EDGAR www base URL.")] = None,
    edgar_data_url: Annotated[str | None, typer.Option(help="EDGAR data base URL.")] = None,
    rate_limit: Annotated[float | None, typer.Option(help="Requests/s (max 10).")] = None,
    wait: Annotated[bool, typer.Option("--wait", help="If another sync of this home runs, "
                                       "wait for it instead of exiting 10.")] = False,
) -> None:
    """Fetch new monthly reports of the given trusts and load them into the warehouse."""
    from absdw.pipeline import sync as run_sync
    from absdw.pipeline import sync_watchlist
    from absdw.progress import for_stream

    settings = settings_for(home=home, user_agent=user_agent, edgar_url=edgar_url,
                            edgar_data_url=edgar_data_url, rate_limit=rate_limit)
    if all_ and (cik or file_number):
        raise ConfigError("--all syncs the watch list; run --cik/--file-number separately.")
    if not (all_ or cik or file_number):
        raise ConfigError("nothing to sync: pass --cik N, --file-number X (repeatable) or "
                          "--all with a watch list ([watch] ciks / file_numbers).")
    progress = for_stream(sys.stderr, quiet=STATE.quiet, verbose=STATE.verbose)
    try:
        if all_:
            summary = sync_watchlist(settings, all_matches=all_matches, progress=progress,
                                     wait=wait)
        else:
            summary = run_sync(settings, cik or [], file_numbers=file_number or [],
                               all_matches=all_matches, progress=progress, wait=wait)
    finally:
        progress.close()
    log(summary.describe(), "WARNING" if summary.problems or summary.load.quarantined else "INFO")
    summary.check()


@app.command(epilog=examples("absdw refetch 0001056404-03-002432",
                             "absdw refetch 0001056404-03-002432 --cik 1268747"))
def refetch(
    accession: Annotated[str, typer.Argument(help="Accession number of a stored filing.")],
    cik: Annotated[int | None, typer.Option("--cik", help="Its trust (default: look it up).")]
    = None,
    home: HomeOpt = None,
) -> None:
    """Download a filing's raw document again and re-load it (a quarantined filing whose
    stored copy was bad, or one EDGAR has since corrected). The old copy is kept aside."""
    from absdw.pipeline import refetch as run_refetch

    settings = settings_for(home=home)
    result = run_refetch(settings, accession, cik)
    log(result.describe(), "INFO" if result.status == "ok" else "WARNING")


@app.command(epilog=examples("absdw reparse --all", "absdw reparse --cik 1268747 --force"))
def reparse(
    all_: Annotated[bool, typer.Option("--all", help="Every trust in the warehouse.")] = False,
    cik: Annotated[list[int] | None, typer.Option("--cik", help="Only this trust (repeatable).")]
    = None,
    force: Annotated[bool, typer.Option("--force", help="Re-parse even filings already parsed "
                                        "by this parser version.")] = False,
    home: HomeOpt = None,
) -> None:
    """Rebuild the warehouse rows of filings parsed by an older parser, from the raw store."""
    from absdw.pipeline import reparse as run_reparse

    if all_ == bool(cik):
        raise ConfigError("reparse needs --all or --cik N (repeatable), not both or neither.")
    settings = settings_for(home=home)
    summary = run_reparse(settings, None if all_ else cik, force=force)
    log(summary.describe())
