"""The ``absdw`` command line: parse options, resolve settings, call one library function, render.

Every command body stays short; the work lives in functions a notebook can call too. Errors
print one line to stderr and exit with a documented code (see :mod:`absdw.errors`); ``--debug``
shows the traceback instead.
"""

from __future__ import annotations

import contextlib
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from absdw import __version__
from absdw.config import SETTINGS, load_settings
from absdw.errors import exit_code_for
from absdw.output import Format, render
from foundation.errors import ConfigError
from foundation.text import bounded, printable

#: The Typer app, its entry point, and one function per command (named like the command).
__all__ = ["app", "compact", "config_show", "demo", "export", "main", "parse", "query",
           "reparse", "standin", "status", "sync"]

app = typer.Typer(
    name="absdw",
    help="EDGAR crawler and time-series warehouse for asset-backed-securities trusts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
config_app = typer.Typer(help="Inspect configuration.", no_args_is_help=True)
app.add_typer(config_app, name="config")

_state: dict[str, bool] = {"debug": False}

HomeOpt = Annotated[Path | None, typer.Option("--home", help="ABSDW_HOME for this run.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"absdw {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print version.")
    ] = False,
) -> None:
    _state["debug"] = debug


@app.command()
def sync(
    cik: Annotated[list[int] | None, typer.Option("--cik", help="Trust CIK (repeatable).")] = None,
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

    settings = load_settings(dict(home=home, user_agent=user_agent, edgar_url=edgar_url,
                                  edgar_data_url=edgar_data_url, rate_limit=rate_limit))
    if all_ and (cik or file_number):
        raise ConfigError("--all syncs the watch list; run --cik/--file-number separately.")
    if not (all_ or cik or file_number):
        raise ConfigError("nothing to sync: pass --cik N, --file-number X (repeatable) or "
                          "--all with a watch list ([watch] ciks / file_numbers).")
    progress = for_stream(sys.stderr)
    try:
        if all_:
            summary = sync_watchlist(settings, all_matches=all_matches, progress=progress,
                                     wait=wait)
        else:
            summary = run_sync(settings, cik or [], file_numbers=file_number or [],
                               all_matches=all_matches, progress=progress, wait=wait)
    finally:
        progress.close()
    typer.echo(summary.describe(), err=True)
    summary.check()


AsOfOpt = Annotated[
    datetime | None,
    typer.Option("--as-of", formats=["%Y-%m-%d"], help="What was known on this filing date."),
]


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL over the views (filings, tranches, pools ...).")],
    fmt: FormatOpt = Format.table,
    home: HomeOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Run SQL against the warehouse and print the result."""
    from warehouse import query as run_query

    settings = load_settings(dict(home=home))
    columns, rows = run_query(settings.warehouse_dir, sql, as_of=as_of.date() if as_of else None)
    sys.stdout.write(render(columns, rows, fmt))


@app.command()
def parse(
    accession: Annotated[str, typer.Option("--accession", help="Accession of a stored filing.")],
    cik: Annotated[int | None, typer.Option("--cik", help="Its trust (default: look it up).")]
    = None,
    debug: Annotated[bool, typer.Option("--debug", help="Also show each table's column -> "
                                        "field mapping and where its rows went.")] = False,
    fmt: FormatOpt = Format.table,
    home: HomeOpt = None,
) -> None:
    """Re-parse one stored filing offline and show what each section mapped to."""
    from absdw.explain_filing import explain_filing, sections

    settings = load_settings(dict(home=home))
    explained = sections(explain_filing(settings, accession, cik), debug=debug)
    sys.stdout.write(_render_sections(explained, fmt))


def _render_sections(parts: list[tuple[str, list[str], list[list[Any]]]], fmt: Format) -> str:
    """Several named tables: headed blocks, or one JSON object of arrays."""
    if fmt is Format.json:
        body = ",\n".join(f'"{name}": {render(cols, rows, fmt).rstrip()}'
                           for name, cols, rows in parts)
        return "{\n" + body + "\n}\n"
    return "\n".join(f"== {name} ==\n{render(cols, rows, fmt)}" for name, cols, rows in parts)


@app.command()
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
    settings = load_settings(dict(home=home))
    summary = run_reparse(settings, None if all_ else cik, force=force)
    typer.echo(summary.describe(), err=True)


@app.command()
def export(
    to: Annotated[Path, typer.Option("--to", help="Directory to write into.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet or csv.")] = "parquet",
    table: Annotated[list[str] | None, typer.Option("--table", help="Table (repeatable).")] = None,
    cik: Annotated[list[int] | None, typer.Option("--cik", help="Only this trust (repeatable).")]
    = None,
    home: HomeOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Write clean single-version files (one sorted file per table and year) for BI tools."""
    from warehouse import export as run_export

    settings = load_settings(dict(home=home))
    result = run_export(settings.warehouse_dir, to, fmt, tables=table, ciks=cik,  # type: ignore[arg-type]
                        as_of=as_of.date() if as_of else None)
    rows = [[t, n] for t, n in result.rows.items()]
    sys.stdout.write(render(["table", "rows"], rows, Format.table))
    typer.echo(f"{len(result.files)} file(s) under {to}", err=True)


@app.command()
def compact(
    home: HomeOpt = None,
    retention_hours: Annotated[float, typer.Option(help="Keep files newer versions need.")] = 168,
) -> None:
    """Rewrite fragmented partitions as sorted files and vacuum what no reader needs."""
    from warehouse import Warehouse

    settings = load_settings(dict(home=home))
    result = Warehouse(settings.warehouse_dir).compact(retention_hours=retention_hours)
    rows = [[t, result.files_before[t], result.files_after[t]] for t in result.files_before]
    sys.stdout.write(render(["table", "files_before", "files_after"], rows, Format.table))


@app.command()
def status(home: HomeOpt = None, fmt: FormatOpt = Format.table) -> None:
    """Row counts, filings by parse status, trusts and last commit."""
    from warehouse import Warehouse

    settings = load_settings(dict(home=home))
    info = Warehouse(settings.warehouse_dir).status()
    rows = [[key, _flat(value)] for key, value in info.items()]
    sys.stdout.write(render(["item", "value"], rows, fmt))


def _flat(value: Any) -> Any:
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    return value


@app.command()
def demo(
    home: HomeOpt = None,
    months: Annotated[int, typer.Option(help="Months per synthetic trust.")] = 24,
) -> None:
    """Offline demo: serve sample EDGAR content locally, sync it, print month over month."""
    from absdw.demo import run_demo
    from absdw.progress import LogProgress

    columns, rows, used_home = run_demo(home, months=months, progress=LogProgress())
    sys.stdout.write(render(columns, rows, Format.table))
    typer.echo(
        f'warehouse at {used_home}; try: absdw query --home {used_home} "select * from pools"',
        err=True,
    )


@app.command()
def standin(
    root: Annotated[Path, typer.Option(help="Directory laid out like EDGAR.")],
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (0 = any free port).")] = 0,
    samples: Annotated[bool, typer.Option(help="First write the sample trusts into ROOT.")] = False,
) -> None:
    """Serve an EDGAR-shaped directory over HTTP on 127.0.0.1 until interrupted."""
    from lab.samples import write_sample_tree
    from lab.standin.server import StandinServer

    if samples:
        write_sample_tree(root)
    with StandinServer(root, port=port) as server:
        typer.echo(f"EDGAR stand-in at {server.url} serving {root}  (Ctrl-C to stop)")
        typer.echo(f"  export ABSDW_EDGAR_URL={server.url} ABSDW_EDGAR_DATA_URL={server.url}")
        with contextlib.suppress(KeyboardInterrupt):
            server.wait()


@config_app.command("show")
def config_show(fmt: FormatOpt = Format.table) -> None:
    """Print every setting, its value and where the value came from."""
    settings = load_settings()
    rows = [
        [s.name, _flat(getattr(settings, s.name)), settings.sources[s.name], s.env]
        for s in SETTINGS
    ]
    sys.stdout.write(render(["setting", "value", "source", "environment"], rows, fmt))


def main() -> None:
    """Console entry point: usage errors are typer's (exit 2); ours become one line + code."""
    try:
        app()
    except Exception as exc:  # the one place that turns errors into exit codes
        if _state["debug"]:
            raise
        typer.echo(f"absdw: error: {printable(bounded(str(exc)))}", err=True)
        sys.exit(exit_code_for(exc))
