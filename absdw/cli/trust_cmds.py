"""``absdw trusts search``, ``watch add|remove|list``, ``status`` and ``quarantine list|show``:
finding trusts, choosing which to follow, and seeing how each stands."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from absdw.cli.root import (
    CikOpt,
    FormatOpt,
    HomeOpt,
    app,
    emit,
    examples,
    log,
    settings_for,
    sub_app,
)
from absdw.output import Format, json_value
from foundation.errors import ConfigError

__all__ = ["quarantine_list", "quarantine_show", "status", "trusts_search", "watch_add",
           "watch_list", "watch_remove"]

trusts_app = sub_app("Find trusts on EDGAR by name.", "absdw trusts search 'terwin mortgage'")
watch_app = sub_app("Edit the watch list (the trusts `absdw sync --all` follows).",
                    "absdw watch add --cik 1268747 --label 'TERWIN 2003-4HE'",
                    "absdw watch list", "absdw watch remove --cik 1268747")
quarantine_app = sub_app("Quarantined filings: which, why, and how to retry them.",
                         "absdw quarantine list", "absdw quarantine show 0001056404-03-002432")
app.add_typer(trusts_app, name="trusts")
app.add_typer(watch_app, name="watch")
app.add_typer(quarantine_app, name="quarantine")

SEARCH_COLUMNS = ["hit", "cik", "name", "state", "former_names", "watched"]
ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", help="Config file to edit (default: the one absdw reads, else the user's).")]


def _search(text: str, home: Path | None) -> list[list[object]]:
    from absdw.trusts import search_trusts

    settings = settings_for(home=home)
    found = search_trusts(settings, text)
    if found.more:
        log(f"EDGAR has more than {len(found.matches)} matches for {text!r}: add words to "
            "narrow the search", "WARNING")
    watched = set(settings.watch_ciks)
    return [[i, m.cik, m.name, m.state, list(m.former_names), m.cik in watched]
            for i, m in enumerate(found.matches, start=1)]


@trusts_app.command("search", epilog=examples(
    "absdw trusts search 'terwin mortgage'",
    "absdw trusts search 'carmax auto owner trust 2024' -f json",
    "absdw watch add --search 'terwin mortgage trust 2003-4HE' --pick 1"))
def trusts_search(
    text: Annotated[str, typer.Argument(help="Words of the trust's name (any case).")],
    fmt: FormatOpt = Format.table,
    home: HomeOpt = None,
) -> None:
    """Find trusts (any EDGAR filer) whose name contains TEXT, with their CIKs."""
    rows = _search(text, home)
    if not rows:
        log(f"EDGAR lists no filer whose name contains {text!r}", "WARNING")
    emit(SEARCH_COLUMNS, rows, fmt)


def _config(config: Path | None) -> Path:
    from absdw.watchlist import config_path

    return config if config is not None else config_path()


@watch_app.command("add", epilog=examples(
    "absdw watch add --cik 1268747 --label 'TERWIN 2003-4HE'",
    "absdw watch add --file-number 333-106175-06",
    "absdw watch add --search 'terwin mortgage trust 2003-4HE'          # one hit: added",
    "absdw watch add --search 'terwin mortgage' --pick 2               # hit 2 of the search"))
def watch_add(
    cik: Annotated[int | None, typer.Option("--cik", help="The trust's CIK.")] = None,
    file_number: Annotated[str | None, typer.Option("--file-number", help="SEC file number.")]
    = None,
    search: Annotated[str | None, typer.Option("--search", help="Words of the trust's name: "
                                               "adds the EDGAR search hit.")] = None,
    pick: Annotated[int | None, typer.Option("--pick", help="Which hit of --search "
                                             "(the 'hit' column of `trusts search`).")] = None,
    label: Annotated[str | None, typer.Option("--label", help="A name for the entry (default "
                                              "for a search hit: its EDGAR name).")] = None,
    config: ConfigOpt = None,
    home: HomeOpt = None,
) -> None:
    """Add a trust to the watch list (the config file is edited in place, comments kept)."""
    from absdw.watchlist import WatchEntry, add

    given = [x for x in (cik, file_number, search) if x is not None]
    if len(given) != 1:
        raise ConfigError("watch add needs exactly one of --cik N, --file-number X, "
                          "--search TEXT")
    if search is not None:
        cik, label = _hit(search, pick, label, home)
    entry = (WatchEntry("cik", str(cik), label) if cik is not None
             else WatchEntry("file_number", str(file_number), label))
    path = _config(config)
    added = add(path, entry)
    what = f"{entry.kind.replace('_', ' ')} {entry.value}" + (f" ({label})" if label else "")
    log(f"{'added' if added else 'already watched:'} {what} in {path}")


def _hit(text: str, pick: int | None, label: str | None,
         home: Path | None) -> tuple[int, str | None]:
    rows = _search(text, home)
    if not rows:
        raise ConfigError(f"EDGAR lists no filer whose name contains {text!r}")
    if pick is None and len(rows) > 1:
        hits = "; ".join(f"{r[0]}: {r[1]} {r[2]}" for r in rows[:10])
        raise ConfigError(f"{len(rows)} filers match {text!r}; choose one with --pick N "
                          f"({hits}{' ...' if len(rows) > 10 else ''})")
    index = (pick or 1) - 1
    if not 0 <= index < len(rows):
        raise ConfigError(f"--pick {pick}: the search has hits 1..{len(rows)}")
    hit = rows[index]
    return int(hit[1]), label or str(hit[2])  # type: ignore[call-overload]


@watch_app.command("remove", epilog=examples("absdw watch remove --cik 1268747",
                                             "absdw watch remove --file-number 333-106175-06"))
def watch_remove(
    cik: Annotated[int | None, typer.Option("--cik", help="The trust's CIK.")] = None,
    file_number: Annotated[str | None, typer.Option("--file-number", help="SEC file number.")]
    = None,
    config: ConfigOpt = None,
) -> None:
    """Remove a trust from the watch list (its data stays in the warehouse)."""
    from absdw.watchlist import WatchEntry, remove

    if (cik is None) == (file_number is None):
        raise ConfigError("watch remove needs one of --cik N or --file-number X")
    entry = (WatchEntry("cik", str(cik)) if cik is not None
             else WatchEntry("file_number", str(file_number)))
    path = _config(config)
    if not remove(path, entry):
        raise ConfigError(f"{entry.kind.replace('_', ' ')} {entry.value} is not in the watch "
                          f"list of {path}")
    log(f"removed {entry.kind.replace('_', ' ')} {entry.value} from {path}")


@watch_app.command("list", epilog=examples("absdw watch list", "absdw watch list -f csv"))
def watch_list(config: ConfigOpt = None, fmt: FormatOpt = Format.table) -> None:
    """Print the watch list as the config file has it."""
    from absdw.watchlist import entries

    path = _config(config)
    rows = [[e.kind, e.value, e.label] for e in entries(path)]
    emit(["kind", "value", "label"], rows, fmt)
    log(f"{len(rows)} watched in {path}")


STATUS_COLUMNS = ["cik", "label", "name", "last_distribution_date", "loaded", "quarantined",
                  "last_sync", "failed_filings", "failure"]


@app.command(epilog=examples("absdw status", "absdw status -f json",
                             "absdw status --warehouse          # row counts and last commit"))
def status(
    home: HomeOpt = None,
    fmt: FormatOpt = Format.table,
    warehouse: Annotated[bool, typer.Option("--warehouse", help="Row counts, filings by "
                                            "status and last commit instead.")] = False,
) -> None:
    """How each trust stands: last month read, filings loaded and quarantined, last sync and
    what failed in it."""
    settings = settings_for(home=home)
    if warehouse:
        from warehouse import Warehouse

        info = Warehouse(settings.warehouse_dir).status()
        emit(["item", "value"], [[k, v] for k, v in info.items()], fmt)
        return
    from absdw.trusts import trust_status

    rows = [[s.cik, s.label, s.name, s.last_distribution_date, s.loaded, s.quarantined,
             s.last_sync, s.failed_filings, s.failure] for s in trust_status(settings)]
    emit(STATUS_COLUMNS, rows, fmt)


@quarantine_app.command("list", epilog=examples("absdw quarantine list",
                                                "absdw quarantine list --cik 1268747 -f csv"))
def quarantine_list(cik: CikOpt = None, home: HomeOpt = None,
                    fmt: FormatOpt = Format.table) -> None:
    """Every quarantined filing, oldest first, with its reason's first line."""
    from absdw.quarantine import LIST_COLUMNS, quarantined

    rows = quarantined(settings_for(home=home), cik)
    emit(LIST_COLUMNS, rows, fmt)
    if rows:
        log("`absdw quarantine show ACCESSION` explains one and prints the commands that "
            "retry it")


@quarantine_app.command("show", epilog=examples("absdw quarantine show 0001056404-03-002432"))
def quarantine_show(
    accession: Annotated[str, typer.Argument(help="Accession number of a quarantined filing.")],
    home: HomeOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Why one filing was quarantined (one reason per line) and the commands that retry it."""
    from absdw.quarantine import quarantined_filing

    filing = quarantined_filing(settings_for(home=home), accession)
    retries = filing.retry_commands()
    if fmt is Format.json:
        typer.echo(json_value({**asdict(filing), "retry": [
            {"command": c, "when": w} for c, w in retries]}))
        return
    rows: list[list[object]] = [[k, v] for k, v in asdict(filing).items() if k != "reasons"]
    rows += [["reason", r] for r in filing.reasons]
    rows += [["retry", f"{c}    # {w}"] for c, w in retries]
    emit(["item", "value"], rows, fmt)
