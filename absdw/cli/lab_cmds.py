"""``absdw demo`` and ``absdw standin``: the product offline, on the project's EDGAR stand-in."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated

import typer

from absdw.cli.root import FormatOpt, HomeOpt, app, emit, examples, log
from absdw.output import Format

__all__ = ["demo", "standin"]


@app.command(epilog=examples("absdw demo", "absdw demo --home /tmp/absdw-demo --months 36",
                             'absdw query --home /tmp/absdw-demo "select * from trusts"'))
def demo(
    home: HomeOpt = None,
    months: Annotated[int, typer.Option(help="Months per synthetic trust.")] = 24,
    fmt: FormatOpt = Format.table,
) -> None:
    """Offline demo: serve sample EDGAR content locally, sync it, print month over month.

    Writes to --home, else ABSDW_HOME, else the user's data folder (absdw/demo); a home
    holding a real warehouse is refused."""
    from absdw.demo import run_demo
    from absdw.progress import for_stream

    columns, rows, used_home = run_demo(home, months=months, progress=for_stream())
    emit(columns, rows, fmt)
    log(f'warehouse at {used_home}; try: absdw query --home "{used_home}" '
        '"select * from pool_performance"  or  absdw report --home '
        f'"{used_home}" --cik 1268747')


@app.command(epilog=examples(
    "absdw standin --root /tmp/edgar --samples --port 8765",
    "ABSDW_EDGAR_URL=http://127.0.0.1:8765 ABSDW_EDGAR_DATA_URL=http://127.0.0.1:8765 \\",
    "  absdw trusts search terwin"))
def standin(
    root: Annotated[Path, typer.Option(help="Directory laid out like EDGAR.")],
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (0 = any free port).")] = 0,
    samples: Annotated[bool, typer.Option(help="First write the sample trusts into ROOT "
                                          "(submissions, documents, daily and full indexes; "
                                          "browse-edgar answers from them).")] = False,
) -> None:
    """Serve an EDGAR-shaped directory over HTTP on 127.0.0.1 until interrupted."""
    from lab.samples import sample_tree
    from lab.standin.server import StandinServer

    tree = sample_tree(root)[0] if samples else None
    with StandinServer(root, port=port, tree=tree) as server:
        typer.echo(f"EDGAR stand-in at {server.url} serving {root}  (Ctrl-C to stop)")
        typer.echo(f"  export ABSDW_EDGAR_URL={server.url} ABSDW_EDGAR_DATA_URL={server.url}")
        if tree is None:
            typer.echo("  (browse-edgar, for file numbers and name search, answers only with "
                       "--samples)")
        with contextlib.suppress(KeyboardInterrupt):
            server.wait()
