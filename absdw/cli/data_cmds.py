"""``absdw query``, ``parse``, ``export``, ``compact`` and ``config show``: reading the
warehouse, the raw store and the settings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from absdw.cli.root import (
    STATE,
    AsOfOpt,
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
from absdw.config import SETTINGS, load_settings
from absdw.output import Format, json_value, render
from foundation.errors import ConfigError

__all__ = ["compact", "config_show", "export", "parse", "query", "render_sections"]

config_app = sub_app("Inspect configuration.", "absdw config show")
app.add_typer(config_app, name="config")


def _sql_text(sql: str | None, file: Path | None) -> str:
    """The SQL from the argument, ``--file``, or stdin (``-`` or a pipe)."""
    if sql is not None and file is not None:
        raise ConfigError("give the SQL as an argument or with --file, not both")
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read SQL file {file}: {exc.strerror or exc}") from exc
    elif sql == "-" or (sql is None and not sys.stdin.isatty()):
        text = sys.stdin.read()
    else:
        text = sql or ""
    if not text.strip():
        raise ConfigError('no SQL given: absdw query "select * from trusts", --file FILE.sql, '
                          "or SQL on stdin")
    return text


@app.command(epilog=examples(
    'absdw query "select * from trusts"',
    'absdw query -f csv "select * from pool_performance where cik = 1268747" > terwin.csv',
    "absdw query --file monthly.sql            # several statements: each result is printed",
    "echo 'select count(*) from filings' | absdw query",
    'absdw query --as-of 2004-06-30 "select * from pools"   # what was known then'))
def query(
    sql: Annotated[str | None, typer.Argument(
        help="SQL over the views (trusts, filings, tranches, pools, delinquencies, "
             "report_items, *_history, pool_performance, tranche_performance, "
             "delinquency_transitions); '-' or a pipe reads stdin.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the SQL from this file.")]
    = None,
    fmt: FormatOpt = Format.table,
    home: HomeOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Run SQL against the warehouse and print each result."""
    from warehouse import query_statements

    text = _sql_text(sql, file)
    settings = settings_for(home=home)
    results = query_statements(settings.warehouse_dir, text,
                               as_of=as_of.date() if as_of else None)
    if fmt is Format.json and len(results) != 1:
        sys.stdout.write("[\n" + ",\n".join(render(c, r, fmt).rstrip() for c, r in results)
                         + "\n]\n")
        return
    sys.stdout.write("\n".join(render(c, r, fmt) for c, r in results))


@app.command(epilog=examples("absdw parse --accession 0001056404-03-002432",
                             "absdw parse --accession 0001056404-03-002432 --trace -f json"))
def parse(
    accession: Annotated[str, typer.Option("--accession", help="Accession of a stored filing.")],
    cik: Annotated[int | None, typer.Option("--cik", help="Its trust (default: look it up).")]
    = None,
    trace: Annotated[bool, typer.Option("--trace", help="Also show each table's column -> "
                                        "field mapping and where its rows went.")] = False,
    fmt: FormatOpt = Format.table,
    home: HomeOpt = None,
) -> None:
    """Re-parse one stored filing offline and show what each section mapped to."""
    from absdw.explain_filing import explain_filing, sections

    settings = settings_for(home=home)
    explained = sections(explain_filing(settings, accession, cik), debug=trace or STATE.debug)
    sys.stdout.write(render_sections(explained, fmt))


def render_sections(parts: list[tuple[str, list[str], list[list[Any]]]], fmt: Format) -> str:
    """Several named tables: headed blocks, or one JSON object of arrays."""
    if fmt is Format.json:
        body = ",\n".join(f"{json_value(name)}: {render(cols, rows, fmt).rstrip()}"
                          for name, cols, rows in parts)
        return "{\n" + body + "\n}\n"
    return "\n".join(f"== {name} ==\n{render(cols, rows, fmt)}" for name, cols, rows in parts)


@app.command(epilog=examples(
    "absdw export --to bi/                         # every table and metric view, Parquet",
    "absdw export --to bi/ -f csv --table pools --cik 1268747",
    "absdw export --to bi/ --duckdb bi/absdw.duckdb   # also a database file of views"))
def export(
    to: Annotated[Path, typer.Option("--to", help="Directory to write into.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet or csv.")] = "parquet",
    table: Annotated[list[str] | None, typer.Option("--table", help="Table (repeatable).")] = None,
    cik: CikOpt = None,
    duckdb_file: Annotated[Path | None, typer.Option(
        "--duckdb", help="Also write a DuckDB database file with one view per exported "
                         "table, for tools that open a database.")] = None,
    home: HomeOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Write clean single-version files (one sorted file per table and year) for BI tools."""
    from warehouse import export as run_export
    from warehouse import write_export_database

    settings = settings_for(home=home)
    result = run_export(settings.warehouse_dir, to, fmt, tables=table, ciks=cik,  # type: ignore[arg-type]
                        as_of=as_of.date() if as_of else None)
    emit(["table", "rows"], [[t, n] for t, n in result.rows.items()], Format.table)
    log(f"{len(result.files)} file(s) under {to}")
    if duckdb_file is not None:
        views = write_export_database(to, result, duckdb_file)
        log(f"{duckdb_file}: {len(views)} view(s) over the files ({', '.join(views)})")


@app.command(epilog=examples("absdw compact", "absdw compact --retention-hours 0"))
def compact(
    home: HomeOpt = None,
    retention_hours: Annotated[float, typer.Option(help="Keep files newer versions need.")] = 168,
    fmt: FormatOpt = Format.table,
) -> None:
    """Rewrite fragmented partitions as sorted files and vacuum what no reader needs."""
    from absdw.pipeline.lock import sync_lock
    from warehouse import Warehouse

    settings = settings_for(home=home)
    with sync_lock(settings.home):
        result = Warehouse(settings.warehouse_dir).compact(retention_hours=retention_hours)
    rows = [[t, result.files_before[t], result.files_after[t]] for t in result.files_before]
    emit(["table", "files_before", "files_after"], rows, fmt)


@config_app.command("show", epilog=examples("absdw config show", "absdw config show -f json"))
def config_show(fmt: FormatOpt = Format.table) -> None:
    """Print every setting, its value and where the value came from."""
    settings = load_settings()
    rows = [[s.name, getattr(settings, s.name), settings.sources[s.name], s.env]
            for s in SETTINGS]
    emit(["setting", "value", "source", "environment"], rows, fmt)
